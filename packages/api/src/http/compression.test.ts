import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.js';
import { MIN_COMPRESSED_BYTES, preferredEncoding } from './compression.js';

const app = createTestApp();

/** Large enough to be compressed: every type of the schema with its fields. */
const LARGE = '{ __schema { types { name fields { name } } } }';

async function post(query: string, headers: Record<string, string> = {}) {
  const response = await app.fetch('http://zapis.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

describe('GraphQL response compression', () => {
  it('compresses a response over 1 KB with brotli or gzip, as the client accepts, to the same JSON', async () => {
    const plain = await post(LARGE);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toContain('Accept-Encoding');
    expect(plain.body.byteLength).toBeGreaterThan(10 * MIN_COMPRESSED_BYTES);
    const json = JSON.parse(plain.body.toString());
    expect(json.data.__schema.types.length).toBeGreaterThan(50);

    const brotli = await post(LARGE, { 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(brotli.headers.get('vary')).toContain('Accept-Encoding');
    expect(Number(brotli.headers.get('content-length'))).toBe(brotli.body.byteLength);
    expect(brotli.body.byteLength).toBeLessThan(plain.body.byteLength / 4);
    expect(JSON.parse(brotliDecompressSync(brotli.body).toString())).toEqual(json);
    // The plugins before it still shape the response.
    expect(brotli.headers.get('x-request-id')).toBeTruthy();

    const gzip = await post(LARGE, { 'accept-encoding': 'gzip' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.body).toString())).toEqual(json);
  });

  it('sends a small response as it is', async () => {
    const small = await post('{ __typename }', { 'accept-encoding': 'br, gzip' });
    expect(small.headers.get('content-encoding')).toBeNull();
    expect(JSON.parse(small.body.toString())).toEqual({ data: { __typename: 'Query' } });
  });

  it('leaves an event stream alone, however large', async () => {
    const response = await app.fetch('http://zapis.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'accept-encoding': 'br, gzip' },
      body: JSON.stringify({ query: LARGE }),
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    // Yoga marks its event streams `Content-Encoding: none`, which proxies leave alone too.
    expect(response.headers.get('content-encoding')).toBe('none');
    const text = await response.text();
    expect(text).toContain('event: next');
    expect(text.length).toBeGreaterThan(10 * MIN_COMPRESSED_BYTES);
  });

  it('compresses the GraphiQL page', async () => {
    const page = await app.fetch('http://zapis.test/graphql', { headers: { accept: 'text/html', 'accept-encoding': 'br, gzip' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-encoding')).toBe('br');
    const body = Buffer.from(await page.arrayBuffer());
    const html = brotliDecompressSync(body).toString();
    expect(html).toContain('Zapis API');
    expect(body.byteLength).toBeLessThan(html.length / 3);
  });
});

describe('preferredEncoding', () => {
  it('takes brotli over gzip unless the weights say otherwise, and nothing that is refused', () => {
    expect(preferredEncoding('gzip, deflate, br')).toBe('br');
    expect(preferredEncoding('br;q=0.5, gzip')).toBe('gzip');
    expect(preferredEncoding('br;q=0, gzip;q=0')).toBeUndefined();
    expect(preferredEncoding('*')).toBe('br');
    expect(preferredEncoding('identity')).toBeUndefined();
    expect(preferredEncoding('deflate')).toBeUndefined();
    expect(preferredEncoding(null)).toBeUndefined();
  });
});
