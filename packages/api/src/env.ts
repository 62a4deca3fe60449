import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root: `packages/api/{src,dist}/env.{ts,js}` is three levels below it. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Where the embedded PostgreSQL server keeps its cluster when DATABASE_URL is unset. */
  EMBEDDED_DB_DIR: z.string().default(path.join(repoRoot, '.data', 'postgres')),
  /** The embedded server's loopback port; by default the last one used when free, else any free port. */
  EMBEDDED_DB_PORT: z.coerce.number().int().min(1024).max(65535).optional(),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[\w-]{20,}$/, 'must look like 123456:ABC-DEF… (the token BotFather gave)')
    .optional(),
  /** How old verified init data may be before it is refused. */
  INIT_DATA_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 60 * 60),
  WEBAPP_URL: z.string().url().optional(),
  /** `webhook` (POST /telegram/webhook) or `polling`; default: webhook when TELEGRAM_WEBHOOK_URL is set. */
  TELEGRAM_BOT_MODE: z.enum(['webhook', 'polling']).optional(),
  /** Public HTTPS URL of POST /telegram/webhook; registered with Telegram (setWebhook) at start. */
  TELEGRAM_WEBHOOK_URL: z.string().url().startsWith('https://', 'must be an https:// URL').optional(),
  /** Telegram sends it in X-Telegram-Bot-Api-Secret-Token with every update; required in webhook mode. */
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16–256 characters A–Z, a–z, 0–9, _ or - (e.g. `openssl rand -hex 32`)')
    .optional(),
  /** The bot's username (without @) for deep links; by default the one Telegram reports for the token. */
  TELEGRAM_BOT_USERNAME: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, 'must be the bot username without @')
    .optional(),
  /** Short name of the Mini App (BotFather /newapp) for `t.me/<bot>/<app>?startapp=` links. */
  TELEGRAM_MINI_APP_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_]{3,30}$/, 'must be the Mini App short name from BotFather')
    .optional(),
  ADMIN_API_KEY: z.string().min(24).optional(),
  /** Requests one partner key may make a minute, all API instances together. */
  PARTNER_REQUESTS_PER_MINUTE: z.coerce.number().int().positive().default(120),
  /** Segments smaller than this are withheld (size and members), so a pull cannot single out a person. */
  SEGMENT_MIN_COHORT_SIZE: z.coerce.number().int().min(1).default(10),
  /** Telegram Gateway API token: phone verification codes are sent through it. Required in production. */
  TELEGRAM_GATEWAY_TOKEN: z.string().trim().min(1).optional(),
  /** The Gateway's base URL; only tests and proxies change it. */
  TELEGRAM_GATEWAY_URL: z.string().url().optional(),
  /** Key of the HMAC that one-time codes are stored under. Required in production. */
  OTP_SECRET: z.string().min(32, 'use at least 32 random characters, e.g. `openssl rand -hex 32`').optional(),
  /** Load demo data into an empty database at start; on by default for the embedded database only. */
  DEMO_DATA: flag.optional(),
  GRAPHIQL: flag.optional(),
  INTROSPECTION: flag.optional(),
  /** `GET /metrics` without the operator key; off by default in production (then it needs X-Admin-Key). */
  METRICS_PUBLIC: flag.optional(),
  /** WebApp events (`/debug/webapp-event`, `logWebAppEvent`) one address may send a minute, all instances together. */
  WEBAPP_EVENTS_PER_MINUTE: z.coerce.number().int().positive().default(60),
  /** GraphQL requests one signed-in Telegram user may make a minute, all instances together. */
  GRAPHQL_REQUESTS_PER_MINUTE_PER_USER: z.coerce.number().int().positive().default(300),
  /** GraphQL requests without credentials one address may make a minute, all instances together. */
  GRAPHQL_REQUESTS_PER_MINUTE_PER_ADDRESS: z.coerce.number().int().positive().default(600),
  /** Behind a reverse proxy: take the caller's address from the last X-Forwarded-For entry. */
  TRUST_PROXY: flag.default(false),
  /** When the draft clean-up runs: five cron fields, in UTC. */
  DRAFT_CLEANUP_CRON: z
    .string()
    .trim()
    .regex(/^\S+(\s+\S+){4}$/, 'must be five cron fields (minute hour day month weekday), e.g. "0 3 * * *"')
    .default('0 3 * * *'),
  /** How long a waiting client holds a freed time offered to them before it passes to the next in line, in minutes. */
  WAITLIST_HOLD_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(10),
  /** Drafts with no activity for this many days are archived and their personal data removed. */
  DRAFT_MAX_AGE_DAYS: z.coerce.number().int().positive().default(30),
  /** Where photos' files are kept: `postgres` (the stored_files table) or `s3` (an S3-compatible bucket, S3_*). */
  MEDIA_STORAGE: z.enum(['postgres', 's3']).default('postgres'),
  /** The largest photo upload accepted, in MiB; larger requests are refused before they are read. */
  MEDIA_MAX_UPLOAD_MB: z.coerce.number().positive().max(100).default(15),
  S3_BUCKET: z.string().trim().min(1).optional(),
  /** An S3-compatible service's URL; unset: Amazon S3 of S3_REGION. */
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().trim().min(1).optional(),
  S3_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Path-style URLs (`<endpoint>/<bucket>/<key>`), which most S3-compatible services and local servers need. */
  S3_FORCE_PATH_STYLE: flag.default(false),
  /** On SIGTERM/SIGINT, how long requests in flight and running jobs get to finish before the process exits. */
  SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(300).default(10),
  /**
   * Behind a load balancer: on SIGTERM, how long to go on serving everything while /ready already
   * answers 503, before the drain closes the listener — time for the balancer to see it and stop
   * sending, so no connection is left queued at a closed listener. 0 (the default) drains at once.
   */
  SHUTDOWN_PRESTOP_SECONDS: z.coerce.number().min(0).max(120).default(0),
  /** A client must send a request's headers within this time, else its connection is closed (slow clients). */
  HTTP_HEADERS_TIMEOUT_SECONDS: z.coerce.number().positive().max(300).default(10),
  /** A client must send a whole request, body included, within this time: a photo upload at 1 Mbit/s fits. */
  HTTP_REQUEST_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(120),
  /** An idle keep-alive connection is closed after this time; keep it above a reverse proxy's idle timeout. */
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: z.coerce.number().positive().max(600).default(5),
  /** The largest GraphQL request body other than an upload (multipart has MEDIA_MAX_UPLOAD_MB), in KiB. */
  GRAPHQL_MAX_BODY_KB: z.coerce.number().int().min(1).max(10_240).default(128),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `json` lines, `pretty` (pino-pretty), or `auto`: pretty when stdout is a terminal. */
  LOG_FORMAT: z.enum(['json', 'pretty', 'auto']).default('auto'),
});

/** An S3-compatible bucket for photos' files (MEDIA_STORAGE=s3). */
export interface S3Settings {
  bucket: string;
  region: string;
  endpoint: string | undefined;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

const S3_REQUIRED = ['S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

export type Env = z.infer<typeof EnvSchema> & {
  /** How the bot receives updates (when it runs at all: TELEGRAM_BOT_TOKEN and WEBAPP_URL set). */
  botMode: 'webhook' | 'polling';
  isProduction: boolean;
  graphiql: boolean;
  introspection: boolean;
  metricsPublic: boolean;
  /** MEDIA_MAX_UPLOAD_MB in bytes. */
  mediaMaxUploadBytes: number;
  /** GRAPHQL_MAX_BODY_KB in bytes. */
  graphqlMaxBodyBytes: number;
  /** The bucket when MEDIA_STORAGE=s3, else undefined. */
  s3: S3Settings | undefined;
};

/** Reads and validates configuration once; a bad value stops the process with a clear message. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const env = parsed.data;
  const isProduction = env.NODE_ENV === 'production';
  if (isProduction && !env.TELEGRAM_BOT_TOKEN) {
    throw new Error('Invalid configuration:\n  TELEGRAM_BOT_TOKEN: required when NODE_ENV=production');
  }
  const botMode = env.TELEGRAM_BOT_MODE ?? (env.TELEGRAM_WEBHOOK_URL ? 'webhook' : 'polling');
  if (botMode === 'webhook' && !env.TELEGRAM_WEBHOOK_SECRET) {
    throw new Error('Invalid configuration:\n  TELEGRAM_WEBHOOK_SECRET: required in webhook mode');
  }
  let s3: S3Settings | undefined;
  if (env.MEDIA_STORAGE === 's3') {
    const missing = S3_REQUIRED.filter((name) => env[name] === undefined);
    if (missing.length > 0) {
      throw new Error(`Invalid configuration:\n${missing.map((name) => `  ${name}: required when MEDIA_STORAGE=s3`).join('\n')}`);
    }
    s3 = {
      bucket: env.S3_BUCKET!,
      region: env.S3_REGION!,
      endpoint: env.S3_ENDPOINT,
      accessKeyId: env.S3_ACCESS_KEY_ID!,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
    };
  }
  return {
    ...env,
    botMode,
    isProduction,
    graphiql: env.GRAPHIQL ?? !isProduction,
    introspection: env.INTROSPECTION ?? !isProduction,
    metricsPublic: env.METRICS_PUBLIC ?? !isProduction,
    mediaMaxUploadBytes: Math.round(env.MEDIA_MAX_UPLOAD_MB * 1024 * 1024),
    graphqlMaxBodyBytes: env.GRAPHQL_MAX_BODY_KB * 1024,
    s3,
  };
}
