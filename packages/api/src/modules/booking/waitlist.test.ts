import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResponse, graphql, type TestApp, telegramUser, testPrisma } from '../../../test/app.js';
import { testDatabaseUrl } from '../../../test/database.js';
import { createCity, createMaster, createMasterService, createSchedule, createSlotSettings } from '../../../test/factories.js';
import { JOB_QUEUE_SCHEMA, startJobQueue } from '../../jobs/scheduler.js';
import { createLogger } from '../../logger.js';
import type { TelegramInitUser } from '../../telegram/init-data.js';
import { addDays, localDateOf, zonedToUtc } from '../../time/zoned-time.js';
import { type BookingNotifier, createBookingNotifier, WAITLIST_QUEUE } from '../notifications/notification-jobs.js';
import { offerFreedTime } from './waitlist-offers.js';

/**
 * Joining, leaving and claiming through the API: validation with codes and nothing written,
 * only one's own entries and offers, joining again replacing the wish, the cap, and a booking
 * made elsewhere fulfilling the entry (its hold given back to the line).
 */

const prisma = testPrisma();
const HOUR = 60 * 60_000;

const JOIN = /* GraphQL */ `
  mutation Join($input: JoinWaitlistInput!) {
    joinWaitlist(input: $input) { id masterId masterName masterServiceId serviceName dates until timeZone offer { id } }
  }
`;
const LEAVE = 'mutation Leave($input: LeaveWaitlistInput!) { leaveWaitlist(input: $input) { entryId } }';
const CLAIM =
  'mutation Claim($input: ClaimWaitlistOfferInput!) { claimWaitlistOffer(input: $input) { id startsAt status masterServiceId } }';
const CREATE = 'mutation Create($input: CreateBookingInput!) { createBooking(input: $input) { id } }';
const MINE = 'query Mine { clientProfile { waitlist { id dates until masterServiceId offer { id startsAt } } } }';

interface Entry {
  id: string;
  dates: string[] | null;
  until: string;
  masterServiceId: string;
  offer: { id: string; startsAt: string } | null;
}

const dbId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1]!;

describe('the waitlist through the API', { timeout: 60_000 }, () => {
  let queue: PgBoss;
  let notifier: BookingNotifier;
  let app: TestApp;

  beforeAll(async () => {
    queue = await startJobQueue({ url: testDatabaseUrl(), log: createLogger('silent') });
    notifier = await createBookingNotifier(queue);
    app = createTestApp({ notifications: notifier });
  });
  afterAll(() => queue?.stop({ graceful: true, timeout: 10_000 }));

  async function master(options: { services?: number; horizonDays?: number } = {}) {
    const city = await createCity({ timeZone: 'Asia/Yekaterinburg' });
    const { master, user } = await createMaster({ city, displayName: 'Ирина' });
    await createSchedule(
      master.id,
      [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 9 * 60, endMinute: 21 * 60 })),
    );
    await createSlotSettings(master.id, { horizonDays: options.horizonDays ?? 20 });
    const offers = [];
    for (let n = 0; n < (options.services ?? 1); n++) offers.push(await createMasterService(master.id, { name: `Маникюр ${n}` }));
    const today = localDateOf(new Date(), city.timeZone);
    return {
      master,
      masterUser: user,
      timeZone: city.timeZone,
      today,
      ids: offers.map((offer) => encodeGlobalID('MasterService', offer.id)),
      offers,
      at: (days: number, hour: number) => zonedToUtc(addDays(today, days), hour * 60, city.timeZone),
    };
  }
  type Master = Awaited<ReturnType<typeof master>>;

  const joinInput = (m: Master, wish: { dates?: string[]; withinDays?: number }, service = 0) => ({
    masterServiceId: m.ids[service],
    clientName: 'Лена',
    clientPhone: '8 912 345-67-89',
    preferredChannels: ['TELEGRAM', 'PHONE'],
    ...wish,
  });

  const join = (as: TelegramInitUser, input: Record<string, unknown>) =>
    graphql<{ joinWaitlist: Entry & { masterName: string; serviceName: string; timeZone: string; masterId: string } }>(app, JOIN, {
      as,
      variables: { input },
    });

  const mine = async (as: TelegramInitUser) =>
    (await graphql<{ clientProfile: { waitlist: Entry[] } }>(app, MINE, { as })).data!.clientProfile.waitlist;

  const entriesOf = (user: TelegramInitUser) =>
    prisma.waitlistEntry.findMany({ where: { client: { telegramId: BigInt(user.id) } }, orderBy: { createdAt: 'asc' } });

  /** Offers the master's time [from, from + hours) to the line, as the freed-time job does. */
  const offer = (m: Master, from: Date, hours = 1) =>
    offerFreedTime(
      prisma,
      { masterId: m.master.id, startsAt: from.toISOString(), endsAt: new Date(from.getTime() + hours * HOUR).toISOString() },
      new Date(),
      notifier,
      { holdMinutes: 10 },
    );

  const freedJobs = (masterId: string) =>
    prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${JOB_QUEUE_SCHEMA}.job WHERE name = $1 AND data->>'masterId' = $2`,
      WAITLIST_QUEUE,
      masterId,
    );

  const book = (m: Master, as: TelegramInitUser, startsAt: Date, service = 0) =>
    graphql<{ createBooking: { id: string } }>(app, CREATE, {
      as,
      variables: {
        input: {
          masterServiceId: m.ids[service],
          startsAt: startsAt.toISOString(),
          clientName: 'Лена',
          clientPhone: '+79123456789',
          preferredChannels: ['TELEGRAM'],
          idempotencyKey: randomUUID(),
        },
      },
    });

  it('joins on days or within days, shows the entries soonest wish first, and refuses bad wishes with codes, writing nothing', async () => {
    const m = await master({ services: 2 });
    const client = telegramUser();
    const later = [addDays(m.today, 5), addDays(m.today, 3)];
    const onDays = await join(client, joinInput(m, { dates: later }));
    expect(onDays.errors).toBeUndefined();
    expect(onDays.data?.joinWaitlist).toMatchObject({
      masterId: encodeGlobalID('Master', m.master.id),
      masterName: 'Ирина',
      masterServiceId: m.ids[0],
      serviceName: 'Маникюр 0',
      dates: [addDays(m.today, 3), addDays(m.today, 5)],
      until: zonedToUtc(addDays(m.today, 6), 0, m.timeZone).toISOString(),
      timeZone: 'Asia/Yekaterinburg',
      offer: null,
    });
    const within = await join(client, joinInput(m, { withinDays: 2 }, 1));
    expect(within.errors).toBeUndefined();
    expect(within.data?.joinWaitlist.dates).toBeNull();
    expect((await mine(client)).map((entry) => entry.masterServiceId)).toEqual([m.ids[1], m.ids[0]]);
    const [row] = await entriesOf(client);
    expect(row).toMatchObject({ clientPhone: '+79123456789', preferredChannels: ['TELEGRAM', 'PHONE'] });

    const stranger = telegramUser();
    const refusals: [Record<string, unknown>, Record<string, unknown>][] = [
      [joinInput(m, { dates: [m.today], withinDays: 3 }), { code: 'BAD_USER_INPUT' }],
      [joinInput(m, {}), { code: 'BAD_USER_INPUT' }],
      [joinInput(m, { dates: [] }), { code: 'BAD_USER_INPUT' }],
      [joinInput(m, { dates: Array.from({ length: 15 }, (_, n) => addDays(m.today, n)) }), { code: 'BAD_USER_INPUT' }],
      [joinInput(m, { dates: [m.today, m.today] }), { code: 'BAD_USER_INPUT' }],
      [joinInput(m, { dates: ['2026-02-30'] }), { code: 'BAD_USER_INPUT' }],
      [joinInput(m, { dates: [addDays(m.today, -1)] }), { code: 'BAD_USER_INPUT', reason: 'DATE_OUT_OF_RANGE' }],
      [joinInput(m, { dates: [addDays(m.today, 21)] }), { code: 'BAD_USER_INPUT', reason: 'DATE_OUT_OF_RANGE' }],
      [joinInput(m, { withinDays: 31 }), { code: 'BAD_USER_INPUT' }],
      [joinInput(m, { withinDays: 0 }), { code: 'BAD_USER_INPUT' }],
      [{ ...joinInput(m, { withinDays: 3 }), preferredChannels: [] }, { code: 'BAD_USER_INPUT' }],
      [{ ...joinInput(m, { withinDays: 3 }), clientPhone: '12' }, { code: 'BAD_USER_INPUT' }],
      [{ ...joinInput(m, { withinDays: 3 }), masterServiceId: encodeGlobalID('Master', m.master.id) }, { code: 'BAD_USER_INPUT' }],
    ];
    for (const [input, extensions] of refusals) {
      const result = await join(stranger, input);
      expect(result.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject(extensions);
    }
    // A switched-off service, and a hidden master, cannot be waited for.
    await prisma.masterService.update({ where: { id: m.offers[1]!.id }, data: { isActive: false } });
    expect((await join(stranger, joinInput(m, { withinDays: 3 }, 1))).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'NOT_BOOKABLE',
    });
    const anonymous = await graphql(app, JOIN, { variables: { input: joinInput(m, { withinDays: 3 }) } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await entriesOf(stranger)).toEqual([]);
  });

  it('replaces the wish when joining again, caps the entries, and lets only the owner leave', async () => {
    const m = await master({ services: 11 });
    const client = telegramUser();
    const first = await join(client, joinInput(m, { dates: [addDays(m.today, 2)] }));
    const second = await join(client, joinInput(m, { dates: [addDays(m.today, 4), addDays(m.today, 6)] }));
    expect(second.errors).toBeUndefined();
    const rows = await entriesOf(client);
    expect(rows.map((row) => [row.id, row.endReason])).toEqual([
      [dbId(first.data!.joinWaitlist.id), 'REPLACED'],
      [dbId(second.data!.joinWaitlist.id), null],
    ]);
    expect((await mine(client)).map((entry) => entry.dates)).toEqual([[addDays(m.today, 4), addDays(m.today, 6)]]);

    for (let n = 1; n < 10; n++) expect((await join(client, joinInput(m, { withinDays: 5 }, n))).errors).toBeUndefined();
    const over = await join(client, joinInput(m, { withinDays: 5 }, 10));
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_ENTRIES' });
    // Replacing one of the ten is still allowed.
    expect((await join(client, joinInput(m, { withinDays: 7 }, 3))).errors).toBeUndefined();
    expect(await mine(client)).toHaveLength(10);

    const entryId = second.data!.joinWaitlist.id;
    const other = telegramUser();
    expect((await graphql(app, 'mutation { upsertClient { id } }', { as: other })).errors).toBeUndefined();
    const foreign = await graphql(app, LEAVE, { as: other, variables: { input: { entryId } } });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unknown = await graphql(app, LEAVE, {
      as: client,
      variables: { input: { entryId: encodeGlobalID('WaitlistEntry', randomUUID()) } },
    });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await prisma.waitlistEntry.findUniqueOrThrow({ where: { id: dbId(entryId) } })).endedAt).toBeNull();

    const left = await graphql<{ leaveWaitlist: { entryId: string } }>(app, LEAVE, { as: client, variables: { input: { entryId } } });
    expect(left.data?.leaveWaitlist.entryId).toBe(entryId);
    const again = await graphql(app, LEAVE, { as: client, variables: { input: { entryId } } });
    expect(again.errors).toBeUndefined();
    expect((await prisma.waitlistEntry.findUniqueOrThrow({ where: { id: dbId(entryId) } })).endReason).toBe('LEFT');
    expect(await mine(client)).toHaveLength(9);
  });

  it('claims only its own offer, once, with the entry’s details; a retry returns the same booking', async () => {
    const m = await master();
    const waiter = telegramUser();
    const day = addDays(m.today, 2);
    await join(waiter, joinInput(m, { dates: [day] }));
    expect(await offer(m, m.at(2, 11))).toBe(1);
    const [entry] = await mine(waiter);
    const offerId = entry!.offer!.id;
    expect(entry!.offer!.startsAt).toBe(m.at(2, 11).toISOString());

    // Held: nobody else sees it free or books it.
    const slots = await graphql<{ availableSlots: { startsAt: string }[] }>(
      app,
      'query S($m: ID!, $s: ID!, $f: DateTime!, $t: DateTime!) { availableSlots(masterId: $m, masterServiceId: $s, from: $f, to: $t) { startsAt } }',
      { variables: { m: encodeGlobalID('Master', m.master.id), s: m.ids[0], f: m.at(2, 10).toISOString(), t: m.at(2, 13).toISOString() } },
    );
    expect(slots.data?.availableSlots.map((slot) => slot.startsAt)).toEqual([m.at(2, 10).toISOString(), m.at(2, 12).toISOString()]);
    const stranger = telegramUser();
    expect((await book(m, stranger, m.at(2, 11))).errors?.[0]?.extensions?.code).toBe('SLOT_UNAVAILABLE');
    const foreign = await graphql(app, CLAIM, { as: stranger, variables: { input: { offerId, idempotencyKey: randomUUID() } } });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Not reachable through node(id): no one reads another's wish or hold that way.
    const byNode = await graphql<{ node: unknown }>(app, 'query N($id: ID!) { node(id: $id) { id } }', {
      as: stranger,
      variables: { id: offerId },
    });
    expect(byNode.data?.node ?? null).toBeNull();
    const badKey = await graphql(app, CLAIM, { as: waiter, variables: { input: { offerId, idempotencyKey: 'x' } } });
    expect(badKey.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await prisma.booking.count({ where: { masterId: m.master.id } })).toBe(0);

    const key = randomUUID();
    type Claimed = GraphQLResponse<{ claimWaitlistOffer: { id: string; startsAt: string; status: string; masterServiceId: string } }>;
    const claimed = (await graphql(app, CLAIM, { as: waiter, variables: { input: { offerId, idempotencyKey: key } } })) as Claimed;
    expect(claimed.errors).toBeUndefined();
    expect(claimed.data?.claimWaitlistOffer).toMatchObject({
      startsAt: m.at(2, 11).toISOString(),
      status: 'CONFIRMED',
      masterServiceId: m.ids[0],
    });
    const retry = (await graphql(app, CLAIM, { as: waiter, variables: { input: { offerId, idempotencyKey: key } } })) as Claimed;
    expect(retry.data?.claimWaitlistOffer.id).toBe(claimed.data?.claimWaitlistOffer.id);
    const booking = await prisma.booking.findUniqueOrThrow({ where: { id: dbId(claimed.data!.claimWaitlistOffer.id) } });
    expect(booking).toMatchObject({ clientName: 'Лена', clientPhone: '+79123456789', source: 'CLIENT' });
    expect(await mine(waiter)).toEqual([]);
  });

  it('fulfils the entry when the client books the service in the wished time elsewhere, and gives a hold back to the line', async () => {
    const m = await master();
    const client = telegramUser();
    const other = telegramUser();
    await join(client, joinInput(m, { dates: [addDays(m.today, 3)] }));
    await join(other, joinInput(m, { dates: [addDays(m.today, 3)] }));
    expect(await offer(m, m.at(3, 15))).toBe(1);
    expect((await mine(client))[0]?.offer).not.toBeNull();
    const jobsBefore = (await freedJobs(m.master.id))[0]!.n;

    // Not in the wish (another day): the entry keeps waiting, and keeps its hold.
    expect((await book(m, client, m.at(4, 10))).errors).toBeUndefined();
    expect(await mine(client)).toHaveLength(1);
    // In the wish: fulfilled; the time it held is given back and queued for the next in line.
    expect((await book(m, client, m.at(3, 10))).errors).toBeUndefined();
    expect(await mine(client)).toEqual([]);
    expect((await entriesOf(client))[0]).toMatchObject({ endReason: 'FULFILLED' });
    expect(await prisma.waitlistOffer.findMany({ where: { masterId: m.master.id }, select: { status: true } })).toEqual([
      { status: 'WITHDRAWN' },
    ]);
    expect((await freedJobs(m.master.id))[0]!.n).toBe(jobsBefore + 1);
    expect(await offer(m, m.at(3, 15))).toBe(1);
    expect((await mine(other))[0]?.offer?.startsAt).toBe(m.at(3, 15).toISOString());
  });

  it("lets the master's own booking take a held time: the hold is withdrawn and its claim refused", async () => {
    const m = await master();
    const waiter = telegramUser();
    await join(waiter, joinInput(m, { withinDays: 5 }));
    expect(await offer(m, m.at(1, 14))).toBe(1);
    const offerId = (await mine(waiter))[0]!.offer!.id;
    const manual = await graphql(app, 'mutation M($input: CreateManualBookingInput!) { createManualBooking(input: $input) { id } }', {
      as: m.masterUser,
      variables: { input: { masterServiceId: m.ids[0], startsAt: m.at(1, 14).toISOString(), clientName: 'Звонок' } },
    });
    expect(manual.errors).toBeUndefined();
    expect(await prisma.waitlistOffer.findUniqueOrThrow({ where: { id: dbId(offerId) } })).toMatchObject({ status: 'WITHDRAWN' });
    const claim = await graphql(app, CLAIM, { as: waiter, variables: { input: { offerId, idempotencyKey: randomUUID() } } });
    expect(claim.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OFFER_WITHDRAWN' });
    // Still waiting, with nothing held.
    expect(await mine(waiter)).toMatchObject([{ offer: null }]);
    expect(await prisma.booking.count({ where: { masterId: m.master.id, status: 'CONFIRMED' } })).toBe(1);
  });

  it('ends the entries of a client who erases their data, and gives their hold back', async () => {
    const m = await master();
    const waiter = telegramUser();
    const next = telegramUser();
    await join(waiter, joinInput(m, { withinDays: 3 }));
    await join(next, joinInput(m, { withinDays: 3 }));
    expect(await offer(m, m.at(1, 16))).toBe(1);
    const erased = await graphql(app, 'mutation { eraseMyData }', { as: waiter });
    expect(erased.errors).toBeUndefined();
    expect(
      await prisma.waitlistEntry.findMany({ where: { masterId: m.master.id, endedAt: null }, select: { clientName: true } }),
    ).toHaveLength(1);
    expect(await prisma.waitlistOffer.findMany({ where: { masterId: m.master.id }, select: { status: true } })).toEqual([
      { status: 'WITHDRAWN' },
    ]);
    expect(await offer(m, m.at(1, 16))).toBe(1);
    expect((await mine(next))[0]?.offer?.startsAt).toBe(m.at(1, 16).toISOString());
  });
});
