import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResponse, graphql, type TestApp, telegramUser, testPrisma } from '../../../test/app.js';
import { testDatabaseUrl } from '../../../test/database.js';
import {
  createCity,
  createMaster,
  createMasterService,
  createSchedule,
  createService,
  createSlotSettings,
} from '../../../test/factories.js';
import { createPrismaClient } from '../../db.js';
import { startJobQueue } from '../../jobs/scheduler.js';
import { createLogger } from '../../logger.js';
import type { TelegramInitUser } from '../../telegram/init-data.js';
import { counterValue, metrics } from '../monitoring/metrics.js';
import {
  type BookingNotifier,
  createBookingNotifier,
  notificationKey,
  WAITLIST_EXPIRY_QUEUE,
  WAITLIST_QUEUE,
} from '../notifications/notification-jobs.js';
import { releaseUnconfirmedBooking } from './booking-release.js';
import { startWaitlistWorkers } from './waitlist-offers.js';

/**
 * A random workload through the whole API, many requests in flight at once, on a few masters
 * and services so that requests collide: client bookings and idempotent retries, manual
 * bookings, cancellations by clients and masters, several cancellations of one client's
 * bookings of one service at once, bookings made while others are cancelled, moves by clients
 * (to other times and other services) and by masters, and retries of moves. Afterwards what is
 * derived from bookings must equal a recomputation from them: client_service_stats row for row,
 * no overlapping bookings, every moved booking where its last move put it, the metrics, and no
 * request may have failed unexpectedly. Clients also join and leave waitlists, and the waitlist's
 * workers run meanwhile, holding freed time for them (briefly) and expiring it, while they claim
 * what they hold and others claim what is not theirs: claims are bookings like any other (counted
 * exactly), no hold in force overlaps a booking, and each claimed offer is its client's booking.
 * Masters require confirmation, and bookings left unconfirmed are released by the system (the
 * release worker's own function), sometimes at the moment their client cancels them.
 * Each seed gives another workload; WORKLOAD_SEEDS=1,2,3,… runs more of them.
 */

const prisma = testPrisma();
const appPrisma = createPrismaClient(testDatabaseUrl(), 20);
const SEEDS = (process.env.WORKLOAD_SEEDS ?? '11,23').split(',').map(Number);
const OPERATIONS = 320;
const IN_FLIGHT = 12;
const HOUR = 60 * 60_000;

/** mulberry32: a small seeded generator, so that a failing workload can be run again. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Offer {
  masterId: string;
  masterServiceId: string;
  /** The catalogue service: every master offers the same three, in one city. */
  serviceId: string;
}

interface Master {
  id: string;
  user: TelegramInitUser;
  offers: Offer[];
}

interface Booked {
  id: string;
  client: TelegramInitUser;
  offer: Offer;
}

const CREATE = 'mutation Create($input: CreateBookingInput!) { createBooking(input: $input) { id } }';
const MANUAL = 'mutation Manual($input: CreateManualBookingInput!) { createManualBooking(input: $input) { id } }';
const CANCEL = 'mutation Cancel($input: CancelBookingInput!) { cancelBooking(input: $input) { id status } }';
const MOVE = 'mutation Move($input: RescheduleBookingInput!) { rescheduleBooking(input: $input) { id startsAt } }';
const JOIN = 'mutation Join($input: JoinWaitlistInput!) { joinWaitlist(input: $input) { id } }';
const LEAVE = 'mutation Leave($input: LeaveWaitlistInput!) { leaveWaitlist(input: $input) { entryId } }';
const CLAIM = 'mutation Claim($input: ClaimWaitlistOfferInput!) { claimWaitlistOffer(input: $input) { id } }';

const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code as string | undefined;

describe('bookings under a random concurrent workload', { timeout: 240_000 }, () => {
  let queue: PgBoss;
  let app: TestApp;
  let masters: Master[];
  let clients: TelegramInitUser[];
  /** Hourly starts from three hours on, over three days: few enough that requests collide. */
  let starts: Date[];
  let notifications: BookingNotifier;
  /** Offers claimed by the workloads run so far (they share the masters). */
  let claimedSoFar = 0;

  beforeAll(async () => {
    // Notifications are queued as in production (the job queue's rows are part of every booking transaction).
    queue = await startJobQueue({ url: testDatabaseUrl(), log: createLogger('silent') });
    notifications = await createBookingNotifier(queue);
    app = createTestApp({ prisma: appPrisma, notifications });
    // Freed time is offered as in production, held for a few seconds, then expired and passed on:
    // long enough that a busy machine's workload still claims some, short enough that some expire.
    await startWaitlistWorkers({
      boss: queue,
      prisma: appPrisma,
      notifications,
      log: createLogger('silent'),
      holdMinutes: 6 / 60,
      pollingIntervalSeconds: 0.5,
    });
    const city = await createCity({ timeZone: 'Europe/Moscow' });
    const services = await Promise.all([createService(), createService(), createService()]);
    masters = [];
    for (let m = 0; m < 3; m++) {
      const { master, user } = await createMaster({ city });
      await createSchedule(
        master.id,
        [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 0, endMinute: 1440 })),
      );
      // Clients must confirm: bookings they leave unconfirmed are released by the system meanwhile.
      await createSlotSettings(master.id, { stepMinutes: 60, minNoticeMinutes: 0, horizonDays: 10, requireConfirmation: true });
      const offers: Offer[] = [];
      for (const service of services) {
        const offer = await createMasterService(master.id, { serviceId: service.id, durationMinutes: 60 });
        offers.push({ masterId: master.id, masterServiceId: encodeGlobalID('MasterService', offer.id), serviceId: service.id });
      }
      masters.push({ id: master.id, user, offers });
    }
    clients = Array.from({ length: 36 }, (_, n) => telegramUser({ first_name: `Клиент ${n}` }));
    const first = Math.ceil(Date.now() / HOUR) * HOUR + 3 * HOUR;
    starts = Array.from({ length: 72 }, (_, n) => new Date(first + n * HOUR));
  });

  afterAll(async () => {
    await queue?.offWork(WAITLIST_QUEUE);
    await queue?.offWork(WAITLIST_EXPIRY_QUEUE);
    await queue?.stop({ graceful: false });
    await appPrisma.$disconnect();
  });

  async function runWorkload(seed: number) {
    const random = generator(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const live: Booked[] = [];
    const made: { client: TelegramInitUser; input: Record<string, unknown>; id: string }[] = [];
    const unexpected: string[] = [];
    const createdIds = new Set<string>();
    const moves: { as: TelegramInitUser; input: Record<string, unknown> }[] = [];
    let clientCreated = 0;
    let cancelledByClient = 0;
    let cancelledByMaster = 0;
    let movedByClient = 0;
    let movedByMaster = 0;
    let claims = 0;
    let released = 0;
    const entries: { id: string; client: TelegramInitUser }[] = [];
    const masterIds = masters.map((master) => master.id);

    const expectOnly = (response: GraphQLResponse, allowed: string[], what: string) => {
      const code = codeOf(response);
      if (response.errors && !allowed.includes(code ?? '')) unexpected.push(`${what}: ${JSON.stringify(response.errors)}`);
    };

    const book = async (client = pick(clients), offer = pick(pick(masters).offers)) => {
      const input = {
        masterServiceId: offer.masterServiceId,
        startsAt: pick(starts).toISOString(),
        clientName: client.first_name,
        clientPhone: '+7 912 000-00-00',
        preferredChannels: ['TELEGRAM'],
        idempotencyKey: randomUUID(),
        // Consent changes lock the client's row too, in the same order as the booking's own locks.
        ...(random() < 0.4 ? { shareContactWithPartners: { textVersion: pick(['v1', 'v2']) } } : {}),
      };
      const response = await graphql<{ createBooking: { id: string } }>(app, CREATE, { as: client, variables: { input } });
      expectOnly(response, ['SLOT_UNAVAILABLE'], 'createBooking');
      const id = response.data?.createBooking.id;
      if (id) {
        if (!createdIds.has(id)) clientCreated++;
        createdIds.add(id);
        live.push({ id, client, offer });
        made.push({ client, input, id });
      }
    };

    const cancelAsClient = async (booking: Booked): Promise<GraphQLResponse<{ cancelBooking: { status: string } }>> => {
      const response = await graphql<{ cancelBooking: { status: string } }>(app, CANCEL, {
        as: booking.client,
        variables: { input: { bookingId: booking.id } },
      });
      expectOnly(response, [], 'cancelBooking (client)');
      return response;
    };

    /**
     * Moves a live booking (out of `live` meanwhile, so that nothing cancels it under the move):
     * its client to a start on the grid, maybe to another of the master's services; its master to
     * any half hour.
     */
    const reschedule = async (by: 'CLIENT' | 'MASTER') => {
      if (live.length === 0) return book();
      const booking = live.splice(Math.floor(random() * live.length), 1)[0]!;
      const master = masters.find((candidate) => candidate.id === booking.offer.masterId)!;
      const offer = by === 'CLIENT' && random() < 0.4 ? pick(master.offers) : booking.offer;
      const startsAt = new Date(pick(starts).getTime() + (by === 'MASTER' && random() < 0.5 ? 30 * 60_000 : 0));
      const input = {
        bookingId: booking.id,
        startsAt: startsAt.toISOString(),
        ...(offer === booking.offer ? {} : { masterServiceId: offer.masterServiceId }),
        idempotencyKey: randomUUID(),
      };
      const as = by === 'CLIENT' ? booking.client : master.user;
      const response = await graphql<{ rescheduleBooking: { id: string } }>(app, MOVE, { as, variables: { input } });
      // SAME_TIME: a pick of the time it already has.
      if (response.errors && !(codeOf(response) === 'SLOT_UNAVAILABLE' || response.errors[0]?.extensions?.reason === 'SAME_TIME')) {
        unexpected.push(`rescheduleBooking (${by}): ${JSON.stringify(response.errors)}`);
      }
      if (response.data) {
        if (by === 'CLIENT') movedByClient++;
        else movedByMaster++;
        moves.push({ as, input });
      }
      live.push({ ...booking, offer: response.data ? offer : booking.offer });
    };

    /** A client waits for a service of a master: on one or two of the three days, or within days. */
    const join = async () => {
      const client = pick(clients);
      const offer = pick(pick(masters).offers);
      const first = pick(starts);
      const day = (instant: Date) => new Date(instant.getTime() + 3 * HOUR).toISOString().slice(0, 10);
      const wish = random() < 0.5 ? { withinDays: 3 } : { dates: [...new Set([day(first), day(pick(starts))])] };
      const response = await graphql<{ joinWaitlist: { id: string } }>(app, JOIN, {
        as: client,
        variables: {
          input: {
            masterServiceId: offer.masterServiceId,
            clientName: client.first_name,
            clientPhone: '+7 912 000-00-00',
            preferredChannels: ['TELEGRAM'],
            ...wish,
          },
        },
      });
      // A day that has just passed in the master's zone, or ten waitlists already.
      expectOnly(response, ['BAD_USER_INPUT'], 'joinWaitlist');
      if (response.data) entries.push({ id: response.data.joinWaitlist.id, client });
    };

    /** A held offer claimed by its client (sometimes twice at once), or by someone else. */
    const claim = async () => {
      const held = await prisma.waitlistOffer.findMany({
        where: { masterId: { in: masterIds }, status: 'HELD' },
        select: { id: true, client: { select: { telegramId: true } } },
      });
      if (held.length === 0) return join();
      const offer = pick(held);
      const owner = clients.find((client) => BigInt(client.id) === offer.client.telegramId)!;
      const stranger = random() < 0.15;
      const as = stranger ? pick(clients.filter((client) => client !== owner)) : owner;
      const input = { offerId: encodeGlobalID('WaitlistOffer', offer.id), idempotencyKey: randomUUID() };
      const attempts = stranger || random() < 0.7 ? [input] : [input, { ...input, idempotencyKey: randomUUID() }];
      const responses = await Promise.all(
        attempts.map((attempt) => graphql<{ claimWaitlistOffer: { id: string } }>(app, CLAIM, { as, variables: { input: attempt } })),
      );
      for (const response of responses) {
        // Expired or withdrawn meanwhile, or the time taken by the master.
        expectOnly(response, stranger ? ['FORBIDDEN'] : ['BAD_USER_INPUT', 'SLOT_UNAVAILABLE'], 'claimWaitlistOffer');
        if (stranger && response.data) unexpected.push('a stranger claimed an offer');
        const id = response.data?.claimWaitlistOffer.id;
        if (id && !createdIds.has(id)) {
          createdIds.add(id);
          clientCreated++;
          claims++;
          const masterServiceId = (
            await prisma.booking.findUniqueOrThrow({ where: { id: Buffer.from(id, 'base64').toString().split(':')[1]! } })
          ).masterServiceId;
          const bookedOffer = masters
            .flatMap((master) => master.offers)
            .find((o) => o.masterServiceId === encodeGlobalID('MasterService', masterServiceId!))!;
          live.push({ id, client: as, offer: bookedOffer });
        }
      }
    };

    /**
     * A booking its client did not confirm is released as the release worker does it: the 24 h
     * reminder asked them (its delivery is SENT) and the deadline has come. Sometimes its client
     * cancels it at the same moment: one of the two ends it, once, and is counted once.
     */
    const release = async () => {
      if (live.length === 0) return book();
      const booking = live.splice(Math.floor(random() * live.length), 1)[0]!;
      const bookingId = Buffer.from(booking.id, 'base64').toString().split(':')[1]!;
      const due = await prisma.booking.update({
        where: { id: bookingId },
        data: { releaseAt: new Date() },
        select: { startsAt: true, releaseAt: true },
      });
      const key = notificationKey({ kind: 'REMINDER_24H', bookingId, startsAt: due.startsAt.toISOString() });
      await prisma.notificationDelivery.upsert({
        where: { key },
        create: { key, bookingId, kind: 'REMINDER_24H', status: 'SENT', sentAt: new Date() },
        update: { status: 'SENT' },
      });
      const job = { bookingId, releaseAt: due.releaseAt!.toISOString() };
      const racingCancel = random() < 0.3;
      const [outcome, cancel] = await Promise.all([
        releaseUnconfirmedBooking(appPrisma, job, new Date(), notifications).catch((error: unknown) => {
          unexpected.push(`release: ${String(error)}`);
          return undefined;
        }),
        racingCancel
          ? graphql<{ cancelBooking: { status: string } }>(app, CANCEL, {
              as: booking.client,
              variables: { input: { bookingId: booking.id } },
            })
          : undefined,
      ]);
      if (cancel) expectOnly(cancel, [], 'cancelBooking (racing a release)');
      // One of the two ended it, once: the release (by SYSTEM) or, first, its client (the release
      // then finds it closed, and cancelling a cancelled booking changes nothing).
      const ended = await prisma.booking.findUniqueOrThrow({ where: { id: bookingId }, select: { status: true, cancelledBy: true } });
      if (outcome === 'released') released++;
      else if (racingCancel && outcome === 'closed' && ended.cancelledBy === 'CLIENT') cancelledByClient++;
      else unexpected.push(`release: ${outcome}`);
      const expected = { status: 'CANCELLED', cancelledBy: outcome === 'released' ? 'SYSTEM' : 'CLIENT' };
      if (JSON.stringify(ended) !== JSON.stringify(expected)) unexpected.push(`release: ended as ${JSON.stringify(ended)}`);
    };

    const leave = async () => {
      if (entries.length === 0) return join();
      const entry = entries.splice(Math.floor(random() * entries.length), 1)[0]!;
      const response = await graphql(app, LEAVE, { as: entry.client, variables: { input: { entryId: entry.id } } });
      expectOnly(response, [], 'leaveWaitlist');
    };

    const operations: (() => Promise<void>)[] = Array.from({ length: OPERATIONS }, () => {
      const roll = random();
      if (roll >= 0.8 && roll < 0.86) return join;
      if (roll >= 0.86 && roll < 0.9) return claim;
      if (roll >= 0.9 && roll < 0.91) return leave;
      if (roll >= 0.91 && roll < 0.94) return release;
      if (roll < 0.28) return () => book();
      if (roll < 0.36) return () => reschedule('CLIENT');
      if (roll < 0.39) return () => reschedule('MASTER');
      if (roll < 0.41) {
        // A retry of a move already made: the same answer, nothing moved again.
        return async () => {
          if (moves.length === 0) return reschedule('CLIENT');
          const earlier = pick(moves);
          const response = await graphql(app, MOVE, { as: earlier.as, variables: { input: earlier.input } });
          expectOnly(response, [], 'rescheduleBooking (retry)');
        };
      }
      if (roll < 0.47) {
        // A retry of a booking already made: the same booking, nothing counted again.
        return async () => {
          if (made.length === 0) return book();
          const earlier = pick(made);
          const response = await graphql<{ createBooking: { id: string } }>(app, CREATE, {
            as: earlier.client,
            variables: { input: earlier.input },
          });
          expectOnly(response, [], 'createBooking (retry)');
          if (response.data && response.data.createBooking.id !== earlier.id) unexpected.push('a retry made a second booking');
        };
      }
      if (roll < 0.55) {
        // The master books someone by hand, at a half hour: it may overlap a client's booking.
        return async () => {
          const master = pick(masters);
          const startsAt = new Date(pick(starts).getTime() + (random() < 0.5 ? 30 * 60_000 : 0));
          const response = await graphql(app, MANUAL, {
            as: master.user,
            variables: {
              input: { masterServiceId: pick(master.offers).masterServiceId, startsAt: startsAt.toISOString(), clientName: 'Звонок' },
            },
          });
          expectOnly(response, ['SLOT_UNAVAILABLE'], 'createManualBooking');
        };
      }
      if (roll < 0.7) {
        return async () => {
          if (live.length === 0) return book();
          const booking = live.splice(Math.floor(random() * live.length), 1)[0]!;
          const response = await cancelAsClient(booking);
          if (response.data?.cancelBooking.status === 'CANCELLED') cancelledByClient++;
        };
      }
      if (roll < 0.8) {
        return async () => {
          if (live.length === 0) return book();
          const booking = live.splice(Math.floor(random() * live.length), 1)[0]!;
          const master = masters.find((candidate) => candidate.id === booking.offer.masterId)!;
          const response = await graphql<{ cancelBooking: { status: string } }>(app, CANCEL, {
            as: master.user,
            variables: { input: { bookingId: booking.id } },
          });
          expectOnly(response, [], 'cancelBooking (master)');
          if (response.data?.cancelBooking.status === 'CANCELLED') cancelledByMaster++;
        };
      }
      // A client's only two bookings of one service (with two masters: they do not queue on one
      // master's lock) cancelled at once, so that the counter must come down to nothing, while
      // the same client books the service again.
      return async () => {
        const byKey = new Map<string, Booked[]>();
        for (const booking of live) {
          const key = `${booking.client.id}:${booking.offer.serviceId}`;
          byKey.set(key, [...(byKey.get(key) ?? []), booking]);
        }
        const pair = [...byKey.values()].find(
          (bookings) => bookings.length === 2 && bookings[0]!.offer.masterId !== bookings[1]!.offer.masterId,
        );
        if (!pair) {
          // Prepare one: a client with no booking of a service books it with two masters at once.
          const service = pick(masters[0]!.offers).serviceId;
          const client =
            clients.find((c) => !live.some((booking) => booking.client === c && booking.offer.serviceId === service)) ?? pick(clients);
          const [first, second] = masters.slice(0, 2).map((master) => master.offers.find((offer) => offer.serviceId === service)!);
          await Promise.all([book(client, first), book(client, second)]);
          return;
        }
        const [a, b] = pair as [Booked, Booked];
        for (const booking of [a, b]) live.splice(live.indexOf(booking), 1);
        const [first, second] = await Promise.all([cancelAsClient(a), cancelAsClient(b), book(a.client, a.offer)]);
        for (const response of [first, second]) if (response?.data?.cancelBooking.status === 'CANCELLED') cancelledByClient++;
      };
    });

    const before = {
      client: await counterValue(metrics.bookingsCreated, { source: 'client' }),
      cancelledByClient: await counterValue(metrics.bookingsCancelled, { source: 'client' }),
      cancelledByMaster: await counterValue(metrics.bookingsCancelled, { source: 'master' }),
      released: await counterValue(metrics.bookingsCancelled, { source: 'system' }),
      movedByClient: await counterValue(metrics.bookingsMoved, { source: 'client' }),
      movedByMaster: await counterValue(metrics.bookingsMoved, { source: 'master' }),
    };
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < operations.length) await operations[next++]!();
      }),
    );

    expect(unexpected).toEqual([]);
    return { clientCreated, cancelledByClient, cancelledByMaster, movedByClient, movedByMaster, claims, released, before };
  }

  async function expectDerivedDataExact() {
    const masterIds = masters.map((master) => master.id);
    const clientIds = (await prisma.client.findMany({ where: { telegramId: { in: clients.map((c) => BigInt(c.id)) } } })).map((c) => c.id);
    const recomputed = await prisma.booking.groupBy({
      by: ['clientId', 'serviceId', 'cityId'],
      where: { clientId: { in: clientIds }, status: { not: 'CANCELLED' } },
      _count: { _all: true },
      _max: { createdAt: true },
    });
    const stats = await prisma.clientServiceStats.findMany({ where: { clientId: { in: clientIds } } });
    const key = (row: { clientId: string | null; serviceId: string | null; cityId: string | null }) =>
      `${row.clientId}/${row.serviceId}/${row.cityId}`;
    expect(stats.every((row) => row.bookingsCount > 0)).toBe(true);
    expect(Object.fromEntries(stats.map((row) => [key(row), { count: row.bookingsCount, last: row.lastBookedAt.toISOString() }]))).toEqual(
      Object.fromEntries(recomputed.map((row) => [key(row), { count: row._count._all, last: row._max.createdAt!.toISOString() }])),
    );

    const overlaps = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM bookings a JOIN bookings b
        ON a.master_id = b.master_id AND a.id < b.id AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
      WHERE a.master_id = ANY(${masterIds}::uuid[]) AND a.status <> 'CANCELLED' AND b.status <> 'CANCELLED'`;
    expect(overlaps).toEqual([{ n: 0 }]);

    // Every moved booking is where its last move put it, and each move starts where the one before ended.
    const moved = await prisma.booking.findMany({
      where: { masterId: { in: masterIds }, moves: { some: {} } },
      select: { startsAt: true, endsAt: true, moves: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } },
    });
    expect(moved.length).toBeGreaterThan(0);
    for (const booking of moved) {
      const last = booking.moves.at(-1)!;
      expect([last.toStartsAt, last.toEndsAt]).toEqual([booking.startsAt, booking.endsAt]);
      for (const [n, move] of booking.moves.slice(1).entries()) expect(move.fromStartsAt).toEqual(booking.moves[n]!.toStartsAt);
    }

    // Time held for a waiting client is nobody else's: no hold in force overlaps a booking.
    const heldOverBookings = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM waitlist_offers o JOIN bookings b
        ON o.master_id = b.master_id AND o.starts_at < b.ends_at AND b.starts_at < o.ends_at
      WHERE o.master_id = ANY(${masterIds}::uuid[]) AND o.status = 'HELD' AND o.expires_at > now() AND b.status <> 'CANCELLED'`;
    expect(heldOverBookings).toEqual([{ n: 0 }]);
    // Every claimed offer is its client's booking, made at the offer's time, and its entry is fulfilled.
    const claimed = await prisma.waitlistOffer.findMany({
      where: { masterId: { in: masterIds }, status: 'CLAIMED' },
      select: {
        clientId: true,
        startsAt: true,
        booking: {
          select: {
            clientId: true,
            startsAt: true,
            moves: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 1, select: { fromStartsAt: true } },
          },
        },
        entry: { select: { endReason: true } },
      },
    });
    for (const offer of claimed) {
      // Where it was booked: its start then, before any later move.
      const bookedAt = offer.booking?.moves[0]?.fromStartsAt ?? offer.booking?.startsAt;
      expect({ clientId: offer.booking?.clientId, bookedAt }).toEqual({ clientId: offer.clientId, bookedAt: offer.startsAt });
      expect(offer.entry.endReason).toBe('FULFILLED');
    }
    return claimed.length;
  }

  it.each(SEEDS)('keeps statistics exact, bookings apart and every answer expected (seed %i)', async (seed) => {
    const { clientCreated, cancelledByClient, cancelledByMaster, movedByClient, movedByMaster, claims, released, before } =
      await runWorkload(seed);

    claimedSoFar += claims;
    expect(claims).toBeGreaterThan(0);
    expect(await expectDerivedDataExact()).toBe(claimedSoFar);
    expect(await prisma.waitlistOffer.count({ where: { masterId: { in: masters.map((master) => master.id) } } })).toBeGreaterThan(0);
    expect(clientCreated).toBeGreaterThan(20);
    expect(cancelledByClient).toBeGreaterThan(10);
    expect(await counterValue(metrics.bookingsCreated, { source: 'client' })).toBe(before.client + clientCreated);
    expect(await counterValue(metrics.bookingsCancelled, { source: 'client' })).toBe(before.cancelledByClient + cancelledByClient);
    expect(await counterValue(metrics.bookingsCancelled, { source: 'master' })).toBe(before.cancelledByMaster + cancelledByMaster);
    expect(released).toBeGreaterThan(0);
    expect(await counterValue(metrics.bookingsCancelled, { source: 'system' })).toBe(before.released + released);
    expect(movedByClient).toBeGreaterThan(5);
    expect(await counterValue(metrics.bookingsMoved, { source: 'client' })).toBe(before.movedByClient + movedByClient);
    expect(await counterValue(metrics.bookingsMoved, { source: 'master' })).toBe(before.movedByMaster + movedByMaster);
  });
});
