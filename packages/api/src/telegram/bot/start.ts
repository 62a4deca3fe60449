import type { Logger } from 'pino';
import type { Env } from '../../env.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { BookingNotifier } from '../../modules/notifications/notification-jobs.js';
import { ALLOWED_UPDATES, createTelegramBot, type TelegramBot, type TelegramBotOptions } from './bot.js';
import { type BotLinks, webAppUrl } from './links.js';
import { telegramFailure } from './telegram-errors.js';
import { botTexts } from './texts.js';
import { createTelegramWebhook, type TelegramWebhook } from './webhook.js';

export interface BotSettings {
  token: string;
  webappUrl: string;
}

/**
 * Whether the bot runs: it needs a real token (without one the server says the bot is off
 * where it turns development identities on) and the mini-app's public URL, which its
 * buttons open; without that the log says so once.
 */
export function botSettings(env: Pick<Env, 'TELEGRAM_BOT_TOKEN' | 'WEBAPP_URL'>, log: Logger): BotSettings | undefined {
  if (!env.TELEGRAM_BOT_TOKEN) return undefined;
  if (!env.WEBAPP_URL) {
    log.warn('WEBAPP_URL is unset: the bot has no mini-app to open and is off (no /start, no booking notifications)');
    return undefined;
  }
  return { token: env.TELEGRAM_BOT_TOKEN, webappUrl: env.WEBAPP_URL };
}

export interface RunningBot {
  bot: TelegramBot;
  /** For deep links: TELEGRAM_BOT_USERNAME, or the username Telegram reports once it answered; until then undefined. */
  readonly links: BotLinks | undefined;
  /** The handler of POST /telegram/webhook, in webhook mode. */
  webhook?: TelegramWebhook;
  /** Settles once the bot has set itself up with Telegram: false when that failed (logged). */
  ready: Promise<boolean>;
  stop(): Promise<void>;
}

export interface StartBotOptions {
  settings: BotSettings;
  env: Pick<Env, 'botMode' | 'TELEGRAM_WEBHOOK_URL' | 'TELEGRAM_WEBHOOK_SECRET' | 'TELEGRAM_BOT_USERNAME' | 'TELEGRAM_MINI_APP_NAME'>;
  prisma: PrismaClient;
  log: Logger;
  notifications?: BookingNotifier;
  /** How the bot reaches Telegram, when not over the network (tests: a recorder and a known bot account). */
  connection?: Pick<TelegramBotOptions, 'transport' | 'botInfo'>;
}

/**
 * Starts the bot without waiting for Telegram: in the background it asks Telegram who it is,
 * sets the chat menu button to the client app, and then either registers the webhook (webhook
 * mode, when TELEGRAM_WEBHOOK_URL is set) or polls for updates (development, one instance only:
 * Telegram hands updates to one poller). Telegram out of reach never holds the API up; the
 * failure is logged.
 */
export function startTelegramBot({ settings, env, prisma, log, notifications, connection }: StartBotOptions): RunningBot {
  const bot = createTelegramBot({ token: settings.token, prisma, webappUrl: settings.webappUrl, log, notifications, ...connection });
  const webhook = env.botMode === 'webhook' ? createTelegramWebhook(bot, env.TELEGRAM_WEBHOOK_SECRET!) : undefined;
  const linksOf = (botUsername: string): BotLinks => ({ botUsername, miniAppName: env.TELEGRAM_MINI_APP_NAME });
  let links = env.TELEGRAM_BOT_USERNAME ? linksOf(env.TELEGRAM_BOT_USERNAME) : undefined;

  const setUp = async () => {
    await bot.init();
    links ??= linksOf(bot.botInfo.username);
    await bot.api.setChatMenuButton({
      menu_button: { type: 'web_app', text: botTexts(null).menuButton, web_app: { url: webAppUrl(settings.webappUrl, 'client') } },
    });
    if (webhook && env.TELEGRAM_WEBHOOK_URL) {
      await bot.api.setWebhook(env.TELEGRAM_WEBHOOK_URL, { secret_token: env.TELEGRAM_WEBHOOK_SECRET, allowed_updates: ALLOWED_UPDATES });
    }
  };
  const ready = setUp().then(
    () => true,
    (error: unknown) => {
      log.error({ error: telegramFailure(error).description }, 'the bot could not set itself up with Telegram');
      return false;
    },
  );

  if (webhook) {
    log.info({ webhook: env.TELEGRAM_WEBHOOK_URL ?? 'set by hand' }, 'the bot takes updates at POST /telegram/webhook');
  } else {
    // grammY removes a webhook set earlier before it polls; start() resolves when polling stops.
    void ready.then((ok) =>
      ok
        ? bot
            .start({ allowed_updates: ALLOWED_UPDATES, onStart: () => log.info('the bot is polling Telegram for updates') })
            .catch((error: unknown) => log.error({ error: telegramFailure(error).description }, 'bot polling stopped'))
        : undefined,
    );
  }
  return {
    bot,
    webhook,
    ready,
    get links() {
      return links;
    },
    stop: async () => {
      if (bot.isRunning()) await bot.stop();
    },
  };
}
