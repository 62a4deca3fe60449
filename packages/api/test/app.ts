import { randomInt } from 'node:crypto';
import { createPrismaClient, type PrismaClient } from '../src/db.js';
import { loadEnv } from '../src/env.js';
import { createLogger } from '../src/logger.js';
import type { MediaStorage } from '../src/modules/media/media-storage.js';
import { DevelopmentOtpSender, type OtpSender } from '../src/modules/phone/otp-sender.js';
import { openRateLimitStore, type RateLimitStore } from '../src/rate-limits.js';
import type { BotIdentity } from '../src/telegram/dev-identity.js';
import { type InitDataToSign, signInitData, type TelegramInitUser } from '../src/telegram/init-data.js';
import { type AppDependencies, createApp } from '../src/yoga.js';
import { testDatabaseUrl } from './database.js';

/** The bot token test servers verify with; tests sign init data with it. */
export const TEST_BOT_TOKEN = '123456789:TEST-token-for-zapis-tests_0123456789';

/** The key test apps hash verification codes with. */
export const TEST_OTP_SECRET = 'test-otp-secret-for-zapis-tests-0123456789';

let sharedPrisma: PrismaClient | undefined;

/** One client per test file against the run's isolated database. */
export function testPrisma(): PrismaClient {
  sharedPrisma ??= createPrismaClient(testDatabaseUrl(), 4);
  return sharedPrisma;
}

let sharedRateLimits: RateLimitStore | undefined;

/** The rate-limit counters of the file's database, shared by its apps as instances share them. */
export function testRateLimits(): RateLimitStore {
  sharedRateLimits ??= openRateLimitStore(testDatabaseUrl(), createLogger('silent'), 2);
  return sharedRateLimits;
}

/**
 * Tests send far more requests a minute from one "address" and user than a person would; the
 * GraphQL limits are raised for them, except where a test sets its own to test them.
 */
const TEST_GRAPHQL_LIMITS = {
  GRAPHQL_REQUESTS_PER_MINUTE_PER_USER: '1000000',
  GRAPHQL_REQUESTS_PER_MINUTE_PER_ADDRESS: '1000000',
};

export interface TestAppOptions {
  env?: Record<string, string>;
  bot?: BotIdentity;
  prisma?: PrismaClient;
  /** A development sender (logging nowhere) unless a test needs to see the codes. */
  otpSender?: OtpSender;
  telegramBot?: AppDependencies['telegramBot'];
  notifications?: AppDependencies['notifications'];
  jobQueueProbe?: AppDependencies['jobQueueProbe'];
  draining?: AppDependencies['draining'];
  /** The storage `env` selects (PostgreSQL by default) unless given. */
  mediaStorage?: MediaStorage;
  /** The file's shared counters (`testRateLimits`) unless given. */
  rateLimits?: RateLimitStore;
}

/** The real application (createApp) over the test database; requests go through `app.fetch`. */
export function createTestApp(options: TestAppOptions = {}) {
  const env = loadEnv({ NODE_ENV: 'test', TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN, ...TEST_GRAPHQL_LIMITS, ...options.env });
  const log = createLogger('silent');
  return createApp({
    env,
    prisma: options.prisma ?? testPrisma(),
    log,
    bot: options.bot ?? { botToken: TEST_BOT_TOKEN },
    otpSender: options.otpSender ?? new DevelopmentOtpSender(log),
    otpSecret: TEST_OTP_SECRET,
    telegramBot: options.telegramBot,
    notifications: options.notifications,
    jobQueueProbe: options.jobQueueProbe,
    draining: options.draining,
    mediaStorage: options.mediaStorage,
    rateLimits: options.rateLimits ?? testRateLimits(),
  });
}

export type TestApp = ReturnType<typeof createTestApp>;

/** A Telegram user with an id no other test uses. */
export function telegramUser(overrides: Partial<TelegramInitUser> = {}): TelegramInitUser {
  return { id: randomInt(1_000_000_000, 2 ** 47), first_name: 'Тест', language_code: 'ru', ...overrides };
}

export function initDataFor(user: TelegramInitUser, extra: Omit<InitDataToSign, 'user'> = {}, botToken = TEST_BOT_TOKEN) {
  return signInitData({ user, ...extra }, botToken);
}

export interface GraphQLResponse<TData = Record<string, unknown>> {
  status: number;
  data?: TData | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
  headers: Headers;
}

export interface RequestOptions {
  variables?: Record<string, unknown>;
  /** Sends `Authorization: tma <signed init data>` for this user. */
  as?: TelegramInitUser;
  /** Sends this Authorization header verbatim. */
  authorization?: string;
  headers?: Record<string, string>;
  /** The caller's address (the socket's peer), for per-address limits. */
  from?: string;
}

export async function graphql<TData = Record<string, unknown>>(
  app: TestApp,
  query: string,
  options: RequestOptions = {},
): Promise<GraphQLResponse<TData>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.as) headers.authorization = `tma ${initDataFor(options.as)}`;
  if (options.authorization !== undefined) headers.authorization = options.authorization;
  const response = await app.fetch(
    'http://zapis.test/graphql',
    { method: 'POST', headers, body: JSON.stringify({ query, variables: options.variables }) },
    options.from === undefined ? {} : { req: { socket: { remoteAddress: options.from } } },
  );
  const body = (await response.json()) as Omit<GraphQLResponse<TData>, 'status' | 'headers'>;
  return { status: response.status, headers: response.headers, ...body };
}
