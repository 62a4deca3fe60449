import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResponse, graphql, telegramUser, testPrisma } from '../../../test/app.js';
import {
  createCity,
  createClient,
  createDayOff,
  createMaster,
  createMasterService,
  createSchedule,
  createSlotSettings,
  rowsOfTelegramUser,
} from '../../../test/factories.js';
import type { BookingActor, BookingStatus } from '../../generated/prisma/enums.js';
import type { TelegramInitUser } from '../../telegram/init-data.js';
import {
  addDays,
  isoWeekdayOf,
  isoWeekdayOfDate,
  type LocalDate,
  localDateOf,
  localDayClock,
  localDayInUtc,
  localMinutesOf,
} from '../../time/zoned-time.js';
import { MAX_STATS_DAYS } from './master-stats.queries.js';

const app = createTestApp();
const prisma = testPrisma();

const STATS = /* GraphQL */ `
  query Stats($from: String!, $to: String!) {
    masterStats(from: $from, to: $to) {
      from to timeZone currency
      bookings completed noShows cancelled lateCancellations
      revenue { amountMinor currency }
      workingMinutes bookedMinutes utilisation noShowRate lateCancellationRate
      newClients returningClients
      days { date bookings completed revenue { amountMinor currency } }
      topServices { masterServiceId name bookings revenue { amountMinor currency } }
      weekdays { weekday bookings }
      hours { hour bookings }
    }
  }
`;
const MOVE = 'mutation Move($input: RescheduleBookingInput!) { rescheduleBooking(input: $input) { startsAt } }';

type Stats = Record<string, unknown>;
interface StatsAnswer extends Stats {
  weekdays: { weekday: number; bookings: number }[];
  hours: { hour: number; bookings: number }[];
}

const MINUTE_MS = 60_000;

/** A small seeded PRNG (mulberry32): the same month of bookings on every run. */
function prng(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick };
}

function datesOf(from: LocalDate, to: LocalDate): LocalDate[] {
  const dates: LocalDate[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

async function stats(user: TelegramInitUser, from: string, to: string) {
  return graphql<{ masterStats: StatsAnswer }>(app, STATS, { as: user, variables: { from, to } });
}

function codeOf(response: GraphQLResponse) {
  return response.errors?.[0]?.extensions?.code;
}

interface World {
  user: TelegramInitUser;
  masterId: string;
  timeZone: string;
  currency: string;
  from: LocalDate;
  to: LocalDate;
}

const WEEKDAYS_SCHEDULE = [
  ...[1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, startMinute: 10 * 60, endMinute: 14 * 60 },
    { weekday, startMinute: 15 * 60, endMinute: 20 * 60 },
  ]),
  { weekday: 6, startMinute: 11 * 60, endMinute: 17 * 60 },
];

/**
 * A master in `timeZone` with a month (and a few days either side) of random bookings: every
 * status, cancellations early and late by each actor, clients old and new, services, a price in
 * another currency, days off and blocked time. Another master books the same clients at the same
 * times. Then some bookings are moved through the API: into the period, out of it, within it.
 */
async function generateMonth(options: {
  seed: number;
  timeZone: string;
  currency: string;
  from: LocalDate;
  to: LocalDate;
  schedule: { weekday: number; startMinute: number; endMinute: number }[];
  /** Local hours bookings may start in. */
  hours: readonly number[];
}): Promise<World> {
  const random = prng(options.seed);
  const { timeZone, from, to } = options;
  const city = await createCity({ timeZone, currency: options.currency });
  const { master, user } = await createMaster({ city });
  const other = await createMaster({ city });
  await createSchedule(master.id, options.schedule);
  await createSlotSettings(master.id, { horizonDays: 365 });
  const services = [
    await createMasterService(master.id, { priceMinor: 250_000, name: 'Маникюр с покрытием' }),
    await createMasterService(master.id, { priceMinor: 120_000 }),
    await createMasterService(master.id, { priceMinor: 90_000, name: 'Брови' }),
    await createMasterService(master.id, { priceMinor: 300_000, name: 'Редкая' }),
  ];
  const otherService = await createMasterService(other.master.id, { priceMinor: 99_900 });
  const clients = await Promise.all(Array.from({ length: 10 }, async () => (await createClient()).client.id));

  // Earlier history: some clients have been before (kept or missed), some only cancelled.
  const longAgo = addDays(from, -40);
  for (const [index, clientId] of clients.entries()) {
    const status: BookingStatus = index % 3 === 0 ? 'COMPLETED' : index % 3 === 1 ? 'CANCELLED' : 'NO_SHOW';
    if (index >= 6) continue;
    await writeBooking({
      masterId: master.id,
      clientId,
      startsAt: localDayClock(addDays(longAgo, index), timeZone).toUtc(12 * 60),
      status,
    });
  }
  // With another master only: still a new client here.
  await writeBooking({
    masterId: other.master.id,
    clientId: clients[9]!,
    startsAt: localDayClock(longAgo, timeZone).toUtc(12 * 60),
    status: 'COMPLETED',
  });

  const statuses: BookingStatus[] = ['CONFIRMED', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'NO_SHOW', 'CANCELLED', 'CANCELLED'];
  const actors: BookingActor[] = ['CLIENT', 'CLIENT', 'MASTER', 'SYSTEM'];
  const daysOff = datesOf(from, to).filter(() => random.next() < 0.08);
  for (const date of daysOff) await createDayOff(master.id, date);

  for (const date of datesOf(addDays(from, -3), addDays(to, 3))) {
    const clock = localDayClock(date, timeZone);
    for (const hour of options.hours) {
      const roll = random.next();
      if (roll < 0.05) {
        const startsAt = clock.toUtcIfShown(hour * 60);
        if (startsAt) {
          await prisma.timeBlock.create({ data: { masterId: master.id, startsAt, endsAt: new Date(startsAt.getTime() + 45 * MINUTE_MS) } });
        }
        continue;
      }
      if (roll > 0.4) continue;
      const minute = random.pick([0, 0, 15, 30]);
      const startsAt = clock.toUtcIfShown(hour * 60 + minute);
      if (!startsAt) continue;
      const minutes = 60 - minute - random.pick([0, 0, 15]);
      const service = random.next() < 0.85 ? random.pick(services) : null;
      const status = random.pick(statuses);
      const cancelledBy = random.pick(actors);
      await writeBooking({
        masterId: master.id,
        clientId: random.next() < 0.85 ? random.pick(clients) : null,
        startsAt,
        minutes,
        status,
        masterServiceId: service?.id ?? null,
        serviceId: service?.serviceId ?? null,
        priceMinor: service?.priceMinor ?? null,
        currency: service ? (random.next() < 0.03 ? 'EUR' : options.currency) : null,
        cancelledBy,
        // Cancelled from three days to a minute before the start: some late, some not.
        cancelledAt: new Date(startsAt.getTime() - Math.floor(random.next() * 72 * 60 + 1) * MINUTE_MS),
      });
      if (random.next() < 0.3) {
        await writeBooking({
          masterId: other.master.id,
          clientId: random.pick(clients),
          startsAt,
          minutes,
          status: random.pick(statuses),
          masterServiceId: otherService.id,
          serviceId: otherService.serviceId,
          priceMinor: otherService.priceMinor,
          currency: options.currency,
        });
      }
    }
  }

  // Kept at a price in another currency (booked before the master moved country): not revenue.
  await writeBooking({
    masterId: master.id,
    clientId: clients[0]!,
    startsAt: localDayClock(addDays(from, 3), timeZone).toUtc(23 * 60),
    minutes: 30,
    status: 'COMPLETED',
    masterServiceId: services[0]!.id,
    serviceId: services[0]!.serviceId,
    priceMinor: 4_500,
    currency: options.currency === 'GEL' ? 'EUR' : 'GEL',
  });

  // Moves by the master, to 23:00 (no other booking then): out of the period, into it, within it.
  const movable = await prisma.booking.findMany({
    where: { masterId: master.id, status: 'CONFIRMED', masterServiceId: { not: null } },
    orderBy: { startsAt: 'asc' },
  });
  const inPeriod = (date: LocalDate) => date >= from && date <= to;
  const inside = movable.filter((booking) => inPeriod(localDateOf(booking.startsAt, timeZone)));
  const outside = movable.filter((booking) => !inPeriod(localDateOf(booking.startsAt, timeZone)));
  const moves = [
    { booking: inside[0]!, to: addDays(to, 2) },
    { booking: inside[1]!, to: addDays(from, 5) },
    { booking: outside[0]!, to: addDays(from, 10) },
    { booking: outside.at(-1)!, to: to },
  ];
  for (const [index, move] of moves.entries()) {
    const response = await graphql(app, MOVE, {
      as: user,
      variables: {
        input: {
          bookingId: encodeGlobalID('Booking', move.booking.id),
          startsAt: localDayClock(move.to, timeZone)
            .toUtc(23 * 60 + index * 10)
            .toISOString(),
          idempotencyKey: randomUUID(),
        },
      },
    });
    expect(response.errors).toBeUndefined();
  }
  return { user, masterId: master.id, timeZone, currency: options.currency, from, to };
}

async function writeBooking(booking: {
  masterId: string;
  clientId: string | null;
  startsAt: Date;
  minutes?: number;
  status: BookingStatus;
  masterServiceId?: string | null;
  serviceId?: string | null;
  priceMinor?: number | null;
  currency?: string | null;
  cancelledBy?: BookingActor;
  cancelledAt?: Date;
}) {
  const cancelled = booking.status === 'CANCELLED';
  await prisma.booking.create({
    data: {
      masterId: booking.masterId,
      clientId: booking.clientId,
      masterServiceId: booking.masterServiceId ?? null,
      serviceId: booking.serviceId ?? null,
      startsAt: booking.startsAt,
      endsAt: new Date(booking.startsAt.getTime() + (booking.minutes ?? 60) * MINUTE_MS),
      status: booking.status,
      source: booking.clientId ? 'CLIENT' : 'MASTER',
      clientName: 'Клиент',
      priceMinor: booking.priceMinor ?? null,
      currency: booking.currency ?? null,
      cancelledAt: cancelled ? (booking.cancelledAt ?? booking.startsAt) : null,
      cancelledBy: cancelled ? (booking.cancelledBy ?? 'CLIENT') : null,
    },
  });
}

/**
 * The figures recomputed in plain TypeScript from the master's rows, minute by minute for the
 * time: a minute is working when the master's clock then shows a time of that weekday's schedule
 * on a date that is not a day off, and no time block covers it.
 */
async function recompute(world: World): Promise<Stats> {
  const { masterId, timeZone, currency, from, to } = world;
  const rows = await prisma.booking.findMany({ where: { masterId }, include: { masterService: { include: { service: true } } } });
  const schedule = await prisma.scheduleInterval.findMany({ where: { masterId } });
  const blocks = await prisma.timeBlock.findMany({ where: { masterId } });
  const daysOff = new Set((await prisma.dayOff.findMany({ where: { masterId } })).map((day) => day.date.toISOString().slice(0, 10)));

  const dateOf = (instant: Date) => localDateOf(instant, timeZone);
  const inPeriod = rows.filter((row) => dateOf(row.startsAt) >= from && dateOf(row.startsAt) <= to);
  const kept = inPeriod.filter((row) => row.status !== 'CANCELLED');
  const cancelled = inPeriod.filter((row) => row.status === 'CANCELLED');
  const late = cancelled.filter(
    (row) => row.cancelledBy === 'CLIENT' && row.cancelledAt!.getTime() >= row.startsAt.getTime() - 24 * 60 * MINUTE_MS,
  );
  const revenueOf = (row: (typeof rows)[number]) => (row.status === 'COMPLETED' && row.currency === currency ? row.priceMinor! : 0);
  const sum = (items: typeof rows) => items.reduce((total, row) => total + revenueOf(row), 0);
  const money = (amountMinor: number) => ({ amountMinor, currency });
  const completed = kept.filter((row) => row.status === 'COMPLETED').length;
  const noShows = kept.filter((row) => row.status === 'NO_SHOW').length;

  let workingMinutes = 0;
  let bookedMinutes = 0;
  const { start } = localDayInUtc(from, timeZone);
  const { end } = localDayInUtc(to, timeZone);
  for (let minute = start.getTime(); minute < end.getTime(); minute += MINUTE_MS) {
    const instant = new Date(minute);
    const date = dateOf(instant);
    const clock = localMinutesOf(instant, timeZone);
    const weekday = isoWeekdayOfDate(date);
    const scheduled = schedule.some(
      (interval) => interval.weekday === weekday && interval.startMinute <= clock && clock < interval.endMinute,
    );
    const blocked = blocks.some((block) => block.startsAt.getTime() <= minute && minute < block.endsAt.getTime());
    if (!scheduled || daysOff.has(date) || blocked) continue;
    workingMinutes += 1;
    if (kept.some((row) => row.startsAt.getTime() <= minute && minute < row.endsAt.getTime())) bookedMinutes += 1;
  }

  const periodClients = [...new Set(kept.flatMap((row) => (row.clientId ? [row.clientId] : [])))];
  const returning = periodClients.filter((clientId) =>
    rows.some((row) => row.clientId === clientId && row.status !== 'CANCELLED' && dateOf(row.startsAt) < from),
  );

  const byService = new Map<string, typeof kept>();
  for (const row of kept) if (row.masterServiceId) byService.set(row.masterServiceId, [...(byService.get(row.masterServiceId) ?? []), row]);
  const topServices = [...byService.entries()]
    .map(([id, serviceRows]) => {
      const offer = serviceRows[0]!.masterService!;
      return { id, name: offer.name ?? offer.service.nameRu, bookings: serviceRows.length, revenue: sum(serviceRows) };
    })
    .sort((a, b) => b.bookings - a.bookings || b.revenue - a.revenue || (a.id < b.id ? -1 : 1))
    .slice(0, 5)
    .map((service) => ({
      masterServiceId: encodeGlobalID('MasterService', service.id),
      name: service.name,
      bookings: service.bookings,
      revenue: money(service.revenue),
    }));

  return {
    from,
    to,
    timeZone,
    currency,
    bookings: kept.length,
    completed,
    noShows,
    cancelled: cancelled.length,
    lateCancellations: late.length,
    revenue: money(sum(kept)),
    workingMinutes,
    bookedMinutes,
    utilisation: workingMinutes === 0 ? null : bookedMinutes / workingMinutes,
    noShowRate: completed + noShows === 0 ? null : noShows / (completed + noShows),
    lateCancellationRate: inPeriod.length === 0 ? null : late.length / inPeriod.length,
    newClients: periodClients.length - returning.length,
    returningClients: returning.length,
    days: datesOf(from, to).map((date) => {
      const onDate = kept.filter((row) => dateOf(row.startsAt) === date);
      return {
        date,
        bookings: onDate.length,
        completed: onDate.filter((row) => row.status === 'COMPLETED').length,
        revenue: money(sum(onDate)),
      };
    }),
    topServices,
    weekdays: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      bookings: kept.filter((row) => isoWeekdayOf(row.startsAt, timeZone) === weekday).length,
    })),
    hours: Array.from({ length: 24 }, (_, hour) => ({
      hour,
      bookings: kept.filter((row) => Math.floor(localMinutesOf(row.startsAt, timeZone) / 60) === hour).length,
    })),
  };
}

/** The generated world shows every kind of row the figures tell apart, so that an exact match means something. */
function expectVariety(expected: Stats) {
  for (const figure of ['bookings', 'completed', 'noShows', 'cancelled', 'lateCancellations', 'newClients', 'returningClients']) {
    expect(expected[figure], figure).toBeGreaterThan(0);
  }
  expect(expected.bookedMinutes).toBeGreaterThan(0);
  expect(expected.bookedMinutes).toBeLessThan(expected.workingMinutes as number);
}

const DAYTIME = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21];

describe('masterStats', () => {
  it('matches a recomputation over a generated month of bookings, moves included, and counts no other master', async () => {
    const world = await generateMonth({
      seed: 16,
      timeZone: 'Europe/Moscow',
      currency: 'RUB',
      from: '2031-05-01',
      to: '2031-05-31',
      schedule: WEEKDAYS_SCHEDULE,
      hours: DAYTIME,
    });
    const expected = await recompute(world);
    expectVariety(expected);
    expect((expected.topServices as unknown[]).length).toBe(4);
    const response = await stats(world.user, world.from, world.to);
    expect(response.errors).toBeUndefined();
    expect(response.data?.masterStats).toEqual(expected);

    // A week of it, and one day, match as well.
    for (const [from, to] of [
      ['2031-05-12', '2031-05-18'],
      ['2031-05-20', '2031-05-20'],
    ] as const) {
      const part = await stats(world.user, from, to);
      expect(part.data?.masterStats).toEqual(await recompute({ ...world, from, to }));
    }
  });

  it('counts a DST month in its own zone: a 23-hour and a 25-hour day, hours by the local clock', async () => {
    const roundTheClockSunday = [...WEEKDAYS_SCHEDULE, { weekday: 7, startMinute: 0, endMinute: 1440 }];
    // Every hour but 23, where the moves go.
    const hoursOfDay = Array.from({ length: 23 }, (_, hour) => hour);
    const march = await generateMonth({
      seed: 2030,
      timeZone: 'Europe/Berlin',
      currency: 'EUR',
      from: '2030-03-01',
      to: '2030-03-31',
      schedule: roundTheClockSunday,
      hours: hoursOfDay,
    });
    const expected = await recompute(march);
    expectVariety(expected);
    expect((await stats(march.user, march.from, march.to)).data?.masterStats).toEqual(expected);

    // Sunday 31 March 2030 has 23 hours in Berlin, Sunday 27 October 2030 has 25: all working time.
    const city = await createCity({ timeZone: 'Europe/Berlin', currency: 'EUR' });
    const { master, user } = await createMaster({ city });
    await createSchedule(master.id, roundTheClockSunday);
    const springForward = await stats(user, '2030-03-31', '2030-03-31');
    expect(springForward.data?.masterStats).toMatchObject({ workingMinutes: 23 * 60, bookedMinutes: 0, utilisation: 0 });
    // The repeated hour: 02:30 summer time and 02:30 winter time are both at 2 o'clock on the 27th.
    const first = new Date('2030-10-27T00:30:00Z');
    for (const startsAt of [first, new Date(first.getTime() + 60 * MINUTE_MS)]) {
      await writeBooking({
        masterId: master.id,
        clientId: null,
        startsAt,
        minutes: 30,
        status: 'COMPLETED',
        priceMinor: 5000,
        currency: 'EUR',
      });
    }
    const fallBack = await stats(user, '2030-10-27', '2030-10-27');
    expect(fallBack.data?.masterStats).toMatchObject({
      workingMinutes: 25 * 60,
      bookedMinutes: 60,
      utilisation: 60 / (25 * 60),
      bookings: 2,
      revenue: { amountMinor: 10_000, currency: 'EUR' },
      days: [{ date: '2030-10-27', bookings: 2, completed: 2, revenue: { amountMinor: 10_000, currency: 'EUR' } }],
    });
    const hours = fallBack.data!.masterStats.hours.filter((hour) => hour.bookings > 0);
    expect(hours).toEqual([{ hour: 2, bookings: 2 }]);
  });

  it('works in a master’s zone far from Moscow: local dates, weekdays and hours, and the city’s currency', async () => {
    const world = await generateMonth({
      seed: 7,
      timeZone: 'Asia/Vladivostok',
      currency: 'RUB',
      from: '2031-02-01',
      to: '2031-02-28',
      schedule: WEEKDAYS_SCHEDULE,
      hours: DAYTIME,
    });
    const expected = await recompute(world);
    expectVariety(expected);
    expect((await stats(world.user, world.from, world.to)).data?.masterStats).toEqual(expected);

    // 00:30 on 1 August in Almaty is still 31 July in UTC (and in Moscow): it counts on the 1st, a Friday, at 0 o'clock.
    const city = await createCity({ timeZone: 'Asia/Almaty', currency: 'KZT' });
    const { master, user } = await createMaster({ city });
    const offer = await createMasterService(master.id, { priceMinor: 1_500_000 });
    const startsAt = localDayClock('2031-08-01', 'Asia/Almaty').toUtc(30);
    expect(startsAt.toISOString().slice(0, 10)).toBe('2031-07-31');
    await writeBooking({
      masterId: master.id,
      clientId: null,
      startsAt,
      status: 'COMPLETED',
      masterServiceId: offer.id,
      serviceId: offer.serviceId,
      priceMinor: offer.priceMinor,
      currency: 'KZT',
    });
    const july = await stats(user, '2031-07-01', '2031-07-31');
    expect(july.data?.masterStats).toMatchObject({ bookings: 0, revenue: { amountMinor: 0, currency: 'KZT' } });
    const august = (await stats(user, '2031-08-01', '2031-08-07')).data!.masterStats;
    expect(august).toMatchObject({
      bookings: 1,
      completed: 1,
      revenue: { amountMinor: 1_500_000, currency: 'KZT' },
      timeZone: 'Asia/Almaty',
    });
    expect(august.weekdays[4]).toEqual({ weekday: 5, bookings: 1 });
    expect(august.hours[0]).toEqual({ hour: 0, bookings: 1 });
    expect(august.topServices).toEqual([
      {
        masterServiceId: encodeGlobalID('MasterService', offer.id),
        name: expect.any(String),
        bookings: 1,
        revenue: { amountMinor: 1_500_000, currency: 'KZT' },
      },
    ]);
  });

  it('answers an empty period with zeros, every day and hour listed, and no rates', async () => {
    const { user } = await createMaster();
    const response = await stats(user, '2031-01-01', '2031-01-07');
    expect(response.data?.masterStats).toMatchObject({
      bookings: 0,
      cancelled: 0,
      workingMinutes: 0,
      bookedMinutes: 0,
      utilisation: null,
      noShowRate: null,
      lateCancellationRate: null,
      newClients: 0,
      returningClients: 0,
      topServices: [],
    });
    expect(response.data?.masterStats.days).toHaveLength(7);
    expect(response.data?.masterStats.hours).toHaveLength(24);
  });

  it('answers 403 MASTER_NOT_REGISTERED to a user without a master profile, and creates nothing', async () => {
    const user = telegramUser();
    const response = await stats(user, '2031-01-01', '2031-01-31');
    expect(response.status).toBe(403);
    expect(codeOf(response)).toBe('MASTER_NOT_REGISTERED');
    expect(await rowsOfTelegramUser(user.id)).toEqual({ users: 0, masters: 0, clients: 0, events: 0 });
    const client = await createClient();
    expect(codeOf(await stats(client.user, '2031-01-01', '2031-01-31'))).toBe('MASTER_NOT_REGISTERED');
  });

  it('refuses a range backwards, too long or not of dates, naming the argument', async () => {
    const { user } = await createMaster();
    const cases = [
      ['2031-01-10', '2031-01-09', 'to'],
      ['2031-01-01', addDays('2031-01-01', MAX_STATS_DAYS), 'to'],
      ['2031-02-30', '2031-03-01', 'from'],
      ['2031-01-01', '2031-1-5', 'to'],
    ] as const;
    for (const [from, to, path] of cases) {
      const response = await stats(user, from, to);
      expect(response.data?.masterStats ?? null).toBeNull();
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.extensions?.fields).toEqual([{ path, message: expect.any(String) }]);
    }
    expect((await stats(user, '2031-01-01', addDays('2031-01-01', MAX_STATS_DAYS - 1))).errors).toBeUndefined();
  });
});
