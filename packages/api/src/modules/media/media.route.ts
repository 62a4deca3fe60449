import type { FormDataLimits } from '@whatwg-node/fetch';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { CONTENT_TYPE, imageRejected } from './image-pipeline.js';
import { MEDIA_PATH_PREFIX, type MediaStorage } from './media-storage.js';
import { isFileInUse } from './photo.service.js';

/** A stored file's key: the SHA-256 of its bytes, which is also its ETag. */
const KEY = /^([0-9a-f]{64})\.webp$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface MediaRouteOptions {
  prisma: PrismaClient;
  storage: MediaStorage;
}

/**
 * `GET /media/<key>` (and HEAD): a photo's image. The key is a hash of the bytes, so the answer
 * never changes: cached for a year as immutable, with the hash as ETag (304 for If-None-Match).
 * Only files a photo uses are served: one whose photos were deleted answers 404 at once, even
 * before (or if never) its bytes are removed from the storage.
 */
export function useMediaRoute(options: MediaRouteOptions): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (!url.pathname.startsWith(MEDIA_PATH_PREFIX)) return;
      endResponse(await serveFile(request, url.pathname.slice(MEDIA_PATH_PREFIX.length), options));
    },
  };
}

function notFound(): Response {
  return new Response(null, { status: 404, headers: { 'cache-control': 'no-store' } });
}

async function serveFile(request: Request, key: string, options: MediaRouteOptions): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });
  const hash = KEY.exec(key)?.[1];
  if (!hash || !(await isFileInUse(options.prisma, key))) return notFound();
  const file = await options.storage.get(key);
  if (!file) return notFound();
  const etag = `"${hash}"`;
  const headers = {
    'cache-control': IMMUTABLE,
    etag,
    'content-type': CONTENT_TYPE,
    'x-content-type-options': 'nosniff',
  };
  if (matchesETag(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  return new Response(request.method === 'HEAD' ? null : file.bytes, {
    headers: { ...headers, 'content-length': String(file.bytes.byteLength) },
  });
}

function matchesETag(header: string | null, etag: string): boolean {
  return header?.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === etag) ?? false;
}

/** Room for the rest of a multipart upload beside the file: the operation, the map, part headers. */
export const MULTIPART_ALLOWANCE_BYTES = 64 * 1024;

/**
 * How the request parser reads multipart bodies (the fetch API's `formDataLimits`): one file of at
 * most `maxUploadBytes` beside the `operations` and `map` fields. Reading stops at the first byte
 * over, so no more than that is ever held.
 */
export function uploadFormDataLimits(maxUploadBytes: number): FormDataLimits {
  return { fileSize: maxUploadBytes, files: 1, fields: 2, parts: 3, fieldSize: MULTIPART_ALLOWANCE_BYTES };
}

function isMultipart(request: Request): boolean {
  return request.headers.get('content-type')?.toLowerCase().startsWith('multipart/form-data') ?? false;
}

function fileTooLarge(maxUploadBytes: number): GraphQLError {
  const error = imageRejected('FILE_TOO_LARGE', `A photo is at most ${Math.floor(maxUploadBytes / (1024 * 1024))} MiB.`);
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 413 } } });
}

/**
 * Uploads over the limit are refused as BAD_USER_INPUT (reason FILE_TOO_LARGE, HTTP 413) like any
 * other bad file: by their Content-Length before anything is read, or, without one, as soon as
 * the file passes the limit (`uploadFormDataLimits`; Yoga answers that as REQUEST_ENTITY_TOO_LARGE).
 */
export function useUploadLimit({ maxUploadBytes }: { maxUploadBytes: number }): Plugin {
  return {
    onRequest({ request, endResponse }) {
      if (request.method !== 'POST' || !isMultipart(request)) return;
      if (Number(request.headers.get('content-length')) > maxUploadBytes + MULTIPART_ALLOWANCE_BYTES) {
        const error = fileTooLarge(maxUploadBytes);
        const { http: _http, ...extensions } = error.extensions;
        endResponse(Response.json({ errors: [{ message: error.message, extensions }] }, { status: 413 }));
      }
    },
    onRequestParse({ request, requestParser, setRequestParser }) {
      if (!requestParser || !isMultipart(request)) return;
      const parse = requestParser;
      setRequestParser(async (toParse) => {
        try {
          return await parse(toParse);
        } catch (error) {
          if (error instanceof GraphQLError && error.extensions.code === 'REQUEST_ENTITY_TOO_LARGE') throw fileTooLarge(maxUploadBytes);
          throw error;
        }
      });
    },
  };
}
