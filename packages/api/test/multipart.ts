import { randomBytes } from 'node:crypto';
import { type GraphQLResponse, initDataFor, type RequestOptions, type TestApp } from './app.js';

/** A file part of a multipart request. */
export interface UploadPart {
  bytes: Uint8Array;
  filename?: string;
  type?: string;
}

export interface UploadOptions extends RequestOptions {
  /** Files by the variable path they stand for, e.g. `{ 'input.file': … }` (set to null in the operation). */
  files: Record<string, UploadPart>;
  /** Send the body as a stream of unknown length (no Content-Length), as chunked uploads come. */
  streamed?: boolean;
}

/** Sets `path` (dot-separated) in a copy of `variables` to null, as the spec puts files. */
function withNull(variables: Record<string, unknown>, path: string): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (!head) return variables;
  const inner = variables[head];
  const nested = typeof inner === 'object' && inner !== null ? { ...inner } : {};
  return { ...variables, [head]: rest.length === 0 ? null : withNull(nested, rest.join('.')) };
}

/**
 * The body of a GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec):
 * `operations` (the files' variables null), `map` (which part is which variable), then the files.
 */
export function multipartBody(query: string, variables: Record<string, unknown>, files: Record<string, UploadPart>) {
  const boundary = `----zapis-test-${randomBytes(8).toString('hex')}`;
  const paths = Object.keys(files);
  const operations = { query, variables: paths.reduce(withNull, variables) };
  const map = Object.fromEntries(paths.map((path, index) => [String(index), [`variables.${path}`]]));
  const field = (name: string, value: string) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const parts = [field('operations', JSON.stringify(operations)), field('map', JSON.stringify(map))];
  for (const [index, path] of paths.entries()) {
    const file = files[path]!;
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${index}"; filename="${file.filename ?? 'photo.jpg'}"\r\n` +
          `Content-Type: ${file.type ?? 'image/jpeg'}\r\n\r\n`,
      ),
      Buffer.from(file.bytes),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A stream of the bytes in 64 KiB chunks: a body whose length the server learns only by reading it. */
function streamOf(bytes: Buffer): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(new Uint8Array(bytes.subarray(offset, offset + 64 * 1024)));
      offset += 64 * 1024;
    },
  });
}

/** A GraphQL operation with files, as the mini-app sends uploads, through the whole app. */
export async function graphqlUpload<TData = Record<string, unknown>>(
  app: TestApp,
  query: string,
  options: UploadOptions,
): Promise<GraphQLResponse<TData>> {
  const { body, contentType } = multipartBody(query, options.variables ?? {}, options.files);
  const headers: Record<string, string> = { 'content-type': contentType, ...options.headers };
  if (options.as) headers.authorization = `tma ${initDataFor(options.as)}`;
  if (options.authorization !== undefined) headers.authorization = options.authorization;
  if (!options.streamed) headers['content-length'] = String(body.length);
  const response = await app.fetch('http://zapis.test/graphql', {
    method: 'POST',
    headers,
    body: options.streamed ? streamOf(body) : body,
    // A stream body is sent as it is read.
    duplex: 'half',
  });
  const parsed = (await response.json()) as Omit<GraphQLResponse<TData>, 'status' | 'headers'>;
  return { status: response.status, headers: response.headers, ...parsed };
}
