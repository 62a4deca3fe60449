import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';

/** Below this a response gains a few hundred bytes at most, and may grow: it goes out as it is. */
export const MIN_COMPRESSED_BYTES = 1024;

/**
 * Levels for responses compressed on every request. Brotli quality 4 compresses JSON better than
 * gzip's default at a fraction of the CPU of quality 11, which is for files compressed once at
 * build (`npm run bench:compression` prints the cost of each level).
 */
export const DYNAMIC_BROTLI_QUALITY = 4;
export const DYNAMIC_GZIP_LEVEL = 6;

export type Encoding = 'br' | 'gzip';

/**
 * Bodies that come whole and compress well. Streams are left alone: `text/event-stream` and
 * `multipart/mixed` (subscriptions, @defer) must reach the client event by event, which a
 * compressor holding bytes back for a better ratio would prevent.
 */
const COMPRESSIBLE = /^(application\/(json|graphql-response\+json)|text\/(html|plain))\s*(;|$)/i;

/** The encoding the client prefers of those we produce (`br` on a tie), honouring `q` weights and `*`. */
export function preferredEncoding(acceptEncoding: string | null): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    weights.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const weightOf = (encoding: string) => weights.get(encoding) ?? weights.get('*') ?? 0;
  const accepted = (['br', 'gzip'] as const).filter((encoding) => weightOf(encoding) > 0);
  return accepted.sort((a, b) => weightOf(b) - weightOf(a))[0];
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Compresses on libuv's thread pool, so that a large body (GraphiQL's page) does not stall other requests. */
export async function compress(body: Uint8Array, encoding: Encoding): Promise<Uint8Array<ArrayBuffer>> {
  const compressed =
    encoding === 'br'
      ? await brotli(body, {
          params: {
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_QUALITY]: DYNAMIC_BROTLI_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
          },
        })
      : await gzipAsync(body, { level: DYNAMIC_GZIP_LEVEL });
  // A copy of the (small) result whose buffer is an ArrayBuffer, as a Response body must be.
  return new Uint8Array(compressed);
}

/**
 * Compresses whole JSON and HTML responses of at least 1 KB (GraphQL results, GraphiQL's page) with
 * brotli or gzip, as the request's `Accept-Encoding` allows. Not @whatwg-node/server's
 * useContentEncoding: it compresses every body, event streams included, at brotli's slowest
 * quality, sets no `Vary`, and reads `Accept-Encoding: br, gzip` as "br" and " gzip".
 * Register it last, so that it compresses the response the other plugins have finished.
 */
export function useResponseCompression(): Plugin {
  return {
    async onResponse({ request, response, setResponse, fetchAPI }) {
      if (!response.body || request.method === 'HEAD' || response.headers.has('content-encoding')) return;
      if (!COMPRESSIBLE.test(response.headers.get('content-type') ?? '')) return;
      const declaredLength = response.headers.get('content-length');
      if (declaredLength !== null && Number(declaredLength) < MIN_COMPRESSED_BYTES) return;

      let body = new Uint8Array(await response.arrayBuffer());
      // Copied name by name: whatwg-node's Headers copied from another keep the names as written
      // ('Content-Type' in GraphiQL's response) and, once appended to, no longer find them.
      const headers = new fetchAPI.Headers();
      for (const [name, value] of response.headers) headers.append(name.toLowerCase(), value);
      if (body.byteLength >= MIN_COMPRESSED_BYTES) {
        // A cache must not hand this representation to a client that asked for another encoding.
        headers.append('vary', 'Accept-Encoding');
        const encoding = preferredEncoding(request.headers.get('accept-encoding'));
        if (encoding) {
          body = await compress(body, encoding);
          headers.set('content-encoding', encoding);
        }
      }
      headers.set('content-length', String(body.byteLength));
      setResponse(new fetchAPI.Response(body, { status: response.status, statusText: response.statusText, headers }));
    },
  };
}
