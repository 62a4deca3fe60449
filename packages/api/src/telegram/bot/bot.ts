import { autoRetry } from '@grammyjs/auto-retry';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import { Bot, type Transformer } from 'grammy';
import type { InlineKeyboardButton, InlineKeyboardMarkup, UserFromGetMe } from 'grammy/types';
import type { Logger } from 'pino';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { answerReminder } from '../../modules/booking/reminder-answers.js';
import { answerWaitlistOffer } from '../../modules/booking/waitlist-answers.js';
import { publicMasterWhere } from '../../modules/master/master.visibility.js';
import type { BookingNotifier } from '../../modules/notifications/notification-jobs.js';
import { REMINDER_CALLBACK } from '../../modules/notifications/reminder-callback.js';
import { REVIEW_CALLBACK } from '../../modules/notifications/review-callback.js';
import { WAITLIST_CALLBACK } from '../../modules/notifications/waitlist-callback.js';
import { answerReviewRequest } from '../../modules/review/review-answers.js';
import { verifyPhoneFromContact } from '../contact.js';
import { masterIdFromPayload, masterPagePath, webAppUrl } from './links.js';
import { telegramFailure } from './telegram-errors.js';
import { type BotTexts, botTexts } from './texts.js';

export interface TelegramBotOptions {
  token: string;
  prisma: PrismaClient;
  /** WEBAPP_URL: the mini-app the buttons open. */
  webappUrl: string;
  log: Logger;
  /** Tells the master when a client cancels from a reminder; absent where notifications are off. */
  notifications?: BookingNotifier;
  /** The bot's own account; without it `bot.init()` asks Telegram (getMe). */
  botInfo?: UserFromGetMe;
  /** The innermost API transformer, in place of the network: tests record the calls there. */
  transport?: Transformer;
  clock?: () => Date;
}

export type TelegramBot = Bot;

/** The updates the bot handles; Telegram sends no others. */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

function webAppButton(text: string, url: string): InlineKeyboardButton {
  return { text, web_app: { url } };
}

const keyboard = (...rows: InlineKeyboardButton[][]): InlineKeyboardMarkup => ({ inline_keyboard: rows });

/** The two doors of the product: the master's app and the client's. */
function startKeyboard(texts: BotTexts, webappUrl: string): InlineKeyboardMarkup {
  return keyboard([
    webAppButton(texts.forMasters, webAppUrl(webappUrl, 'master')),
    webAppButton(texts.forClients, webAppUrl(webappUrl, 'client')),
  ]);
}

/**
 * The bot: `/start` (with a master's deep link, `/start m_<id>`), a contact shared to verify
 * a master's phone, the answers to booking reminders, the ratings of review requests and the
 * «Беру» of waitlist offers. It only replies in private chats,
 * where `web_app` buttons are allowed. Bot API calls are throttled to Telegram's limits and
 * retried when Telegram answers 429 with `retry_after` (or fails on its side).
 */
export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const { prisma, webappUrl, log } = options;
  const clock = options.clock ?? (() => new Date());
  const bot = new Bot(options.token, { botInfo: options.botInfo });
  // Transformers installed later wrap the earlier ones: a retry is throttled again.
  if (options.transport) bot.api.config.use(options.transport);
  bot.api.config.use(apiThrottler());
  // 429 (`retry_after`) and Telegram's own 5xx are retried here, a few times. Telegram out of
  // reach is not: a notification then goes back to its durable queue, which retries it later.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true }));

  const privateChats = bot.chatType('private');

  privateChats.command('start', async (ctx) => {
    const texts = botTexts(ctx.from.language_code);
    const masterId = masterIdFromPayload(ctx.match);
    if (!masterId) {
      await ctx.reply(texts.greeting, { reply_markup: startKeyboard(texts, webappUrl) });
      return;
    }
    const master = await prisma.master.findFirst({ where: { id: masterId, ...publicMasterWhere }, select: { displayName: true } });
    if (master) {
      await ctx.reply(texts.masterInvite(master.displayName), {
        reply_markup: keyboard([webAppButton(texts.openMasterPage, webAppUrl(webappUrl, masterPagePath(masterId)))]),
      });
    } else {
      await ctx.reply(texts.masterUnavailable, {
        reply_markup: keyboard([webAppButton(texts.forClients, webAppUrl(webappUrl, 'client'))]),
      });
    }
  });

  privateChats.on('message:contact', async (ctx) => {
    const texts = botTexts(ctx.from.language_code);
    const result = await verifyPhoneFromContact(prisma, { senderId: ctx.from.id, contact: ctx.message.contact, now: clock() });
    log.info({ status: result.status }, 'contact shared with the bot');
    const button =
      result.status === 'verified'
        ? webAppButton(texts.continueRegistration, webAppUrl(webappUrl, 'master'))
        : result.status === 'no_master'
          ? webAppButton(texts.forMasters, webAppUrl(webappUrl, 'master'))
          : undefined;
    await ctx.reply(texts.contact[result.status], button ? { reply_markup: keyboard([button]) } : {});
  });

  bot.callbackQuery(REMINDER_CALLBACK, async (ctx) => {
    const texts = botTexts(ctx.from.language_code);
    const [, answer, bookingId] = ctx.match as [string, 'confirm' | 'cancel', string];
    const status = await answerReminder(prisma, {
      telegramId: ctx.from.id,
      bookingId,
      answer,
      now: clock(),
      notifications: options.notifications,
    });
    const refused = status === 'not_yours' || status === 'too_late';
    await ctx.answerCallbackQuery({ text: texts.reminderAnswer[status], show_alert: refused });
    if (refused) return;
    const note =
      status === 'confirmed' || status === 'already_confirmed'
        ? texts.reminderNote.confirmed
        : status === 'over'
          ? texts.reminderNote.over
          : texts.reminderNote.cancelled;
    const original = ctx.callbackQuery.message && 'text' in ctx.callbackQuery.message ? ctx.callbackQuery.message.text : undefined;
    // Without a keyboard the edited reminder has no buttons left to press.
    await ctx.editMessageText(original ? `${original}\n\n${note}` : note).catch((error: unknown) => {
      log.warn({ error: telegramFailure(error).description }, 'answered reminder not edited');
    });
  });

  bot.callbackQuery(REVIEW_CALLBACK, async (ctx) => {
    const texts = botTexts(ctx.from.language_code);
    const [, rating, bookingId] = ctx.match as [string, string, string];
    const status = await answerReviewRequest(prisma, { telegramId: ctx.from.id, bookingId, rating: Number(rating), now: clock() });
    log.info({ status }, 'review request answered');
    const recorded = status === 'recorded';
    await ctx.answerCallbackQuery({ text: texts.reviewAnswer[status], show_alert: !recorded });
    if (!recorded) return;
    const original = ctx.callbackQuery.message && 'text' in ctx.callbackQuery.message ? ctx.callbackQuery.message.text : undefined;
    const note = texts.reviewNote(Number(rating));
    // The rating buttons give way to one that opens the client's bookings, where the text is added.
    await ctx
      .editMessageText(original ? `${original}\n\n${note}` : note, {
        reply_markup: keyboard([webAppButton(texts.writeReview, webAppUrl(webappUrl, 'client/bookings'))]),
      })
      .catch((error: unknown) => {
        log.warn({ error: telegramFailure(error).description }, 'rated review request not edited');
      });
  });

  bot.callbackQuery(WAITLIST_CALLBACK, async (ctx) => {
    const texts = botTexts(ctx.from.language_code);
    const [, offerId] = ctx.match as [string, string];
    const status = await answerWaitlistOffer(prisma, {
      telegramId: ctx.from.id,
      offerId,
      now: clock(),
      notifications: options.notifications,
    });
    log.info({ status }, 'waitlist offer answered');
    const booked = status === 'booked' || status === 'already_booked';
    await ctx.answerCallbackQuery({ text: texts.waitlistAnswer[status], show_alert: !booked });
    if (status === 'not_yours') return;
    const original = ctx.callbackQuery.message && 'text' in ctx.callbackQuery.message ? ctx.callbackQuery.message.text : undefined;
    const note = booked ? texts.waitlistNote.booked : texts.waitlistNote.gone;
    // The button goes: taken, it opens the client's bookings instead; gone, nothing is left to press.
    await ctx
      .editMessageText(
        original ? `${original}\n\n${note}` : note,
        booked ? { reply_markup: keyboard([webAppButton(texts.myBookings, webAppUrl(webappUrl, 'client'))]) } : {},
      )
      .catch((error: unknown) => {
        log.warn({ error: telegramFailure(error).description }, 'answered waitlist offer not edited');
      });
  });

  bot.catch((error) => {
    log.error({ updateId: error.ctx.update.update_id, error: telegramFailure(error.error).description }, 'bot update failed');
  });

  return bot;
}
