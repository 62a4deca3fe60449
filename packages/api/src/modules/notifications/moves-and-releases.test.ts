import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, graphql, type TestApp, telegramUser, testPrisma } from '../../../test/app.js';
import { testDatabaseUrl } from '../../../test/database.js';
import { createRoundTheClockMaster } from '../../../test/factories.js';
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
import { JOB_QUEUE_SCHEMA, startJobQueue } from '../../jobs/scheduler.js';
import { createLogger } from '../../logger.js';
import type { TelegramInitUser } from '../../telegram/init-data.js';
import { formatLocalDateTime } from '../../time/zoned-time.js';
import { releaseUnconfirmedBooking } from '../booking/booking-release.js';
import { counterValue, metrics } from '../monitoring/metrics.js';
import { type BookingNotifier, createBookingNotifier, NOTIFICATION_QUEUE, RELEASE_QUEUE } from './notification-jobs.js';

/**
 * A move's and a release's bot messages and jobs against real PostgreSQL and pg-boss, with
 * workers standing in for API instances (test/job-workers.ts): the old time's jobs dropped and
 * the new time's queued, both sides told with the exact texts and buttons in both languages and
 * in the master's zone across a clock change, and unconfirmed bookings released once at their
 * deadline, whatever the workers do.
 */

const prisma = testPrisma();
const log = createLogger('silent');
const HOUR = 60 * 60_000;
const MINUTE = 60_000;

const CREATE = 'mutation Create($input: CreateBookingInput!) { createBooking(input: $input) { id } }';
const CANCEL = 'mutation Cancel($input: CancelBookingInput!) { cancelBooking(input: $input) { id status } }';
const MOVE = /* GraphQL */ `
  mutation Move($input: RescheduleBookingInput!) {
    rescheduleBooking(input: $input) { id localStart releasesAt moves { fromLocalStart toLocalStart movedBy } }
  }
`;
const CALENDAR = /* GraphQL */ `
  query Calendar($from: DateTime!, $to: DateTime!) {
    masterCalendar(from: $from, to: $to) { bookings { id status clientConfirmedAt releasesAt cancelledBy } }
  }
`;
const MINE = 'query Mine { clientProfile { upcomingBookings { edges { node { id releasesAt } } } } }';

const dbId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1]!;
const calendarButton = { inline_keyboard: [[{ text: 'Открыть календарь', web_app: { url: `${TEST_WEBAPP_URL}/master/calendar` } }]] };
const noPreview = { is_disabled: true };

describe('moves and releases through the bot', { timeout: 90_000 }, () => {
  let queue: PgBoss;
  let notifier: BookingNotifier;
  let app: TestApp;

  beforeAll(async () => {
    queue = await startJobQueue({ url: testDatabaseUrl(), log });
    notifier = await createBookingNotifier(queue, { limit: 2, delaySeconds: 1 });
    app = createTestApp({ notifications: notifier });
  });
  afterAll(() => queue?.stop({ graceful: true, timeout: 10_000 }));

  const master = ({
    language,
    ...options
  }: {
    timeZone?: string;
    language?: string;
    requireConfirmation?: boolean;
    horizonDays?: number;
  } = {}) => createRoundTheClockMaster({ ...options, user: telegramUser({ language_code: language ?? 'ru' }) });
  type Master = Awaited<ReturnType<typeof master>>;

  async function books(m: Master, client: TelegramInitUser, startsAt: Date, channels = ['TELEGRAM']) {
    const result = await graphql<{ createBooking: { id: string } }>(app, CREATE, {
      as: client,
      variables: {
        input: {
          masterServiceId: m.masterServiceId,
          startsAt: startsAt.toISOString(),
          clientName: 'Анна',
          clientPhone: '+79123456789',
          preferredChannels: channels,
          idempotencyKey: randomUUID(),
        },
      },
    });
    expect(result.errors).toBeUndefined();
    return result.data!.createBooking.id;
  }

  async function move(as: TelegramInitUser, bookingId: string, startsAt: Date) {
    const result = await graphql<{
      rescheduleBooking: { localStart: string; releasesAt: string | null; moves: { fromLocalStart: string; toLocalStart: string }[] };
    }>(app, MOVE, { as, variables: { input: { bookingId, startsAt: startsAt.toISOString(), idempotencyKey: randomUUID() } } });
    expect(result.errors).toBeUndefined();
    return result.data!.rescheduleBooking;
  }

  const hourAhead = (hours: number) => new Date(Math.ceil((Date.now() + hours * HOUR) / HOUR) * HOUR);

  it("drops the old time's reminders, plans the new time's, and tells both sides of a client's move", async () => {
    const clock = new TestClock();
    const m = await master();
    const client = telegramUser({ language_code: 'ru' });
    const before = hourAhead(72);
    const after = new Date(before.getTime() + 29 * HOUR);
    const id = await books(m, client, before);
    const bookingId = dbId(id);

    await move(client, id, after);

    const keys = (await jobsOf(bookingId)).map((job) => job.singleton_key).sort();
    const moveId = (await prisma.bookingMove.findFirstOrThrow({ where: { bookingId } })).id;
    expect(keys).toEqual(
      [
        `BOOKING_CONFIRMED:${bookingId}`,
        `BOOKING_CREATED:${bookingId}`,
        `MOVED_BY_CLIENT:${bookingId}:${moveId}`,
        `MOVE_CONFIRMED:${bookingId}:${moveId}`,
        `REMINDER_24H:${bookingId}:${after.getTime()}`,
        `REMINDER_2H:${bookingId}:${after.getTime()}`,
      ].sort(),
    );

    const worker = await startWorker(clock);
    try {
      await expectDeliveries(bookingId, {
        BOOKING_CREATED: 'SENT',
        BOOKING_CONFIRMED: 'SENT',
        MOVED_BY_CLIENT: 'SENT',
        MOVE_CONFIRMED: 'SENT',
      });
      const time = (instant: Date) => formatLocalDateTime(instant, m.timeZone, 'ru');
      expect(sendsTo(worker.telegram, m.masterUser.id).at(-1)?.payload).toEqual({
        chat_id: m.masterUser.id,
        text: `Клиент перенёс запись\nАнна — ${m.service.nameRu}\nБыло: ${time(before)}\nСтало: ${time(after)}`,
        reply_markup: calendarButton,
        link_preview_options: noPreview,
      });
      expect(sendsTo(worker.telegram, client.id).at(-1)?.payload).toEqual({
        chat_id: client.id,
        text: `Запись перенесена: ${m.service.nameRu}\n${time(after)}\nБыло: ${time(before)}\nМастер: Мария`,
        reply_markup: { inline_keyboard: [[{ text: 'Мои записи', web_app: { url: `${TEST_WEBAPP_URL}/client` } }]] },
        link_preview_options: noPreview,
      });

      // Past the old time's reminder and up to the new one's: only the new time is reminded.
      await clock.advanceTo(new Date(after.getTime() - 24 * HOUR + MINUTE), [bookingId]);
      await expectDeliveries(bookingId, {
        BOOKING_CREATED: 'SENT',
        BOOKING_CONFIRMED: 'SENT',
        MOVED_BY_CLIENT: 'SENT',
        MOVE_CONFIRMED: 'SENT',
        REMINDER_24H: 'SENT',
      });
      expect(sendsTo(worker.telegram, client.id).at(-1)?.payload.text).toBe(
        `Напоминаем: завтра у вас запись.\n${m.service.nameRu} — ${time(after)}\nМастер: Мария`,
      );
      expect((await deliveriesOf(bookingId)).find((row) => row.kind === 'REMINDER_24H')?.key).toBe(
        `REMINDER_24H:${bookingId}:${after.getTime()}`,
      );
    } finally {
      await worker.stop();
    }
  });

  it("tells only the latest of quick moves: an earlier move's messages are skipped", async () => {
    const clock = new TestClock();
    const m = await master();
    const client = telegramUser();
    const start = hourAhead(72);
    const id = await books(m, client, start);
    await move(client, id, new Date(start.getTime() + HOUR));
    await move(m.masterUser, id, new Date(start.getTime() + 2 * HOUR));
    const worker = await startWorker(clock);
    try {
      await expectDeliveries(dbId(id), {
        BOOKING_CREATED: 'SENT',
        BOOKING_CONFIRMED: 'SENT',
        MOVED_BY_CLIENT: 'SKIPPED',
        MOVE_CONFIRMED: 'SKIPPED',
        MOVED_BY_MASTER: 'SENT',
      });
      const skipped = (await deliveriesOf(dbId(id))).filter((row) => row.status === 'SKIPPED');
      expect(skipped.map((row) => row.detail)).toEqual(['MOVED', 'MOVED']);
    } finally {
      await worker.stop();
    }
  });

  it("shows a move across a daylight-saving change in the master's zone: API fields and the exact texts in both languages", async () => {
    const clock = new TestClock();
    const change = nextBerlinClockChange();
    const m = await master({ timeZone: 'Europe/Berlin', language: 'ru', horizonDays: 365 });
    const client = telegramUser({ language_code: 'en', first_name: 'Anna' });
    // The Saturday before the change, 10:00; the Monday after it, 10:00; the Friday before it, 18:00 (wall clock).
    const saturday = change.local(-1, 10);
    const monday = change.local(1, 10);
    const friday = change.local(-2, 18);
    const id = await books(m, client, saturday.instant);
    const bookingId = dbId(id);
    const worker = await startWorker(clock);
    try {
      await expectDeliveries(bookingId, { BOOKING_CREATED: 'SENT', BOOKING_CONFIRMED: 'SENT' });

      const byClient = await move(client, id, monday.instant);
      expect(byClient.localStart).toBe(monday.iso);
      expect(byClient.moves).toEqual([{ fromLocalStart: saturday.iso, toLocalStart: monday.iso, movedBy: 'CLIENT' }]);
      await expectDeliveries(bookingId, {
        BOOKING_CREATED: 'SENT',
        BOOKING_CONFIRMED: 'SENT',
        MOVED_BY_CLIENT: 'SENT',
        MOVE_CONFIRMED: 'SENT',
      });
      expect(sendsTo(worker.telegram, m.masterUser.id).at(-1)?.payload.text).toBe(
        `Клиент перенёс запись\nАнна — ${m.service.nameRu}\nБыло: ${saturday.ru}\nСтало: ${monday.ru}`,
      );
      expect(sendsTo(worker.telegram, client.id).at(-1)?.payload).toEqual({
        chat_id: client.id,
        text: `Your booking is moved: ${m.service.nameEn}\n${monday.en}\nWas: ${saturday.en}\nMaster: Мария`,
        reply_markup: { inline_keyboard: [[{ text: 'My bookings', web_app: { url: `${TEST_WEBAPP_URL}/client` } }]] },
        link_preview_options: noPreview,
      });

      const byMaster = await move(m.masterUser, id, friday.instant);
      expect(byMaster.moves.at(-1)).toEqual({ fromLocalStart: monday.iso, toLocalStart: friday.iso, movedBy: 'MASTER' });
      await waitFor(
        async () => (await deliveriesOf(bookingId)).some((row) => row.kind === 'MOVED_BY_MASTER' && row.status === 'SENT'),
        'the notice',
      );
      expect(sendsTo(worker.telegram, client.id).at(-1)?.payload).toEqual({
        chat_id: client.id,
        text: `Мария moved your booking\n${m.service.nameEn} — ${friday.en}\nWas: ${monday.en}`,
        reply_markup: { inline_keyboard: [[{ text: 'My bookings', web_app: { url: `${TEST_WEBAPP_URL}/client` } }]] },
        link_preview_options: noPreview,
      });
      // The master is not told of their own move.
      expect(sendsTo(worker.telegram, m.masterUser.id)).toHaveLength(2);
    } finally {
      await worker.stop();
    }
  });

  describe('releasing unconfirmed bookings', () => {
    it('releases an unconfirmed booking once at its deadline, with two workers and a restart, told to both sides; stats follow', async () => {
      const clock = new TestClock();
      const m = await master({ requireConfirmation: true });
      const client = telegramUser({ language_code: 'ru' });
      const start = hourAhead(72);
      const releaseAt = new Date(start.getTime() - 180 * MINUTE);
      const id = await books(m, client, start);
      const bookingId = dbId(id);
      const clientRow = await prisma.client.findUniqueOrThrow({ where: { telegramId: BigInt(client.id) } });
      const releasedBefore = await counterValue(metrics.bookingsCancelled, { source: 'system' });
      const freedBefore = await counterValue(metrics.timeFreed, { cause: 'released' });

      const range = { from: new Date(start.getTime() - HOUR).toISOString(), to: new Date(start.getTime() + HOUR).toISOString() };
      const calendar = await graphql<{ masterCalendar: { bookings: unknown[] } }>(app, CALENDAR, { as: m.masterUser, variables: range });
      expect(calendar.data?.masterCalendar.bookings).toEqual([
        { id, status: 'CONFIRMED', clientConfirmedAt: null, releasesAt: releaseAt.toISOString(), cancelledBy: null },
      ]);
      const mine = await graphql<{ clientProfile: { upcomingBookings: { edges: { node: unknown }[] } } }>(app, MINE, { as: client });
      expect(mine.data?.clientProfile.upcomingBookings.edges).toEqual([{ node: { id, releasesAt: releaseAt.toISOString() } }]);
      expect(await jobsOf(bookingId, RELEASE_QUEUE)).toMatchObject([
        { singleton_key: `RELEASE:${bookingId}:${releaseAt.getTime()}`, start_after: releaseAt, state: 'created' },
      ]);

      let first = await startWorker(clock);
      const second = await startWorker(clock);
      const everyWorker = [first, second];
      try {
        await expectDeliveries(bookingId, { BOOKING_CREATED: 'SENT', BOOKING_CONFIRMED: 'SENT' });
        await clock.advanceTo(new Date(start.getTime() - 24 * HOUR + MINUTE), [bookingId]);
        await expectDeliveries(bookingId, { BOOKING_CREATED: 'SENT', BOOKING_CONFIRMED: 'SENT', REMINDER_24H: 'SENT' });
        const time = (instant: Date) => formatLocalDateTime(instant, m.timeZone, 'ru');
        const reminders = everyWorker
          .flatMap((worker) => sendsTo(worker.telegram, client.id))
          .filter((call) => String(call.payload.text).startsWith('Напоминаем'));
        expect(reminders).toHaveLength(1);
        expect(reminders[0]?.payload.text).toBe(
          `Напоминаем: завтра у вас запись.\n${m.service.nameRu} — ${time(start)}\nМастер: Мария\n` +
            `Подтвердите запись кнопкой «Приду» до ${time(releaseAt)}, иначе она будет отменена.`,
        );

        // One instance restarts before the deadline.
        await first.stop();
        first = await startWorker(clock);
        everyWorker.push(first);

        await clock.advanceTo(new Date(releaseAt.getTime() + MINUTE), [bookingId]);
        await expectDeliveries(bookingId, {
          BOOKING_CREATED: 'SENT',
          BOOKING_CONFIRMED: 'SENT',
          REMINDER_24H: 'SENT',
          RELEASED_TO_CLIENT: 'SENT',
          RELEASED_TO_MASTER: 'SENT',
        });
        const released = await prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
        expect(released).toMatchObject({ status: 'CANCELLED', cancelledBy: 'SYSTEM', cancellationReason: null });

        const sent = everyWorker.flatMap((worker) => worker.telegram.callsOf('sendMessage')).map((call) => call.payload);
        expect(sent.filter((payload) => payload.chat_id === client.id && String(payload.text).startsWith('Запись'))).toEqual([
          {
            chat_id: client.id,
            text: `Запись отменена: вы не подтвердили её вовремя.\n${m.service.nameRu} — ${time(start)}\nМастер: Мария\nЕсли время ещё свободно, запишитесь снова.`,
            reply_markup: {
              inline_keyboard: [
                [
                  {
                    text: 'Открыть профиль мастера',
                    web_app: { url: `${TEST_WEBAPP_URL}/client/masters/${encodeURIComponent(encodeGlobalID('Master', m.master.id))}` },
                  },
                ],
              ],
            },
            link_preview_options: noPreview,
          },
        ]);
        expect(sent.filter((payload) => payload.chat_id === m.masterUser.id && String(payload.text).startsWith('Запись'))).toEqual([
          {
            chat_id: m.masterUser.id,
            text: `Запись освобождена: клиент не подтвердил её вовремя\nАнна — ${m.service.nameRu}\n${time(start)}`,
            reply_markup: calendarButton,
            link_preview_options: noPreview,
          },
        ]);

        // The reminder due later says nothing of a released booking.
        await clock.advanceTo(new Date(start.getTime() - 2 * HOUR + MINUTE), [bookingId]);
        await waitFor(async () => (await deliveriesOf(bookingId)).some((row) => row.kind === 'REMINDER_2H'), 'the 2 h reminder');
        await settledJobs([bookingId]);
        expect((await deliveriesOf(bookingId)).find((row) => row.kind === 'REMINDER_2H')).toMatchObject({
          status: 'SKIPPED',
          detail: 'CANCELLED',
        });

        // Exactly once: one job, done; run again (a worker that died after committing), it finds the booking closed.
        expect(await jobsOf(bookingId, RELEASE_QUEUE)).toMatchObject([{ state: 'completed' }]);
        expect(await releaseUnconfirmedBooking(prisma, { bookingId, releaseAt: releaseAt.toISOString() }, clock.now(), notifier)).toBe(
          'closed',
        );
        expect((await prisma.booking.findUniqueOrThrow({ where: { id: bookingId } })).cancelledAt).toEqual(released.cancelledAt);
        expect(sent.filter((payload) => String(payload.text).startsWith('Запись'))).toHaveLength(2);
        expect(await counterValue(metrics.bookingsCancelled, { source: 'system' })).toBe(releasedBefore + 1);
        expect(await counterValue(metrics.timeFreed, { cause: 'released' })).toBe(freedBefore + 1);
        expect(await prisma.clientServiceStats.findMany({ where: { clientId: clientRow.id } })).toEqual([]);
      } finally {
        await Promise.all([first.stop(), second.stop()]);
      }
    });

    it('leaves confirmed and cancelled bookings alone, and releases a moved one at its new deadline only', async () => {
      const clock = new TestClock();
      const m = await master({ requireConfirmation: true });
      const start = hourAhead(72);
      const [confirming, cancelling, moving, phoneOnly] = [
        telegramUser({ language_code: 'ru' }),
        telegramUser(),
        telegramUser(),
        telegramUser(),
      ];
      const confirmed = dbId(await books(m, confirming, start));
      const cancelled = dbId(await books(m, cancelling, new Date(start.getTime() + HOUR)));
      const movedId = await books(m, moving, new Date(start.getTime() + 2 * HOUR));
      const moved = dbId(movedId);
      // A client who gets no Telegram messages is never asked, so never released.
      const notAsked = dbId(await books(m, phoneOnly, new Date(start.getTime() + 3 * HOUR), ['PHONE']));
      expect((await prisma.booking.findUniqueOrThrow({ where: { id: notAsked } })).releaseAt).toBeNull();
      expect(await jobsOf(notAsked, RELEASE_QUEUE)).toEqual([]);
      // Nor is one who turned reminders off.
      const noReminders = telegramUser();
      expect((await graphql(app, 'mutation { upsertClient { id } }', { as: noReminders })).errors).toBeUndefined();
      await prisma.client.update({ where: { telegramId: BigInt(noReminders.id) }, data: { notifyReminders: false } });
      const unreminded = dbId(await books(m, noReminders, new Date(start.getTime() + 4 * HOUR)));
      expect((await prisma.booking.findUniqueOrThrow({ where: { id: unreminded } })).releaseAt).toBeNull();

      expect(
        (await graphql(app, CANCEL, { as: cancelling, variables: { input: { bookingId: encodeGlobalID('Booking', cancelled) } } })).errors,
      ).toBeUndefined();
      const oldRelease = new Date(start.getTime() + 2 * HOUR - 180 * MINUTE);
      const later = new Date(start.getTime() + 26 * HOUR);
      const afterMove = await move(moving, movedId, later);
      const newRelease = new Date(later.getTime() - 180 * MINUTE);
      expect(afterMove.releasesAt).toBe(newRelease.toISOString());
      expect((await jobsOf(moved, RELEASE_QUEUE)).map((job) => job.singleton_key)).toEqual([`RELEASE:${moved}:${newRelease.getTime()}`]);

      const worker = await startWorker(clock);
      try {
        const ids = [confirmed, cancelled, moved, notAsked];
        await clock.advanceTo(new Date(start.getTime() - 24 * HOUR + MINUTE), ids);
        await expectDeliveries(confirmed, { BOOKING_CREATED: 'SENT', BOOKING_CONFIRMED: 'SENT', REMINDER_24H: 'SENT' });

        // The client presses «Приду» in the reminder.
        const reminder = sendsTo(worker.telegram, confirming.id).at(-1)!;
        const { bot } = createRecordedBot();
        await bot.handleUpdate(
          callbackUpdate(confirming, `reminder:confirm:${confirmed}`, {
            chatId: confirming.id,
            messageId: 1001,
            text: String(reminder.payload.text),
          }),
        );
        expect((await prisma.booking.findUniqueOrThrow({ where: { id: confirmed } })).clientConfirmedAt).not.toBeNull();

        await clock.advanceTo(new Date(oldRelease.getTime() + MINUTE), ids);
        await settledJobs(ids);
        const statuses = async () =>
          Object.fromEntries(
            (await prisma.booking.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, cancelledBy: true } })).map(
              (row) => [row.id, `${row.status}${row.cancelledBy ? ` by ${row.cancelledBy}` : ''}`],
            ),
          );
        expect(await statuses()).toEqual({
          [confirmed]: 'CONFIRMED',
          [cancelled]: 'CANCELLED by CLIENT',
          [moved]: 'CONFIRMED',
          [notAsked]: 'CONFIRMED',
        });
        expect(await jobsOf(confirmed, RELEASE_QUEUE)).toMatchObject([{ state: 'completed' }]);
        expect(await jobsOf(cancelled, RELEASE_QUEUE)).toMatchObject([{ state: 'completed' }]);

        // The moved booking's own deadline, after the reminder for its new time went unanswered.
        await clock.advanceTo(new Date(later.getTime() - 24 * HOUR + MINUTE), [moved]);
        await waitFor(
          async () => (await deliveriesOf(moved)).some((row) => row.kind === 'REMINDER_24H' && row.status === 'SENT'),
          'its reminder',
        );
        await clock.advanceTo(new Date(newRelease.getTime() + MINUTE), ids);
        await waitFor(async () => (await prisma.booking.findUniqueOrThrow({ where: { id: moved } })).status === 'CANCELLED', 'the release');
        expect(await statuses()).toEqual({
          [confirmed]: 'CONFIRMED',
          [cancelled]: 'CANCELLED by CLIENT',
          [moved]: 'CANCELLED by SYSTEM',
          [notAsked]: 'CONFIRMED',
        });
        await settledJobs(ids);
        const releaseJobs = await prisma.$queryRawUnsafe<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM ${JOB_QUEUE_SCHEMA}.job WHERE name = $1 AND data->>'bookingId' = ANY($2::text[])`,
          RELEASE_QUEUE,
          ids,
        );
        expect(releaseJobs).toEqual([{ n: 3 }]);
        expect(await jobsOf(moved, NOTIFICATION_QUEUE)).toEqual(
          expect.arrayContaining([expect.objectContaining({ kind: 'RELEASED_TO_CLIENT', state: 'completed' })]),
        );
      } finally {
        await worker.stop();
      }
    });
  });
});

const RU_MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const RU_DAYS = ['вс', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'];
const EN_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * The next change of Berlin's clocks at least three days away (EU rule: 01:00 UTC on the last
 * Sunday of March, +01:00 → +02:00, and of October, back), and wall-clock times around it
 * written out by hand: the instant, local ISO 8601 with the offset in force, and the bot's
 * Russian and English forms. An oracle of its own, not the code under test.
 */
function nextBerlinClockChange() {
  const lastSunday = (year: number, month: number) => {
    const last = new Date(Date.UTC(year, month + 1, 0));
    return new Date(Date.UTC(year, month, last.getUTCDate() - last.getUTCDay()));
  };
  const soon = Date.now() + 3 * 24 * HOUR;
  const year = new Date(soon).getUTCFullYear();
  const sunday = [lastSunday(year, 2), lastSunday(year, 9), lastSunday(year + 1, 2)].find((day) => day.getTime() > soon)!;
  const springForward = sunday.getUTCMonth() === 2;
  return {
    /** `days` after (before, when negative) the Sunday of the change, at `hour`:00 on the wall clock. */
    local(days: number, hour: number) {
      const date = new Date(sunday.getTime() + days * 24 * HOUR);
      const offsetHours = days > 0 === springForward ? 2 : 1;
      const ymd = date.toISOString().slice(0, 10);
      const hh = String(hour).padStart(2, '0');
      const dayOfMonth = date.getUTCDate();
      return {
        instant: new Date(date.getTime() + (hour - offsetHours) * HOUR),
        iso: `${ymd}T${hh}:00:00+0${offsetHours}:00`,
        ru: `${RU_DAYS[date.getUTCDay()]}, ${dayOfMonth} ${RU_MONTHS[date.getUTCMonth()]}, ${hh}:00`,
        en: `${EN_DAYS[date.getUTCDay()]}, ${dayOfMonth} ${EN_MONTHS[date.getUTCMonth()]}, ${hh}:00`,
      };
    },
  };
}
