import type { YogaInitialContext } from 'graphql-yoga';
import type { Logger } from 'pino';
import { unauthenticated } from './errors.js';
import type { PrismaClient } from './generated/prisma/client.js';
import type { MediaStorage } from './modules/media/media-storage.js';
import { isOperatorKey, OPERATOR_KEY_HEADER } from './modules/monitoring/operator-key.js';
import { clientAddressOf, type WebAppEventLimiter } from './modules/monitoring/webapp-events.service.js';
import type { BookingNotifier } from './modules/notifications/notification-jobs.js';
import { isPartnerAuthorization, type PartnerAccess } from './modules/partner/partner-access.js';
import type { PartnerViewer } from './modules/partner/partner-keys.service.js';
import type { SegmentPolicy } from './modules/partner/segment-pull.service.js';
import type { OtpSender } from './modules/phone/otp-sender.js';
import type { RateLimit, RateLimitStore } from './rate-limits.js';
import type { BotLinks } from './telegram/bot/links.js';
import { InitDataError, type TelegramInitUser, type VerifiedInitData, verifyInitData } from './telegram/init-data.js';

export type Locale = 'RU' | 'EN';

export type Viewer =
  | { kind: 'anonymous' }
  /** A partner's server, with an API key (`Authorization: Bearer <key>`). */
  | PartnerViewer
  | {
      kind: 'telegram';
      telegramId: bigint;
      user: TelegramInitUser;
      initData: VerifiedInitData;
    };

/** The caller's own master profile, as far as authorization needs it. */
export interface CurrentMaster {
  id: string;
  status: 'DRAFT' | 'ACTIVE';
}

/** The caller's own client profile (not erased), as far as authorization needs it. */
export interface CurrentClient {
  id: string;
}

export interface Context {
  prisma: PrismaClient;
  viewer: Viewer;
  locale: Locale;
  log: Logger;
  /** Delivers phone verification codes. */
  otpSender: OtpSender;
  /** Key of the HMAC that verification codes are stored under. */
  otpSecret: string;
  /** The verified user's master profile (not archived), loaded once per request. */
  currentMaster(): Promise<CurrentMaster | null>;
  /** The verified user's client profile (not erased), loaded once per request. */
  currentClient(): Promise<CurrentClient | null>;
  /** The caller's master profile, set by the `master` scope's check: always there in the fields it guards. */
  master?: CurrentMaster;
  /** The caller's client profile, set by the `client` scope's check: always there in the fields it guards. */
  client?: CurrentClient;
  /** Queues the bot's messages about a booking change, in its transaction; absent where notifications are off. */
  notifications?: BookingNotifier;
  /** What the bot's deep links are built from; absent while the bot is off. */
  botLinks?: BotLinks;
  /** The request carried the operator key (`X-Admin-Key` = ADMIN_API_KEY); a wrong key is refused outright. */
  operator: boolean;
  /** The caller's address, for per-address limits (see `clientAddressOf`). */
  clientAddress: string;
  /** Limits WebApp events per address (`logWebAppEvent` and `POST /debug/webapp-event` share it). */
  webAppEventLimiter: WebAppEventLimiter;
  /** Segment rules for partner pulls (minimum cohort size). */
  segmentPolicy: SegmentPolicy;
  /** Where photos' files live. */
  mediaStorage: MediaStorage;
  /** The largest photo upload accepted (MEDIA_MAX_UPLOAD_MB). */
  maxUploadBytes: number;
}

export interface ContextDependencies {
  prisma: PrismaClient;
  log: Logger;
  botToken: string;
  initDataMaxAgeSeconds: number;
  otpSender: OtpSender;
  otpSecret: string;
  notifications?: BookingNotifier;
  /** Read per request: the bot learns its username from Telegram after the API has started. */
  botLinks?: () => BotLinks | undefined;
  /** ADMIN_API_KEY: operators send it in `X-Admin-Key`. */
  adminApiKey: string | undefined;
  /** Behind a reverse proxy: the caller's address is the last X-Forwarded-For entry. */
  trustProxy: boolean;
  webAppEventLimiter: WebAppEventLimiter;
  /** Verifies and rate-limits partner keys. */
  partners: PartnerAccess;
  /** GraphQL requests a minute: signed-in users by Telegram id, anonymous callers by address (`graphqlLimits`). */
  graphqlLimits: GraphQLLimits;
  mediaStorage: MediaStorage;
  maxUploadBytes: number;
}

/** Russian by default, English for users whose language is English. */
export function localeOf(languageCode: string | undefined | null): Locale {
  return languageCode?.toLowerCase().startsWith('en') ? 'EN' : 'RU';
}

/**
 * The language the mini-app shows when the client chose one over Telegram's (their profile's
 * `language`): catalogue names and the like follow it. Only a choice of words, nothing to trust.
 */
export const LANGUAGE_HEADER = 'x-zapis-language';

function chosenLocale(header: string | null): Locale | undefined {
  const value = header?.trim().toLowerCase();
  return value === 'ru' ? 'RU' : value === 'en' ? 'EN' : undefined;
}

function localeFromAcceptLanguage(header: string | null): Locale {
  return localeOf(header?.split(',')[0]?.trim());
}

/**
 * Who is calling, decided once per request. A request without credentials is anonymous;
 * a request with credentials that do not verify is refused outright, never downgraded.
 */
export function resolveViewer(authorization: string | null, deps: ContextDependencies): Viewer {
  if (authorization === null || authorization.trim() === '') return { kind: 'anonymous' };
  const match = /^tma (.+)$/i.exec(authorization.trim());
  if (!match?.[1]) throw unauthenticated('Unsupported Authorization scheme: use "tma <initDataRaw>" (or "Bearer <partner key>").');
  let initData: VerifiedInitData;
  try {
    initData = verifyInitData(match[1], deps.botToken, { maxAgeSeconds: deps.initDataMaxAgeSeconds });
  } catch (error) {
    if (error instanceof InitDataError) {
      deps.log.info({ reason: error.reason }, 'init data rejected');
      throw unauthenticated(`Telegram init data rejected: ${error.reason}.`);
    }
    throw error;
  }
  if (!initData.user || initData.user.is_bot) throw unauthenticated('Telegram init data carries no user.');
  return { kind: 'telegram', telegramId: BigInt(initData.user.id), user: initData.user, initData };
}

/** Whether the request carries the operator key; a key that is present but wrong is refused, never ignored. */
export function resolveOperator(header: string | null, adminApiKey: string | undefined): boolean {
  if (header === null || header === '') return false;
  if (!isOperatorKey(header, adminApiKey)) throw unauthenticated('Wrong operator key.');
  return true;
}

/**
 * How many GraphQL requests a caller may make a minute, all API instances together. Each request
 * counts once, against the narrowest thing that names its sender: a signed-in user's Telegram id
 * (an address is a poor name for them: many phones share one behind a carrier's NAT), a partner's
 * key (`PartnerAccess`), or else the address.
 */
export interface GraphQLLimits {
  perUser: RateLimit;
  perAddress: RateLimit;
}

export function createGraphQLLimits(store: RateLimitStore, limits: { perUser: number; perAddress: number }): GraphQLLimits {
  return {
    perUser: store.limit('graphql-user', limits.perUser, 'Too many requests; try again in a minute.'),
    perAddress: store.limit('graphql-address', limits.perAddress, 'Too many requests from this address; try again in a minute.'),
  };
}

export function createContextFactory(deps: ContextDependencies) {
  return async (initial: YogaInitialContext): Promise<Context> => {
    const { request } = initial;
    const authorization = request.headers.get('authorization');
    const viewer: Viewer = isPartnerAuthorization(authorization)
      ? await deps.partners.authenticate(authorization)
      : resolveViewer(authorization, deps);
    const operator = resolveOperator(request.headers.get(OPERATOR_KEY_HEADER), deps.adminApiKey);
    const clientAddress = clientAddressOf(request, initial, deps.trustProxy);
    if (viewer.kind === 'telegram') await deps.graphqlLimits.perUser.consume(viewer.telegramId.toString());
    else if (viewer.kind === 'anonymous') await deps.graphqlLimits.perAddress.consume(clientAddress);
    const locale =
      chosenLocale(request.headers.get(LANGUAGE_HEADER)) ??
      (viewer.kind === 'telegram' ? localeOf(viewer.user.language_code) : localeFromAcceptLanguage(request.headers.get('accept-language')));
    let currentMaster: Promise<CurrentMaster | null> | undefined;
    let currentClient: Promise<CurrentClient | null> | undefined;
    return {
      prisma: deps.prisma,
      viewer,
      locale,
      log: deps.log,
      otpSender: deps.otpSender,
      otpSecret: deps.otpSecret,
      notifications: deps.notifications,
      botLinks: deps.botLinks?.(),
      operator,
      clientAddress,
      webAppEventLimiter: deps.webAppEventLimiter,
      segmentPolicy: deps.partners.policy,
      mediaStorage: deps.mediaStorage,
      maxUploadBytes: deps.maxUploadBytes,
      currentMaster: () => {
        currentMaster ??= viewer.kind === 'telegram' ? loadCurrentMaster(deps.prisma, viewer.telegramId) : Promise.resolve(null);
        return currentMaster;
      },
      currentClient: () => {
        currentClient ??= viewer.kind === 'telegram' ? loadCurrentClient(deps.prisma, viewer.telegramId) : Promise.resolve(null);
        return currentClient;
      },
    };
  };
}

/*
 * The scopes (builder.ts) call these on the context resolvers get, which is not the object the
 * factory above returned (Yoga merges that into its own), so that is where the profile is kept.
 */

/** The caller's master profile, kept as `context.master` for the fields the `master` scope guards. */
export async function masterOf(context: Context): Promise<CurrentMaster | null> {
  const master = await context.currentMaster();
  if (master) context.master = master;
  return master;
}

/** The caller's client profile, kept as `context.client` for the fields the `client` scope guards. */
export async function clientOf(context: Context): Promise<CurrentClient | null> {
  const client = await context.currentClient();
  if (client) context.client = client;
  return client;
}

async function loadCurrentMaster(prisma: PrismaClient, telegramId: bigint): Promise<CurrentMaster | null> {
  const master = await prisma.master.findUnique({ where: { telegramId }, select: { id: true, status: true } });
  return master && master.status !== 'ARCHIVED' ? { id: master.id, status: master.status } : null;
}

async function loadCurrentClient(prisma: PrismaClient, telegramId: bigint): Promise<CurrentClient | null> {
  const client = await prisma.client.findUnique({ where: { telegramId }, select: { id: true, erasedAt: true } });
  return client && client.erasedAt === null ? { id: client.id } : null;
}

export type TelegramViewer = Extract<Viewer, { kind: 'telegram' }>;

/**
 * The context of a field guarded by a scope, as its resolver sees it (builder.ts `AuthContexts`,
 * `t.withAuth`): the scope has checked what it promises, so the resolver reads it without a
 * second lookup or check.
 */
export type TelegramContext = Context & { viewer: TelegramViewer };
export type MasterContext = TelegramContext & { master: CurrentMaster };
export type ActiveMasterContext = TelegramContext & { master: CurrentMaster & { status: 'ACTIVE' } };
export type ClientContext = TelegramContext & { client: CurrentClient };
export type PartnerContext = Context & { viewer: PartnerViewer };
