import { createHash, timingSafeEqual } from 'node:crypto';
import { webhookCallback } from 'grammy';
import type { Plugin } from 'graphql-yoga';
import type { TelegramBot } from './bot.js';

export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';

export type TelegramWebhook = (request: Request) => Promise<Response>;

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Telegram's updates in webhook mode. `X-Telegram-Bot-Api-Secret-Token` must equal the
 * secret: compared in constant time (as digests, so not even the length shows), before the
 * body is read or the bot does anything; a missing or wrong one is answered 401 and the
 * update is dropped. A slow handler is not awaited past Telegram's patience (it would send
 * the update again); it finishes on its own.
 */
export function createTelegramWebhook(bot: TelegramBot, secretToken: string): TelegramWebhook {
  if (!secretToken) throw new Error('The webhook needs a secret token');
  const expected = digest(secretToken);
  const handle = webhookCallback(bot, 'std/http', { secretToken, onTimeout: 'return', timeoutMilliseconds: 9_000 });
  return async (request) => {
    if (!timingSafeEqual(digest(request.headers.get(SECRET_HEADER) ?? ''), expected)) {
      return new Response(null, { status: 401 });
    }
    return handle(request);
  };
}

/** `POST /telegram/webhook`; registered only when the bot runs in webhook mode. */
export function useTelegramWebhook(webhook: TelegramWebhook): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname !== TELEGRAM_WEBHOOK_PATH) return;
      if (request.method !== 'POST') {
        endResponse(new Response(null, { status: 405, headers: { allow: 'POST' } }));
        return;
      }
      // Errors of the bot's own handlers are caught by the bot; what is left is a body that is not an update.
      endResponse(await webhook(request).catch(() => new Response(null, { status: 400 })));
    },
  };
}
