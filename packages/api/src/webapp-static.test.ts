import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveWebApp } from './webapp-static.js';

/** A built mini-app as `vite build` leaves it: a hashed chunk with its .br and .gz copies, and index.html. */
const script = Buffer.from(`export const greeting = ${JSON.stringify('привет, '.repeat(400))};\n`);
const index = '<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head></html>';

let dist: string;
let server: Server;
let origin: string;

beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), 'zapis-webapp-dist-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), index);
  await writeFile(path.join(dist, 'assets', 'index-Ab12Cd34.js'), script);
  await writeFile(path.join(dist, 'assets', 'index-Ab12Cd34.js.br'), brotliCompressSync(script));
  await writeFile(path.join(dist, 'assets', 'index-Ab12Cd34.js.gz'), gzipSync(script));
  server = createServer(serveWebApp(dist));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dist, { recursive: true, force: true });
});

/** A GET through node:http, which (unlike fetch) leaves the body as it came over the wire. */
function getRaw(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('the mini-app static server', () => {
  it('sends a hashed asset as its brotli copy, its gzip copy or as it is, by Accept-Encoding, cached for good', async () => {
    const url = `${origin}/assets/index-Ab12Cd34.js`;
    const brotli = await getRaw(url, { 'accept-encoding': 'br, gzip' });
    expect(brotli.status).toBe(200);
    expect(brotli.headers).toMatchObject({
      'content-encoding': 'br',
      'content-type': 'text/javascript',
      vary: 'Accept-Encoding',
      'cache-control': 'public, max-age=31536000, immutable',
    });
    expect(Number(brotli.headers['content-length'])).toBeLessThan(script.byteLength / 3);
    expect(brotliDecompressSync(brotli.body)).toEqual(script);

    const gzip = await getRaw(url, { 'accept-encoding': 'gzip' });
    expect(gzip.headers).toMatchObject({ 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
    expect(gunzipSync(gzip.body)).toEqual(script);

    const identity = await getRaw(url);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.headers.vary).toBe('Accept-Encoding');
    expect(identity.body).toEqual(script);

    // Each representation has its own validator, so a revalidation cannot mix them up.
    expect(new Set([brotli.headers.etag, gzip.headers.etag, identity.headers.etag]).size).toBe(3);
  });

  it('revalidates index.html on every launch, for client-side routes and /assets paths that are routes alike', async () => {
    for (const route of ['/', '/client/bookings', '/assets/not-a-file']) {
      const page = await getRaw(`${origin}${route}`, { 'accept-encoding': 'br, gzip' });
      expect(page.status, route).toBe(200);
      expect(page.body.toString(), route).toBe(index);
      expect(page.headers['cache-control'], route).toBe('no-cache');
    }
  });

  it('answers 404 for a missing asset instead of the page', async () => {
    expect((await getRaw(`${origin}/assets/index-OldHash1.js`)).status).toBe(404);
  });
});
