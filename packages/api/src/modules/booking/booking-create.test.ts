import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResponse, graphql, telegramUser, testPrisma } from '../../../test/app.js';
import { testDatabaseUrl } from '../../../test/database.js';
import { createCity, createMaster, createMasterService, createSchedule, createSlotSettings } from '../../../test/factories.js';
import { createPrismaClient } from '../../db.js';
import type { MasterStatus } from '../../generated/prisma/enums.js';
import type { TelegramInitUser } from '../../telegram/init-data.js';
import { addDays, localDateOf, zonedToUtc } from '../../time/zoned-time.js';

const prisma = testPrisma();
// Fifty simultaneous bookings need more connections than the shared test client has: this app
// gets a pool of its own.
const appPrisma = createPrismaClient(testDatabaseUrl(), 20);
const app = createTestApp({ prisma: appPrisma });
afterAll(() => appPrisma.$disconnect());

const ZONE = 'Asia/Vladivostok';
const tomorrow = addDays(localDateOf(new Date(), ZONE), 1);
const at = (hour: number, day = tomorrow) => zonedToUtc(day, hour * 60, ZONE);

const BOOKING_FIELDS = 'id status startsAt endsAt price { amountMinor currency } clientName clientPhone comment cancelledBy';
const CREATE = `mutation Create($input: CreateBookingInput!) { createBooking(input: $input) { ${BOOKING_FIELDS} } }`;
const CANCEL = 'mutation Cancel($input: CancelBookingInput!) { cancelBooking(input: $input) { id status cancelledBy } }';

interface Booking {
  id: string;
  status: string;
  startsAt: string;
  endsAt: string;
  price: { amountMinor: number; currency: string };
  cancelledBy: string | null;
}
type CreateResult = GraphQLResponse<{ createBooking: Booking }>;

/** A master in Vladivostok working 10:00–13:00 every day, hourly slots, one 60-minute service. */
async function bookableMaster(status: MasterStatus = 'ACTIVE') {
  const { master, user, city } = await createMaster({ status });
  await prisma.master.update({ where: { id: master.id }, data: { timeZone: ZONE } });
  await createSchedule(
    master.id,
    [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 600, endMinute: 780 })),
  );
  await createSlotSettings(master.id);
  const offer = await createMasterService(master.id, { durationMinutes: 60, priceMinor: 250_000 });
  return { master, masterUser: user, city, offer, masterServiceId: encodeGlobalID('MasterService', offer.id) };
}

function bookingInput(masterServiceId: string, startsAt: Date, overrides: Record<string, unknown> = {}) {
  return {
    masterServiceId,
    startsAt: startsAt.toISOString(),
    clientName: 'Анна',
    clientPhone: '8 912 345-67-89',
    preferredChannels: ['TELEGRAM', 'PHONE'],
    comment: 'Домофон 12',
    idempotencyKey: randomUUID(),
    ...overrides,
  };
}

const book = (as: TelegramInitUser, input: Record<string, unknown>): Promise<CreateResult> =>
  graphql(app, CREATE, { as, variables: { input } });

const cancel = (as: TelegramInitUser, bookingId: string, reason?: string) =>
  graphql<{ cancelBooking: Booking }>(app, CANCEL, { as, variables: { input: { bookingId, reason } } });

const dbId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1]!;

/** Stats must equal the client's bookings of the service that are not cancelled, row by row. */
async function expectStatsMatchBookings(serviceId: string) {
  const stats = await prisma.clientServiceStats.findMany({ where: { serviceId } });
  const bookings = await prisma.booking.groupBy({
    by: ['clientId'],
    where: { serviceId, source: 'CLIENT', status: { not: 'CANCELLED' } },
    _count: { _all: true },
    _max: { createdAt: true },
  });
  expect(stats.map((row) => [row.clientId, row.bookingsCount, row.lastBookedAt]).sort()).toEqual(
    bookings.map((row) => [row.clientId, row._count._all, row._max.createdAt]).sort(),
  );
}

describe('createBooking', () => {
  it('books a free slot, updates the client profile, records the consent and counts the booking', async () => {
    const { offer, city, masterServiceId } = await bookableMaster();
    const user = telegramUser();
    const input = bookingInput(masterServiceId, at(10), { shareContactWithPartners: { textVersion: '2025-01' } });

    const result = await book(user, input);

    expect(result.errors).toBeUndefined();
    expect(result.data?.createBooking).toMatchObject({
      status: 'CONFIRMED',
      startsAt: at(10).toISOString(),
      endsAt: at(11).toISOString(),
      price: { amountMinor: 250_000, currency: 'RUB' },
      clientName: 'Анна',
      clientPhone: '+79123456789',
      comment: 'Домофон 12',
    });
    const row = await prisma.booking.findUniqueOrThrow({ where: { id: dbId(result.data!.createBooking.id) } });
    const client = await prisma.client.findUniqueOrThrow({ where: { telegramId: BigInt(user.id) }, include: { consents: true } });
    expect(row).toMatchObject({ source: 'CLIENT', clientId: client.id, serviceId: offer.serviceId, idempotencyKey: input.idempotencyKey });
    expect(client).toMatchObject({ firstName: 'Анна', phone: '+79123456789', preferredChannels: ['TELEGRAM', 'PHONE'] });
    expect(client.consents).toMatchObject([{ kind: 'SHARE_CONTACT_WITH_PARTNERS', textVersion: '2025-01', withdrawnAt: null }]);
    const stats = await prisma.clientServiceStats.findMany({ where: { clientId: client.id } });
    expect(stats).toEqual([
      { clientId: client.id, serviceId: offer.serviceId, cityId: city.id, bookingsCount: 1, lastBookedAt: row.createdAt },
    ]);
  });

  it('returns the same booking for a retry with the same key and counts it once', async () => {
    const { offer, masterServiceId } = await bookableMaster();
    const user = telegramUser();
    const input = bookingInput(masterServiceId, at(11));

    const [first, second] = await Promise.all([book(user, input), book(user, input)]);
    const third = await book(user, input);

    expect(first.errors).toBeUndefined();
    expect(second.data?.createBooking.id).toBe(first.data?.createBooking.id);
    expect(third.data?.createBooking).toMatchObject({ id: first.data?.createBooking.id, startsAt: at(11).toISOString() });
    expect(await prisma.booking.count({ where: { masterServiceId: offer.id } })).toBe(1);
    expect((await prisma.clientServiceStats.findMany({ where: { serviceId: offer.serviceId } })).map((s) => s.bookingsCount)).toEqual([1]);
  });

  it('refuses the key of an earlier booking for another time or service (IDEMPOTENCY_KEY_REUSED), writing nothing', async () => {
    const { master, masterUser, offer, masterServiceId } = await bookableMaster();
    const otherOffer = await createMasterService(master.id, { durationMinutes: 60, priceMinor: 100_000 });
    const user = telegramUser();
    const input = bookingInput(masterServiceId, at(11));
    const first = await book(user, input);
    const client = await prisma.client.findUniqueOrThrow({ where: { telegramId: BigInt(user.id) } });
    const before = await prisma.booking.findMany({ where: { masterId: master.id }, orderBy: { id: 'asc' } });

    const otherTime = await book(user, { ...input, startsAt: at(12).toISOString(), clientName: 'Другое имя' });
    const otherService = await book(user, { ...input, masterServiceId: encodeGlobalID('MasterService', otherOffer.id) });

    for (const refused of [otherTime, otherService]) {
      expect(refused.data).toBeNull();
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'IDEMPOTENCY_KEY_REUSED',
        fields: [{ path: 'idempotencyKey' }],
      });
    }
    expect(await prisma.booking.findMany({ where: { masterId: master.id }, orderBy: { id: 'asc' } })).toEqual(before);
    expect((await prisma.client.findUniqueOrThrow({ where: { id: client.id } })).firstName).toBe(client.firstName);

    // Moved by the master since, the booking is still what that key asked for: a retry answers with it.
    const moved = await graphql(
      app,
      'mutation Move($input: RescheduleBookingInput!) { rescheduleBooking(input: $input) { id startsAt } }',
      {
        as: masterUser,
        variables: { input: { bookingId: first.data!.createBooking.id, startsAt: at(12).toISOString(), idempotencyKey: randomUUID() } },
      },
    );
    expect(moved.errors).toBeUndefined();
    const retry = await book(user, input);
    expect(retry.data?.createBooking).toMatchObject({ id: first.data?.createBooking.id, startsAt: at(12).toISOString() });
    expect(await prisma.booking.count({ where: { masterServiceId: offer.id } })).toBe(1);
  });

  it('refuses a start that is not a free slot with the nearest free ones, writing nothing', async () => {
    const { offer, masterServiceId } = await bookableMaster();
    const day = addDays(tomorrow, 2);
    await book(telegramUser(), bookingInput(masterServiceId, at(11, day)));
    const user = telegramUser();

    const taken = await book(user, bookingInput(masterServiceId, at(11, day)));
    const offGrid = await book(user, bookingInput(masterServiceId, new Date(at(10, day).getTime() + 30 * 60_000)));

    // Closest first: 10:00 and 12:00 that day, then 12:00 the day before (23 hours away, as
    // 10:00 the day after is for the taken start; the earlier one wins a tie).
    const nearest = [at(12, addDays(day, -1)), at(10, day), at(12, day)].map((start) => start.toISOString());
    for (const result of [taken, offGrid]) {
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'SLOT_UNAVAILABLE', nearestSlots: nearest });
    }
    expect(await prisma.booking.count({ where: { masterServiceId: offer.id } })).toBe(1);
    expect(await prisma.client.findUnique({ where: { telegramId: BigInt(user.id) }, select: { phone: true } })).toEqual({ phone: null });
    await expectStatsMatchBookings(offer.serviceId);
  });

  it('answers SLOT_UNAVAILABLE without suggestions for a draft, deactivated or switched-off offer', async () => {
    const draft = await bookableMaster('DRAFT');
    const hidden = await bookableMaster();
    await prisma.master.update({ where: { id: hidden.master.id }, data: { isActive: false } });
    const switchedOff = await bookableMaster();
    await prisma.masterService.update({ where: { id: switchedOff.offer.id }, data: { isActive: false } });

    for (const { masterServiceId, offer } of [draft, hidden, switchedOff]) {
      const result = await book(telegramUser(), bookingInput(masterServiceId, at(10)));
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'SLOT_UNAVAILABLE', nearestSlots: [] });
      expect(await prisma.booking.count({ where: { masterServiceId: offer.id } })).toBe(0);
    }
  });

  it('lets exactly one of 50 simultaneous clients have a slot and keeps the stats exact', async () => {
    const { offer, masterServiceId } = await bookableMaster();
    const users = Array.from({ length: 50 }, () => telegramUser());

    const results = await Promise.all(users.map((user) => book(user, bookingInput(masterServiceId, at(12)))));

    const booked = results.filter((result) => result.data?.createBooking);
    const refused = results.filter((result) => result.errors?.[0]?.extensions?.code === 'SLOT_UNAVAILABLE');
    expect(booked).toHaveLength(1);
    expect(refused).toHaveLength(49);
    expect(await prisma.booking.count({ where: { masterServiceId: offer.id, status: { not: 'CANCELLED' } } })).toBe(1);
    const stats = await prisma.clientServiceStats.aggregate({ where: { serviceId: offer.serviceId }, _sum: { bookingsCount: true } });
    expect(stats._sum.bookingsCount).toBe(1);
    await expectStatsMatchBookings(offer.serviceId);
  });
});

describe('where to go, once booked', () => {
  const PUBLIC = 'query($id: ID!) { master(id: $id) { address area addressVisibility } }';
  const MINE = `mutation Create($input: CreateBookingInput!) {
    createBooking(input: $input) { address mapLinks { yandex twoGis google } masterTelegramUrl serviceName }
  }`;

  it('shows only the area before booking when the master asks, and the full address, map links and Telegram after', async () => {
    const { master, masterServiceId, city } = await bookableMaster();
    await prisma.master.update({
      where: { id: master.id },
      data: { address: 'ул. Светланская, 5, кв. 12', addressVisibility: 'AREA', area: 'Центр', telegramContactAllowed: true },
    });
    await prisma.telegramUser.update({ where: { telegramId: master.telegramId }, data: { username: 'anna_nails' } });
    await prisma.masterService.update({ where: { id: dbId(masterServiceId) }, data: { name: 'Маникюр с покрытием' } });

    const before = await graphql<{ master: Record<string, unknown> }>(app, PUBLIC, {
      variables: { id: encodeGlobalID('Master', master.id) },
    });
    expect(before.data?.master).toEqual({ address: null, area: 'Центр', addressVisibility: 'AREA' });

    const booked = await graphql<{ createBooking: Record<string, unknown> }>(app, MINE, {
      as: telegramUser(),
      variables: { input: bookingInput(masterServiceId, at(10)) },
    });
    expect(booked.errors).toBeUndefined();
    const { nameRu } = await prisma.city.findUniqueOrThrow({ where: { id: city.id } });
    const query = encodeURIComponent(`ул. Светланская, 5, кв. 12, ${nameRu}`);
    expect(booked.data?.createBooking).toEqual({
      address: 'ул. Светланская, 5, кв. 12',
      mapLinks: {
        yandex: `https://yandex.ru/maps/?text=${query}`,
        twoGis: `https://2gis.ru/search/${query}`,
        google: `https://www.google.com/maps/search/?api=1&query=${query}`,
      },
      masterTelegramUrl: 'https://t.me/anna_nails',
      serviceName: 'Маникюр с покрытием',
    });
  });

  it('gives no Telegram link unless the master allows it, and shows a full address to everyone when the master does', async () => {
    const { master, masterServiceId } = await bookableMaster();
    await prisma.master.update({ where: { id: master.id }, data: { address: 'ул. Ленина, 1' } });
    await prisma.telegramUser.update({ where: { telegramId: master.telegramId }, data: { username: 'boris' } });
    const before = await graphql<{ master: Record<string, unknown> }>(app, PUBLIC, {
      variables: { id: encodeGlobalID('Master', master.id) },
    });
    expect(before.data?.master).toEqual({ address: 'ул. Ленина, 1', area: null, addressVisibility: 'FULL' });
    const booked = await graphql<{ createBooking: Record<string, unknown> }>(app, MINE, {
      as: telegramUser(),
      variables: { input: bookingInput(masterServiceId, at(11)) },
    });
    expect(booked.data?.createBooking).toMatchObject({ address: 'ул. Ленина, 1', masterTelegramUrl: null });
  });
});

describe('cancelBooking by the client', () => {
  it('frees the slot before the cutoff, stops counting the booking, and lets another client book it', async () => {
    const { offer, masterServiceId } = await bookableMaster();
    const user = telegramUser();
    const first = await book(user, bookingInput(masterServiceId, at(10)));
    const second = await book(user, bookingInput(masterServiceId, at(11)));
    const firstId = first.data!.createBooking.id;

    const cancelled = await cancel(user, firstId, 'не успеваю');

    expect(cancelled.data?.cancelBooking).toMatchObject({ status: 'CANCELLED', cancelledBy: 'CLIENT' });
    const stats = await prisma.clientServiceStats.findMany({ where: { serviceId: offer.serviceId } });
    const secondRow = await prisma.booking.findUniqueOrThrow({ where: { id: dbId(second.data!.createBooking.id) } });
    expect(stats).toMatchObject([{ bookingsCount: 1, lastBookedAt: secondRow.createdAt }]);

    const other = telegramUser();
    const rebooked = await book(other, bookingInput(masterServiceId, at(10)));
    expect(rebooked.errors).toBeUndefined();
    await expect(cancel(user, second.data!.createBooking.id)).resolves.toMatchObject({ data: { cancelBooking: { status: 'CANCELLED' } } });
    expect(await prisma.clientServiceStats.count({ where: { serviceId: offer.serviceId, clientId: secondRow.clientId! } })).toBe(0);
    await expectStatsMatchBookings(offer.serviceId);

    const again = await cancel(user, firstId);
    expect(again.data?.cancelBooking.status).toBe('CANCELLED');
    await expectStatsMatchBookings(offer.serviceId);
  });

  it('keeps the stats exact when the master moved to another city after the booking', async () => {
    const { master, city, offer, masterServiceId } = await bookableMaster();
    const user = telegramUser();
    const booked = await book(user, bookingInput(masterServiceId, at(12)));
    const row = await prisma.booking.findUniqueOrThrow({ where: { id: dbId(booked.data!.createBooking.id) } });
    expect(row.cityId).toBe(city.id);

    const elsewhere = await createCity();
    await prisma.master.update({ where: { id: master.id }, data: { cityId: elsewhere.id } });
    await cancel(user, booked.data!.createBooking.id);

    expect(await prisma.clientServiceStats.count({ where: { serviceId: offer.serviceId, clientId: row.clientId! } })).toBe(0);
    await expectStatsMatchBookings(offer.serviceId);
  });

  it("is refused after the master's cutoff, changing nothing", async () => {
    const { master, offer, masterServiceId } = await bookableMaster();
    const user = telegramUser();
    const booked = await book(user, bookingInput(masterServiceId, at(10)));
    await prisma.slotSettings.update({ where: { masterId: master.id }, data: { cancellationCutoffMinutes: 3 * 24 * 60 } });

    const profile = await graphql<{ clientProfile: { upcomingBookings: { edges: { node: { cancellableUntil: string } }[] } } }>(
      app,
      '{ clientProfile { upcomingBookings { edges { node { cancellableUntil } } } } }',
      { as: user },
    );
    expect(profile.data?.clientProfile.upcomingBookings.edges[0]?.node.cancellableUntil).toBe(
      new Date(at(10).getTime() - 3 * 24 * 60 * 60_000).toISOString(),
    );

    const result = await cancel(user, booked.data!.createBooking.id);

    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CANCELLATION_CUTOFF', cutoffMinutes: 4320 });
    expect(result.errors?.[0]?.message).toMatch(/4320 minutes before the start/);
    expect(await prisma.booking.count({ where: { masterServiceId: offer.id, status: 'CONFIRMED' } })).toBe(1);
    await expectStatsMatchBookings(offer.serviceId);
  });

  it("answers another client's booking as one that does not exist, changing nothing", async () => {
    const { offer, masterServiceId } = await bookableMaster();
    const booked = await book(telegramUser(), bookingInput(masterServiceId, at(10)));
    const stranger = telegramUser();
    await book(stranger, bookingInput(masterServiceId, at(11)));

    const result = await cancel(stranger, booked.data!.createBooking.id);
    const unknown = await cancel(stranger, encodeGlobalID('Booking', randomUUID()));

    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'bookingId', message: 'No such booking.' }],
    });
    expect(result.errors).toEqual(unknown.errors);
    expect(result.status).toBe(unknown.status);
    expect(await prisma.booking.count({ where: { masterServiceId: offer.id, status: 'CONFIRMED' } })).toBe(2);
    await expectStatsMatchBookings(offer.serviceId);
  });
});

describe('cancelBooking by the master', () => {
  it("cancels a client's booking at any time and fixes the client's stats", async () => {
    const { master, masterUser, offer, masterServiceId } = await bookableMaster();
    const booked = await book(telegramUser(), bookingInput(masterServiceId, at(10)));
    await prisma.slotSettings.update({ where: { masterId: master.id }, data: { cancellationCutoffMinutes: 3 * 24 * 60 } });

    const result = await cancel(masterUser, booked.data!.createBooking.id, 'заболела');

    expect(result.data?.cancelBooking).toMatchObject({ status: 'CANCELLED', cancelledBy: 'MASTER' });
    expect(await prisma.clientServiceStats.count({ where: { serviceId: offer.serviceId } })).toBe(0);
    await expectStatsMatchBookings(offer.serviceId);
  });
});
