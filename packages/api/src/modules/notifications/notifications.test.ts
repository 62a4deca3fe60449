import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, graphql, type TestApp, telegramUser, testPrisma } from '../../../test/app.js';
import { testDatabaseUrl } from '../../../test/database.js';
import {
  createClient,
  createClientBooking,
  createMaster,
  createMasterService,
  createSchedule,
  createSlotSettings,
} from '../../../test/factories.js';
import {
  deliveriesOf,
  expectDeliveries,
  jobsOf,
  sendsTo,
  settledJobs,
  startWorker,
  TestClock,
  waitFor,
} from '../../../test/job-workers.js';
import { callbackUpdate, createRecordedBot, TEST_WEBAPP_URL } from '../../../test/telegram.js';
import type { ContactChannel } from '../../generated/prisma/client.js';
import { startJobQueue } from '../../jobs/scheduler.js';
import { createLogger } from '../../logger.js';
import type { TelegramInitUser } from '../../telegram/init-data.js';
import { counterValue, metrics } from '../monitoring/metrics.js';
import { type BookingNotifier, createBookingNotifier } from './notification-jobs.js';

/**
 * Notifications against real PostgreSQL and real pg-boss: the API queues them with the
 * booking, workers (test/job-workers.ts: each its own pg-boss instance, as in separate API
 * instances) send them to a recorder standing in for Telegram, on a test clock.
 */

const prisma = testPrisma();
const log = createLogger('silent');
const HOUR = 60 * 60_000;
const MINUTE = 60_000;

/** Wall-clock HH:MM in Moscow, where the test masters work. */
const moscowTime = (instant: Date) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Moscow', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);

const CREATE = 'mutation Create($input: CreateBookingInput!) { createBooking(input: $input) { id } }';
const CREATE_MANUAL = 'mutation Create($input: CreateManualBookingInput!) { createManualBooking(input: $input) { id } }';
const CANCEL = 'mutation Cancel($input: CancelBookingInput!) { cancelBooking(input: $input) { id status } }';
const OUTCOME = 'mutation Outcome($input: SetBookingOutcomeInput!) { setBookingOutcome(input: $input) { id status } }';
const LEAVE_REVIEW = 'mutation Leave($input: LeaveReviewInput!) { leaveReview(input: $input) { id } }';

const dbId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1]!;

describe('booking notifications and reminders', { timeout: 60_000 }, () => {
  let queue: PgBoss;
  let notifier: BookingNotifier;
  let app: TestApp;

  beforeAll(async () => {
    queue = await startJobQueue({ url: testDatabaseUrl(), log });
    // Quick retries so that a test can watch them: about 1–2 s, then 2–4 s.
    notifier = await createBookingNotifier(queue, { limit: 2, delaySeconds: 1 });
    app = createTestApp({ notifications: notifier });
  });
  afterAll(() => queue?.stop({ graceful: true, timeout: 10_000 }));

  /** An active master in Moscow working round the clock, hourly slots, one 60-minute service; a start 3 days ahead. */
  async function bookable() {
    const { master, user: masterUser } = await createMaster({ user: telegramUser({ language_code: 'ru' }) });
    await createSchedule(
      master.id,
      [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 0, endMinute: 1440 })),
    );
    await createSlotSettings(master.id);
    const offer = await createMasterService(master.id, { durationMinutes: 60 });
    const service = await prisma.service.findUniqueOrThrow({ where: { id: offer.serviceId } });
    const startsAt = new Date(Math.ceil((Date.now() + 72 * HOUR) / HOUR) * HOUR);
    return { master, masterUser, offer, service, startsAt, masterServiceId: encodeGlobalID('MasterService', offer.id) };
  }

  async function clientBooks(setup: Awaited<ReturnType<typeof bookable>>, client: TelegramInitUser, channels = ['TELEGRAM']) {
    const result = await graphql<{ createBooking: { id: string } }>(app, CREATE, {
      as: client,
      variables: {
        input: {
          masterServiceId: setup.masterServiceId,
          startsAt: setup.startsAt.toISOString(),
          clientName: 'Анна',
          clientPhone: '+79123456789',
          preferredChannels: channels,
          idempotencyKey: randomUUID(),
        },
      },
    });
    expect(result.errors).toBeUndefined();
    return dbId(result.data!.createBooking.id);
  }

  it('queues the messages with the booking at their times, and sends each once, reminders when due', async () => {
    const clock = new TestClock();
    const setup = await bookable();
    const client = telegramUser({ language_code: 'ru' });
    const sentBefore = await counterValue(metrics.notificationSends, { kind: 'reminder_24h', outcome: 'sent' });

    const bookingId = await clientBooks(setup, client);

    const { startsAt } = setup;
    const jobs = await jobsOf(bookingId);
    expect(jobs.map((job) => [job.kind, job.state])).toEqual([
      [expect.stringMatching(/^BOOKING_(CREATED|CONFIRMED)$/), 'created'],
      [expect.stringMatching(/^BOOKING_(CREATED|CONFIRMED)$/), 'created'],
      ['REMINDER_24H', 'created'],
      ['REMINDER_2H', 'created'],
    ]);
    expect(jobs[2]!.start_after).toEqual(new Date(startsAt.getTime() - 24 * HOUR));
    expect(jobs[3]!.start_after).toEqual(new Date(startsAt.getTime() - 2 * HOUR));
    expect(jobs[3]!.singleton_key).toBe(`REMINDER_2H:${bookingId}:${startsAt.getTime()}`);

    const worker = await startWorker(clock);
    try {
      await expectDeliveries(bookingId, { BOOKING_CREATED: 'SENT', BOOKING_CONFIRMED: 'SENT' });
      const [toMaster] = sendsTo(worker.telegram, Number(setup.master.telegramId));
      expect(toMaster?.payload).toEqual({
        chat_id: Number(setup.master.telegramId),
        text: expect.stringContaining(`Новая запись\nАнна — ${setup.service.nameRu}\n`),
        reply_markup: { inline_keyboard: [[{ text: 'Открыть календарь', web_app: { url: `${TEST_WEBAPP_URL}/master/calendar` } }]] },
        link_preview_options: { is_disabled: true },
      });
      expect(toMaster?.payload.text).toContain(moscowTime(startsAt));
      expect(sendsTo(worker.telegram, client.id)).toMatchObject([
        {
          payload: {
            text: expect.stringMatching(new RegExp(`^Вы записаны: ${setup.service.nameRu}\\n.*${moscowTime(startsAt)}\\nМастер: `)),
            reply_markup: { inline_keyboard: [[{ text: 'Мои записи', web_app: { url: `${TEST_WEBAPP_URL}/client` } }]] },
          },
        },
      ]);

      await clock.advanceTo(new Date(startsAt.getTime() - 24 * HOUR + MINUTE), [bookingId]);
      await expectDeliveries(bookingId, { BOOKING_CREATED: 'SENT', BOOKING_CONFIRMED: 'SENT', REMINDER_24H: 'SENT' });
      expect(sendsTo(worker.telegram, client.id).at(-1)?.payload).toMatchObject({
        text: expect.stringMatching(/^Напоминаем: завтра у вас запись\./),
        reply_markup: {
          inline_keyboard: [
            [
              { text: 'Приду', callback_data: `reminder:confirm:${bookingId}` },
              { text: 'Отменить запись', callback_data: `reminder:cancel:${bookingId}` },
            ],
          ],
        },
      });

      await clock.advanceTo(new Date(startsAt.getTime() - 2 * HOUR + MINUTE), [bookingId]);
      await expectDeliveries(bookingId, { BOOKING_CREATED: 'SENT', BOOKING_CONFIRMED: 'SENT', REMINDER_24H: 'SENT', REMINDER_2H: 'SENT' });
      await settledJobs([bookingId]);

      expect(worker.telegram.callsOf('sendMessage')).toHaveLength(4);
      expect(sendsTo(worker.telegram, client.id).at(-1)?.payload.text).toMatch(/^Напоминаем: через 2 часа у вас запись\./);
      expect((await deliveriesOf(bookingId)).map((row) => row.attempts)).toEqual([1, 1, 1, 1]);
      expect((await jobsOf(bookingId)).map((job) => job.state)).toEqual(['completed', 'completed', 'completed', 'completed']);
      expect(await counterValue(metrics.notificationSends, { kind: 'reminder_24h', outcome: 'sent' })).toBe(sentBefore + 1);
    } finally {
      await worker.stop();
    }
  });

  it('queues nothing when the booking transaction rolls back', async () => {
    const setup = await bookable();
    const booking = await prisma.booking.create({
      data: {
        masterId: setup.master.id,
        startsAt: setup.startsAt,
        endsAt: new Date(setup.startsAt.getTime() + HOUR),
        source: 'MASTER',
      },
    });

    await expect(
      prisma.$transaction(async (tx) => {
        await notifier.bookingCreated(tx, { id: booking.id, startsAt: booking.startsAt, clientId: null, releaseAt: null }, new Date());
        expect(await jobsOf(booking.id)).toEqual([]); // not visible outside the transaction yet
        throw new Error('the booking change failed');
      }),
    ).rejects.toThrow('the booking change failed');

    expect(await jobsOf(booking.id)).toEqual([]);
  });

  it('sends no reminder for a cancelled booking, and tells the master the client cancelled', async () => {
    const clock = new TestClock();
    const setup = await bookable();
    const client = telegramUser({ language_code: 'en' });
    const bookingId = await clientBooks(setup, client);
    const worker = await startWorker(clock);
    try {
      await expectDeliveries(bookingId, { BOOKING_CREATED: 'SENT', BOOKING_CONFIRMED: 'SENT' });

      const cancelled = await graphql(app, CANCEL, {
        as: client,
        variables: { input: { bookingId: encodeGlobalID('Booking', bookingId) } },
      });
      expect(cancelled.errors).toBeUndefined();
      await expectDeliveries(bookingId, { BOOKING_CREATED: 'SENT', BOOKING_CONFIRMED: 'SENT', CANCELLED_BY_CLIENT: 'SENT' });

      await clock.advanceTo(new Date(setup.startsAt.getTime() - 24 * HOUR + MINUTE), [bookingId]);
      await clock.advanceTo(new Date(setup.startsAt.getTime() - 2 * HOUR + MINUTE), [bookingId]);
      await expectDeliveries(bookingId, {
        BOOKING_CREATED: 'SENT',
        BOOKING_CONFIRMED: 'SENT',
        CANCELLED_BY_CLIENT: 'SENT',
        REMINDER_24H: 'SKIPPED',
        REMINDER_2H: 'SKIPPED',
      });

      expect((await deliveriesOf(bookingId)).filter((row) => row.status === 'SKIPPED').map((row) => row.detail)).toEqual([
        'CANCELLED',
        'CANCELLED',
      ]);
      expect(sendsTo(worker.telegram, client.id).map((call) => call.payload.text)).toEqual([expect.stringMatching(/^You are booked: /)]);
      expect(sendsTo(worker.telegram, Number(setup.master.telegramId)).map((call) => call.payload.text)).toEqual([
        expect.stringMatching(/^Новая запись\n/),
        expect.stringMatching(/^Клиент отменил запись\nАнна — /),
      ]);
    } finally {
      await worker.stop();
    }
  });

  it('sends no reminder for the old time of a booking that moved', async () => {
    const clock = new TestClock();
    const setup = await bookable();
    const client = telegramUser();
    const bookingId = await clientBooks(setup, client);
    // `rescheduleBooking` deletes the old time's reminder jobs; one already running when the move commits finds
    // another start. Such a job is left behind here by moving the booking straight in the database.
    const movedTo = new Date(setup.startsAt.getTime() + 5 * 24 * HOUR);
    await prisma.booking.update({ where: { id: bookingId }, data: { startsAt: movedTo, endsAt: new Date(movedTo.getTime() + HOUR) } });
    const worker = await startWorker(clock);
    try {
      await clock.advanceTo(new Date(setup.startsAt.getTime() - 24 * HOUR + MINUTE), [bookingId]);
      await clock.advanceTo(new Date(setup.startsAt.getTime() - 2 * HOUR + MINUTE), [bookingId]);
      await expectDeliveries(bookingId, {
        BOOKING_CREATED: 'SENT',
        BOOKING_CONFIRMED: 'SENT',
        REMINDER_24H: 'SKIPPED',
        REMINDER_2H: 'SKIPPED',
      });
      expect((await deliveriesOf(bookingId)).filter((row) => row.status === 'SKIPPED').map((row) => row.detail)).toEqual([
        'MOVED',
        'MOVED',
      ]);
      expect(sendsTo(worker.telegram, client.id)).toHaveLength(1);
    } finally {
      await worker.stop();
    }
  });

  it('sends a client who does not allow Telegram nothing, and the master still hears of the booking', async () => {
    const clock = new TestClock();
    const setup = await bookable();
    const client = telegramUser();
    const bookingId = await clientBooks(setup, client, ['PHONE']);
    const worker = await startWorker(clock);
    try {
      await clock.advanceTo(new Date(setup.startsAt.getTime() - 24 * HOUR + MINUTE), [bookingId]);
      await expectDeliveries(bookingId, { BOOKING_CREATED: 'SENT', BOOKING_CONFIRMED: 'SKIPPED', REMINDER_24H: 'SKIPPED' });
      expect(sendsTo(worker.telegram, client.id)).toEqual([]);
      expect(sendsTo(worker.telegram, Number(setup.master.telegramId))).toHaveLength(1);
    } finally {
      await worker.stop();
    }
  });

  it("honours the client's choices: reminders off are skipped, the rest come in the language they chose", async () => {
    const clock = new TestClock();
    const setup = await bookable();
    const client = telegramUser({ language_code: 'ru' });
    const bookingId = await clientBooks(setup, client);
    await prisma.client.update({
      where: { telegramId: BigInt(client.id) },
      data: { notifyReminders: false, languageOverride: 'en' },
    });
    const worker = await startWorker(clock);
    try {
      await clock.advanceTo(new Date(setup.startsAt.getTime() - 24 * HOUR + MINUTE), [bookingId]);
      await expectDeliveries(bookingId, { BOOKING_CREATED: 'SENT', BOOKING_CONFIRMED: 'SENT', REMINDER_24H: 'SKIPPED' });
      expect((await deliveriesOf(bookingId)).find((row) => row.kind === 'REMINDER_24H')?.detail).toBe('TURNED_OFF');
      expect(sendsTo(worker.telegram, client.id).map((call) => call.payload.text)).toEqual([expect.stringMatching(/^You are booked: /)]);
    } finally {
      await worker.stop();
    }
  });

  it('sends each message once when two instances work the queue', async () => {
    const clock = new TestClock();
    const setups = await Promise.all([bookable(), bookable(), bookable()]);
    const bookingIds: string[] = [];
    for (const setup of setups) bookingIds.push(await clientBooks(setup, telegramUser()));
    const workers = await Promise.all([startWorker(clock), startWorker(clock)]);
    try {
      for (const id of bookingIds) await expectDeliveries(id, { BOOKING_CREATED: 'SENT', BOOKING_CONFIRMED: 'SENT' });
      await clock.advanceTo(new Date(setups[0]!.startsAt.getTime() - 24 * HOUR + MINUTE), bookingIds);
      for (const id of bookingIds) await expectDeliveries(id, { BOOKING_CREATED: 'SENT', BOOKING_CONFIRMED: 'SENT', REMINDER_24H: 'SENT' });
      const jobs = await settledJobs(bookingIds);
      expect(jobs.filter((job) => job.state === 'completed')).toHaveLength(9);

      const sent = workers.flatMap((worker) => worker.telegram.callsOf('sendMessage'));
      expect(sent).toHaveLength(9);
      const messages = sent.map((call) => `${call.payload.chat_id}:${String(call.payload.text).split('\n')[0]}`);
      expect(new Set(messages).size).toBe(9);
      const rows = await prisma.notificationDelivery.findMany({ where: { bookingId: { in: bookingIds } } });
      expect(rows.map((row) => row.attempts)).toEqual(Array(9).fill(1));
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }
  });

  it('keeps queued reminders across a worker restart: the next instance sends them', async () => {
    const clock = new TestClock();
    const setup = await bookable();
    const client = telegramUser();
    const bookingId = await clientBooks(setup, client);

    const first = await startWorker(clock);
    await expectDeliveries(bookingId, { BOOKING_CREATED: 'SENT', BOOKING_CONFIRMED: 'SENT' });
    await first.stop();

    // Due now, with no instance working the queue: it waits for the next one.
    await clock.advanceTo(new Date(setup.startsAt.getTime() - 24 * HOUR + MINUTE), [bookingId]);
    expect((await jobsOf(bookingId)).find((job) => job.kind === 'REMINDER_24H')?.state).toBe('created');

    const second = await startWorker(clock);
    try {
      await expectDeliveries(bookingId, { BOOKING_CREATED: 'SENT', BOOKING_CONFIRMED: 'SENT', REMINDER_24H: 'SENT' });
      expect(sendsTo(second.telegram, client.id).map((call) => call.payload.text)).toEqual([
        expect.stringMatching(/^Напоминаем: завтра у вас запись\./),
      ]);
      expect(sendsTo(first.telegram, client.id)).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });

  /** The master books a client by hand: one message, to the master. */
  async function masterBooks(setup: Awaited<ReturnType<typeof bookable>>) {
    const result = await graphql<{ createManualBooking: { id: string } }>(app, CREATE_MANUAL, {
      as: setup.masterUser,
      variables: { input: { masterServiceId: setup.masterServiceId, startsAt: setup.startsAt.toISOString(), clientName: 'Олег' } },
    });
    expect(result.errors).toBeUndefined();
    return dbId(result.data!.createManualBooking.id);
  }

  it('tells the master of a booking they made themselves, and queues no client messages for it', async () => {
    const worker = await startWorker(new TestClock());
    try {
      const setup = await bookable();
      const bookingId = await masterBooks(setup);
      await expectDeliveries(bookingId, { BOOKING_CREATED: 'SENT' });
      expect(sendsTo(worker.telegram, setup.masterUser.id).map((call) => call.payload.text)).toEqual([
        expect.stringMatching(/^Новая запись\nОлег — /),
      ]);
      expect((await jobsOf(bookingId)).map((job) => job.kind)).toEqual(['BOOKING_CREATED']);
    } finally {
      await worker.stop();
    }
  });

  describe('the review request after a completed visit', () => {
    /** A client's hour-long visit to a bookable master that ended `endedMinutesAgo` minutes ago, not marked yet. */
    async function visit(endedMinutesAgo: number, channels: ContactChannel[] = ['TELEGRAM']) {
      const setup = await bookable();
      const { client, user } = await createClient({
        user: telegramUser({ first_name: 'Анна', last_name: 'Смирнова' }),
        preferredChannels: channels,
      });
      const endsAt = new Date(Date.now() - endedMinutesAgo * MINUTE);
      const booking = await createClientBooking({
        clientId: client.id,
        masterId: setup.master.id,
        serviceId: setup.service.id,
        startsAt: new Date(endsAt.getTime() - HOUR),
      });
      return { ...setup, client, user, booking };
    }

    async function markOutcome(v: Awaited<ReturnType<typeof visit>>, outcome: 'COMPLETED' | 'NO_SHOW') {
      const result = await graphql(app, OUTCOME, {
        as: v.masterUser,
        variables: { input: { bookingId: encodeGlobalID('Booking', v.booking.id), outcome } },
      });
      expect(result.errors).toBeUndefined();
    }

    it('is queued with the outcome an hour after the end, sent once with five rating buttons, and a button records the review', async () => {
      const clock = new TestClock();
      const v = await visit(30);

      await markOutcome(v, 'COMPLETED');
      await markOutcome(v, 'NO_SHOW');
      await markOutcome(v, 'COMPLETED');

      expect(await jobsOf(v.booking.id)).toMatchObject([
        {
          kind: 'REVIEW_REQUEST',
          singleton_key: `REVIEW_REQUEST:${v.booking.id}`,
          start_after: new Date(v.booking.endsAt.getTime() + HOUR),
          state: 'created',
        },
      ]);
      const worker = await startWorker(clock);
      try {
        await clock.advanceTo(new Date(v.booking.endsAt.getTime() + HOUR + MINUTE), [v.booking.id]);
        await expectDeliveries(v.booking.id, { REVIEW_REQUEST: 'SENT' });
        await settledJobs([v.booking.id]);

        const sent = sendsTo(worker.telegram, v.user.id);
        const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        expect(sent).toEqual([
          {
            method: 'sendMessage',
            payload: {
              chat_id: v.user.id,
              text: expect.stringMatching(
                new RegExp(
                  `^Как прошёл визит к мастеру ${literal(v.master.displayName)}\\?\\n${v.service.nameRu} — [^\\n]*` +
                    `${moscowTime(v.booking.startsAt)}\\nОцените от 1 до 5 — оценку увидят другие клиенты\\.$`,
                ),
              ),
              reply_markup: {
                inline_keyboard: [
                  [1, 2, 3, 4, 5].map((rating) => ({ text: `${rating} ⭐`, callback_data: `review:${rating}:${v.booking.id}` })),
                ],
              },
              link_preview_options: { is_disabled: true },
            },
          },
        ]);
        expect(worker.telegram.callsOf('sendMessage')).toHaveLength(1);
        const text = String(sent[0]!.payload.text);

        // The client presses "5": the bot records the review, as the client.
        const { bot, telegram } = createRecordedBot();
        const buttons = (sent[0]!.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard[0]!;
        await bot.handleUpdate(callbackUpdate(v.user, buttons[4]!.callback_data, { chatId: v.user.id, messageId: 1001, text }));
        expect(await prisma.review.findMany({ where: { bookingId: v.booking.id } })).toMatchObject([
          { clientId: v.client.id, masterId: v.master.id, rating: 5, text: null, authorName: 'Анна С.' },
        ]);
        expect(telegram.callsOf('editMessageText')).toHaveLength(1);
      } finally {
        await worker.stop();
      }
    });

    it('is due at once for a visit that ended long ago, and never queued for a booking without a client', async () => {
      const worker = await startWorker(new TestClock());
      try {
        const v = await visit(3 * 24 * 60);
        await markOutcome(v, 'COMPLETED');
        await expectDeliveries(v.booking.id, { REVIEW_REQUEST: 'SENT' });
        expect(sendsTo(worker.telegram, v.user.id)).toHaveLength(1);

        const setup = await bookable();
        const manual = await prisma.booking.create({
          data: {
            masterId: setup.master.id,
            startsAt: new Date(Date.now() - 2 * HOUR),
            endsAt: new Date(Date.now() - HOUR),
            source: 'MASTER',
            clientName: 'Олег',
          },
        });
        const result = await graphql(app, OUTCOME, {
          as: setup.masterUser,
          variables: { input: { bookingId: encodeGlobalID('Booking', manual.id), outcome: 'COMPLETED' } },
        });
        expect(result.errors).toBeUndefined();
        expect(await jobsOf(manual.id)).toEqual([]);
      } finally {
        await worker.stop();
      }
    });

    it('is skipped for a visit corrected to no-show or already reviewed, and for a client without Telegram or erased', async () => {
      const clock = new TestClock();
      const corrected = await visit(30);
      const reviewed = await visit(30);
      const noTelegram = await visit(30, ['PHONE']);
      const erased = await visit(30);
      const all = [corrected, reviewed, noTelegram, erased];
      for (const v of all) await markOutcome(v, 'COMPLETED');

      await markOutcome(corrected, 'NO_SHOW');
      const left = await graphql(app, LEAVE_REVIEW, {
        as: reviewed.user,
        variables: { input: { bookingId: encodeGlobalID('Booking', reviewed.booking.id), rating: 5, text: 'Спасибо!' } },
      });
      expect(left.errors).toBeUndefined();
      expect((await graphql(app, 'mutation { eraseMyData }', { as: erased.user })).errors).toBeUndefined();

      const worker = await startWorker(clock);
      try {
        const ids = all.map((v) => v.booking.id);
        await clock.advanceTo(new Date(corrected.booking.endsAt.getTime() + HOUR + MINUTE), ids);
        for (const id of ids) await expectDeliveries(id, { REVIEW_REQUEST: 'SKIPPED' });
        await settledJobs(ids);

        const details = await Promise.all(ids.map(async (id) => (await deliveriesOf(id))[0]?.detail));
        expect(details).toEqual(['NOT_COMPLETED', 'ALREADY_REVIEWED', 'TELEGRAM_NOT_ALLOWED', 'NO_CLIENT']);
        expect(worker.telegram.callsOf('sendMessage')).toEqual([]);
      } finally {
        await worker.stop();
      }
    });
  });

  describe('a failed send', () => {
    it('is retried with backoff and then sent', async () => {
      const worker = await startWorker(new TestClock());
      const retriesBefore = await counterValue(metrics.notificationSends, { kind: 'booking_created', outcome: 'retry' });
      try {
        const setup = await bookable();
        worker.telegram.fail('sendMessage', 'network', { times: 1, chatId: setup.masterUser.id });
        const bookingId = await masterBooks(setup);
        await expectDeliveries(bookingId, { BOOKING_CREATED: 'SENT' });
        // The delivery row is written before pg-boss marks the job completed.
        await settledJobs([bookingId]);

        expect(sendsTo(worker.telegram, setup.masterUser.id)).toHaveLength(2);
        expect(await deliveriesOf(bookingId)).toMatchObject([{ status: 'SENT', attempts: 2, detail: null }]);
        expect(await jobsOf(bookingId)).toMatchObject([{ state: 'completed', retry_count: 1 }]);
        expect(await counterValue(metrics.notificationSends, { kind: 'booking_created', outcome: 'retry' })).toBe(retriesBefore + 1);
      } finally {
        await worker.stop();
      }
    });

    it('is recorded as failed once its retries run out', async () => {
      const worker = await startWorker(new TestClock());
      try {
        const setup = await bookable();
        worker.telegram.fail('sendMessage', 'network', { times: 10, chatId: setup.masterUser.id });
        const bookingId = await masterBooks(setup);
        await expectDeliveries(bookingId, { BOOKING_CREATED: 'FAILED' });

        // The first attempt and two retries (the limit this test's queue has).
        expect(sendsTo(worker.telegram, setup.masterUser.id)).toHaveLength(3);
        expect(await deliveriesOf(bookingId)).toMatchObject([
          { status: 'FAILED', attempts: 3, detail: "Network request for 'sendMessage' failed!" },
        ]);
        await waitFor(async () => (await jobsOf(bookingId))[0]?.state === 'failed', 'the job to fail');
      } finally {
        await worker.stop();
      }
    });

    it('is not retried when Telegram refuses for good (the bot is blocked)', async () => {
      const worker = await startWorker(new TestClock());
      try {
        const setup = await bookable();
        const blocked = { error_code: 403, description: 'Forbidden: bot was blocked by the user' };
        worker.telegram.fail('sendMessage', blocked, { times: 10, chatId: setup.masterUser.id });
        const bookingId = await masterBooks(setup);
        await expectDeliveries(bookingId, { BOOKING_CREATED: 'FAILED' });
        // Completed at once, not left to retry: pg-boss will not run it again.
        expect(await settledJobs([bookingId])).toMatchObject([{ state: 'completed', retry_count: 0 }]);

        expect(sendsTo(worker.telegram, setup.masterUser.id)).toHaveLength(1);
        expect(await deliveriesOf(bookingId)).toMatchObject([
          { status: 'FAILED', attempts: 1, detail: 'sendMessage: 403 Forbidden: bot was blocked by the user' },
        ]);
      } finally {
        await worker.stop();
      }
    });
  });
});
