import { Api } from 'grammy';
import type { Logger } from 'pino';

/**
 * The bot's API in development without TELEGRAM_BOT_TOKEN: nothing reaches Telegram, each call
 * is written to the log instead, so that booking notifications and reminders run their whole
 * course on a fresh clone (queued with the booking, worked by the worker, recorded in
 * `notification_deliveries`). The log names the method and the chat, never the text: it holds
 * names, times and addresses.
 */
export function createDevelopmentBotApi(log: Logger): Api {
  const api = new Api('0:development-bot');
  let messageId = 0;
  api.config.use(async (_previous, method, payload) => {
    const chatId = (payload as { chat_id?: number | string }).chat_id;
    log.info({ method, chatId }, 'development bot: not sent to Telegram (TELEGRAM_BOT_TOKEN is unset)');
    const result =
      method === 'sendMessage'
        ? { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' } }
        : true;
    return { ok: true, result } as never;
  });
  return api;
}
