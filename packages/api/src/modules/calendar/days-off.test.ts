import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResponse, graphql, telegramUser, testPrisma } from '../../../test/app.js';
import {
  createBooking,
  createCity,
  createDayOff,
  createMaster,
  createMasterService,
  createSchedule,
  createService,
  createSlotSettings,
} from '../../../test/factories.js';
import type { TelegramInitUser } from '../../telegram/init-data.js';
import { addDays, localDateOf, zonedToUtc } from '../../time/zoned-time.js';
import { counterValue, metrics } from '../monitoring/metrics.js';

/**
 * Days off and vacations through the HTTP app: clients see those days closed everywhere they
 * look for free time (availableSlots, searchMasters by date), removing them opens the days
 * again, and the master learns which bookings sit on them.
 */

const app = createTestApp();
const prisma = testPrisma();

const ZONE = 'Asia/Vladivostok';
const today = localDateOf(new Date(), ZONE);
const DAYS = [1, 2, 3, 4, 5].map((n) => addDays(today, n)) as [string, string, string, string, string];
const at = (day: string, hour: number) => zonedToUtc(day, hour * 60, ZONE);

const ADD = /* GraphQL */ `
  mutation Add($input: AddDaysOffInput!) {
    addDaysOff(input: $input) { daysOff { id date note } bookings { id localStart clientName status } }
  }
`;
const REMOVE = 'mutation Remove($input: RemoveDaysOffInput!) { removeDaysOff(input: $input) { removedDates } }';
const PROFILE = /* GraphQL */ `
  query Profile { masterProfile { daysOff { date note } bookingsOnDaysOff { id localStart clientName } } }
`;
const SLOTS = /* GraphQL */ `
  query Slots($masterId: ID!, $masterServiceId: ID!, $from: DateTime!, $to: DateTime!) {
    availableSlots(masterId: $masterId, masterServiceId: $masterServiceId, from: $from, to: $to) { localDate }
  }
`;
const SEARCH = /* GraphQL */ `
  query Search($filter: SearchMastersFilter!) { searchMasters(filter: $filter) { edges { node { displayName } nextFreeSlot { localDate } } } }
`;
const MOVE = 'mutation Move($input: RescheduleBookingInput!) { rescheduleBooking(input: $input) { id localStart } }';
const CANCEL = 'mutation Cancel($input: CancelBookingInput!) { cancelBooking(input: $input) { id status cancellationReason } }';

const codeOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.code;
const fieldPaths = (response: GraphQLResponse<unknown>) =>
  ((response.errors?.[0]?.extensions?.fields ?? []) as { path: string }[]).map((field) => field.path);

/** A public master in Vladivostok working 10:00–12:00 every day, hourly, with one service; and their city's search filter. */
async function vladivostokMaster(displayName = 'Мастер') {
  const city = await createCity({ timeZone: ZONE });
  const service = await createService();
  const { master, user } = await createMaster({ city, displayName });
  await createSchedule(
    master.id,
    [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 600, endMinute: 720 })),
  );
  await createSlotSettings(master.id);
  const offer = await createMasterService(master.id, { serviceId: service.id });
  return {
    master,
    user,
    offer,
    masterId: encodeGlobalID('Master', master.id),
    masterServiceId: encodeGlobalID('MasterService', offer.id),
    filter: { cityId: encodeGlobalID('City', city.id), serviceId: encodeGlobalID('Service', service.id) },
  };
}
type Setup = Awaited<ReturnType<typeof vladivostokMaster>>;

async function openDays(setup: Setup) {
  const response = await graphql<{ availableSlots: { localDate: string }[] }>(app, SLOTS, {
    variables: {
      masterId: setup.masterId,
      masterServiceId: setup.masterServiceId,
      from: at(DAYS[0], 0).toISOString(),
      to: at(DAYS[4], 24).toISOString(),
    },
  });
  expect(response.errors).toBeUndefined();
  return [...new Set(response.data!.availableSlots.map((slot) => slot.localDate))];
}

async function foundOn(setup: Setup, date: string) {
  const response = await graphql<{ searchMasters: { edges: { nextFreeSlot: { localDate: string } | null }[] } }>(app, SEARCH, {
    variables: { filter: { ...setup.filter, date } },
  });
  expect(response.errors).toBeUndefined();
  return response.data!.searchMasters.edges.map((edge) => edge.nextFreeSlot?.localDate);
}

const addDaysOff = (as: TelegramInitUser, input: Record<string, unknown>) =>
  graphql<{ addDaysOff: { daysOff: { id: string; date: string; note: string | null }[]; bookings: { localStart: string }[] } }>(app, ADD, {
    as,
    variables: { input },
  });

describe('days off', () => {
  it('lists no bookings on days off for a master without days off, whatever is selected of them', async () => {
    const setup = await vladivostokMaster();
    const response = await graphql<{ masterProfile: { daysOff: unknown[]; bookingsOnDaysOff: unknown[] } }>(
      app,
      'query { masterProfile { daysOff { date } bookingsOnDaysOff { id moves { id } masterService { id } clientReliability { visitsKept } } } }',
      { as: setup.user },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.masterProfile).toEqual({ daysOff: [], bookingsOnDaysOff: [] });
  });

  it('closes a range of days to clients in availableSlots and searchMasters, and removing some opens them again', async () => {
    const setup = await vladivostokMaster();
    expect(await openDays(setup)).toEqual(DAYS);
    expect(await foundOn(setup, DAYS[2])).toEqual([DAYS[2]]);

    const added = await addDaysOff(setup.user, { from: DAYS[1], to: DAYS[3], note: 'Отпуск' });
    expect(added.errors).toBeUndefined();
    expect(added.data?.addDaysOff.daysOff.map(({ date, note }) => ({ date, note }))).toEqual(
      [DAYS[1], DAYS[2], DAYS[3]].map((date) => ({ date, note: 'Отпуск' })),
    );
    expect(await openDays(setup)).toEqual([DAYS[0], DAYS[4]]);
    for (const day of [DAYS[1], DAYS[2], DAYS[3]]) expect(await foundOn(setup, day)).toEqual([]);
    expect(await foundOn(setup, DAYS[4])).toEqual([DAYS[4]]);

    const freedBefore = await counterValue(metrics.timeFreed, { cause: 'day_off_removed' });
    const removed = await graphql<{ removeDaysOff: { removedDates: string[] } }>(app, REMOVE, {
      as: setup.user,
      variables: { input: { from: DAYS[2] } },
    });
    expect(removed.data?.removeDaysOff.removedDates).toEqual([DAYS[2]]);
    expect(await openDays(setup)).toEqual([DAYS[0], DAYS[2], DAYS[4]]);
    expect(await foundOn(setup, DAYS[2])).toEqual([DAYS[2]]);
    expect(await counterValue(metrics.timeFreed, { cause: 'day_off_removed' })).toBe(freedBefore + 1);

    // A range over days that are not all off removes those that are; the two left are one stretch freed.
    const rest = await graphql<{ removeDaysOff: { removedDates: string[] } }>(app, REMOVE, {
      as: setup.user,
      variables: { input: { from: DAYS[0], to: DAYS[4] } },
    });
    expect(rest.data?.removeDaysOff.removedDates).toEqual([DAYS[1], DAYS[3]]);
    expect(await openDays(setup)).toEqual(DAYS);
    expect(await counterValue(metrics.timeFreed, { cause: 'day_off_removed' })).toBe(freedBefore + 3);
  });

  it('reports the bookings on the new days off, for the master to move them or cancel them with a message', async () => {
    const setup = await vladivostokMaster();
    const client = telegramUser();
    const booked = await graphql<{ createBooking: { id: string } }>(
      app,
      'mutation Create($input: CreateBookingInput!) { createBooking(input: $input) { id } }',
      {
        as: client,
        variables: {
          input: {
            masterServiceId: setup.masterServiceId,
            startsAt: at(DAYS[1], 10).toISOString(),
            clientName: 'Анна',
            clientPhone: '+79123456789',
            preferredChannels: ['TELEGRAM'],
            idempotencyKey: randomUUID(),
          },
        },
      },
    );
    expect(booked.errors).toBeUndefined();
    const anna = booked.data!.createBooking.id;
    const oleg = await createBooking({ masterId: setup.master.id, startsAt: at(DAYS[2], 11), source: 'MASTER', clientName: 'Олег' });
    await createBooking({ masterId: setup.master.id, startsAt: at(DAYS[2], 10), status: 'CANCELLED' });
    await createBooking({ masterId: setup.master.id, startsAt: at(DAYS[3], 10), clientName: 'Не в отпуск' });

    const added = await addDaysOff(setup.user, { from: DAYS[1], to: DAYS[2] });
    expect(added.errors).toBeUndefined();
    expect(added.data?.addDaysOff.bookings).toEqual([
      { id: anna, localStart: `${DAYS[1]}T10:00:00+10:00`, clientName: 'Анна', status: 'CONFIRMED' },
      { id: encodeGlobalID('Booking', oleg.id), localStart: `${DAYS[2]}T11:00:00+10:00`, clientName: 'Олег', status: 'CONFIRMED' },
    ]);
    const profile = async () =>
      (await graphql<{ masterProfile: { bookingsOnDaysOff: { clientName: string }[] } }>(app, PROFILE, { as: setup.user })).data
        ?.masterProfile.bookingsOnDaysOff;
    expect((await profile())?.map((booking) => booking.clientName)).toEqual(['Анна', 'Олег']);

    // The master moves one off the days off (outside the usual hours too) and cancels the other with a message.
    const moved = await graphql(app, MOVE, {
      as: setup.user,
      variables: { input: { bookingId: anna, startsAt: at(DAYS[4], 15).toISOString(), idempotencyKey: randomUUID() } },
    });
    expect(moved.errors).toBeUndefined();
    const cancelled = await graphql(app, CANCEL, {
      as: setup.user,
      variables: { input: { bookingId: encodeGlobalID('Booking', oleg.id), reason: 'Я в отпуске, запишитесь на другой день' } },
    });
    expect(cancelled.errors).toBeUndefined();
    expect(await profile()).toEqual([]);
  });

  it('lists upcoming days off with their private notes; days already off keep their note unless a new one is given', async () => {
    const setup = await vladivostokMaster();
    await createDayOff(setup.master.id, addDays(today, -3));
    expect((await addDaysOff(setup.user, { from: DAYS[0], note: 'Врач' })).errors).toBeUndefined();
    expect((await addDaysOff(setup.user, { from: DAYS[0], to: DAYS[1] })).errors).toBeUndefined();
    expect((await addDaysOff(setup.user, { from: DAYS[3], note: '  ' })).errors).toBeUndefined();

    const profile = await graphql<{ masterProfile: { daysOff: unknown[] } }>(app, PROFILE, { as: setup.user });
    expect(profile.data?.masterProfile.daysOff).toEqual([
      { date: DAYS[0], note: 'Врач' },
      { date: DAYS[1], note: null },
      { date: DAYS[3], note: null },
    ]);
    // Clients never see the notes.
    expect(JSON.stringify(await graphql(app, `query { master(id: "${setup.masterId}") { id } }`))).not.toContain('Врач');
  });

  it('refuses days in the past, a range too long or backwards, a date that is not one, and callers who are not masters', async () => {
    const setup = await vladivostokMaster();
    const cases: [Record<string, unknown>, string][] = [
      [{ from: addDays(today, -1) }, 'from'],
      [{ from: DAYS[0], to: addDays(DAYS[0], 92) }, 'input.to'],
      [{ from: DAYS[2], to: DAYS[1] }, 'input.to'],
      [{ from: '2030-02-30' }, 'input.from'],
      [{ from: addDays(today, 380) }, 'to'],
    ];
    for (const [input, path] of cases) {
      const refused = await addDaysOff(setup.user, input);
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(fieldPaths(refused)).toEqual([path]);
    }
    expect(await prisma.dayOff.count({ where: { masterId: setup.master.id } })).toBe(0);

    const nobody = await addDaysOff(telegramUser(), { from: DAYS[0] });
    expect(codeOf(nobody)).toBe('MASTER_NOT_REGISTERED');
    const removeAsNobody = await graphql(app, REMOVE, { as: telegramUser(), variables: { input: { from: DAYS[0] } } });
    expect(codeOf(removeAsNobody)).toBe('MASTER_NOT_REGISTERED');
  });

  it('passes every freed stretch through the one lifecycle hook: a removed time block and a cancellation count too', async () => {
    const setup = await vladivostokMaster();
    const blocked = await graphql<{ blockTime: { id: string } }>(
      app,
      'mutation B($input: BlockTimeInput!) { blockTime(input: $input) { id } }',
      {
        as: setup.user,
        variables: { input: { startsAt: at(DAYS[0], 10).toISOString(), endsAt: at(DAYS[0], 11).toISOString() } },
      },
    );
    const booking = await createBooking({ masterId: setup.master.id, startsAt: at(DAYS[1], 10) });
    const before = {
      unblocked: await counterValue(metrics.timeFreed, { cause: 'unblocked' }),
      cancelled: await counterValue(metrics.timeFreed, { cause: 'cancelled' }),
    };
    const unblocked = await graphql(app, 'mutation U($input: UnblockTimeInput!) { unblockTime(input: $input) }', {
      as: setup.user,
      variables: { input: { timeBlockId: blocked.data!.blockTime.id } },
    });
    expect(unblocked.errors).toBeUndefined();
    expect(
      (await graphql(app, CANCEL, { as: setup.user, variables: { input: { bookingId: encodeGlobalID('Booking', booking.id) } } })).errors,
    ).toBeUndefined();
    expect(await counterValue(metrics.timeFreed, { cause: 'unblocked' })).toBe(before.unblocked + 1);
    expect(await counterValue(metrics.timeFreed, { cause: 'cancelled' })).toBe(before.cancelled + 1);
  });
});
