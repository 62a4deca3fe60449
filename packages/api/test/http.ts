import type { TestApp } from './app.js';

export interface RawResponse {
  status: number;
  headers: Headers;
  /** The body exactly as sent, to prove what it does not contain. */
  text: string;
}

/** What Node's server hands the app for a request from `address`: the socket's peer, as per-address limits read it. */
export function fromAddress(address: string) {
  return { req: { socket: { remoteAddress: address } } };
}

/**
 * Any request through the whole app (`app.fetch`): routes beside /graphql, or a body read byte
 * for byte; `from` is the caller's address (the socket's peer), `unknown` without one.
 */
export async function request(app: TestApp, path: string, init: RequestInit = {}, from?: string): Promise<RawResponse> {
  const response = await app.fetch(`http://zapis.test${path}`, init, from === undefined ? {} : fromAddress(from));
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
