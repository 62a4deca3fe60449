import { encodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResponse, graphql, testPrisma } from '../../../test/app.js';
import {
  createBooking,
  createDayOff,
  createMaster,
  createMasterService,
  createSchedule,
  createSlotSettings,
  createTimeBlock,
} from '../../../test/factories.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { addDays, localDateOf, localDayInUtc, zonedToUtc } from '../../time/zoned-time.js';

const app = createTestApp();
const prisma = testPrisma();

const VLADIVOSTOK = 'Asia/Vladivostok';

const SLOTS = /* GraphQL */ `
  query Slots($masterId: ID!, $masterServiceId: ID!, $from: DateTime!, $to: DateTime!) {
    availableSlots(masterId: $masterId, masterServiceId: $masterServiceId, from: $from, to: $to) {
      startsAt endsAt localStart localDate
    }
  }
`;
const MASTER = /* GraphQL */ `
  query Master($id: ID!) {
    master(id: $id) {
      id displayName about address timeZone
      city { id timeZone }
      services { id price { amountMinor currency } durationMinutes service { id } }
    }
  }
`;
const NODE = 'query Node($id: ID!) { node(id: $id) { __typename ... on Master { displayName } } }';

interface Slot {
  startsAt: string;
  endsAt: string;
  localStart: string;
  localDate: string;
}

// The next three days in Vladivostok (UTC+10), from tomorrow: clear of the notice and well
// inside the horizon whenever the test runs. The server's own zone plays no part.
const today = localDateOf(new Date(), VLADIVOSTOK);
const DAYS = [1, 2, 3].map((n) => addDays(today, n)) as [string, string, string];
const RANGE = {
  from: localDayInUtc(DAYS[0], VLADIVOSTOK).start.toISOString(),
  to: localDayInUtc(DAYS[2], VLADIVOSTOK).end.toISOString(),
};
const startOf = (day: string, hour: number) => zonedToUtc(day, hour * 60, VLADIVOSTOK);

/** An active master in Vladivostok working 10:00–12:00 every day, hourly slots, one 60-minute service. */
async function workingMaster() {
  const { master, user, city } = await createMaster();
  await prisma.master.update({
    where: { id: master.id },
    data: { timeZone: VLADIVOSTOK, about: 'Маникюр и педикюр', address: 'ул. Светланская, 1' },
  });
  await createSchedule(
    master.id,
    [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 10 * 60, endMinute: 12 * 60 })),
  );
  await createSlotSettings(master.id);
  const offer = await createMasterService(master.id, { durationMinutes: 60, priceMinor: 250_000 });
  return {
    master,
    user,
    city,
    offer,
    masterId: encodeGlobalID('Master', master.id),
    masterServiceId: encodeGlobalID('MasterService', offer.id),
  };
}

async function slotsOf(variables: { masterId: string; masterServiceId: string; from?: string; to?: string }) {
  const response = await graphql<{ availableSlots: Slot[] }>(app, SLOTS, { variables: { ...RANGE, ...variables } });
  return { ...response, slots: response.data?.availableSlots };
}

const localStarts = (slots: Slot[] | undefined) => slots?.map((slot) => slot.localStart);
const codeOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.code;
const fieldPaths = (response: GraphQLResponse<unknown>) =>
  ((response.errors?.[0]?.extensions?.fields ?? []) as { path: string }[]).map((field) => field.path);

describe('availableSlots', () => {
  it("lists an active master's free starts in their time zone, without any identity", async () => {
    const { masterId, masterServiceId } = await workingMaster();
    const { status, errors, slots } = await slotsOf({ masterId, masterServiceId });
    expect(status).toBe(200);
    expect(errors).toBeUndefined();
    expect(localStarts(slots)).toEqual(DAYS.flatMap((day) => [`${day}T10:00:00+10:00`, `${day}T11:00:00+10:00`]));
    expect(slots?.[0]).toEqual({
      startsAt: startOf(DAYS[0], 10).toISOString(),
      endsAt: startOf(DAYS[0], 11).toISOString(),
      localStart: `${DAYS[0]}T10:00:00+10:00`,
      localDate: DAYS[0],
    });
  });

  it('leaves out booked and blocked time and days off; a cancelled booking frees its time', async () => {
    const { master, masterId, masterServiceId } = await workingMaster();
    const other = await workingMaster();
    await createBooking({ masterId: master.id, startsAt: startOf(DAYS[0], 10) });
    await createBooking({ masterId: master.id, startsAt: startOf(DAYS[0], 11), status: 'CANCELLED' });
    await createTimeBlock({ masterId: master.id, startsAt: startOf(DAYS[1], 11), minutes: 15 });
    await createDayOff(master.id, DAYS[2]);
    await createBooking({ masterId: other.master.id, startsAt: startOf(DAYS[1], 10) });

    const { errors, slots } = await slotsOf({ masterId, masterServiceId });
    expect(errors).toBeUndefined();
    expect(localStarts(slots)).toEqual([`${DAYS[0]}T11:00:00+10:00`, `${DAYS[1]}T10:00:00+10:00`]);

    await prisma.booking.updateMany({ where: { masterId: master.id, status: 'CONFIRMED' }, data: { status: 'CANCELLED' } });
    expect(localStarts((await slotsOf({ masterId, masterServiceId })).slots)).toEqual([
      `${DAYS[0]}T10:00:00+10:00`,
      `${DAYS[0]}T11:00:00+10:00`,
      `${DAYS[1]}T10:00:00+10:00`,
    ]);
  });

  it('applies the buffer, the step and the service’s own duration', async () => {
    const { master, masterId } = await workingMaster();
    await prisma.slotSettings.update({ where: { masterId: master.id }, data: { stepMinutes: 30, bufferMinutes: 30 } });
    const short = await createMasterService(master.id, { durationMinutes: 30 });
    // 10:00–10:30 taken: with a 30-minute buffer the next 30-minute start is 11:00, and 11:30 ends at 12:00.
    await createBooking({ masterId: master.id, startsAt: startOf(DAYS[0], 10), minutes: 30 });
    const { slots } = await slotsOf({
      masterId,
      masterServiceId: encodeGlobalID('MasterService', short.id),
      to: localDayInUtc(DAYS[0], VLADIVOSTOK).end.toISOString(),
    });
    expect(localStarts(slots)).toEqual([`${DAYS[0]}T11:00:00+10:00`, `${DAYS[0]}T11:30:00+10:00`]);
    expect(slots?.map((slot) => Date.parse(slot.endsAt) - Date.parse(slot.startsAt))).toEqual([30 * 60_000, 30 * 60_000]);
  });

  it("is empty for a service that is switched off or is another master's", async () => {
    const { master, masterId } = await workingMaster();
    const other = await workingMaster();
    const switchedOff = await createMasterService(master.id, { isActive: false });
    for (const masterServiceId of [encodeGlobalID('MasterService', switchedOff.id), other.masterServiceId]) {
      const { errors, slots } = await slotsOf({ masterId, masterServiceId });
      expect(errors).toBeUndefined();
      expect(slots).toEqual([]);
    }
    const unknown = await slotsOf({ masterId, masterServiceId: encodeGlobalID('MasterService', '0b6c3f4e-8f1d-4a55-9a86-0d1a7c6f7f10') });
    expect(unknown.slots).toEqual([]);
  });

  it('refuses reversed ranges, ranges over 31 days and ids of other types', async () => {
    const { masterId, masterServiceId } = await workingMaster();
    const from = Date.parse(RANGE.from);
    const reversed = await slotsOf({ masterId, masterServiceId, to: RANGE.from });
    expect(codeOf(reversed)).toBe('BAD_USER_INPUT');
    expect(fieldPaths(reversed)).toEqual(['to']);
    const tooLong = await slotsOf({ masterId, masterServiceId, to: new Date(from + 31 * 86_400_000 + 60_000).toISOString() });
    expect(codeOf(tooLong)).toBe('BAD_USER_INPUT');
    expect(fieldPaths(tooLong)).toEqual(['to']);
    const longest = await slotsOf({ masterId, masterServiceId, to: new Date(from + 31 * 86_400_000).toISOString() });
    expect(longest.errors).toBeUndefined();
    // Tomorrow up to today + 30 days: the horizon, not the range, ends the list.
    expect(longest.slots).toHaveLength(30 * 2);
    expect(longest.slots?.at(-1)?.localDate).toBe(addDays(today, 30));
    const swapped = await slotsOf({ masterId: masterServiceId, masterServiceId: masterId });
    expect(codeOf(swapped)).toBe('BAD_USER_INPUT');
    expect(fieldPaths(swapped).sort()).toEqual(['masterId', 'masterServiceId']);
  });
});

describe('master', () => {
  it("shows an active master's public profile, with the id their own profile shows", async () => {
    const { master, user, city, offer, masterId } = await workingMaster();
    await createMasterService(master.id, { isActive: false });
    const later = await createMasterService(master.id, { durationMinutes: 90, priceMinor: 300_000 });

    const response = await graphql<{ master: Record<string, unknown> }>(app, MASTER, { variables: { id: masterId } });
    expect(response.errors).toBeUndefined();
    expect(response.data?.master).toEqual({
      id: masterId,
      displayName: master.displayName,
      about: 'Маникюр и педикюр',
      address: 'ул. Светланская, 1',
      timeZone: VLADIVOSTOK,
      city: { id: encodeGlobalID('City', city.id), timeZone: city.timeZone },
      services: [
        {
          id: encodeGlobalID('MasterService', offer.id),
          price: { amountMinor: 250_000, currency: 'RUB' },
          durationMinutes: 60,
          service: { id: encodeGlobalID('Service', offer.serviceId) },
        },
        {
          id: encodeGlobalID('MasterService', later.id),
          price: { amountMinor: 300_000, currency: 'RUB' },
          durationMinutes: 90,
          service: { id: encodeGlobalID('Service', later.serviceId) },
        },
      ],
    });

    const own = await graphql<{ masterProfile: { id: string } }>(app, '{ masterProfile { id } }', { as: user });
    expect(own.data?.masterProfile.id).toBe(masterId);
    const node = await graphql<{ node: unknown }>(app, NODE, { variables: { id: masterId } });
    expect(node.data?.node).toEqual({ __typename: 'Master', displayName: master.displayName });
  });

  it('refuses an id of another type', async () => {
    const { masterServiceId } = await workingMaster();
    const response = await graphql(app, MASTER, { variables: { id: masterServiceId } });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(fieldPaths(response)).toEqual(['id']);
  });

  it('is null for a master that does not exist', async () => {
    const response = await graphql(app, MASTER, { variables: { id: encodeGlobalID('Master', '0b6c3f4e-8f1d-4a55-9a86-0d1a7c6f7f10') } });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ master: null });
  });
});

describe('masters clients may not see', () => {
  const now = new Date();
  // The ways a master is hidden: is_active implies status ACTIVE and a completed profile
  // (masters_active_completed_check), so no other combination can exist.
  const hidden: [string, Prisma.MasterUpdateInput][] = [
    ['a draft', { status: 'DRAFT', isActive: false, profileCompletedAt: null }],
    ['a deactivated master', { isActive: false, deactivatedAt: now }],
    ['an archived master', { status: 'ARCHIVED', isActive: false, archivedAt: now }],
  ];

  const SEARCH = /* GraphQL */ `
    query Search($filter: SearchMastersFilter!) { searchMasters(filter: $filter) { edges { node { id } } } }
  `;
  const found = async (filter: { cityId: string; serviceId: string }) =>
    (
      await graphql<{ searchMasters: { edges: { node: { id: string } }[] } }>(app, SEARCH, { variables: { filter } })
    ).data?.searchMasters.edges.map((edge) => edge.node.id);

  it.each(hidden)('%s is not found, and has no profile, no node and no slots', async (_name, change) => {
    const { master, city, offer, masterId, masterServiceId } = await workingMaster();
    const filter = { cityId: encodeGlobalID('City', city.id), serviceId: encodeGlobalID('Service', offer.serviceId) };
    const before = await slotsOf({ masterId, masterServiceId });
    expect(before.slots).toHaveLength(6);
    expect(await found(filter)).toEqual([masterId]);

    await prisma.master.update({ where: { id: master.id }, data: change });
    const profile = await graphql(app, MASTER, { variables: { id: masterId } });
    expect(profile.errors).toBeUndefined();
    expect(profile.data).toEqual({ master: null });
    const node = await graphql(app, NODE, { variables: { id: masterId } });
    expect(node.errors).toBeUndefined();
    expect(node.data).toEqual({ node: null });
    const { errors, slots } = await slotsOf({ masterId, masterServiceId });
    expect(errors).toBeUndefined();
    expect(slots).toEqual([]);
    expect(await found(filter)).toEqual([]);
  });
});
