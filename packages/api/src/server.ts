import type { Logger } from 'pino';
import { describeDatabase, startupBanner } from './banner.js';
import { openDatabase } from './db.js';
import { seedDemoData } from './demo/demo-data.js';
import { EmbeddedPostgresError } from './embedded-postgres.js';
import { loadEnv } from './env.js';
import { createHttpServer } from './http/http-server.js';
import { readJobQueueCounts } from './jobs/queue-metrics.js';
import { DRAFT_CLEANUP_QUEUE, startDraftCleanup, startJobQueue } from './jobs/scheduler.js';
import { createLogger, logDestination } from './logger.js';
import { startReleaseWorker } from './modules/booking/booking-release.js';
import { startWaitlistWorkers } from './modules/booking/waitlist-offers.js';
import { createMediaStorage } from './modules/media/create-media-storage.js';
import { metrics } from './modules/monitoring/metrics.js';
import { startNotificationWorker } from './modules/notifications/notification-delivery.js';
import { createBookingNotifier } from './modules/notifications/notification-jobs.js';
import { startWaitlistMessageWorker } from './modules/notifications/waitlist-delivery.js';
import { createOtpSender } from './modules/phone/otp-sender.js';
import { resolveOtpSecret } from './modules/phone/phone.service.js';
import { openRateLimitStore } from './rate-limits.js';
import { createDevelopmentBotApi } from './telegram/bot/development-api.js';
import { botSettings, startTelegramBot } from './telegram/bot/start.js';
import { resolveBotIdentity } from './telegram/dev-identity.js';
import { isApiPath, serveWebApp } from './webapp-static.js';
import { createApp } from './yoga.js';

/**
 * What shutdown waits for, last started first, each within what is left of the drain time: the
 * requests in flight (the HTTP server, started last), the bot's last poll, the job workers.
 */
const drainers: ((remainingMs: number) => Promise<unknown>)[] = [];
/** What shutdown undoes once the drain is over, last started first: the pools, the embedded database. */
const closers: (() => Promise<unknown>)[] = [];
/** SHUTDOWN_DRAIN_SECONDS once the configuration is read. */
let drainMs = 10_000;
/** SHUTDOWN_PRESTOP_SECONDS once the configuration is read. */
let prestopMs = 0;
let log: Logger | undefined;
let stopping = false;

/**
 * From its first moment /ready answers 503 (`draining`), so that a load balancer stops sending;
 * for SHUTDOWN_PRESTOP_SECONDS everything else goes on as before, while the balancer notices.
 * Then the HTTP server stops accepting connections and finishes the requests in flight; then the job
 * workers finish their current job (requests may still queue jobs until then), all within the
 * drain time; then the pools and the embedded database close. Whatever hangs, the process is gone
 * 1.8 s after the pre-stop and drain times.
 */
async function shutdown(reason: string, exitCode: number) {
  if (stopping) return;
  stopping = true;
  log?.info({ reason, prestopSeconds: prestopMs / 1000, drainSeconds: drainMs / 1000 }, 'shutting down');
  setTimeout(
    () => {
      log?.error('shutdown took longer than the drain time: exiting now');
      process.exit(exitCode || 1);
    },
    prestopMs + drainMs + 1_800,
  ).unref();
  const failed = (error: unknown) => log?.error({ err: error }, 'shutdown step failed');
  if (prestopMs > 0) await new Promise((resolve) => setTimeout(resolve, prestopMs));
  const deadline = Date.now() + drainMs;
  for (const drain of drainers.reverse()) await drain(Math.max(0, deadline - Date.now())).catch(failed);
  for (const close of closers.reverse()) {
    try {
      await close();
    } catch (error) {
      failed(error);
    }
  }
  process.exit(exitCode);
}
/** Errors before the logger exists go to stderr. */
function logError(message: string, error?: unknown) {
  if (log) log.error(error === undefined ? {} : { err: error }, message);
  else console.error(message, error ?? '');
}

// A second Ctrl-C at a terminal does not wait for the drain.
process.on('SIGINT', () => (stopping ? process.exit(130) : void shutdown('SIGINT', 0)));
process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
// A crash still stops the embedded database and the job queue; anything left over (SIGKILL)
// is taken over by the next start.
process.on('uncaughtException', (error) => {
  logError('uncaught exception', error);
  void shutdown('uncaughtException', 1);
});
process.on('unhandledRejection', (error) => {
  logError('unhandled rejection', error);
  void shutdown('unhandledRejection', 1);
});

async function main() {
  const env = loadEnv();
  const pretty = logDestination(env.LOG_FORMAT);
  log = createLogger(env.LOG_LEVEL, pretty);
  drainMs = env.SHUTDOWN_DRAIN_SECONDS * 1000;
  prestopMs = env.SHUTDOWN_PRESTOP_SECONDS * 1000;
  const origin = `http://localhost:${env.PORT}`;

  const database = await openDatabase({
    url: env.DATABASE_URL,
    embedded: { dataDir: env.EMBEDDED_DB_DIR, port: env.EMBEDDED_DB_PORT, role: 'owner' },
    poolSize: env.DATABASE_POOL_SIZE,
  });
  closers.push(() => database.close());
  const databaseName = describeDatabase(database);
  log.info({ database: databaseName, appliedMigrations: database.appliedMigrations }, 'database ready');
  const mediaStorage = createMediaStorage(env, database.prisma);
  if ((env.DEMO_DATA ?? database.embedded !== undefined) && (await database.prisma.city.count()) === 0) {
    await seedDemoData(database.prisma, { storage: mediaStorage, log });
    log.info('demo data loaded into the empty database');
  }

  const jobQueue = await startJobQueue({ url: database.url, log });
  // Workers finish the job in hand within the drain time (pg-boss waits 1 s at least); what is
  // still running then is failed, to be retried.
  drainers.push((remainingMs) => jobQueue.stop({ graceful: true, timeout: remainingMs }));
  metrics.observeJobQueue(() => readJobQueueCounts(database.prisma));
  await startDraftCleanup({
    boss: jobQueue,
    prisma: database.prisma,
    mediaStorage,
    log,
    cron: env.DRAFT_CLEANUP_CRON,
    olderThanDays: env.DRAFT_MAX_AGE_DAYS,
  });
  const jobs = [`draft clean-up at "${env.DRAFT_CLEANUP_CRON}" (UTC): drafts idle ${env.DRAFT_MAX_AGE_DAYS} days`];

  const bot = resolveBotIdentity(env);
  if (bot.devIdentity) {
    log.warn(
      'TELEGRAM_BOT_TOKEN is unset: development identities are on (/dev/test-users) and bot messages go to this log, ' +
        'not to Telegram; never in production',
    );
  }
  const telegramSettings = botSettings(env, log);
  // Without a token (development) the notifications run all the same, into the log.
  const deliveryApi = telegramSettings ? undefined : bot.devIdentity ? createDevelopmentBotApi(log) : undefined;
  const notifications = telegramSettings || deliveryApi ? await createBookingNotifier(jobQueue) : undefined;
  const telegramBot = telegramSettings
    ? startTelegramBot({ settings: telegramSettings, env, prisma: database.prisma, log, notifications })
    : undefined;
  if (telegramBot) drainers.push(() => telegramBot.stop());
  const api = telegramBot?.bot.api ?? deliveryApi;
  if (notifications && api) {
    await startNotificationWorker({
      boss: jobQueue,
      prisma: database.prisma,
      api,
      webappUrl: telegramSettings?.webappUrl ?? origin,
      log,
    });
    // Releases need the reminders that ask for confirmation: they run where the notifications do.
    await startReleaseWorker({ boss: jobQueue, prisma: database.prisma, notifications, log });
    // Waitlist offers reach clients through the bot: they too run where the notifications do.
    await startWaitlistWorkers({ boss: jobQueue, prisma: database.prisma, notifications, log, holdMinutes: env.WAITLIST_HOLD_MINUTES });
    await startWaitlistMessageWorker({
      boss: jobQueue,
      prisma: database.prisma,
      api,
      webappUrl: telegramSettings?.webappUrl ?? origin,
      log,
    });
    const via = telegramBot ? `the Telegram bot (${env.botMode})` : 'the development bot: to this log, not to Telegram';
    jobs.push(`booking notifications, reminders, releases of unconfirmed bookings and waitlist offers through ${via}`);
    log.info({ queue: 'booking-notifications', via: telegramBot ? 'telegram' : 'log' }, 'notification and release workers started');
  } else {
    jobs.push('booking notifications, reminders and releases: off (the bot is off: set WEBAPP_URL)');
  }

  const rateLimits = openRateLimitStore(database.url, log);
  closers.push(() => rateLimits.close());
  const otpSender = createOtpSender(env, log);
  const otpSecret = resolveOtpSecret(env);
  const app = createApp({
    env,
    prisma: database.prisma,
    log,
    bot,
    otpSender,
    otpSecret,
    telegramBot,
    notifications,
    jobQueueProbe: () => jobQueue.getQueue(DRAFT_CLEANUP_QUEUE),
    draining: () => stopping,
    mediaStorage,
    rateLimits,
  });
  const webapp = serveWebApp();
  const { server, drain } = createHttpServer((req, res) => (isApiPath(req.url) ? app(req, res) : webapp(req, res)), {
    headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_SECONDS * 1000,
    requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
    keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, resolve);
  });
  drainers.push(drain);

  const facts = {
    webapp: `${origin}/`,
    graphiql: env.graphiql ? `${origin}/graphql` : undefined,
    database: databaseName,
    jobs,
    readyInMs: Math.round(process.uptime() * 1000),
  };
  // A person at a terminal gets the banner; log collectors get the same facts as one record.
  if (pretty) process.stdout.write(startupBanner(facts));
  else log.info(facts, 'Zapis is listening');
}

try {
  await main();
} catch (error) {
  // Configuration and embedded-database problems explain themselves; anything else is a bug.
  const explained = error instanceof EmbeddedPostgresError || (error instanceof Error && error.message.startsWith('Invalid configuration'));
  if (explained) logError((error as Error).message);
  else logError('start-up failed', error);
  await shutdown('start-up failed', 1);
}
