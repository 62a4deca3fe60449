import { createServer } from 'node:http';
import { openDatabase } from './db.js';
import { seedDemoData } from './demo/demo-data.js';
import { loadEnv } from './env.js';
import { startDraftCleanup, startJobQueue } from './jobs/scheduler.js';
import { createLogger } from './logger.js';
import { startNotificationWorker } from './modules/notifications/notification-delivery.js';
import { createBookingNotifier } from './modules/notifications/notification-jobs.js';
import { createOtpSender } from './modules/phone/otp-sender.js';
import { resolveOtpSecret } from './modules/phone/phone.service.js';
import { botSettings, startTelegramBot } from './telegram/bot/start.js';
import { resolveBotIdentity } from './telegram/dev-identity.js';
import { isApiPath, serveWebApp } from './webapp-static.js';
import { createApp } from './yoga.js';

const env = loadEnv();
const log = createLogger(env.LOG_LEVEL);

const database = await openDatabase({
  url: env.DATABASE_URL,
  embeddedDir: env.EMBEDDED_DB_DIR,
  poolSize: env.DATABASE_POOL_SIZE,
});
if (database.embedded) {
  log.info({ dataDir: env.EMBEDDED_DB_DIR }, 'DATABASE_URL is unset: using the embedded database');
}
if ((env.DEMO_DATA ?? database.embedded) && (await database.prisma.city.count()) === 0) {
  await seedDemoData(database.prisma);
  log.info('demo data loaded into the empty database');
}

const jobQueue = await startJobQueue({ database, log });
if (jobQueue) {
  await startDraftCleanup({
    boss: jobQueue,
    prisma: database.prisma,
    log,
    cron: env.DRAFT_CLEANUP_CRON,
    olderThanDays: env.DRAFT_MAX_AGE_DAYS,
  });
}

const bot = resolveBotIdentity(env);
if (bot.devIdentity) {
  log.warn(
    'TELEGRAM_BOT_TOKEN is unset: the bot is off (no /start, no booking notifications) and development identities ' +
      'are on (/dev/test-users); never in production',
  );
}
const telegramSettings = botSettings(env, log);
const notifications = telegramSettings && jobQueue ? await createBookingNotifier(jobQueue) : undefined;
const telegramBot = telegramSettings
  ? startTelegramBot({ settings: telegramSettings, env, prisma: database.prisma, log, notifications })
  : undefined;
if (jobQueue && telegramBot && notifications) {
  await startNotificationWorker({
    boss: jobQueue,
    prisma: database.prisma,
    api: telegramBot.bot.api,
    webappUrl: telegramSettings!.webappUrl,
    log,
  });
}

const otpSender = createOtpSender(env, log);
const otpSecret = resolveOtpSecret(env);

const app = createApp({ env, prisma: database.prisma, log, bot, otpSender, otpSecret, telegramBot, notifications });
const webapp = serveWebApp();
const server = createServer((req, res) => (isApiPath(req.url) ? app(req, res) : webapp(req, res)));

server.listen(env.PORT, () => {
  const origin = `http://localhost:${env.PORT}`;
  log.info({ graphql: `${origin}/graphql`, webapp: `${origin}/` }, 'Zapis is listening');
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  server.close();
  server.closeIdleConnections();
  await telegramBot?.stop();
  await jobQueue?.stop({ graceful: true, timeout: 30_000 });
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
