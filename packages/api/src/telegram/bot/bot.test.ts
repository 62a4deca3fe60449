import { randomInt } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createTestApp, graphql, telegramUser, testPrisma } from '../../../test/app.js';
import { createClient, createClientBooking, createMaster, createSlotSettings } from '../../../test/factories.js';
import { request } from '../../../test/http.js';
import {
  callbackUpdate,
  createRecordedBot,
  messageUpdate,
  TEST_BOT_INFO,
  TEST_WEBAPP_URL,
  TelegramRecorder,
} from '../../../test/telegram.js';
import { createLogger } from '../../logger.js';
import { startTelegramBot } from './start.js';
import { createTelegramWebhook } from './webhook.js';

const prisma = testPrisma();
const HOUR = 60 * 60_000;

/** The master page's URL in the client app: its id is the global one, base64 of "Master:<uuid>", percent-encoded. */
const masterPage = (masterId: string) =>
  `https://zapis.example/app/client/masters/${encodeURIComponent(Buffer.from(`Master:${masterId}`).toString('base64'))}`;

const MASTER_APP = 'https://zapis.example/app/master';
const CLIENT_APP = 'https://zapis.example/app/client';

describe('/start', () => {
  it('greets in Russian by default with the two buttons that open the master and the client app', async () => {
    const { bot, telegram } = createRecordedBot();
    const user = telegramUser({ language_code: 'ru' });

    await bot.handleUpdate(messageUpdate(user, { text: '/start' }));

    expect(telegram.calls).toEqual([
      {
        method: 'sendMessage',
        payload: {
          chat_id: user.id,
          text: expect.stringMatching(/^Здравствуйте! Это Zapis/),
          reply_markup: {
            inline_keyboard: [
              [
                { text: 'Для мастера', web_app: { url: MASTER_APP } },
                { text: 'Для клиента', web_app: { url: CLIENT_APP } },
              ],
            ],
          },
        },
      },
    ]);
  });

  it.each(['en', 'en-GB'])('greets users whose language is %s in English', async (language) => {
    const { bot, telegram } = createRecordedBot();
    const user = telegramUser({ language_code: language });

    await bot.handleUpdate(messageUpdate(user, { text: '/start' }));

    expect(telegram.calls).toEqual([
      {
        method: 'sendMessage',
        payload: {
          chat_id: user.id,
          text: expect.stringMatching(/^Hello! This is Zapis/),
          reply_markup: {
            inline_keyboard: [
              [
                { text: 'For masters', web_app: { url: MASTER_APP } },
                { text: 'For clients', web_app: { url: CLIENT_APP } },
              ],
            ],
          },
        },
      },
    ]);
  });

  it("answers a master's deep link with a button to that master's page", async () => {
    const { bot, telegram } = createRecordedBot();
    const { master } = await createMaster();
    const user = telegramUser({ language_code: 'en' });

    await bot.handleUpdate(messageUpdate(user, { text: `/start m_${master.id}` }));

    expect(telegram.calls).toEqual([
      {
        method: 'sendMessage',
        payload: {
          chat_id: user.id,
          text: `${master.displayName} is on Zapis. Open the profile to choose a service and a time.`,
          reply_markup: { inline_keyboard: [[{ text: "Open the master's profile", web_app: { url: masterPage(master.id) } }]] },
        },
      },
    ]);
  });

  it('gives no button to the page of a master clients cannot see: draft, hidden, archived or unknown', async () => {
    const { bot, telegram } = createRecordedBot();
    const draft = await createMaster({ status: 'DRAFT' });
    const hidden = await createMaster();
    await prisma.master.update({ where: { id: hidden.master.id }, data: { isActive: false, deactivatedAt: new Date() } });
    const archived = await createMaster({ status: 'ARCHIVED' });
    const unknown = '00000000-0000-4000-8000-000000000000';
    const user = telegramUser({ language_code: 'ru' });

    for (const id of [draft.master.id, hidden.master.id, archived.master.id, unknown]) {
      await bot.handleUpdate(messageUpdate(user, { text: `/start m_${id}` }));
    }

    expect(telegram.calls).toHaveLength(4);
    for (const [index, id] of [draft.master.id, hidden.master.id, archived.master.id, unknown].entries()) {
      expect(telegram.calls[index]).toEqual({
        method: 'sendMessage',
        payload: {
          chat_id: user.id,
          text: 'Этот мастер сейчас не принимает записи. Найдите другого мастера в приложении.',
          reply_markup: { inline_keyboard: [[{ text: 'Для клиента', web_app: { url: CLIENT_APP } }]] },
        },
      });
      expect(JSON.stringify(telegram.calls[index])).not.toContain(masterPage(id).split('/').at(-1));
    }
  });

  it('treats a payload that is not a master link as a plain /start', async () => {
    const { bot, telegram } = createRecordedBot();
    const user = telegramUser();

    await bot.handleUpdate(messageUpdate(user, { text: '/start m_not-a-master' }));

    expect(telegram.calls).toMatchObject([{ method: 'sendMessage', payload: { text: expect.stringMatching(/^Здравствуйте/) } }]);
  });
});

describe('a contact shared with the bot', () => {
  const national = () => `916${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
  const phoneState = (masterId: string) =>
    prisma.master.findUniqueOrThrow({
      where: { id: masterId },
      select: { phone: true, phoneVerifiedAt: true, phoneVerificationMethod: true, onboardingSteps: { select: { step: true } } },
    });

  it("verifies the sender's own number and sends them back to registration", async () => {
    const { bot, telegram } = createRecordedBot();
    const { master, user } = await createMaster({ status: 'DRAFT' });
    const number = national();

    await bot.handleUpdate(messageUpdate(user, { contact: { phone_number: `7${number}`, first_name: 'Тест', user_id: user.id } }));

    expect(await phoneState(master.id)).toMatchObject({
      phone: `+7${number}`,
      phoneVerifiedAt: expect.any(Date),
      phoneVerificationMethod: 'TELEGRAM_CONTACT',
      onboardingSteps: [{ step: 'PHONE' }],
    });
    expect(telegram.calls).toEqual([
      {
        method: 'sendMessage',
        payload: {
          chat_id: user.id,
          text: 'Номер подтверждён. Вернитесь в приложение — регистрация продолжится.',
          reply_markup: { inline_keyboard: [[{ text: 'Продолжить регистрацию', web_app: { url: MASTER_APP } }]] },
        },
      },
    ]);
  });

  it("refuses someone else's contact, or one without a Telegram user, and changes nothing", async () => {
    const { bot, telegram } = createRecordedBot();
    const { master, user } = await createMaster({ status: 'DRAFT' });
    const before = await phoneState(master.id);

    await bot.handleUpdate(messageUpdate(user, { contact: { phone_number: `7${national()}`, first_name: 'Друг', user_id: user.id + 1 } }));
    await bot.handleUpdate(messageUpdate(user, { contact: { phone_number: `7${national()}`, first_name: 'Друг' } }));

    expect(await phoneState(master.id)).toEqual(before);
    expect(telegram.calls.map((call) => call.payload.text)).toEqual([
      'Это не ваш контакт. Чтобы подтвердить номер, отправьте свой: скрепка → «Контакт» → ваш номер.',
      'Это не ваш контакт. Чтобы подтвердить номер, отправьте свой: скрепка → «Контакт» → ваш номер.',
    ]);
  });
});

describe('POST /telegram/webhook', () => {
  const SECRET = 'webhook-secret-for-tests-0123456789';

  function webhookApp() {
    const { bot, telegram } = createRecordedBot();
    const app = createTestApp({ telegramBot: { webhook: createTelegramWebhook(bot, SECRET) } });
    return { app, telegram };
  }

  const post = (app: ReturnType<typeof createTestApp>, body: unknown, headers: Record<string, string> = {}) =>
    request(app, '/telegram/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('refuses a missing or wrong secret with 401 and handles nothing', async () => {
    const { app, telegram } = webhookApp();
    const update = messageUpdate(telegramUser(), { text: '/start' });

    const missing = await post(app, update);
    const wrong = await post(app, update, { 'x-telegram-bot-api-secret-token': `${SECRET.slice(0, -1)}x` });
    const longer = await post(app, update, { 'x-telegram-bot-api-secret-token': `${SECRET}0` });

    expect([missing.status, wrong.status, longer.status]).toEqual([401, 401, 401]);
    expect(telegram.calls).toEqual([]);
  });

  it('handles an update that carries the right secret', async () => {
    const { app, telegram } = webhookApp();
    const user = telegramUser();

    const response = await post(app, messageUpdate(user, { text: '/start' }), { 'x-telegram-bot-api-secret-token': SECRET });

    expect(response.status).toBe(200);
    expect(telegram.calls).toMatchObject([{ method: 'sendMessage', payload: { chat_id: user.id } }]);
  });

  it('is not there when the bot does not run in webhook mode', async () => {
    const response = await post(createTestApp(), messageUpdate(telegramUser(), { text: '/start' }), {
      'x-telegram-bot-api-secret-token': SECRET,
    });
    expect(response.status).toBe(404);
  });
});

describe('reminder buttons', () => {
  async function remindedBooking(options: { startsInHours?: number; cutoffMinutes?: number } = {}) {
    const { master, user: masterUser } = await createMaster();
    await createSlotSettings(master.id);
    await prisma.slotSettings.update({
      where: { masterId: master.id },
      data: { cancellationCutoffMinutes: options.cutoffMinutes ?? 120 },
    });
    const { client, user } = await createClient();
    const booking = await createClientBooking({
      clientId: client.id,
      masterId: master.id,
      startsAt: new Date(Date.now() + (options.startsInHours ?? 24) * HOUR),
    });
    const message = { chatId: user.id, messageId: 77, text: 'Напоминаем: завтра у вас запись.' };
    return { booking, user, message, masterUser };
  }

  const bookingState = (id: string) =>
    prisma.booking.findUniqueOrThrow({ where: { id }, select: { status: true, clientConfirmedAt: true, cancelledBy: true } });

  it("confirm records the client's confirmation, answers and takes the buttons away", async () => {
    const { bot, telegram } = createRecordedBot();
    const { booking, user, message, masterUser } = await remindedBooking();

    await bot.handleUpdate(callbackUpdate(user, `reminder:confirm:${booking.id}`, message));

    const state = await bookingState(booking.id);
    expect(state).toEqual({ status: 'CONFIRMED', clientConfirmedAt: expect.any(Date), cancelledBy: null });
    // The master sees it in the calendar.
    const calendar = await graphql<{ masterCalendar: { bookings: { clientConfirmedAt: string | null }[] } }>(
      createTestApp(),
      'query($from: DateTime!, $to: DateTime!) { masterCalendar(from: $from, to: $to) { bookings { clientConfirmedAt } } }',
      { as: masterUser, variables: { from: new Date().toISOString(), to: new Date(Date.now() + 2 * 24 * HOUR).toISOString() } },
    );
    expect(calendar.data?.masterCalendar.bookings).toEqual([{ clientConfirmedAt: state.clientConfirmedAt!.toISOString() }]);
    expect(telegram.calls).toEqual([
      {
        method: 'answerCallbackQuery',
        payload: { callback_query_id: expect.any(String), text: 'Спасибо! Мастер увидит, что вы придёте.', show_alert: false },
      },
      {
        method: 'editMessageText',
        payload: {
          chat_id: user.id,
          message_id: 77,
          text: 'Напоминаем: завтра у вас запись.\n\n✅ Вы подтвердили, что придёте.',
        },
      },
    ]);
  });

  it('cancel cancels the booking as its client', async () => {
    const { bot, telegram } = createRecordedBot();
    const { booking, user, message } = await remindedBooking();

    await bot.handleUpdate(callbackUpdate(user, `reminder:cancel:${booking.id}`, message));

    expect(await bookingState(booking.id)).toEqual({ status: 'CANCELLED', clientConfirmedAt: null, cancelledBy: 'CLIENT' });
    expect(telegram.calls.map((call) => [call.method, call.payload.text])).toEqual([
      ['answerCallbackQuery', 'Запись отменена.'],
      ['editMessageText', 'Напоминаем: завтра у вас запись.\n\n❌ Запись отменена.'],
    ]);
  });

  it("cancel after the master's cutoff changes nothing and says why", async () => {
    const { bot, telegram } = createRecordedBot();
    const { booking, user, message } = await remindedBooking({ startsInHours: 2, cutoffMinutes: 180 });

    await bot.handleUpdate(callbackUpdate(user, `reminder:cancel:${booking.id}`, message));

    expect(await bookingState(booking.id)).toEqual({ status: 'CONFIRMED', clientConfirmedAt: null, cancelledBy: null });
    expect(telegram.calls).toMatchObject([
      {
        method: 'answerCallbackQuery',
        payload: { text: 'Отменить запись здесь уже нельзя: срок отмены прошёл. Свяжитесь с мастером.', show_alert: true },
      },
    ]);
    expect(telegram.calls).toHaveLength(1);
  });

  it("refuses anyone but the booking's own client, changing nothing", async () => {
    const { bot, telegram } = createRecordedBot();
    const { booking, message } = await remindedBooking();
    const stranger = await createClient();
    const nobody = telegramUser();

    for (const from of [stranger.user, nobody]) {
      for (const answer of ['confirm', 'cancel']) {
        await bot.handleUpdate(callbackUpdate(from, `reminder:${answer}:${booking.id}`, message));
      }
    }

    expect(await bookingState(booking.id)).toEqual({ status: 'CONFIRMED', clientConfirmedAt: null, cancelledBy: null });
    expect(telegram.calls).toHaveLength(4);
    for (const call of telegram.calls) {
      expect(call).toMatchObject({ method: 'answerCallbackQuery', payload: { text: 'Это не ваша запись.', show_alert: true } });
    }
  });
});

describe('review request buttons', () => {
  const REQUEST_TEXT = 'Как прошёл визит к мастеру Ольга?\nМаникюр — 3 декабря, 12:00\nОцените от 1 до 5 — оценку увидят другие клиенты.';

  /** A client's visit that the master marked completed `endedHoursAgo` hours ago, and the bot's request about it. */
  async function completedVisit(options: { endedHoursAgo?: number; status?: 'COMPLETED' | 'NO_SHOW' } = {}) {
    const { master } = await createMaster();
    const { client, user } = await createClient({ user: telegramUser({ first_name: 'Анна', last_name: 'Смирнова' }) });
    const booking = await createClientBooking({
      clientId: client.id,
      masterId: master.id,
      startsAt: new Date(Date.now() - ((options.endedHoursAgo ?? 2) + 1) * HOUR),
      status: options.status ?? 'COMPLETED',
    });
    const message = { chatId: user.id, messageId: 88, text: REQUEST_TEXT };
    return { master, client, user, booking, message };
  }

  const reviewsOf = (bookingId: string) => prisma.review.findMany({ where: { bookingId } });

  it("records the client's rating as their review, thanks them and offers the app to add a text", async () => {
    const { bot, telegram } = createRecordedBot();
    const { master, client, user, booking, message } = await completedVisit();

    await bot.handleUpdate(callbackUpdate(user, `review:4:${booking.id}`, message));

    expect(await reviewsOf(booking.id)).toMatchObject([
      { masterId: master.id, clientId: client.id, rating: 4, text: null, authorName: 'Анна С.', status: 'PUBLISHED' },
    ]);
    expect(await prisma.masterRating.findUnique({ where: { masterId: master.id } })).toMatchObject({ reviewCount: 1, ratingSum: 4 });
    expect(telegram.calls).toEqual([
      {
        method: 'answerCallbackQuery',
        payload: { callback_query_id: expect.any(String), text: 'Спасибо за оценку!', show_alert: false },
      },
      {
        method: 'editMessageText',
        payload: {
          chat_id: user.id,
          message_id: 88,
          text: `${REQUEST_TEXT}\n\n⭐⭐⭐⭐ Спасибо за оценку! Добавьте пару слов в приложении — это поможет другим клиентам.`,
          reply_markup: { inline_keyboard: [[{ text: 'Написать отзыв', web_app: { url: `${CLIENT_APP}/bookings` } }]] },
        },
      },
    ]);
  });

  it("refuses anyone but the booking's own client, changing nothing", async () => {
    const { bot, telegram } = createRecordedBot();
    const { booking, message } = await completedVisit();
    const stranger = await createClient();
    const erased = await createClient({ erased: true });

    for (const from of [stranger.user, erased.user, telegramUser(), telegramUser({ language_code: 'en' })]) {
      await bot.handleUpdate(callbackUpdate(from, `review:1:${booking.id}`, message));
    }

    expect(await reviewsOf(booking.id)).toEqual([]);
    expect(telegram.calls.map((call) => [call.method, call.payload.text, call.payload.show_alert])).toEqual([
      ['answerCallbackQuery', 'Это не ваша запись.', true],
      ['answerCallbackQuery', 'Это не ваша запись.', true],
      ['answerCallbackQuery', 'Это не ваша запись.', true],
      ['answerCallbackQuery', 'This is not your booking.', true],
    ]);
  });

  it('explains, and changes nothing, when the visit is reviewed already, too long ago or not completed', async () => {
    const { bot, telegram } = createRecordedBot();
    const reviewed = await completedVisit();
    await bot.handleUpdate(callbackUpdate(reviewed.user, `review:5:${reviewed.booking.id}`, reviewed.message));
    const old = await completedVisit({ endedHoursAgo: 31 * 24 });
    const missed = await completedVisit({ status: 'NO_SHOW' });
    telegram.calls.length = 0;

    await bot.handleUpdate(callbackUpdate(reviewed.user, `review:1:${reviewed.booking.id}`, reviewed.message));
    await bot.handleUpdate(callbackUpdate(old.user, `review:3:${old.booking.id}`, old.message));
    await bot.handleUpdate(callbackUpdate(missed.user, `review:3:${missed.booking.id}`, missed.message));

    expect(telegram.calls.map((call) => [call.method, call.payload.text, call.payload.show_alert])).toEqual([
      ['answerCallbackQuery', 'Вы уже оставили отзыв об этом визите.', true],
      ['answerCallbackQuery', 'Отзыв можно оставить в течение 30 дней после визита — этот срок прошёл.', true],
      ['answerCallbackQuery', 'Отзыв можно оставить только о состоявшемся визите.', true],
    ]);
    expect(await reviewsOf(reviewed.booking.id)).toMatchObject([{ rating: 5 }]);
    expect(await reviewsOf(old.booking.id)).toEqual([]);
    expect(await reviewsOf(missed.booking.id)).toEqual([]);
  });

  it('ignores callback data that is not a rating of 1 to 5', async () => {
    const { bot, telegram } = createRecordedBot();
    const { user, booking, message } = await completedVisit();

    for (const data of [`review:0:${booking.id}`, `review:6:${booking.id}`, `review:5:${booking.id}x`, 'review:5:not-a-booking']) {
      await bot.handleUpdate(callbackUpdate(user, data, message));
    }

    expect(await reviewsOf(booking.id)).toEqual([]);
    expect(telegram.calls.filter((call) => call.method === 'editMessageText')).toEqual([]);
  });
});

describe('MasterProfile.shareLink', () => {
  const QUERY = '{ masterProfile { shareLink { miniApp bot } } }';
  const links = { botUsername: TEST_BOT_INFO.username, miniAppName: 'book' };

  it('gives an active master the links that open their page, through the mini-app and through the bot', async () => {
    const { master, user } = await createMaster();
    const app = createTestApp({ telegramBot: { links } });

    const result = await graphql(app, QUERY, { as: user });

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      masterProfile: {
        shareLink: {
          miniApp: `https://t.me/zapis_test_bot/book?startapp=m_${master.id}`,
          bot: `https://t.me/zapis_test_bot?start=m_${master.id}`,
        },
      },
    });
  });

  it("opens the bot's main Mini App when no Mini App short name is configured", async () => {
    const { master, user } = await createMaster();
    const app = createTestApp({ telegramBot: { links: { botUsername: 'zapis_test_bot' } } });

    const result = await graphql<{ masterProfile: { shareLink: { miniApp: string } } }>(app, QUERY, { as: user });

    expect(result.data?.masterProfile.shareLink.miniApp).toBe(`https://t.me/zapis_test_bot?startapp=m_${master.id}`);
  });

  it('is null for a master clients cannot see, and when the bot is not configured', async () => {
    const draft = await createMaster({ status: 'DRAFT' });
    const active = await createMaster();

    const hiddenResult = await graphql(createTestApp({ telegramBot: { links } }), QUERY, { as: draft.user });
    const noBotResult = await graphql(createTestApp(), QUERY, { as: active.user });

    expect(hiddenResult.data).toEqual({ masterProfile: { shareLink: null } });
    expect(noBotResult.data).toEqual({ masterProfile: { shareLink: null } });
  });
});

describe('start-up', () => {
  const SECRET = 'webhook-secret-for-tests-0123456789';
  const MENU_BUTTON = {
    method: 'setChatMenuButton',
    payload: { menu_button: { type: 'web_app', text: 'Записаться', web_app: { url: CLIENT_APP } } },
  };

  function start(telegram: TelegramRecorder, env: Parameters<typeof startTelegramBot>[0]['env']) {
    return startTelegramBot({
      settings: { token: '123456789:TEST-token-for-zapis-tests_0123456789', webappUrl: TEST_WEBAPP_URL },
      env,
      prisma,
      log: createLogger('silent'),
      connection: { transport: telegram.transport, botInfo: TEST_BOT_INFO },
    });
  }

  it('in webhook mode sets the menu button to the client app and registers the webhook with its secret', async () => {
    const telegram = new TelegramRecorder();
    const running = start(telegram, {
      botMode: 'webhook',
      TELEGRAM_WEBHOOK_URL: 'https://zapis.example/telegram/webhook',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    });

    expect(await running.ready).toBe(true);
    expect(telegram.calls).toEqual([
      MENU_BUTTON,
      {
        method: 'setWebhook',
        payload: {
          url: 'https://zapis.example/telegram/webhook',
          secret_token: SECRET,
          allowed_updates: ['message', 'callback_query'],
        },
      },
    ]);
    expect(running.webhook).toBeDefined();
    expect(running.links).toEqual({ botUsername: 'zapis_test_bot' });
  });

  it('in polling mode sets the menu button, then polls for updates until stopped', async () => {
    const telegram = new TelegramRecorder();
    const running = start(telegram, { botMode: 'polling', TELEGRAM_BOT_USERNAME: 'zapis_named_bot', TELEGRAM_MINI_APP_NAME: 'book' });
    try {
      expect(await running.ready).toBe(true);
      await vi.waitFor(() => expect(telegram.callsOf('getUpdates').length).toBeGreaterThan(0));
    } finally {
      await running.stop();
    }

    expect(running.webhook).toBeUndefined();
    expect(running.links).toEqual({ botUsername: 'zapis_named_bot', miniAppName: 'book' });
    expect(telegram.calls[0]).toEqual(MENU_BUTTON);
    expect(telegram.callsOf('setWebhook')).toEqual([]);
    expect(telegram.callsOf('getUpdates')[0]?.payload).toMatchObject({ allowed_updates: ['message', 'callback_query'] });
  });
});
