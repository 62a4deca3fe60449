import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResponse, graphql, type TestApp, telegramUser, testPrisma } from '../../../test/app.js';
import { testDatabaseUrl } from '../../../test/database.js';
import { createRoundTheClockMaster } from '../../../test/factories.js';
import { expectDeliveries, sendsTo, startWorker, TestClock, type Worker, waitFor } from '../../../test/job-workers.js';
import { callbackUpdate, createRecordedBot, inCallOrder, TEST_WEBAPP_URL } from '../../../test/telegram.js';
import { JOB_QUEUE_SCHEMA, startJobQueue } from '../../jobs/scheduler.js';
import { createLogger } from '../../logger.js';
import type { TelegramInitUser } from '../../telegram/init-data.js';
import { addDays, formatLocalDateTime, localDateOf, zonedToUtc } from '../../time/zoned-time.js';
import { counterValue, metrics } from '../monitoring/metrics.js';
import { type BookingNotifier, createBookingNotifier, WAITLIST_EXPIRY_QUEUE, WAITLIST_QUEUE } from '../notifications/notification-jobs.js';
import { releaseUnconfirmedBooking } from './booking-release.js';
import { expireWaitlistOffer, offerFreedTime } from './waitlist-offers.js';

/**
 * Freed time offered to the waitlist through real pg-boss workers standing in for API instances
 * (test/job-workers.ts) and a recorder standing in for Telegram: one client at a time, in line,
 * held exclusively, expired once and passed on, with the exact messages in both languages and
 * the master's zone; releases and removed days off offered, days off never; clients who turned
 * offers off skipped.
 */

const prisma = testPrisma();
const log = createLogger('silent');
const HOUR = 60 * 60_000;
const MINUTE = 60_000;
/** Three seconds: long enough to be seen held, short enough to expire in a test. */
const SHORT_HOLD = { holdMinutes: 0.05 };

const JOIN = 'mutation Join($input: JoinWaitlistInput!) { joinWaitlist(input: $input) { id offer { id } } }';
const CREATE = 'mutation Create($input: CreateBookingInput!) { createBooking(input: $input) { id } }';
const CANCEL = 'mutation Cancel($input: CancelBookingInput!) { cancelBooking(input: $input) { id status } }';
const CLAIM = 'mutation Claim($input: ClaimWaitlistOfferInput!) { claimWaitlistOffer(input: $input) { id startsAt } }';
const MY_WAITLIST = /* GraphQL */ `
  query Mine { clientProfile { waitlist { id dates offer { id startsAt localDate localStart timeZone expiresAt } } } }
`;

const dbId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1]!;
const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;

describe('waitlist offers through the job workers and the bot', { timeout: 120_000 }, () => {
  let queue: PgBoss;
  let notifier: BookingNotifier;
  let app: TestApp;

  beforeAll(async () => {
    queue = await startJobQueue({ url: testDatabaseUrl(), log });
    notifier = await createBookingNotifier(queue, { limit: 2, delaySeconds: 1 });
    app = createTestApp({ notifications: notifier });
  });
  afterAll(() => queue?.stop({ graceful: true, timeout: 10_000 }));

  const master = (options: { timeZone?: string; requireConfirmation?: boolean; horizonDays?: number } = {}) =>
    createRoundTheClockMaster({ ...options, address: 'Тверская, 1' });
  type Master = Awaited<ReturnType<typeof master>>;

  async function joins(m: Master, client: TelegramInitUser, dates: string[], channels = ['TELEGRAM']) {
    const result = await graphql<{ joinWaitlist: { id: string } }>(app, JOIN, {
      as: client,
      variables: {
        input: {
          masterServiceId: m.masterServiceId,
          dates,
          clientName: client.first_name,
          clientPhone: '+79123456789',
          preferredChannels: channels,
        },
      },
    });
    expect(result.errors).toBeUndefined();
    return result.data!.joinWaitlist.id;
  }

  async function books(m: Master, client: TelegramInitUser, startsAt: Date) {
    const result = await graphql<{ createBooking: { id: string } }>(app, CREATE, {
      as: client,
      variables: {
        input: {
          masterServiceId: m.masterServiceId,
          startsAt: startsAt.toISOString(),
          clientName: 'Анна',
          clientPhone: '+79123456789',
          preferredChannels: ['TELEGRAM'],
          idempotencyKey: randomUUID(),
        },
      },
    });
    expect(result.errors).toBeUndefined();
    return result.data!.createBooking.id;
  }

  async function cancels(as: TelegramInitUser, bookingId: string) {
    const result = await graphql(app, CANCEL, { as, variables: { input: { bookingId } } });
    expect(result.errors).toBeUndefined();
  }

  const offersOf = (masterId: string) =>
    prisma.waitlistOffer.findMany({ where: { masterId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: { client: true } });

  const freedTimeJobs = (masterId: string) =>
    prisma.$queryRawUnsafe<{ state: string }[]>(
      `SELECT state::text AS state FROM ${JOB_QUEUE_SCHEMA}.job WHERE name = $1 AND data->>'masterId' = $2`,
      WAITLIST_QUEUE,
      masterId,
    );

  /** Every freed-time job of the master has run. */
  const freedTimeWorked = (masterId: string, count: number) =>
    waitFor(async () => {
      const jobs = await freedTimeJobs(masterId);
      return jobs.length === count && jobs.every((job) => job.state === 'completed');
    }, `${count} freed-time jobs done`);

  const waitlistDeliveries = (offerId: string) =>
    prisma.notificationDelivery.findMany({ where: { waitlistOfferId: offerId }, orderBy: { createdAt: 'asc' } });

  /** What every worker sent to a chat, in the order it was sent (each worker records its own calls). */
  const allSends = (workers: Worker[], chatId: number) => workers.flatMap((worker) => sendsTo(worker.telegram, chatId)).sort(inCallOrder);

  const clientRow = (user: TelegramInitUser) => prisma.client.findUniqueOrThrow({ where: { telegramId: BigInt(user.id) } });

  /** A whole hour some days ahead, as a local date and an instant. */
  function ahead(m: Master, days: number, hour = 10) {
    const date = addDays(localDateOf(new Date(), m.timeZone), days);
    return { date, at: zonedToUtc(date, hour * 60, m.timeZone) };
  }

  it('holds a freed time for exactly one of 20 waiting clients, through two workers and a restart; all 20 claiming at once make one booking', async () => {
    const clock = new TestClock();
    const m = await master();
    const { date, at } = ahead(m, 3);
    const waiting = Array.from({ length: 20 }, (_, n) => telegramUser({ first_name: `Ждущий ${n}` }));
    for (const client of waiting) await joins(m, client, [date]);
    const holder = telegramUser();
    const bookingId = await books(m, holder, at);
    const madeBefore = await counterValue(metrics.waitlistOffers, { event: 'made' });
    const claimedBefore = await counterValue(metrics.waitlistOffers, { event: 'claimed' });

    let first = await startWorker(clock);
    const second = await startWorker(clock);
    const workers = [first, second];
    try {
      await cancels(holder, bookingId);
      await freedTimeWorked(m.master.id, 1);
      const [offer, ...more] = await offersOf(m.master.id);
      expect(more).toEqual([]);
      expect(offer).toMatchObject({ status: 'HELD', startsAt: at, endsAt: new Date(at.getTime() + HOUR) });
      expect(offer!.client.telegramId).toBe(BigInt(waiting[0]!.id));
      await waitFor(async () => (await waitlistDeliveries(offer!.id))[0]?.status === 'SENT', 'the offer message');

      // The same freed time offered again (a job run twice) offers nothing more.
      expect(
        await offerFreedTime(
          prisma,
          { masterId: m.master.id, startsAt: at.toISOString(), endsAt: new Date(at.getTime() + HOUR).toISOString() },
          new Date(),
          notifier,
          SHORT_HOLD,
        ),
      ).toBe(0);

      // An instance restarts while the time is held.
      await first.stop();
      first = await startWorker(clock);
      workers.push(first);

      // The holder sees it in the app; a stranger cannot book it.
      const mine = await graphql<{ clientProfile: { waitlist: { offer: { id: string } | null }[] } }>(app, MY_WAITLIST, { as: waiting[0] });
      const offerId = mine.data!.clientProfile.waitlist[0]!.offer!.id;
      expect(offerId).toBe(encodeGlobalID('WaitlistOffer', offer!.id));

      // Everyone at once: the holder twice (two keys) and by the bot's button, the others claiming the
      // same offer and booking the same time directly.
      const claim = (as: TelegramInitUser) => graphql(app, CLAIM, { as, variables: { input: { offerId, idempotencyKey: randomUUID() } } });
      const { bot, telegram } = createRecordedBot({ notifications: notifier });
      const message = allSends(workers, waiting[0]!.id)[0]!;
      const [own, again, , ...others] = await Promise.all([
        claim(waiting[0]!),
        claim(waiting[0]!),
        bot.handleUpdate(
          callbackUpdate(waiting[0]!, `waitlist:take:${offer!.id}`, {
            chatId: waiting[0]!.id,
            messageId: 1001,
            text: String(message.payload.text),
          }),
        ),
        ...waiting.slice(1).map((client) => claim(client)),
        ...waiting.slice(1).map((client) =>
          graphql(app, CREATE, {
            as: client,
            variables: {
              input: {
                masterServiceId: m.masterServiceId,
                startsAt: at.toISOString(),
                clientName: 'X',
                clientPhone: '+79123456789',
                preferredChannels: ['TELEGRAM'],
                idempotencyKey: randomUUID(),
              },
            },
          }),
        ),
      ]);
      expect(own!.errors).toBeUndefined();
      expect(again!.errors).toBeUndefined();
      expect((again as GraphQLResponse<{ claimWaitlistOffer: { id: string } }>).data!.claimWaitlistOffer.id).toBe(
        (own as GraphQLResponse<{ claimWaitlistOffer: { id: string } }>).data!.claimWaitlistOffer.id,
      );
      const refusals = (others as GraphQLResponse[]).map(codeOf);
      expect(refusals.slice(0, 19)).toEqual(Array(19).fill('FORBIDDEN'));
      expect(refusals.slice(19)).toEqual(Array(19).fill('SLOT_UNAVAILABLE'));
      // Whichever of the holder's three claims came first, the button answers that they are booked, and its message says so.
      expect(['Готово, вы записаны!', 'Вы уже записаны на это время.']).toContain(telegram.callsOf('answerCallbackQuery')[0]?.payload.text);
      expect(telegram.callsOf('editMessageText')[0]?.payload).toMatchObject({
        text: `${message.payload.text}\n\n✅ Вы записаны.`,
        reply_markup: { inline_keyboard: [[{ text: 'Мои записи', web_app: { url: `${TEST_WEBAPP_URL}/client` } }]] },
      });

      const atThatTime = await prisma.booking.findMany({ where: { masterId: m.master.id, startsAt: at, status: 'CONFIRMED' } });
      expect(atThatTime).toHaveLength(1);
      const winner = await clientRow(waiting[0]!);
      expect(atThatTime[0]).toMatchObject({ clientId: winner.id, source: 'CLIENT', clientName: 'Ждущий 0' });
      expect(await prisma.waitlistOffer.findUniqueOrThrow({ where: { id: offer!.id } })).toMatchObject({
        status: 'CLAIMED',
        bookingId: atThatTime[0]!.id,
      });
      expect(await prisma.waitlistEntry.findFirstOrThrow({ where: { clientId: winner.id } })).toMatchObject({ endReason: 'FULFILLED' });
      expect(await prisma.waitlistEntry.count({ where: { masterId: m.master.id, endedAt: null } })).toBe(19);
      expect(await prisma.clientServiceStats.findMany({ where: { clientId: winner.id } })).toMatchObject([{ bookingsCount: 1 }]);
      expect(await counterValue(metrics.waitlistOffers, { event: 'made' })).toBe(madeBefore + 1);
      expect(await counterValue(metrics.waitlistOffers, { event: 'claimed' })).toBe(claimedBefore + 1);
      // One offer message in all, whichever worker sent it, and the booking's own confirmation.
      await expectDeliveries(atThatTime[0]!.id, { BOOKING_CREATED: 'SENT', BOOKING_CONFIRMED: 'SENT' });
      expect(allSends(workers, waiting[0]!.id).filter((call) => String(call.payload.text).startsWith('Освободилось'))).toHaveLength(1);
      for (const client of waiting.slice(1)) expect(allSends(workers, client.id)).toEqual([]);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  it('expires an unclaimed offer once with two workers, tells its client, and passes it to the next in line: exact texts in both languages', async () => {
    const clock = new TestClock();
    // A zone other than Moscow's, on a date after its next clock change (Berlin, +02:00 in summer).
    const m = await master({ timeZone: 'Europe/Berlin', horizonDays: 365 });
    const firstInLine = telegramUser({ language_code: 'en', first_name: 'Olga' });
    const nextInLine = telegramUser({ language_code: 'en', first_name: 'Anna' });
    const summer = addDays(localDateOf(new Date(), m.timeZone), 200);
    const at = zonedToUtc(summer, 10 * 60, m.timeZone);
    await joins(m, firstInLine, [summer]);
    await joins(m, nextInLine, [summer]);
    // The first chose Russian in the app over their Telegram's English.
    await prisma.client.update({ where: { telegramId: BigInt(firstInLine.id) }, data: { languageOverride: 'ru' } });
    const holder = telegramUser();
    const bookingId = await books(m, holder, at);
    const expiredBefore = await counterValue(metrics.waitlistOffers, { event: 'expired' });

    const workers = [await startWorker(clock, undefined, SHORT_HOLD), await startWorker(clock, undefined, SHORT_HOLD)];
    try {
      await cancels(holder, bookingId);
      const first = await waitFor(async () => (await offersOf(m.master.id))[0], 'the first offer');
      expect(first.client.telegramId).toBe(BigInt(firstInLine.id));
      const mine = await graphql<{ clientProfile: { waitlist: { offer: Record<string, unknown> }[] } }>(app, MY_WAITLIST, {
        as: firstInLine,
      });
      expect(mine.data?.clientProfile.waitlist[0]?.offer).toEqual({
        id: encodeGlobalID('WaitlistOffer', first.id),
        startsAt: at.toISOString(),
        localDate: summer,
        localStart: `${summer}T10:00:00+02:00`,
        timeZone: 'Europe/Berlin',
        expiresAt: first.expiresAt.toISOString(),
      });

      const ru = (instant: Date) => formatLocalDateTime(instant, m.timeZone, 'ru');
      const en = (instant: Date) => formatLocalDateTime(instant, m.timeZone, 'en');
      await waitFor(async () => allSends(workers, firstInLine.id).length === 2, 'the offer and its expiry', 30_000);
      expect(allSends(workers, firstInLine.id).map((call) => call.payload)).toEqual([
        {
          chat_id: firstInLine.id,
          text:
            `Освободилось время, которого вы ждали!\n${m.service.nameRu} — ${ru(at)}\nМастер: Мария\nАдрес: Тверская, 1\n` +
            `Время закреплено за вами до ${ru(first.expiresAt)}. Нажмите «Беру», чтобы записаться.`,
          reply_markup: { inline_keyboard: [[{ text: 'Беру', callback_data: `waitlist:take:${first.id}` }]] },
          link_preview_options: { is_disabled: true },
        },
        {
          chat_id: firstInLine.id,
          text:
            `Время ушло следующему в очереди: вы не взяли его вовремя.\n${m.service.nameRu} — ${ru(at)}\n` +
            'Вы остаётесь в листе ожидания — пришлём, когда освободится другое время.',
          link_preview_options: { is_disabled: true },
        },
      ]);
      expect(ru(at)).toMatch(/, 10:00$/);

      const second = await waitFor(async () => (await offersOf(m.master.id))[1], 'the next offer');
      expect(second).toMatchObject({ status: 'HELD', startsAt: at });
      expect(second.client.telegramId).toBe(BigInt(nextInLine.id));
      await waitFor(async () => allSends(workers, nextInLine.id).length >= 1, 'the next offer message');
      expect(allSends(workers, nextInLine.id)[0]?.payload).toEqual({
        chat_id: nextInLine.id,
        text:
          `A time you were waiting for is free!\n${m.service.nameEn} — ${en(at)}\nMaster: Мария\nAddress: Тверская, 1\n` +
          `It is held for you until ${en(second.expiresAt)}. Press “Take it” to book it.`,
        reply_markup: { inline_keyboard: [[{ text: 'Take it', callback_data: `waitlist:take:${second.id}` }]] },
        link_preview_options: { is_disabled: true },
      });

      // The second lets it expire too: the time stays free, and the first is not offered a time they let go.
      await waitFor(async () => (await offersOf(m.master.id)).every((offer) => offer.status === 'EXPIRED'), 'both expired', 30_000);
      await freedTimeWorked(m.master.id, 3);
      expect((await offersOf(m.master.id)).map((offer) => offer.status)).toEqual(['EXPIRED', 'EXPIRED']);
      // Exactly once: each expiry job ran once, an expiry run again changes nothing.
      expect(await expireWaitlistOffer(prisma, { offerId: first.id }, new Date(), notifier)).toBe('ended');
      const expiries = await prisma.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM ${JOB_QUEUE_SCHEMA}.job WHERE name = $1 AND data->>'offerId' = ANY($2::text[]) AND state = 'completed'`,
        WAITLIST_EXPIRY_QUEUE,
        [first.id, second.id],
      );
      expect(expiries).toEqual([{ n: 2 }]);
      await waitFor(async () => allSends(workers, nextInLine.id).length === 2, 'the second expiry notice');
      expect(allSends(workers, firstInLine.id)).toHaveLength(2);
      expect(String(allSends(workers, nextInLine.id)[1]?.payload.text)).toBe(
        `The time went to the next person in line: it was not taken in time.\n${m.service.nameEn} — ${en(at)}\n` +
          'You stay on the waitlist — we will write when another time frees up.',
      );
      expect(await counterValue(metrics.waitlistOffers, { event: 'expired' })).toBe(expiredBefore + 2);
      // A claim after the hold: refused, nothing changes.
      const late = await graphql(app, CLAIM, {
        as: firstInLine,
        variables: { input: { offerId: encodeGlobalID('WaitlistOffer', first.id), idempotencyKey: randomUUID() } },
      });
      expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OFFER_EXPIRED' });
      expect(await prisma.booking.count({ where: { masterId: m.master.id, status: 'CONFIRMED' } })).toBe(0);
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }
  });

  it("offers a released unconfirmed booking's time exactly once", async () => {
    const clock = new TestClock();
    const m = await master({ requireConfirmation: true });
    const client = telegramUser({ language_code: 'ru' });
    const start = new Date(Math.ceil((Date.now() + 72 * HOUR) / HOUR) * HOUR);
    const releaseAt = new Date(start.getTime() - 180 * MINUTE);
    const waiter = telegramUser({ first_name: 'Вера' });
    await joins(m, waiter, [localDateOf(start, m.timeZone)]);
    const id = await books(m, client, start);
    const bookingId = dbId(id);
    const workers = [await startWorker(clock), await startWorker(clock)];
    try {
      await clock.advanceTo(new Date(start.getTime() - 24 * HOUR + MINUTE), [bookingId]);
      await expectDeliveries(bookingId, { BOOKING_CREATED: 'SENT', BOOKING_CONFIRMED: 'SENT', REMINDER_24H: 'SENT' });
      await clock.advanceTo(new Date(releaseAt.getTime() + MINUTE), [bookingId]);
      await waitFor(
        async () => (await prisma.booking.findUniqueOrThrow({ where: { id: bookingId } })).status === 'CANCELLED',
        'the release',
      );
      await freedTimeWorked(m.master.id, 1);
      const offers = await offersOf(m.master.id);
      expect(offers).toMatchObject([{ status: 'HELD', startsAt: start }]);
      expect(offers[0]!.client.telegramId).toBe(BigInt(waiter.id));
      await waitFor(async () => (await waitlistDeliveries(offers[0]!.id))[0]?.status === 'SENT', 'the offer message');

      // The release run again releases nothing and frees nothing more.
      expect(await releaseUnconfirmedBooking(prisma, { bookingId, releaseAt: releaseAt.toISOString() }, clock.now(), notifier)).toBe(
        'closed',
      );
      expect(await freedTimeJobs(m.master.id)).toHaveLength(1);
      expect(await offersOf(m.master.id)).toHaveLength(1);
      expect(allSends(workers, waiter.id)).toHaveLength(1);
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }
  });

  it('never offers a day off: a day off closes the day to offers and withdraws holds on it; removing it offers the day', async () => {
    const clock = new TestClock();
    const m = await master();
    const { date, at } = ahead(m, 4);
    const waiter = telegramUser();
    const entryId = await joins(m, waiter, [date]);
    const holder = telegramUser();
    const bookingId = await books(m, holder, at);
    const worker = await startWorker(clock);
    const daysOff = (mutation: 'addDaysOff' | 'removeDaysOff') =>
      graphql(
        app,
        `mutation D($input: ${mutation === 'addDaysOff' ? 'AddDaysOffInput' : 'RemoveDaysOffInput'}!) { ${mutation}(input: $input) { __typename } }`,
        {
          as: m.masterUser,
          variables: { input: { from: date } },
        },
      );
    try {
      expect((await daysOff('addDaysOff')).errors).toBeUndefined();
      await cancels(holder, bookingId);
      await freedTimeWorked(m.master.id, 1);
      expect(await offersOf(m.master.id)).toEqual([]);

      // The day opens again: the whole day is freed, and the waiting client gets its first hour.
      expect((await daysOff('removeDaysOff')).errors).toBeUndefined();
      await freedTimeWorked(m.master.id, 2);
      const [offer] = await offersOf(m.master.id);
      expect(offer).toMatchObject({ status: 'HELD', startsAt: zonedToUtc(date, 0, m.timeZone), entryId: dbId(entryId) });

      // The master takes the day off again while it is held: the hold ends, the day is nobody's.
      expect((await daysOff('addDaysOff')).errors).toBeUndefined();
      expect(await prisma.waitlistOffer.findUniqueOrThrow({ where: { id: offer!.id } })).toMatchObject({ status: 'WITHDRAWN' });
      expect(await prisma.waitlistEntry.findUniqueOrThrow({ where: { id: dbId(entryId) } })).toMatchObject({ endedAt: null });
      const claim = await graphql(app, CLAIM, {
        as: waiter,
        variables: { input: { offerId: encodeGlobalID('WaitlistOffer', offer!.id), idempotencyKey: randomUUID() } },
      });
      expect(claim.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OFFER_WITHDRAWN' });
      expect(await freedTimeJobs(m.master.id)).toHaveLength(2);
    } finally {
      await worker.stop();
    }
  });

  it('skips a client who turned waitlist offers off: the next in line gets the offer', async () => {
    const clock = new TestClock();
    const m = await master();
    const { date, at } = ahead(m, 2, 15);
    const quiet = telegramUser();
    const next = telegramUser();
    await joins(m, quiet, [date]);
    await joins(m, next, [date]);
    const off = await graphql(app, 'mutation P($input: UpdateClientPreferencesInput!) { updateClientPreferences(input: $input) { id } }', {
      as: quiet,
      variables: { input: { notifications: { waitlistOffers: false } } },
    });
    expect(off.errors).toBeUndefined();
    const holder = telegramUser();
    const bookingId = await books(m, holder, at);
    const worker = await startWorker(clock);
    try {
      await cancels(holder, bookingId);
      await freedTimeWorked(m.master.id, 1);
      const offers = await offersOf(m.master.id);
      expect(offers).toHaveLength(1);
      expect(offers[0]!.client.telegramId).toBe(BigInt(next.id));
      await waitFor(async () => sendsTo(worker.telegram, next.id).length === 1, 'the offer message');
      expect(sendsTo(worker.telegram, quiet.id)).toEqual([]);
      // Still waiting, just not offered.
      expect(await prisma.waitlistEntry.count({ where: { client: { telegramId: BigInt(quiet.id) }, endedAt: null } })).toBe(1);
    } finally {
      await worker.stop();
    }
  });

  it("hands a longer schedule's new time to the waitlist", async () => {
    const clock = new TestClock();
    const m = await master();
    // Only 10:00–11:00 every day, and that hour on the wished day is booked.
    await prisma.scheduleInterval.updateMany({ where: { masterId: m.master.id }, data: { startMinute: 600, endMinute: 660 } });
    const { date, at } = ahead(m, 2);
    await books(m, telegramUser(), at);
    const waiter = telegramUser();
    await joins(m, waiter, [date]);
    const worker = await startWorker(clock);
    try {
      const widened = await graphql(app, 'mutation U($input: UpdateMasterSettingsInput!) { updateMasterSettings(input: $input) { id } }', {
        as: m.masterUser,
        variables: {
          input: {
            schedule: { days: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, intervals: [{ start: '10:00', end: '12:00' }] })) },
          },
        },
      });
      expect(widened.errors).toBeUndefined();
      await freedTimeWorked(m.master.id, 1);
      const offers = await offersOf(m.master.id);
      expect(offers).toMatchObject([{ status: 'HELD', startsAt: new Date(at.getTime() + HOUR) }]);
      expect(offers[0]!.client.telegramId).toBe(BigInt(waiter.id));
    } finally {
      await worker.stop();
    }
  });
});
