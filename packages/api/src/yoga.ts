import { randomUUID } from 'node:crypto';
import { useErrorHandler } from '@envelop/core';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { createFetch } from '@whatwg-node/fetch';
import { GraphQLError } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { type ContextDependencies, createContextFactory, createGraphQLLimits, resolveViewer } from './context.js';
import { useCostLimit } from './cost-limit.js';
import type { Env } from './env.js';
import type { PrismaClient } from './generated/prisma/client.js';
import { graphiqlOptions } from './graphiql.js';
import { useBodyLimit } from './http/body-limit.js';
import { useResponseCompression } from './http/compression.js';
import { corsPolicy, useSecurityHeaders } from './http/security-headers.js';
import { useBookingCalendarRoute } from './modules/booking/booking-calendar.js';
import { createMediaStorage } from './modules/media/create-media-storage.js';
import { MULTIPART_ALLOWANCE_BYTES, uploadFormDataLimits, useMediaRoute, useUploadLimit } from './modules/media/media.route.js';
import type { MediaStorage } from './modules/media/media-storage.js';
import { type Probe, useHealthRoutes } from './modules/monitoring/health.route.js';
import { metrics } from './modules/monitoring/metrics.js';
import { useMetricsRoute } from './modules/monitoring/metrics.route.js';
import { useWebAppEventRoute } from './modules/monitoring/webapp-events.route.js';
import { createWebAppEventLimiter } from './modules/monitoring/webapp-events.service.js';
import type { BookingNotifier } from './modules/notifications/notification-jobs.js';
import { createPartnerAccess } from './modules/partner/partner-access.js';
import type { OtpSender } from './modules/phone/otp-sender.js';
import type { RateLimitStore } from './rate-limits.js';
import { schema } from './schema.js';
import type { BotLinks } from './telegram/bot/links.js';
import { type TelegramWebhook, useTelegramWebhook } from './telegram/bot/webhook.js';
import { type BotIdentity, useDevIdentityRoutes } from './telegram/dev-identity.js';
import { useTypedRequestErrors } from './typed-refusals.js';

export interface AppDependencies {
  env: Env;
  prisma: PrismaClient;
  log: Logger;
  bot: BotIdentity;
  /** Delivers phone verification codes (`createOtpSender`). */
  otpSender: OtpSender;
  /** Key of the HMAC that verification codes are stored under (`resolveOtpSecret`). */
  otpSecret: string;
  /** The bot, when it runs: POST /telegram/webhook in webhook mode, deep links for masters. */
  telegramBot?: { webhook?: TelegramWebhook; readonly links?: BotLinks };
  /** Queues the bot's booking messages; absent where notifications are off. */
  notifications?: BookingNotifier;
  /** Whether this instance's job queue answers (for /ready); absent where it runs none. */
  jobQueueProbe?: Probe;
  /** True once the server is shutting down (/ready answers 503). */
  draining?: () => boolean;
  /** Where photos' files live; by default what the environment selects (`createMediaStorage`). */
  mediaStorage?: MediaStorage;
  /** Where rate limits count (`openRateLimitStore`): shared by every instance on the database. */
  rateLimits: RateLimitStore;
}

const REQUEST_ID = /^[\w.-]{8,128}$/;
const requestIds = new WeakMap<Request, string>();

/** The caller's `x-request-id` when it looks sane, else a fresh one; stable per request. */
function requestIdOf(request: Request): string {
  let id = requestIds.get(request);
  if (!id) {
    const incoming = request.headers.get('x-request-id');
    id = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    requestIds.set(request, id);
  }
  return id;
}

/** Echoes the request id so a request can be traced through the logs. */
function useRequestId(): Plugin {
  return {
    onResponse({ request, response }) {
      response.headers.set('x-request-id', requestIdOf(request));
    },
  };
}

/** Unexpected errors are masked for clients; their details go to the log, with the request id. */
function useUnexpectedErrorLog(log: Logger): Plugin {
  return useErrorHandler(({ errors, context }) => {
    // In the execution phase `context` is the execution's arguments, the request's context in `contextValue`.
    const scope = context as { log?: Logger; contextValue?: { log?: Logger } };
    const requestLog = scope.contextValue?.log ?? scope.log ?? log;
    for (const error of errors) {
      const original = error instanceof GraphQLError ? error.originalError : error;
      if (error instanceof GraphQLError && (!original || original instanceof GraphQLError)) continue;
      requestLog.error({ err: original, path: error instanceof GraphQLError ? error.path : undefined }, 'unexpected error');
    }
  });
}

/** Yoga logs like console (message, then extras); pino wants an object, then the message. */
function yogaLog(log: Logger, level: 'debug' | 'info' | 'warn' | 'error') {
  return (first: unknown, ...rest: unknown[]) => {
    if (first instanceof Error) log[level]({ err: first, details: rest.length ? rest : undefined }, first.message);
    else log[level]({ details: rest.length ? rest : undefined }, String(first));
  };
}

/**
 * The whole HTTP application: GraphQL at /graphql (multipart uploads included), /health, /ready,
 * /metrics, GET /media/<key>, POST /debug/webapp-event and, in development, /dev/*. Whole JSON and
 * HTML responses of 1 KB and more go out compressed when the client accepts it (useResponseCompression).
 */
export function createApp({
  env,
  prisma,
  log,
  bot,
  otpSender,
  otpSecret,
  telegramBot,
  notifications,
  jobQueueProbe,
  draining,
  mediaStorage = createMediaStorage(env, prisma),
  rateLimits,
}: AppDependencies) {
  const webAppEventLimiter = createWebAppEventLimiter(rateLimits, env.WEBAPP_EVENTS_PER_MINUTE);
  const contextDependencies: ContextDependencies = {
    prisma,
    log,
    botToken: bot.botToken,
    initDataMaxAgeSeconds: env.INIT_DATA_MAX_AGE_SECONDS,
    otpSender,
    otpSecret,
    adminApiKey: env.ADMIN_API_KEY,
    trustProxy: env.TRUST_PROXY,
    webAppEventLimiter,
    partners: createPartnerAccess({
      prisma,
      log,
      rateLimits,
      requestsPerMinute: env.PARTNER_REQUESTS_PER_MINUTE,
      minimumCohortSize: env.SEGMENT_MIN_COHORT_SIZE,
    }),
    graphqlLimits: createGraphQLLimits(rateLimits, {
      perUser: env.GRAPHQL_REQUESTS_PER_MINUTE_PER_USER,
      perAddress: env.GRAPHQL_REQUESTS_PER_MINUTE_PER_ADDRESS,
    }),
    notifications,
    botLinks: telegramBot && (() => telegramBot.links),
    mediaStorage,
    maxUploadBytes: env.mediaMaxUploadBytes,
  };
  const contextFactory = createContextFactory(contextDependencies);

  return createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    // Yoga's own bare liveness answer (an empty 200) is moved out of the way of our /health,
    // which says more (useHealthRoutes); the HTTP server does not route /healthz to the API.
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    cors: corsPolicy(env.WEBAPP_URL),
    // Request bodies end at a photo upload's size; other bodies at GRAPHQL_MAX_BODY_KB (useBodyLimit);
    // multipart bodies stop being read at the first byte of a file over the limit (useUploadLimit says why).
    maxRequestBodySize: env.mediaMaxUploadBytes + MULTIPART_ALLOWANCE_BYTES,
    fetchAPI: createFetch({ formDataLimits: uploadFormDataLimits(env.mediaMaxUploadBytes) }),
    context: async ({ request, ...rest }) => {
      const context = await contextFactory({ request, ...rest });
      return { ...context, log: context.log.child({ requestId: requestIdOf(request) }) };
    },
    graphiql: env.graphiql ? () => graphiqlOptions(bot.devIdentity) : false,
    // GraphiQL's assets are bundled and served by us rather than fetched from a CDN. They are
    // 15 MB of strings in memory once loaded: loaded with the first GraphiQL page, never where it is off.
    renderGraphiQL: (options) => import('@graphql-yoga/render-graphiql').then((module) => module.renderGraphiQL(options)),
    // Unexpected errors reach clients as "Unexpected error." without details; logs keep them.
    maskedErrors: { isDev: false },
    logging: {
      debug: yogaLog(log, 'debug'),
      info: yogaLog(log, 'info'),
      warn: yogaLog(log, 'warn'),
      error: yogaLog(log, 'error'),
    },
    plugins: [
      useRequestId(),
      useUnexpectedErrorLog(log),
      EnvelopArmorPlugin({
        maxDepth: { n: 10 },
        maxAliases: { n: 15 },
        maxDirectives: { n: 20 },
        maxTokens: { n: 2000 },
        // Armor's cost limit sees only literal `first`; ours (useCostLimit) counts variables and pages.
        costLimit: { enabled: false },
        blockFieldSuggestion: { enabled: env.isProduction },
      }),
      useCostLimit(),
      useTypedRequestErrors(),
      ...(env.introspection ? [] : [useDisableIntrospection()]),
      // GraphQL operation counts, durations and errors, into the process-wide registry that
      // useMetricsRoute serves. No `url` label: a GET's query string may carry variables.
      usePrometheus({
        registry: metrics.registry,
        endpoint: false,
        skipIntrospection: true,
        labels: { url: false },
        metrics: {
          // Per request these walked the whole document against the schema (deprecated fields: the
          // schema has none) and kept quantile sketches (the summary): CPU on every request for
          // figures the histograms already give (ops/grafana reads those).
          graphql_envelop_deprecated_field: false,
          graphql_envelop_request_time_summary: false,
        },
      }),
      useMetricsRoute({ public: env.metricsPublic, adminApiKey: env.ADMIN_API_KEY }),
      useWebAppEventRoute({
        prisma,
        limiter: webAppEventLimiter,
        trustProxy: env.TRUST_PROXY,
        viewerOf: (authorization) => resolveViewer(authorization, contextDependencies),
      }),
      useHealthRoutes({ database: () => prisma.$queryRaw`SELECT 1`, jobQueue: jobQueueProbe, draining, log }),
      useBodyLimit({ maxBytes: env.graphqlMaxBodyBytes }),
      useUploadLimit({ maxUploadBytes: env.mediaMaxUploadBytes }),
      useMediaRoute({ prisma, storage: mediaStorage }),
      useBookingCalendarRoute({ prisma, secret: otpSecret }),
      ...(bot.devIdentity ? [useDevIdentityRoutes(bot.devIdentity)] : []),
      ...(telegramBot?.webhook ? [useTelegramWebhook(telegramBot.webhook)] : []),
      useSecurityHeaders({ corsOrigin: env.WEBAPP_URL }),
      // Last: it compresses what the plugins above have finished (headers included).
      useResponseCompression(),
    ],
  });
}

export type App = ReturnType<typeof createApp>;
