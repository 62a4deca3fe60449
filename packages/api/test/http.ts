import type { TestApp } from './app.js';

export interface RawResponse {
  status: number;
  headers: Headers;
  /** The body exactly as sent, to prove what it does not contain. */
  text: string;
}

/** Any request through the whole app (`app.fetch`): routes beside /graphql, or a body read byte for byte. */
export async function request(app: TestApp, path: string, init: RequestInit = {}): Promise<RawResponse> {
  const response = await app.fetch(`http://zapis.test${path}`, init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** A GraphQL POST whose response is kept as raw text. */
export function postGraphQL(app: TestApp, query: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return request(app, '/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
}
