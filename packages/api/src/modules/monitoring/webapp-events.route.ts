import type { StandardSchemaV1 } from '@standard-schema/spec';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Viewer } from '../../context.js';
import { apiError, ErrorCode, validationFailureError } from '../../errors.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { cleanJson } from '../../input-rule.js';
import { clientAddressOf, recordWebAppEvent, type WebAppEventLimiter, webAppEventSchema } from './webapp-events.service.js';

export const WEBAPP_EVENT_PATH = '/debug/webapp-event';
/** Larger bodies are refused with 413 before they are parsed. */
export const MAX_EVENT_BODY_BYTES = 4096;

export interface WebAppEventRouteOptions {
  prisma: PrismaClient;
  limiter: WebAppEventLimiter;
  trustProxy: boolean;
  /** The API's own rule for `Authorization: tma …` (`resolveViewer`): throws when init data does not verify. */
  viewerOf: (authorization: string) => Viewer;
}

/**
 * `POST /debug/webapp-event`: one stage event, as JSON. `navigator.sendBeacon` cannot set
 * headers and sends strings as `text/plain`, so that content type is accepted too, and the
 * init data may come as an `initData` field instead of `Authorization: tma …`.
 *
 * Events are accepted before authentication (an `auth_failed` event has no valid identity by
 * definition): init data that verifies attaches the Telegram user; init data that does not
 * is ignored and the event is stored without a user — never with the user it claims.
 *
 * Answers 202 `{"accepted":true,"identified":…}`; refusals write nothing and answer like the
 * GraphQL API, `{"errors":[{"message","extensions":{"code"}}]}`: 400 BAD_USER_INPUT (not
 * JSON, unknown stage, bad field), 413 BAD_USER_INPUT (body over 4 KiB), 415 BAD_USER_INPUT
 * (content type), 405 (method), 429 RATE_LIMITED with `Retry-After`.
 */
export function useWebAppEventRoute(options: WebAppEventRouteOptions): Plugin {
  return {
    async onRequest({ request, url, serverContext, endResponse }) {
      if (url.pathname !== WEBAPP_EVENT_PATH) return;
      endResponse(await acceptEvent(request, serverContext, options));
    },
  };
}

async function acceptEvent(request: Request, serverContext: unknown, options: WebAppEventRouteOptions): Promise<Response> {
  if (request.method !== 'POST') {
    return refusal(405, apiError(ErrorCode.BAD_USER_INPUT, 'POST an event.'), { allow: 'POST' });
  }
  try {
    await options.limiter.admit(clientAddressOf(request, serverContext, options.trustProxy));
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const retryAfter = String(error.extensions.retryAfterSeconds ?? 60);
    return refusal(429, error, { 'retry-after': retryAfter });
  }

  const contentType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json' && contentType !== 'text/plain') {
    return refusal(415, apiError(ErrorCode.BAD_USER_INPUT, 'Send the event as JSON (application/json or text/plain).'));
  }
  const text = await readAtMost(request, MAX_EVENT_BODY_BYTES);
  if (text === 'TOO_LARGE') {
    return refusal(413, apiError(ErrorCode.BAD_USER_INPUT, `An event is at most ${MAX_EVENT_BODY_BYTES} bytes.`));
  }
  const parsed = parseObject(text);
  if (!parsed) return refusal(400, apiError(ErrorCode.BAD_USER_INPUT, 'The body is not a JSON object.'));
  // The API's text rule (input-rule.ts), as for the GraphQL mutation.
  const textIssues: StandardSchemaV1.Issue[] = [];
  const body = cleanJson(parsed, [], textIssues) as Record<string, unknown>;
  if (textIssues.length > 0) return refusal(400, validationFailureError({ issues: textIssues }));

  const event = await webAppEventSchema['~standard'].validate(body);
  if (event.issues) return refusal(400, validationFailureError({ issues: event.issues }));

  const recorded = await recordWebAppEvent(options.prisma, event.value, telegramIdOf(request, body, options));
  return Response.json({ accepted: true, identified: recorded.identified }, { status: 202 });
}

/** The verified user of `Authorization: tma …` or of an `initData` field; null when absent or not verified. */
function telegramIdOf(request: Request, body: Record<string, unknown>, options: WebAppEventRouteOptions): bigint | null {
  const header = request.headers.get('authorization')?.trim();
  const raw = header && /^tma /i.test(header) ? header : typeof body.initData === 'string' ? `tma ${body.initData}` : null;
  if (!raw) return null;
  try {
    const viewer = options.viewerOf(raw);
    return viewer.kind === 'telegram' ? viewer.telegramId : null;
  } catch (error) {
    // Logged by resolveViewer ("init data rejected"); the event is stored without a user.
    if (!(error instanceof GraphQLError)) throw error;
    return null;
  }
}

/** The body as text, or TOO_LARGE as soon as it passes `limit` bytes (a lying or missing Content-Length included). */
async function readAtMost(request: Request, limit: number): Promise<string | 'TOO_LARGE' | null> {
  const declared = Number(request.headers.get('content-length'));
  if (declared > limit) return 'TOO_LARGE';
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return 'TOO_LARGE';
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return null;
  }
}

function parseObject(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A refusal shaped like a GraphQL error response, without the internal `http` extension. */
function refusal(status: number, error: GraphQLError, headers: Record<string, string> = {}): Response {
  const { http: _http, ...extensions } = error.extensions;
  return Response.json({ errors: [{ message: error.message, extensions }] }, { status, headers });
}
