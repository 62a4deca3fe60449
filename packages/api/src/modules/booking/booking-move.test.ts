import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResponse, graphql, type TestApp, telegramUser, testPrisma } from '../../../test/app.js';
import { testDatabaseUrl } from '../../../test/database.js';
import {
  createBooking,
  createClientBooking,
  createMaster,
  createMasterService,
  createSchedule,
  createSlotSettings,
  createTimeBlock,
} from '../../../test/factories.js';
import { createPrismaClient } from '../../db.js';
import type { TelegramInitUser } from '../../telegram/init-data.js';
import { addDays, localDateOf, zonedToUtc } from '../../time/zoned-time.js';
import { counterValue, metrics } from '../monitoring/metrics.js';
import { freedTimeOf } from './booking-lifecycle.js';

/**
 * rescheduleBooking through the HTTP app against real PostgreSQL: who may move what and when,
 * which times are free, idempotency, a change of service with its statistics, the history, and
 * a rush of clients onto one time. Every refusal is checked to have changed nothing.
 */

const app = createTestApp();
const prisma = testPrisma();

const ZONE = 'Europe/Moscow';
const today = localDateOf(new Date(), ZONE);
const [DAY1, DAY2, DAY3] = [1, 2, 3].map((n) => addDays(today, n)) as [string, string, string];
const at = (day: string, hour: number, minute = 0) => zonedToUtc(day, hour * 60 + minute, ZONE);
const local = (day: string, time: string) => `${day}T${time}:00+03:00`;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const BOOKING_FIELDS = /* GraphQL */ `
  id startsAt endsAt localStart durationMinutes status clientConfirmedAt
  price { amountMinor } masterService { id } service { id }
  moves { fromStartsAt fromEndsAt toStartsAt toEndsAt fromLocalStart toLocalStart movedBy fromMasterService { id } toMasterService { id } }
`;
const MOVE = `mutation Move($input: RescheduleBookingInput!) { rescheduleBooking(input: $input) { ${BOOKING_FIELDS} } }`;
const CREATE = 'mutation Create($input: CreateBookingInput!) { createBooking(input: $input) { id } }';
const SLOTS = /* GraphQL */ `
  query Slots($masterId: ID!, $masterServiceId: ID!, $from: DateTime!, $to: DateTime!, $rescheduling: ID) {
    availableSlots(masterId: $masterId, masterServiceId: $masterServiceId, from: $from, to: $to, reschedulingBookingId: $rescheduling) {
      localStart
    }
  }
`;
const MY_BOOKINGS = /* GraphQL */ `
  query Mine { clientProfile { upcomingBookings { edges { node { id localStart moves { fromLocalStart toLocalStart movedBy } } } } } }
`;

interface Move {
  fromStartsAt: string;
  toStartsAt: string;
  fromLocalStart: string;
  toLocalStart: string;
  movedBy: string;
  fromMasterService: { id: string } | null;
  toMasterService: { id: string } | null;
}
interface MovedBooking {
  id: string;
  startsAt: string;
  endsAt: string;
  localStart: string;
  durationMinutes: number;
  status: string;
  clientConfirmedAt: string | null;
  price: { amountMinor: number } | null;
  masterService: { id: string } | null;
  service: { id: string } | null;
  moves: Move[];
}

const codeOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.code;
const reasonOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.reason;
const fieldPaths = (response: GraphQLResponse<unknown>) =>
  ((response.errors?.[0]?.extensions?.fields ?? []) as { path: string }[]).map((field) => field.path);
const dbId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1]!;
const gid = (id: string) => encodeGlobalID('Booking', id);

/**
 * An active master in Moscow working 10:00–18:00 every day on a half-hour grid, a 2-hour
 * cancellation cutoff, and two services under different catalogue services: 60 minutes for
 * 2000 ₽ and 90 minutes for 3000 ₽.
 */
async function studio() {
  const { master, user } = await createMaster();
  await createSchedule(
    master.id,
    [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 10 * 60, endMinute: 18 * 60 })),
  );
  await createSlotSettings(master.id, { stepMinutes: 30, cancellationCutoffMinutes: 120 });
  const short = await createMasterService(master.id, { durationMinutes: 60, priceMinor: 200_000 });
  const long = await createMasterService(master.id, { durationMinutes: 90, priceMinor: 300_000 });
  return {
    master,
    masterUser: user,
    short,
    long,
    masterId: encodeGlobalID('Master', master.id),
    shortId: encodeGlobalID('MasterService', short.id),
    longId: encodeGlobalID('MasterService', long.id),
  };
}
type Studio = Awaited<ReturnType<typeof studio>>;

/** A client books through the API (client profile, statistics and all); returns the booking's global id. */
async function books(s: Studio, client: TelegramInitUser, startsAt: Date, masterServiceId = s.shortId, on: TestApp = app) {
  const response = await graphql<{ createBooking: { id: string } }>(on, CREATE, {
    as: client,
    variables: {
      input: {
        masterServiceId,
        startsAt: startsAt.toISOString(),
        clientName: client.first_name,
        clientPhone: '+79123456789',
        preferredChannels: ['TELEGRAM'],
        idempotencyKey: randomUUID(),
      },
    },
  });
  expect(response.errors).toBeUndefined();
  return response.data!.createBooking.id;
}

function move(
  as: TelegramInitUser,
  bookingId: string,
  startsAt: Date,
  extra: { masterServiceId?: string; idempotencyKey?: string } = {},
  on: TestApp = app,
) {
  return graphql<{ rescheduleBooking: MovedBooking }>(on, MOVE, {
    as,
    variables: { input: { bookingId, startsAt: startsAt.toISOString(), idempotencyKey: randomUUID(), ...extra } },
  });
}

/** What a refusal must leave as it was: the booking's time, service, price and confirmation, and its history. */
async function stateOf(globalId: string) {
  const id = dbId(globalId);
  const [booking, moves] = await Promise.all([
    prisma.booking.findUniqueOrThrow({
      where: { id },
      select: {
        startsAt: true,
        endsAt: true,
        status: true,
        masterServiceId: true,
        serviceId: true,
        priceMinor: true,
        clientConfirmedAt: true,
        releaseAt: true,
      },
    }),
    prisma.bookingMove.count({ where: { bookingId: id } }),
  ]);
  return { ...booking, moves };
}

/** The day's free starts of the short service, HH:MM; with `rescheduling`, as the caller (that booking's client) sees them for moving it. */
async function slotsOf(
  s: Studio,
  day: string,
  { rescheduling, as = telegramUser() }: { rescheduling?: string; as?: TelegramInitUser } = {},
) {
  const response = await graphql<{ availableSlots: { localStart: string }[] }>(app, SLOTS, {
    as,
    variables: {
      masterId: s.masterId,
      masterServiceId: s.shortId,
      from: at(day, 0).toISOString(),
      to: at(day, 24).toISOString(),
      rescheduling,
    },
  });
  expect(response.errors).toBeUndefined();
  return response.data!.availableSlots.map((slot) => slot.localStart.slice(11, 16));
}

/** client_service_stats of these clients, and the same recomputed from their bookings that are not cancelled. */
async function statsAndRecomputation(clientIds: string[]) {
  const [stats, recomputed] = await Promise.all([
    prisma.clientServiceStats.findMany({ where: { clientId: { in: clientIds } } }),
    prisma.booking.groupBy({
      by: ['clientId', 'serviceId', 'cityId'],
      where: { clientId: { in: clientIds }, status: { not: 'CANCELLED' } },
      _count: { _all: true },
      _max: { createdAt: true },
    }),
  ]);
  const key = (row: { clientId: string | null; serviceId: string | null; cityId: string | null }) => `${row.serviceId}/${row.cityId}`;
  return {
    stats: Object.fromEntries(stats.map((row) => [key(row), [row.bookingsCount, row.lastBookedAt.toISOString()]])),
    recomputed: Object.fromEntries(recomputed.map((row) => [key(row), [row._count._all, row._max.createdAt!.toISOString()]])),
  };
}

describe('rescheduleBooking by the client', () => {
  it('moves the booking to a free start, keeping its id, and keeps each move in its history', async () => {
    const s = await studio();
    const client = telegramUser();
    const id = await books(s, client, at(DAY1, 10));
    const movedBefore = await counterValue(metrics.bookingsMoved, { source: 'client' });
    const freedBefore = await counterValue(metrics.timeFreed, { cause: 'moved' });

    const first = await move(client, id, at(DAY2, 14));
    expect(first.errors).toBeUndefined();
    expect(first.data?.rescheduleBooking).toEqual({
      id,
      startsAt: at(DAY2, 14).toISOString(),
      endsAt: at(DAY2, 15).toISOString(),
      localStart: local(DAY2, '14:00'),
      durationMinutes: 60,
      status: 'CONFIRMED',
      clientConfirmedAt: null,
      price: { amountMinor: 200_000 },
      masterService: { id: s.shortId },
      service: { id: encodeGlobalID('Service', s.short.serviceId) },
      moves: [
        {
          fromStartsAt: at(DAY1, 10).toISOString(),
          fromEndsAt: at(DAY1, 11).toISOString(),
          toStartsAt: at(DAY2, 14).toISOString(),
          toEndsAt: at(DAY2, 15).toISOString(),
          fromLocalStart: local(DAY1, '10:00'),
          toLocalStart: local(DAY2, '14:00'),
          movedBy: 'CLIENT',
          fromMasterService: { id: s.shortId },
          toMasterService: { id: s.shortId },
        },
      ],
    });
    // The old time is free again, the new one taken.
    expect(await slotsOf(s, DAY1)).toContain('10:00');
    expect(await slotsOf(s, DAY2)).not.toContain('14:00');

    const second = await move(client, id, at(DAY3, 11, 30));
    expect(second.errors).toBeUndefined();
    const mine = await graphql<{ clientProfile: { upcomingBookings: { edges: { node: unknown }[] } } }>(app, MY_BOOKINGS, { as: client });
    expect(mine.data?.clientProfile.upcomingBookings.edges.map((edge) => edge.node)).toEqual([
      {
        id,
        localStart: local(DAY3, '11:30'),
        moves: [
          { fromLocalStart: local(DAY1, '10:00'), toLocalStart: local(DAY2, '14:00'), movedBy: 'CLIENT' },
          { fromLocalStart: local(DAY2, '14:00'), toLocalStart: local(DAY3, '11:30'), movedBy: 'CLIENT' },
        ],
      },
    ]);
    expect(await prisma.booking.count({ where: { masterId: s.master.id } })).toBe(1);
    expect(await counterValue(metrics.bookingsMoved, { source: 'client' })).toBe(movedBefore + 2);
    expect(await counterValue(metrics.timeFreed, { cause: 'moved' })).toBe(freedBefore + 2);
  });

  it("counts the booking's own time as free: it may move onto part of it, and availableSlots says so for its client", async () => {
    const s = await studio();
    const client = telegramUser();
    const id = await books(s, client, at(DAY1, 10));

    expect(await slotsOf(s, DAY1)).not.toContain('10:30');
    expect((await slotsOf(s, DAY1, { rescheduling: id, as: client })).slice(0, 3)).toEqual(['10:00', '10:30', '11:00']);
    // Someone else's booking id, or a stranger asking with this one, leaves the slots as they are.
    const other = await books(s, telegramUser(), at(DAY1, 15));
    expect(await slotsOf(s, DAY1, { rescheduling: other, as: client })).not.toContain('15:00');
    expect(await slotsOf(s, DAY1, { rescheduling: id })).not.toContain('10:30');

    const moved = await move(client, id, at(DAY1, 10, 30));
    expect(moved.errors).toBeUndefined();
    expect(moved.data?.rescheduleBooking.localStart).toBe(local(DAY1, '10:30'));
    expect(moved.data?.rescheduleBooking.durationMinutes).toBe(60);
  });

  it('refuses after the cutoff (CANCELLATION_CUTOFF) and changes nothing', async () => {
    const s = await studio();
    const { user: client } = await clientWithProfile();
    const clientId = (await prisma.client.findUniqueOrThrow({ where: { telegramId: BigInt(client.id) } })).id;
    const soon = new Date(Math.ceil((Date.now() + 90 * MINUTE) / MINUTE) * MINUTE);
    const booking = await createClientBooking({ clientId, masterId: s.master.id, startsAt: soon, masterServiceId: s.short.id });
    const before = await stateOf(gid(booking.id));

    const refused = await move(client, gid(booking.id), at(DAY2, 12));
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(reasonOf(refused)).toBe('CANCELLATION_CUTOFF');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ cutoffMinutes: 120, fields: [{ path: 'bookingId' }] });
    expect(await stateOf(gid(booking.id))).toEqual(before);
  });

  it('answers SLOT_UNAVAILABLE with the nearest free starts for a time that is not free, and leaves the booking where it was', async () => {
    const s = await studio();
    const client = telegramUser();
    const id = await books(s, client, at(DAY1, 10));
    await books(s, telegramUser(), at(DAY2, 14));
    const before = await stateOf(id);

    const taken = await move(client, id, at(DAY2, 14));
    expect(codeOf(taken)).toBe('SLOT_UNAVAILABLE');
    // 13:30–15:00 overlap the other booking; the closest free starts, ascending.
    expect(taken.errors?.[0]?.extensions?.nearestSlots).toEqual([at(DAY2, 12, 30), at(DAY2, 13), at(DAY2, 15)].map((d) => d.toISOString()));
    for (const startsAt of [at(DAY2, 14, 10), at(DAY2, 19), at(DAY2, 17, 30)]) {
      // Off the grid, outside the hours, running past the end of the day.
      expect(codeOf(await move(client, id, startsAt))).toBe('SLOT_UNAVAILABLE');
    }
    expect(await stateOf(id)).toEqual(before);
  });

  it('is idempotent: a retry with the same key moves once; the key for another time is refused', async () => {
    const s = await studio();
    const client = telegramUser();
    const id = await books(s, client, at(DAY1, 10));
    const movedBefore = await counterValue(metrics.bookingsMoved, { source: 'client' });
    const key = randomUUID();

    const first = await move(client, id, at(DAY2, 12), { idempotencyKey: key });
    const retry = await move(client, id, at(DAY2, 12), { idempotencyKey: key });
    expect(first.errors).toBeUndefined();
    expect(retry.errors).toBeUndefined();
    expect(retry.data).toEqual(first.data);
    expect(first.data?.rescheduleBooking.moves).toHaveLength(1);
    expect(await counterValue(metrics.bookingsMoved, { source: 'client' })).toBe(movedBefore + 1);

    const before = await stateOf(id);
    const reused = await move(client, id, at(DAY2, 15), { idempotencyKey: key });
    expect(codeOf(reused)).toBe('BAD_USER_INPUT');
    expect(reasonOf(reused)).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await stateOf(id)).toEqual(before);
  });

  it("moves to another of the master's services: its duration and price, and client_service_stats follow exactly", async () => {
    const s = await studio();
    const client = telegramUser();
    const kept = await books(s, client, at(DAY1, 10));
    const id = await books(s, client, at(DAY1, 14));
    const clientId = (await prisma.client.findUniqueOrThrow({ where: { telegramId: BigInt(client.id) } })).id;
    const short = `${s.short.serviceId}/${s.master.cityId}`;
    const long = `${s.long.serviceId}/${s.master.cityId}`;
    expect((await statsAndRecomputation([clientId])).stats[short]?.[0]).toBe(2);

    const moved = await move(client, id, at(DAY2, 11), { masterServiceId: s.longId });
    expect(moved.errors).toBeUndefined();
    expect(moved.data?.rescheduleBooking).toMatchObject({
      durationMinutes: 90,
      endsAt: at(DAY2, 12, 30).toISOString(),
      price: { amountMinor: 300_000 },
      masterService: { id: s.longId },
      service: { id: encodeGlobalID('Service', s.long.serviceId) },
      moves: [{ fromMasterService: { id: s.shortId }, toMasterService: { id: s.longId } }],
    });
    const afterMove = await statsAndRecomputation([clientId]);
    expect(afterMove.stats).toEqual(afterMove.recomputed);
    const [keptRow, movedRow] = await Promise.all([kept, id].map((b) => prisma.booking.findUniqueOrThrow({ where: { id: dbId(b) } })));
    expect(afterMove.stats).toEqual({
      [short]: [1, keptRow!.createdAt.toISOString()],
      [long]: [1, movedRow!.createdAt.toISOString()],
    });

    // Back to the first service, at the same time: the second row goes, the first counts both again.
    const back = await move(client, id, at(DAY2, 11), { masterServiceId: s.shortId });
    expect(back.errors).toBeUndefined();
    expect(back.data?.rescheduleBooking.durationMinutes).toBe(60);
    const afterBack = await statsAndRecomputation([clientId]);
    expect(afterBack.stats).toEqual(afterBack.recomputed);
    expect(Object.keys(afterBack.stats)).toEqual([short]);
    expect(afterBack.stats[short]?.[0]).toBe(2);

    // Another master's service is not one of this master's.
    const elsewhere = await studio();
    const before = await stateOf(id);
    const foreign = await move(client, id, at(DAY2, 13), { masterServiceId: elsewhere.shortId });
    expect(codeOf(foreign)).toBe('BAD_USER_INPUT');
    expect(await stateOf(id)).toEqual(before);
  });

  it('refuses the same time, a cancelled booking and input that does not validate, changing nothing', async () => {
    const s = await studio();
    const client = telegramUser();
    const id = await books(s, client, at(DAY1, 10));
    const before = await stateOf(id);

    expect(reasonOf(await move(client, id, at(DAY1, 10)))).toBe('SAME_TIME');
    const invalid = await graphql(app, MOVE, {
      as: client,
      variables: { input: { bookingId: encodeGlobalID('Master', dbId(id)), startsAt: '2030-01-01T10:00:30Z', idempotencyKey: 'short' } },
    });
    expect(codeOf(invalid)).toBe('BAD_USER_INPUT');
    expect(fieldPaths(invalid).sort()).toEqual(['input.bookingId', 'input.idempotencyKey', 'input.startsAt']);
    expect(await stateOf(id)).toEqual(before);

    await prisma.booking.update({ where: { id: dbId(id) }, data: { status: 'CANCELLED', cancelledAt: new Date(), cancelledBy: 'CLIENT' } });
    const cancelled = await move(client, id, at(DAY2, 10));
    expect(reasonOf(cancelled)).toBe('BOOKING_CANCELLED');
    expect((await stateOf(id)).moves).toBe(0);
  });
});

describe('rescheduleBooking by the master', () => {
  it('moves any booking at any time, outside working hours too, and the client is no longer confirmed', async () => {
    const s = await studio();
    const { user: client } = await clientWithProfile();
    const clientId = (await prisma.client.findUniqueOrThrow({ where: { telegramId: BigInt(client.id) } })).id;
    const soon = new Date(Math.ceil((Date.now() + 30 * MINUTE) / MINUTE) * MINUTE);
    const booking = await createClientBooking({ clientId, masterId: s.master.id, startsAt: soon, masterServiceId: s.short.id });
    await prisma.booking.update({ where: { id: booking.id }, data: { clientConfirmedAt: new Date() } });
    const manual = await createBooking({ masterId: s.master.id, startsAt: at(DAY1, 12), source: 'MASTER', masterServiceId: s.short.id });

    const late = await move(s.masterUser, gid(booking.id), at(DAY3, 20));
    expect(late.errors).toBeUndefined();
    expect(late.data?.rescheduleBooking).toMatchObject({
      localStart: local(DAY3, '20:00'),
      clientConfirmedAt: null,
      moves: [{ movedBy: 'MASTER', toLocalStart: local(DAY3, '20:00') }],
    });
    const byHand = await move(s.masterUser, gid(manual.id), at(DAY1, 8));
    expect(byHand.errors).toBeUndefined();
    expect(byHand.data?.rescheduleBooking.localStart).toBe(local(DAY1, '08:00'));
  });

  it('never moves a booking over another booking or blocked time', async () => {
    const s = await studio();
    const client = telegramUser();
    const id = await books(s, client, at(DAY1, 10));
    await books(s, telegramUser(), at(DAY2, 12));
    await createTimeBlock({ masterId: s.master.id, startsAt: at(DAY2, 15), minutes: 30 });
    const before = await stateOf(id);

    for (const startsAt of [at(DAY2, 11, 30), at(DAY2, 12), at(DAY2, 14, 30), at(DAY2, 15, 15)]) {
      const refused = await move(s.masterUser, id, startsAt);
      expect(codeOf(refused)).toBe('SLOT_UNAVAILABLE');
      expect(refused.errors?.[0]?.extensions?.nearestSlots).toBeUndefined();
    }
    expect(await stateOf(id)).toEqual(before);
    // Right after the other booking is free: intervals are half-open.
    expect((await move(s.masterUser, id, at(DAY2, 13))).errors).toBeUndefined();
  });
});

describe('the time a move frees', () => {
  it('is the old time less the new one', () => {
    const booking = {
      id: 'b',
      masterId: 'm',
      createdAt: new Date(0),
      source: 'CLIENT' as const,
      clientId: null,
      serviceId: null,
      cityId: null,
      releaseAt: null,
    };
    const freed = (from: [number, number], to: [number, number]) =>
      freedTimeOf({
        kind: 'moved',
        booking: { ...booking, startsAt: at(DAY1, ...from), endsAt: at(DAY1, ...to) },
        from: { startsAt: at(DAY1, 10), endsAt: at(DAY1, 11), serviceId: null, releaseAt: null },
        moveId: 'x',
        by: 'CLIENT',
        now: new Date(),
      }).map((piece) => [piece.startsAt, piece.endsAt, piece.cause]);
    expect(freed([10, 30], [11, 30])).toEqual([[at(DAY1, 10), at(DAY1, 10, 30), 'moved']]);
    expect(freed([9, 30], [10, 30])).toEqual([[at(DAY1, 10, 30), at(DAY1, 11), 'moved']]);
    expect(freed([10, 15], [10, 45])).toEqual([
      [at(DAY1, 10), at(DAY1, 10, 15), 'moved'],
      [at(DAY1, 10, 45), at(DAY1, 11), 'moved'],
    ]);
    expect(freed([14, 0], [15, 0])).toEqual([[at(DAY1, 10), at(DAY1, 11), 'moved']]);
    expect(freed([9, 0], [12, 0])).toEqual([]);
  });
});

describe('who may reschedule', () => {
  it("answers another client's or master's booking as an unknown one, MASTER_NOT_REGISTERED for nobody, and changes nothing", async () => {
    const s = await studio();
    const id = await books(s, telegramUser(), at(DAY1, 10));
    const stranger = telegramUser();
    await books(s, stranger, at(DAY1, 15));
    const otherMaster = await studio();
    const before = await stateOf(id);

    const unknown = await move(stranger, encodeGlobalID('Booking', randomUUID()), at(DAY2, 10));
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'bookingId', message: 'No such booking.' }],
    });
    expect((await move(stranger, id, at(DAY2, 10))).errors).toEqual(unknown.errors);
    expect((await move(otherMaster.masterUser, id, at(DAY2, 10))).errors).toEqual(unknown.errors);
    const nobody = await move(telegramUser(), id, at(DAY2, 10));
    expect(codeOf(nobody)).toBe('MASTER_NOT_REGISTERED');
    expect(nobody.status).toBe(403);
    const anonymous = await graphql(app, MOVE, {
      variables: { input: { bookingId: id, startsAt: at(DAY2, 10).toISOString(), idempotencyKey: randomUUID() } },
    });
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
    expect(await stateOf(id)).toEqual(before);
  });
});

describe('a rush onto one free time', { timeout: 120_000 }, () => {
  const rushPrisma = createPrismaClient(testDatabaseUrl(), 12);
  const rushApp = createTestApp({ prisma: rushPrisma });
  afterAll(() => rushPrisma.$disconnect());

  it('lets exactly one of 30 clients move there; the other 29 bookings stay where they were', async () => {
    const s = await studio();
    await prisma.scheduleInterval.updateMany({ where: { masterId: s.master.id }, data: { startMinute: 0, endMinute: 1440 } });
    const clients = Array.from({ length: 30 }, (_, n) => telegramUser({ first_name: `Клиент ${n}` }));
    const ids: string[] = [];
    for (const [n, client] of clients.entries())
      ids.push(await books(s, client, new Date(at(DAY1, 0).getTime() + n * HOUR), s.shortId, rushApp));
    const before = await Promise.all(ids.map(stateOf));
    const target = at(DAY3, 12);

    const answers = await Promise.all(clients.map((client, n) => move(client, ids[n]!, target, {}, rushApp)));

    const won = answers.filter((answer) => !answer.errors);
    expect(won).toHaveLength(1);
    expect(answers.filter((answer) => codeOf(answer) === 'SLOT_UNAVAILABLE')).toHaveLength(29);
    const winner = won[0]!.data!.rescheduleBooking.id;
    for (const [n, id] of ids.entries()) {
      if (id === winner) expect((await stateOf(id)).startsAt).toEqual(target);
      else expect(await stateOf(id)).toEqual(before[n]);
    }
    expect(await prisma.booking.count({ where: { masterId: s.master.id, startsAt: target } })).toBe(1);
    expect(await prisma.bookingMove.count({ where: { booking: { masterId: s.master.id } } })).toBe(1);
  });
});

/** A Telegram user with a client profile (as after `upsertClient`). */
async function clientWithProfile() {
  const user = telegramUser();
  const response = await graphql(app, 'mutation { upsertClient { id } }', { as: user });
  expect(response.errors).toBeUndefined();
  return { user };
}
