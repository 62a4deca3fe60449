import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

function isMultipart(request: Request): boolean {
  return request.headers.get('content-type')?.toLowerCase().startsWith('multipart/form-data') ?? false;
}

function bodyTooLarge(maxBytes: number): GraphQLError {
  return new GraphQLError(`A request body is at most ${Math.floor(maxBytes / 1024)} KiB.`, {
    extensions: { code: 'BAD_USER_INPUT', reason: 'BODY_TOO_LARGE', http: { status: 413 } },
  });
}

/** The body, cut off with the error once more than `maxBytes` have come: the rest is never read. */
function limitedBody(body: ReadableStream<Uint8Array>, maxBytes: number): ReadableStream<Uint8Array> {
  let received = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > maxBytes) controller.error(bodyTooLarge(maxBytes));
        else controller.enqueue(chunk);
      },
    }),
  );
}

/**
 * GraphQL bodies other than uploads end at `maxBytes` (GRAPHQL_MAX_BODY_KB): answered 413 with
 * BAD_USER_INPUT (reason BODY_TOO_LARGE). A declared Content-Length over the limit is refused
 * before any of the body is read, with `Connection: close` so that Node does not read and discard
 * the rest either; a body without one (chunked) is read up to the limit and no further. Multipart
 * uploads keep their own, larger limit (useUploadLimit, Yoga's maxRequestBodySize).
 */
export function useBodyLimit({ maxBytes }: { maxBytes: number }): Plugin {
  return {
    onRequest({ request, endResponse }) {
      if (request.method !== 'POST' || isMultipart(request)) return;
      if (Number(request.headers.get('content-length')) > maxBytes) {
        const { message, extensions } = bodyTooLarge(maxBytes);
        const { http: _http, ...visible } = extensions;
        endResponse(Response.json({ errors: [{ message, extensions: visible }] }, { status: 413, headers: { connection: 'close' } }));
      }
    },
    onRequestParse({ request, requestParser, setRequestParser }) {
      if (!requestParser || !request.body || isMultipart(request)) return;
      // A declared length is within the limit by now (onRequest), and Node's HTTP parser reads no
      // byte past it: only a body without one (chunked) is counted as it comes. Counting costs a
      // second Request and a stream pipe on every request, which the common case can do without.
      if (request.headers.has('content-length')) return;
      const parse = requestParser;
      setRequestParser((toParse) =>
        parse(
          new Request(toParse.url, {
            method: toParse.method,
            headers: toParse.headers,
            signal: toParse.signal,
            body: limitedBody(toParse.body as ReadableStream<Uint8Array>, maxBytes),
            // @ts-expect-error Node's fetch needs `duplex` for a streamed body; the DOM types lack it.
            duplex: 'half',
          }),
        ),
      );
    },
  };
}
