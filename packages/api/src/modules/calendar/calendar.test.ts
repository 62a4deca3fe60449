import { encodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResponse, graphql, telegramUser, testPrisma } from '../../../test/app.js';
import { createBooking, createMaster, createMasterService, rowsOfTelegramUser } from '../../../test/factories.js';
import type { TelegramInitUser } from '../../telegram/init-data.js';

const app = createTestApp();
const prisma = testPrisma();

const BOOKING_FIELDS = /* GraphQL */ `
  id startsAt endsAt localStart localEnd localDate durationMinutes
  status source clientName clientPhone comment price { amountMinor currency }
  cancelledAt cancelledBy cancellationReason
  service { id } masterService { id durationMinutes }
`;
const BLOCK_FIELDS = 'id startsAt endsAt localStart localEnd localDate reason';

const CALENDAR = /* GraphQL */ `
  query Calendar($from: DateTime!, $to: DateTime!, $includeCancelled: Boolean) {
    masterCalendar(from: $from, to: $to, includeCancelled: $includeCancelled) {
      timeZone from to
      bookings { ${BOOKING_FIELDS} }
      timeBlocks { ${BLOCK_FIELDS} }
    }
  }
`;
const CREATE = `mutation Create($input: CreateManualBookingInput!) { createManualBooking(input: $input) { ${BOOKING_FIELDS} } }`;
const CANCEL = `mutation Cancel($input: CancelBookingInput!) { cancelBooking(input: $input) { ${BOOKING_FIELDS} } }`;
const OUTCOME = `mutation Outcome($input: SetBookingOutcomeInput!) { setBookingOutcome(input: $input) { ${BOOKING_FIELDS} } }`;
const BLOCK = `mutation Block($input: BlockTimeInput!) { blockTime(input: $input) { ${BLOCK_FIELDS} } }`;
const UNBLOCK = 'mutation Unblock($input: UnblockTimeInput!) { unblockTime(input: $input) }';

interface Booking {
  id: string;
  startsAt: string;
  endsAt: string;
  localStart: string;
  localEnd: string;
  localDate: string;
  durationMinutes: number;
  status: string;
  source: string;
  clientName: string | null;
  clientPhone: string | null;
  comment: string | null;
  price: { amountMinor: number; currency: string } | null;
  cancelledAt: string | null;
  cancelledBy: string | null;
  cancellationReason: string | null;
  service: { id: string } | null;
  masterService: { id: string; durationMinutes: number } | null;
}
interface TimeBlock {
  id: string;
  startsAt: string;
  endsAt: string;
  localStart: string;
  localEnd: string;
  localDate: string;
  reason: string | null;
}
interface Calendar {
  timeZone: string;
  from: string;
  to: string;
  bookings: Booking[];
  timeBlocks: TimeBlock[];
}

const at = (iso: string) => new Date(iso);
const bookingId = (id: string) => encodeGlobalID('Booking', id);

/** An active master whose city is in `timeZone`, with one service of `minutes`. */
async function masterIn(timeZone: string, minutes = 60) {
  const { master, user } = await createMaster();
  await prisma.master.update({ where: { id: master.id }, data: { timeZone } });
  const offer = await createMasterService(master.id, { durationMinutes: minutes, priceMinor: 250_000 });
  return { master, user, offer, offerId: encodeGlobalID('MasterService', offer.id) };
}

async function calendar(user: TelegramInitUser, from: string, to: string, includeCancelled?: boolean) {
  const response = await graphql<{ masterCalendar: Calendar }>(app, CALENDAR, {
    as: user,
    variables: { from, to, ...(includeCancelled === undefined ? {} : { includeCancelled }) },
  });
  return { ...response, calendar: response.data?.masterCalendar };
}

async function book(user: TelegramInitUser, input: Record<string, unknown>) {
  const response = await graphql<{ createManualBooking: Booking }>(app, CREATE, { as: user, variables: { input } });
  return { ...response, booking: response.data?.createManualBooking };
}

async function block(user: TelegramInitUser, input: Record<string, unknown>) {
  const response = await graphql<{ blockTime: TimeBlock }>(app, BLOCK, { as: user, variables: { input } });
  return { ...response, block: response.data?.blockTime };
}

const codeOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.code;

function expectBadInput(response: GraphQLResponse<unknown>, path: RegExp) {
  expect(codeOf(response)).toBe('BAD_USER_INPUT');
  const fields = (response.errors?.[0]?.extensions?.fields ?? []) as { path: string }[];
  expect(fields.map((field) => field.path).join(' ')).toMatch(path);
}

const bookingsOf = (masterId: string) => prisma.booking.findMany({ where: { masterId }, orderBy: { startsAt: 'asc' } });

describe('masterCalendar', () => {
  it("shows a Vladivostok master's bookings on the local day, which starts ten hours before UTC's", async () => {
    const { master, user } = await masterIn('Asia/Vladivostok');
    // Local day 1 April 2030 in Vladivostok (UTC+10) = [31 March 14:00Z, 1 April 14:00Z).
    const before = await createBooking({ masterId: master.id, startsAt: at('2030-03-31T13:00:00Z'), clientName: 'Борис' });
    const morning = await createBooking({ masterId: master.id, startsAt: at('2030-03-31T23:30:00Z'), minutes: 90, clientName: 'Анна' });
    const after = await createBooking({ masterId: master.id, startsAt: at('2030-04-01T14:00:00Z'), clientName: 'Вера' });

    const { status, errors, calendar: day } = await calendar(user, '2030-03-31T14:00:00Z', '2030-04-01T14:00:00Z');
    expect(status).toBe(200);
    expect(errors).toBeUndefined();
    expect(day).toMatchObject({ timeZone: 'Asia/Vladivostok', from: '2030-03-31T14:00:00.000Z', to: '2030-04-01T14:00:00.000Z' });
    expect(day?.bookings).toEqual([
      expect.objectContaining({
        id: bookingId(morning.id),
        startsAt: '2030-03-31T23:30:00.000Z',
        endsAt: '2030-04-01T01:00:00.000Z',
        localStart: '2030-04-01T09:30:00+10:00',
        localEnd: '2030-04-01T11:00:00+10:00',
        localDate: '2030-04-01',
        durationMinutes: 90,
        status: 'CONFIRMED',
        source: 'CLIENT',
        clientName: 'Анна',
        clientPhone: '+79123456789',
      }),
    ]);

    // Half an hour wider on each side: the bookings ending and starting at the old edges now overlap it.
    const wider = await calendar(user, '2030-03-31T13:30:00Z', '2030-04-01T14:30:00Z');
    expect(wider.calendar?.bookings.map((booking) => [booking.id, booking.localStart, booking.localDate])).toEqual([
      [bookingId(before.id), '2030-03-31T23:00:00+10:00', '2030-03-31'],
      [bookingId(morning.id), '2030-04-01T09:30:00+10:00', '2030-04-01'],
      [bookingId(after.id), '2030-04-02T00:00:00+10:00', '2030-04-02'],
    ]);
  });

  it('shows the same wall-clock hour in Belgrade on both sides of the spring and autumn changes', async () => {
    const { master, user } = await masterIn('Europe/Belgrade');
    await createBooking({ masterId: master.id, startsAt: at('2030-03-30T09:00:00Z') });
    await createBooking({ masterId: master.id, startsAt: at('2030-03-31T08:00:00Z') });
    const spring = await calendar(user, '2030-03-29T23:00:00Z', '2030-03-31T22:00:00Z');
    expect(spring.calendar?.bookings.map((booking) => [booking.localDate, booking.localStart, booking.localEnd])).toEqual([
      ['2030-03-30', '2030-03-30T10:00:00+01:00', '2030-03-30T11:00:00+01:00'],
      ['2030-03-31', '2030-03-31T10:00:00+02:00', '2030-03-31T11:00:00+02:00'],
    ]);

    // 27 October 2030: 02:30 happens twice, first at +02:00 and an hour later at +01:00.
    await createBooking({ masterId: master.id, startsAt: at('2030-10-27T00:30:00Z'), minutes: 30 });
    await createBooking({ masterId: master.id, startsAt: at('2030-10-27T01:30:00Z'), minutes: 30 });
    const autumn = await calendar(user, '2030-10-26T22:00:00Z', '2030-10-27T23:00:00Z');
    expect(autumn.calendar?.bookings.map((booking) => [booking.localStart, booking.localEnd])).toEqual([
      ['2030-10-27T02:30:00+02:00', '2030-10-27T02:00:00+01:00'],
      ['2030-10-27T02:30:00+01:00', '2030-10-27T03:00:00+01:00'],
    ]);
    expect(autumn.calendar?.bookings.map((booking) => booking.durationMinutes)).toEqual([30, 30]);
  });

  it('lists time blocks overlapping the range in local time', async () => {
    const { master, user } = await masterIn('Asia/Vladivostok');
    await prisma.timeBlock.create({
      data: { masterId: master.id, startsAt: at('2030-06-01T02:00:00Z'), endsAt: at('2030-06-01T04:00:00Z'), reason: 'обед' },
    });
    await prisma.timeBlock.create({
      data: { masterId: master.id, startsAt: at('2030-06-02T02:00:00Z'), endsAt: at('2030-06-02T04:00:00Z') },
    });
    const { calendar: day } = await calendar(user, '2030-05-31T14:00:00Z', '2030-06-01T14:00:00Z');
    expect(day?.timeBlocks).toEqual([
      expect.objectContaining({
        localStart: '2030-06-01T12:00:00+10:00',
        localEnd: '2030-06-01T14:00:00+10:00',
        localDate: '2030-06-01',
        reason: 'обед',
      }),
    ]);
  });

  it('includes cancelled bookings unless asked not to', async () => {
    const { master, user } = await masterIn('Europe/Moscow');
    await createBooking({ masterId: master.id, startsAt: at('2030-07-01T10:00:00Z'), status: 'CANCELLED' });
    await createBooking({ masterId: master.id, startsAt: at('2030-07-01T10:00:00Z') });
    const all = await calendar(user, '2030-07-01T00:00:00Z', '2030-07-02T00:00:00Z');
    expect(all.calendar?.bookings.map((booking) => booking.status).sort()).toEqual(['CANCELLED', 'CONFIRMED']);
    const active = await calendar(user, '2030-07-01T00:00:00Z', '2030-07-02T00:00:00Z', false);
    expect(active.calendar?.bookings.map((booking) => booking.status)).toEqual(['CONFIRMED']);
  });

  it('refuses an empty, reversed or over-long range', async () => {
    const { user } = await masterIn('Europe/Moscow');
    expectBadInput(await calendar(user, '2030-07-01T00:00:00Z', '2030-07-01T00:00:00Z'), /^to$/);
    expectBadInput(await calendar(user, '2030-07-02T00:00:00Z', '2030-07-01T00:00:00Z'), /^to$/);
    expectBadInput(await calendar(user, '2030-07-01T00:00:00Z', '2030-09-01T00:00:01Z'), /^to$/);
    expect((await calendar(user, '2030-07-01T00:00:00Z', '2030-09-01T00:00:00Z')).errors).toBeUndefined();
  });

  it('shows only the caller’s own bookings', async () => {
    const owner = await masterIn('Europe/Moscow');
    const other = await masterIn('Europe/Moscow');
    await createBooking({ masterId: owner.master.id, startsAt: at('2030-07-01T10:00:00Z') });
    const { calendar: theirs } = await calendar(other.user, '2030-07-01T00:00:00Z', '2030-07-02T00:00:00Z');
    expect(theirs?.bookings).toEqual([]);
  });
});

describe('who may use the calendar', () => {
  it('answers 403 MASTER_NOT_REGISTERED to a user without a master profile and creates nothing', async () => {
    const user = telegramUser();
    const read = await calendar(user, '2030-07-01T00:00:00Z', '2030-07-02T00:00:00Z');
    expect(read.status).toBe(403);
    expect(codeOf(read)).toBe('MASTER_NOT_REGISTERED');
    const write = await block(user, { startsAt: '2030-07-01T10:00:00Z', endsAt: '2030-07-01T11:00:00Z' });
    expect(write.status).toBe(403);
    expect(codeOf(write)).toBe('MASTER_NOT_REGISTERED');
    expect(await rowsOfTelegramUser(user.id)).toEqual({ users: 0, masters: 0, clients: 0, events: 0 });
  });

  it('needs an active profile: a draft master is refused with FORBIDDEN', async () => {
    const { master, user } = await createMaster({ status: 'DRAFT' });
    const read = await calendar(user, '2030-07-01T00:00:00Z', '2030-07-02T00:00:00Z');
    expect(codeOf(read)).toBe('FORBIDDEN');
    const write = await block(user, { startsAt: '2030-07-01T10:00:00Z', endsAt: '2030-07-01T11:00:00Z' });
    expect(codeOf(write)).toBe('FORBIDDEN');
    expect(await prisma.timeBlock.count({ where: { masterId: master.id } })).toBe(0);
  });

  it("answers another master's bookings, blocks and services as unknown ones and changes nothing", async () => {
    const owner = await masterIn('Europe/Moscow');
    const intruder = await masterIn('Europe/Moscow');
    const booking = await createBooking({ masterId: owner.master.id, startsAt: at('2020-07-01T10:00:00Z') });
    const timeBlock = await prisma.timeBlock.create({
      data: { masterId: owner.master.id, startsAt: at('2030-07-01T12:00:00Z'), endsAt: at('2030-07-01T13:00:00Z') },
    });
    const before = {
      bookings: await bookingsOf(owner.master.id),
      blocks: await prisma.timeBlock.findMany({ where: { masterId: owner.master.id } }),
    };

    const attempts = [
      graphql(app, CANCEL, { as: intruder.user, variables: { input: { bookingId: bookingId(booking.id) } } }),
      graphql(app, OUTCOME, { as: intruder.user, variables: { input: { bookingId: bookingId(booking.id), outcome: 'NO_SHOW' } } }),
      graphql(app, UNBLOCK, { as: intruder.user, variables: { input: { timeBlockId: encodeGlobalID('TimeBlock', timeBlock.id) } } }),
      book(intruder.user, { masterServiceId: owner.offerId, startsAt: '2030-07-02T10:00:00Z', clientName: 'Чужой' }),
    ];
    const [cancel, outcome, unblock, bookAs] = await Promise.all(attempts);
    // Each answers as an id that does not exist would: nothing tells that it does.
    for (const response of [cancel!, outcome!]) {
      expect(response.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ path: 'bookingId', message: 'No such booking.' }],
      });
    }
    expect(bookAs!.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'masterServiceId', message: 'No such service.' }],
    });
    expect(unblock!.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'timeBlockId', message: 'No such time block.' }],
    });
    expect(await bookingsOf(owner.master.id)).toEqual(before.bookings);
    expect(await prisma.timeBlock.findMany({ where: { masterId: owner.master.id } })).toEqual(before.blocks);
    expect(await prisma.booking.count({ where: { masterId: intruder.master.id } })).toBe(0);
  });
});

describe('createManualBooking', () => {
  it('stores a MASTER booking whose end and price come from the service, shown in local time', async () => {
    const { master, user, offer, offerId } = await masterIn('Europe/Belgrade', 90);
    const { errors, booking } = await book(user, {
      masterServiceId: offerId,
      startsAt: '2030-03-31T10:00:00+02:00',
      clientName: '  Мария  ',
      clientPhone: '8 (912) 000-11-22',
      comment: 'первый раз',
    });
    expect(errors).toBeUndefined();
    expect(booking).toMatchObject({
      startsAt: '2030-03-31T08:00:00.000Z',
      endsAt: '2030-03-31T09:30:00.000Z',
      localStart: '2030-03-31T10:00:00+02:00',
      localEnd: '2030-03-31T11:30:00+02:00',
      localDate: '2030-03-31',
      source: 'MASTER',
      status: 'CONFIRMED',
      clientName: 'Мария',
      clientPhone: '+79120001122',
      price: { amountMinor: 250_000, currency: 'RUB' },
      service: { id: encodeGlobalID('Service', offer.serviceId) },
      masterService: { id: offerId, durationMinutes: 90 },
    });
    const rows = await bookingsOf(master.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      source: 'MASTER',
      status: 'CONFIRMED',
      clientId: null,
      masterServiceId: offer.id,
      serviceId: offer.serviceId,
      startsAt: at('2030-03-31T08:00:00Z'),
      endsAt: at('2030-03-31T09:30:00Z'),
      priceMinor: 250_000,
      comment: 'первый раз',
    });
    expect(bookingId(rows[0]!.id)).toBe(booking?.id);
  });

  it('refuses an overlapping booking with SLOT_UNAVAILABLE and keeps back-to-back ones', async () => {
    const { master, user, offerId } = await masterIn('Europe/Moscow');
    expect((await book(user, { masterServiceId: offerId, startsAt: '2030-08-01T10:00:00Z', clientName: 'A' })).errors).toBeUndefined();
    const overlap = await book(user, { masterServiceId: offerId, startsAt: '2030-08-01T10:30:00Z', clientName: 'B' });
    expect(codeOf(overlap)).toBe('SLOT_UNAVAILABLE');
    expect(overlap.status).toBe(200);
    expect(await prisma.booking.count({ where: { masterId: master.id } })).toBe(1);
    expect((await book(user, { masterServiceId: offerId, startsAt: '2030-08-01T11:00:00Z', clientName: 'C' })).errors).toBeUndefined();
    expect((await book(user, { masterServiceId: offerId, startsAt: '2030-08-01T09:00:00Z', clientName: 'D' })).errors).toBeUndefined();
    expect((await bookingsOf(master.id)).map((row) => row.clientName)).toEqual(['D', 'A', 'C']);
  });

  it('lets exactly one of many simultaneous bookings of one time through', async () => {
    const { master, user, offerId } = await masterIn('Europe/Moscow');
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        book(user, {
          masterServiceId: offerId,
          startsAt: `2030-08-02T10:${String(index * 5).padStart(2, '0')}:00Z`,
          clientName: `#${index}`,
        }),
      ),
    );
    expect(responses.filter((response) => !response.errors)).toHaveLength(1);
    expect(responses.filter((response) => codeOf(response) === 'SLOT_UNAVAILABLE')).toHaveLength(5);
    expect(await prisma.booking.count({ where: { masterId: master.id } })).toBe(1);
  });

  it('refuses bad input and switched-off services, saving nothing', async () => {
    const { master, user, offerId } = await masterIn('Europe/Moscow');
    const switchedOff = await createMasterService(master.id, { isActive: false });
    const valid = { masterServiceId: offerId, startsAt: '2030-08-03T10:00:00Z', clientName: 'Анна' };
    expectBadInput(await book(user, { ...valid, masterServiceId: encodeGlobalID('MasterService', switchedOff.id) }), /masterServiceId/);
    expectBadInput(await book(user, { ...valid, masterServiceId: encodeGlobalID('Service', switchedOff.serviceId) }), /masterServiceId/);
    expectBadInput(await book(user, { ...valid, masterServiceId: 'garbage' }), /masterServiceId/);
    expectBadInput(
      await book(user, { ...valid, masterServiceId: encodeGlobalID('MasterService', '0b6c3f4e-8f1d-4a55-9a86-0d1a7c6f7f10') }),
      /masterServiceId/,
    );
    expectBadInput(await book(user, { ...valid, clientName: '   ' }), /clientName/);
    expectBadInput(await book(user, { ...valid, clientPhone: '12' }), /clientPhone/);
    expectBadInput(await book(user, { ...valid, startsAt: '2030-08-03T10:00:30Z' }), /startsAt/);
    expect(await prisma.booking.count({ where: { masterId: master.id } })).toBe(0);
    const blankPhone = await book(user, { ...valid, clientPhone: '  ', comment: '' });
    expect(blankPhone.booking).toMatchObject({ clientPhone: null, comment: null });
  });

  it('refuses a booking into blocked time', async () => {
    const { master, user, offerId } = await masterIn('Europe/Moscow');
    await prisma.timeBlock.create({
      data: { masterId: master.id, startsAt: at('2030-08-04T12:00:00Z'), endsAt: at('2030-08-04T13:00:00Z') },
    });
    const into = await book(user, { masterServiceId: offerId, startsAt: '2030-08-04T11:30:00Z', clientName: 'A' });
    expect(codeOf(into)).toBe('SLOT_UNAVAILABLE');
    expect(await prisma.booking.count({ where: { masterId: master.id } })).toBe(0);
    expect((await book(user, { masterServiceId: offerId, startsAt: '2030-08-04T11:00:00Z', clientName: 'B' })).errors).toBeUndefined();
  });
});

describe('blockTime and unblockTime', () => {
  it('blocks free time, refuses to block over a booking, and ignores cancelled bookings', async () => {
    const { master, user } = await masterIn('Asia/Vladivostok');
    await createBooking({ masterId: master.id, startsAt: at('2030-09-01T01:00:00Z') });
    await createBooking({ masterId: master.id, startsAt: at('2030-09-01T05:00:00Z'), status: 'CANCELLED' });

    const over = await block(user, { startsAt: '2030-09-01T01:30:00Z', endsAt: '2030-09-01T03:00:00Z' });
    expect(codeOf(over)).toBe('SLOT_UNAVAILABLE');
    expect(await prisma.timeBlock.count({ where: { masterId: master.id } })).toBe(0);

    const free = await block(user, { startsAt: '2030-09-01T02:00:00Z', endsAt: '2030-09-01T06:00:00Z', reason: ' врач ' });
    expect(free.errors).toBeUndefined();
    expect(free.block).toMatchObject({ localStart: '2030-09-01T12:00:00+10:00', localEnd: '2030-09-01T16:00:00+10:00', reason: 'врач' });
    const rows = await prisma.timeBlock.findMany({ where: { masterId: master.id } });
    expect(rows).toEqual([
      expect.objectContaining({ startsAt: at('2030-09-01T02:00:00Z'), endsAt: at('2030-09-01T06:00:00Z'), reason: 'врач' }),
    ]);
  });

  it('refuses reversed, empty and over-long blocks', async () => {
    const { master, user } = await masterIn('Europe/Moscow');
    expectBadInput(await block(user, { startsAt: '2030-09-01T10:00:00Z', endsAt: '2030-09-01T10:00:00Z' }), /endsAt/);
    expectBadInput(await block(user, { startsAt: '2030-09-01T10:00:00Z', endsAt: '2030-09-01T09:00:00Z' }), /endsAt/);
    expectBadInput(await block(user, { startsAt: '2030-09-01T00:00:00Z', endsAt: '2030-11-03T00:00:00Z' }), /endsAt/);
    expect(await prisma.timeBlock.count({ where: { masterId: master.id } })).toBe(0);
  });

  it('frees blocked time again', async () => {
    const { master, user, offerId } = await masterIn('Europe/Moscow');
    const { block: created } = await block(user, { startsAt: '2030-09-02T10:00:00Z', endsAt: '2030-09-02T12:00:00Z' });
    const unblocked = await graphql<{ unblockTime: string }>(app, UNBLOCK, {
      as: user,
      variables: { input: { timeBlockId: created!.id } },
    });
    expect(unblocked.data?.unblockTime).toBe(created!.id);
    expect(await prisma.timeBlock.count({ where: { masterId: master.id } })).toBe(0);
    expect((await book(user, { masterServiceId: offerId, startsAt: '2030-09-02T10:30:00Z', clientName: 'A' })).errors).toBeUndefined();
    const again = await graphql(app, UNBLOCK, { as: user, variables: { input: { timeBlockId: created!.id } } });
    expectBadInput(again, /timeBlockId/);
  });

  it('never lets a block and a booking of the same time both in', async () => {
    const { master, user, offerId } = await masterIn('Europe/Moscow');
    for (const hour of [10, 12, 14, 16]) {
      const startsAt = `2030-09-03T${hour}:00:00Z`;
      const [blocked, booked] = await Promise.all([
        block(user, { startsAt, endsAt: `2030-09-03T${hour + 1}:00:00Z` }),
        book(user, { masterServiceId: offerId, startsAt, clientName: 'A' }),
      ]);
      expect([blocked, booked].filter((response) => !response.errors)).toHaveLength(1);
      expect([blocked, booked].filter((response) => codeOf(response) === 'SLOT_UNAVAILABLE')).toHaveLength(1);
    }
    const blocks = await prisma.timeBlock.count({ where: { masterId: master.id } });
    const bookings = await prisma.booking.count({ where: { masterId: master.id } });
    expect(blocks + bookings).toBe(4);
  });
});

describe('cancelBooking', () => {
  it('cancels as the master, frees the time, and cancelling again changes nothing', async () => {
    const { master, user, offerId } = await masterIn('Europe/Moscow');
    const { booking } = await book(user, { masterServiceId: offerId, startsAt: '2030-10-01T10:00:00Z', clientName: 'A' });

    const cancelled = await graphql<{ cancelBooking: Booking }>(app, CANCEL, {
      as: user,
      variables: { input: { bookingId: booking!.id, reason: 'заболела' } },
    });
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data?.cancelBooking).toMatchObject({ status: 'CANCELLED', cancelledBy: 'MASTER', cancellationReason: 'заболела' });
    const [row] = await bookingsOf(master.id);
    expect(row).toMatchObject({ status: 'CANCELLED', cancelledBy: 'MASTER', cancellationReason: 'заболела' });
    expect(row?.cancelledAt).toBeInstanceOf(Date);

    const again = await graphql<{ cancelBooking: Booking }>(app, CANCEL, {
      as: user,
      variables: { input: { bookingId: booking!.id, reason: 'другая причина' } },
    });
    expect(again.errors).toBeUndefined();
    expect(await bookingsOf(master.id)).toEqual([row]);

    const rebooked = await book(user, { masterServiceId: offerId, startsAt: '2030-10-01T10:00:00Z', clientName: 'B' });
    expect(rebooked.errors).toBeUndefined();
    expect((await bookingsOf(master.id)).map((entry) => entry.status).sort()).toEqual(['CANCELLED', 'CONFIRMED']);
  });

  it('cancels a booking in the past too, but not one that already took place', async () => {
    const { master, user } = await masterIn('Europe/Moscow');
    const past = await createBooking({ masterId: master.id, startsAt: at('2021-01-01T10:00:00Z') });
    const completed = await createBooking({ masterId: master.id, startsAt: at('2021-01-02T10:00:00Z'), status: 'COMPLETED' });
    expect((await graphql(app, CANCEL, { as: user, variables: { input: { bookingId: bookingId(past.id) } } })).errors).toBeUndefined();
    const refused = await graphql(app, CANCEL, { as: user, variables: { input: { bookingId: bookingId(completed.id) } } });
    expectBadInput(refused, /bookingId/);
    expect((await prisma.booking.findUniqueOrThrow({ where: { id: completed.id } })).status).toBe('COMPLETED');
    expectBadInput(
      await graphql(app, CANCEL, { as: user, variables: { input: { bookingId: bookingId('0b6c3f4e-8f1d-4a55-9a86-0d1a7c6f7f10') } } }),
      /bookingId/,
    );
  });
});

describe('setBookingOutcome', () => {
  const outcome = (user: TelegramInitUser, id: string, value: string) =>
    graphql<{ setBookingOutcome: Booking }>(app, OUTCOME, { as: user, variables: { input: { bookingId: bookingId(id), outcome: value } } });

  it('marks a started booking completed or no-show, and can correct it', async () => {
    const { master, user } = await masterIn('Europe/Moscow');
    const started = await createBooking({ masterId: master.id, startsAt: new Date(Date.now() - 10 * 60_000) });
    expect((await outcome(user, started.id, 'COMPLETED')).data?.setBookingOutcome.status).toBe('COMPLETED');
    expect((await outcome(user, started.id, 'NO_SHOW')).data?.setBookingOutcome.status).toBe('NO_SHOW');
    expect((await prisma.booking.findUniqueOrThrow({ where: { id: started.id } })).status).toBe('NO_SHOW');
  });

  it('refuses bookings that have not started and cancelled ones', async () => {
    const { master, user } = await masterIn('Europe/Moscow');
    const future = await createBooking({ masterId: master.id, startsAt: new Date(Date.now() + 60 * 60_000) });
    const cancelled = await createBooking({ masterId: master.id, startsAt: at('2021-03-01T10:00:00Z'), status: 'CANCELLED' });
    expectBadInput(await outcome(user, future.id, 'COMPLETED'), /bookingId/);
    expectBadInput(await outcome(user, cancelled.id, 'NO_SHOW'), /bookingId/);
    const notAnOutcome = await outcome(user, future.id, 'CANCELLED');
    expect(notAnOutcome.status).toBe(400);
    expect(notAnOutcome.data ?? null).toBeNull();
    const statuses = (await bookingsOf(master.id)).map((row) => row.status);
    expect(statuses).toEqual(['CANCELLED', 'CONFIRMED']);
  });
});

describe('side effects', () => {
  it('every calendar change refreshes the master’s last activity', async () => {
    const { master, user, offerId } = await masterIn('Europe/Moscow');
    const past = await createBooking({ masterId: master.id, startsAt: at('2021-05-01T10:00:00Z') });
    const future = await createBooking({ masterId: master.id, startsAt: at('2030-11-03T10:00:00Z') });
    const longAgo = at('2020-01-01T00:00:00Z');
    const changes: [string, () => Promise<GraphQLResponse<unknown>>][] = [
      ['blockTime', () => block(user, { startsAt: '2030-11-01T10:00:00Z', endsAt: '2030-11-01T11:00:00Z' })],
      ['createManualBooking', () => book(user, { masterServiceId: offerId, startsAt: '2030-11-02T10:00:00Z', clientName: 'A' })],
      [
        'setBookingOutcome',
        () => graphql(app, OUTCOME, { as: user, variables: { input: { bookingId: bookingId(past.id), outcome: 'NO_SHOW' } } }),
      ],
      ['cancelBooking', () => graphql(app, CANCEL, { as: user, variables: { input: { bookingId: bookingId(future.id) } } })],
      [
        'unblockTime',
        async () => {
          const timeBlock = await prisma.timeBlock.findFirstOrThrow({ where: { masterId: master.id } });
          return graphql(app, UNBLOCK, { as: user, variables: { input: { timeBlockId: encodeGlobalID('TimeBlock', timeBlock.id) } } });
        },
      ],
    ];
    for (const [name, change] of changes) {
      await prisma.master.update({ where: { id: master.id }, data: { lastActivityAt: longAgo } });
      expect((await change()).errors, name).toBeUndefined();
      const { lastActivityAt } = await prisma.master.findUniqueOrThrow({ where: { id: master.id } });
      expect(lastActivityAt.getTime(), name).toBeGreaterThan(longAgo.getTime());
    }
  });

  it('changing the schedule keeps every booking', async () => {
    const { master, user } = await masterIn('Europe/Moscow');
    await createBooking({ masterId: master.id, startsAt: at('2030-12-02T10:00:00Z') });
    await createBooking({ masterId: master.id, startsAt: at('2030-12-07T10:00:00Z'), source: 'MASTER' });
    await createBooking({ masterId: master.id, startsAt: at('2030-12-08T10:00:00Z'), status: 'CANCELLED' });
    const before = await bookingsOf(master.id);
    const saved = await graphql(app, 'mutation Save($input: SaveOnboardingStepInput!) { saveOnboardingStep(input: $input) { id } }', {
      as: user,
      variables: { input: { schedule: { days: [{ weekday: 3, intervals: [{ start: '12:00', end: '13:00' }] }] } } },
    });
    expect(saved.errors).toBeUndefined();
    expect(await prisma.scheduleInterval.count({ where: { masterId: master.id } })).toBe(1);
    expect(await bookingsOf(master.id)).toEqual(before);
  });
});
