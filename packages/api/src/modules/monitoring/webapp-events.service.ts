import { z } from 'zod';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { WebAppStage } from '../../generated/prisma/enums.js';
import type { RateLimitStore } from '../../rate-limits.js';
import { metrics } from './metrics.js';

/**
 * The stages the mini-app reports, so that drop-offs show. The same names are used by
 * `POST /debug/webapp-event`, `logWebAppEvent`, the `stage` label of
 * `zapis_webapp_events_total` and the `funnel` query.
 */
export const WEBAPP_STAGES = [
  'app_opened',
  'auth_ok',
  'auth_failed',
  'onboarding_step_saved',
  'master_activated',
  'search',
  'slot_viewed',
  'booking_created',
  'booking_failed',
  'client_error',
] as const;
export type WebAppStageName = (typeof WEBAPP_STAGES)[number];

export const toDbStage = (stage: WebAppStageName) => stage.toUpperCase() as WebAppStage;
export const fromDbStage = (stage: WebAppStage) => stage.toLowerCase() as WebAppStageName;

/** Serialised `details` may not exceed this; events are counters with a little context, not payloads. */
export const MAX_DETAILS_BYTES = 1024;
const MAX_DETAILS_KEYS = 10;
const MAX_DETAIL_STRING = 200;
const DETAIL_KEY = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
/** Keys that would carry personal data or credentials: refused rather than stored. */
const PERSONAL_KEY = /phone|name|mail|contact|address|init_?data|hash|token|password|secret|comment/i;
/** Runs of digits as long as a phone number (with the usual separators) are blanked in stored strings. */
const DIGIT_RUN = /\+?\d(?:[\s()-]*\d){6,}/g;
const TOKEN = /^[\w.+-]+$/;

const detailValue = z.union([
  z.string().max(MAX_DETAIL_STRING, `Detail strings are at most ${MAX_DETAIL_STRING} characters.`),
  z.number().finite(),
  z.boolean(),
  z.null(),
]);

const detailsSchema = z
  .record(z.string().regex(DETAIL_KEY, 'Detail keys are identifiers such as "step" or "code".'), detailValue)
  .refine((details) => Object.keys(details).length <= MAX_DETAILS_KEYS, `At most ${MAX_DETAILS_KEYS} details.`)
  .refine((details) => !Object.keys(details).some((key) => PERSONAL_KEY.test(key)), 'Details may not carry personal data.')
  .refine((details) => Buffer.byteLength(JSON.stringify(details)) <= MAX_DETAILS_BYTES, `Details are at most ${MAX_DETAILS_BYTES} bytes.`)
  .transform((details) =>
    Object.fromEntries(
      Object.entries(details).map(([key, value]) => [key, typeof value === 'string' ? value.replace(DIGIT_RUN, '[number]') : value]),
    ),
  );

/** One event as the mini-app sends it; the same rules for the REST route and the mutation. */
export const webAppEventSchema = z.object({
  stage: z.enum(WEBAPP_STAGES, { error: `Unknown stage: use one of ${WEBAPP_STAGES.join(', ')}.` }),
  platform: z.string().max(32).regex(TOKEN, 'A platform code such as "ios" or "tdesktop".').nullish(),
  appVersion: z.string().max(32).regex(TOKEN, 'A version such as "1.4.0".').nullish(),
  path: z
    .string()
    .max(200)
    .regex(/^\/[^\s?#]*$/, 'An app path such as "/master/register/phone", without query.')
    .nullish(),
  details: detailsSchema.nullish(),
});
export type WebAppEventInput = z.output<typeof webAppEventSchema>;

export interface StoredWebAppEvent {
  stage: WebAppStageName;
  platform: string | null;
  appVersion: string | null;
  path: string | null;
  occurredAt: Date;
  /** Whether the verified Telegram user was attached. */
  identified: boolean;
}

/**
 * Stores one validated event with the server's time (the device's clock is not trusted) and
 * the verified Telegram user when there is one, then counts it in `zapis_webapp_events_total`.
 */
export async function recordWebAppEvent(
  prisma: PrismaClient,
  event: WebAppEventInput,
  telegramId: bigint | null,
): Promise<StoredWebAppEvent> {
  const row = await prisma.webAppEvent.create({
    data: {
      stage: toDbStage(event.stage),
      telegramId,
      platform: event.platform ?? null,
      appVersion: event.appVersion ?? null,
      path: event.path ?? null,
      details: event.details ?? undefined,
    },
    select: { stage: true, platform: true, appVersion: true, path: true, occurredAt: true, telegramId: true },
  });
  metrics.webappEvents.inc({ stage: event.stage });
  return { ...row, stage: fromDbStage(row.stage), identified: row.telegramId !== null };
}

/** How many events one address may send a minute, across the REST route and the mutation. */
export interface WebAppEventLimiter {
  /** Counts one event from `clientAddress`; RATE_LIMITED (with `retryAfterSeconds`) once over the limit. */
  admit(clientAddress: string): Promise<void>;
}

/** `perMinute` events per address, all API instances together (the counters are in PostgreSQL). */
export function createWebAppEventLimiter(rateLimits: RateLimitStore, perMinute: number): WebAppEventLimiter {
  const limit = rateLimits.limit('webapp-event', perMinute, 'Too many events; try again later.');
  return { admit: (clientAddress) => limit.consume(clientAddress) };
}

interface NodeServerContext {
  req?: { socket?: { remoteAddress?: string } };
}

/**
 * The caller's address for rate limiting. Behind a reverse proxy (`TRUST_PROXY=true`) it is
 * the last `X-Forwarded-For` entry — the one our proxy added; elsewhere the socket's peer,
 * since a client can write any `X-Forwarded-For` it likes.
 */
export function clientAddressOf(request: Request, serverContext: unknown, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  return (serverContext as NodeServerContext | undefined)?.req?.socket?.remoteAddress ?? 'unknown';
}
