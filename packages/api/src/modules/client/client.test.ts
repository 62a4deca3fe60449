import { encodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResponse, graphql, telegramUser, testPrisma } from '../../../test/app.js';
import { createCity, createClient, createClientBooking, createMaster, createService, rowsOfTelegramUser } from '../../../test/factories.js';
import type { TelegramInitUser } from '../../telegram/init-data.js';
import { recordInterest } from '../analytics/interest.service.js';
import { CLIENT_DATA_ERASED_ACTION } from '../privacy/privacy.service.js';
import { ERASED_CLIENT_NAME } from './client.service.js';

const app = createTestApp();
const prisma = testPrisma();

const PROFILE_FIELDS = /* GraphQL */ `
  id firstName lastName username languageCode phone preferredChannels lastSeenAt
  consents { kind textVersion grantedAt withdrawnAt active }
  consentHistory { kind textVersion withdrawnAt active }
`;
const BOOKING_FIELDS = 'id startsAt localStart localDate timeZone status masterId masterName clientName clientPhone comment';

const UPSERT = `mutation { upsertClient { ${PROFILE_FIELDS} } }`;
const PROFILE = /* GraphQL */ `
  query Profile($first: Int, $after: String) {
    clientProfile {
      ${PROFILE_FIELDS}
      upcomingBookings(first: $first, after: $after) {
        edges { node { ${BOOKING_FIELDS} } }
        pageInfo { hasNextPage endCursor }
      }
      pastBookings { edges { node { ${BOOKING_FIELDS} } } }
    }
  }
`;
const UPDATE = `mutation Update($input: UpdateClientContactsInput!) { updateClientContacts(input: $input) { ${PROFILE_FIELDS} } }`;
const GRANT = `mutation Grant($input: GrantConsentInput!) { grantConsent(input: $input) { ${PROFILE_FIELDS} } }`;
const WITHDRAW = `mutation Withdraw($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { ${PROFILE_FIELDS} } }`;
const ERASE = 'mutation { eraseMyData }';

interface Consent {
  kind: string;
  textVersion: string;
  withdrawnAt: string | null;
  active: boolean;
}
interface Booking {
  id: string;
  startsAt: string;
  localStart: string;
  localDate: string;
  timeZone: string;
  status: string;
  masterId: string;
  masterName: string;
  clientName: string | null;
  clientPhone: string | null;
  comment: string | null;
}
interface Profile {
  id: string;
  firstName: string | null;
  lastName: string | null;
  username: string | null;
  languageCode: string | null;
  phone: string | null;
  preferredChannels: string[];
  lastSeenAt: string;
  consents: Consent[];
  consentHistory: Consent[];
  upcomingBookings: { edges: { node: Booking }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  pastBookings: { edges: { node: Booking }[] };
}

const HOUR = 60 * 60 * 1000;
/** A whole hour `hours` from now, so that bookings of one master never overlap by accident. */
const hoursFromNow = (hours: number) => new Date(Math.floor(Date.now() / HOUR) * HOUR + hours * HOUR);

const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;
const clientRow = (telegramId: number) => prisma.client.findUnique({ where: { telegramId: BigInt(telegramId) } });

async function profileOf(user: TelegramInitUser, variables?: Record<string, unknown>) {
  const response = await graphql<{ clientProfile: Profile }>(app, PROFILE, { as: user, variables });
  expect(response.errors).toBeUndefined();
  return response.data!.clientProfile;
}

describe('upsertClient', () => {
  it('creates the client and the Telegram user from verified init data', async () => {
    const user = telegramUser({ first_name: 'Анна', last_name: 'Ли', username: 'anna', language_code: 'ru' });
    const before = Date.now();
    const response = await graphql<{ upsertClient: Profile }>(app, UPSERT, { as: user });

    expect(response.errors).toBeUndefined();
    expect(response.data?.upsertClient).toMatchObject({
      firstName: 'Анна',
      lastName: 'Ли',
      username: 'anna',
      languageCode: 'ru',
      phone: null,
      preferredChannels: [],
      consents: [],
    });
    const client = await clientRow(user.id);
    expect(response.data?.upsertClient.id).toBe(encodeGlobalID('Client', client!.id));
    expect(client).toMatchObject({ firstName: 'Анна', phone: null, preferredChannels: [], erasedAt: null });
    expect(client!.lastSeenAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(await prisma.telegramUser.findUnique({ where: { telegramId: BigInt(user.id) } })).toMatchObject({
      firstName: 'Анна',
      lastName: 'Ли',
      username: 'anna',
      languageCode: 'ru',
    });
  });

  it('refreshes the Telegram data and last_seen_at, and never touches phone or preferred channels', async () => {
    const user = telegramUser({ first_name: 'Old', username: 'old', language_code: 'ru' });
    await graphql(app, UPSERT, { as: user });
    const saved = await graphql(app, UPDATE, {
      as: user,
      variables: { input: { phone: '+7 912 000-11-22', preferredChannels: ['WHATSAPP', 'TELEGRAM'] } },
    });
    expect(saved.errors).toBeUndefined();
    const first = await clientRow(user.id);
    await new Promise((resolve) => setTimeout(resolve, 10));

    const renamed = { ...user, first_name: 'New', last_name: 'Name', username: 'new', language_code: 'en' };
    const response = await graphql<{ upsertClient: Profile }>(app, UPSERT, { as: renamed });

    expect(response.errors).toBeUndefined();
    const client = await clientRow(user.id);
    expect(client).toMatchObject({
      id: first!.id,
      firstName: 'New',
      lastName: 'Name',
      username: 'new',
      languageCode: 'en',
      phone: '+79120001122',
      preferredChannels: ['WHATSAPP', 'TELEGRAM'],
    });
    expect(client!.lastSeenAt.getTime()).toBeGreaterThan(first!.lastSeenAt.getTime());
    expect(await prisma.telegramUser.findUnique({ where: { telegramId: BigInt(user.id) } })).toMatchObject({
      firstName: 'New',
      username: 'new',
    });
  });

  it('keeps a name the client chose over the Telegram name', async () => {
    const user = telegramUser({ first_name: 'Telegram' });
    await graphql(app, UPSERT, { as: user });
    expect((await graphql(app, UPDATE, { as: user, variables: { input: { firstName: 'Мария' } } })).errors).toBeUndefined();

    await graphql(app, UPSERT, { as: { ...user, first_name: 'Telegram2', username: 'changed' } });

    expect(await clientRow(user.id)).toMatchObject({ firstName: 'Мария', username: 'changed' });
    expect(await prisma.telegramUser.findUnique({ where: { telegramId: BigInt(user.id) } })).toMatchObject({
      firstName: 'Telegram2',
    });
  });

  it('leaves exactly one client and one Telegram user after 20 simultaneous calls', async () => {
    const user = telegramUser();
    const responses = await Promise.all(Array.from({ length: 20 }, () => graphql<{ upsertClient: Profile }>(app, UPSERT, { as: user })));

    expect(responses.map((response) => response.errors)).toEqual(Array(20).fill(undefined));
    expect(new Set(responses.map((response) => response.data?.upsertClient.id)).size).toBe(1);
    expect(await rowsOfTelegramUser(user.id)).toMatchObject({ users: 1, clients: 1, masters: 0 });
  });

  it('refuses anonymous callers with 401 and creates nothing', async () => {
    const response = await graphql(app, UPSERT);
    expect(response.status).toBe(401);
    expect(codeOf(response)).toBe('UNAUTHENTICATED');
  });

  it('makes a client who erased their data a client again, with only the minimum', async () => {
    const user = telegramUser({ first_name: 'Back', username: 'back' });
    await graphql(app, UPSERT, { as: user });
    await graphql(app, UPDATE, { as: user, variables: { input: { phone: '+79120001133', preferredChannels: ['PHONE'] } } });
    await graphql(app, GRANT, { as: user, variables: { input: { kind: 'SHARE_CONTACT_WITH_PARTNERS', textVersion: 'v1' } } });
    const before = (await clientRow(user.id))!;
    expect(await graphql(app, ERASE, { as: user })).toMatchObject({ status: 200, data: { eraseMyData: expect.any(String) } });

    const response = await graphql<{ upsertClient: Profile }>(app, UPSERT, { as: user });

    expect(response.errors).toBeUndefined();
    expect(response.data?.upsertClient).toMatchObject({
      firstName: 'Back',
      username: 'back',
      phone: null,
      preferredChannels: [],
      consents: [],
      // The consent given before erasure is kept as the record, but no longer theirs.
      consentHistory: [],
    });
    expect(await clientRow(user.id)).toMatchObject({ erasedAt: null, phone: null });
    expect(await prisma.clientConsent.findMany({ where: { formerClientId: before.id } })).toMatchObject([
      { clientId: null, textVersion: 'v1', withdrawnAt: expect.any(Date) },
    ]);
    expect(await rowsOfTelegramUser(user.id)).toMatchObject({ users: 1, clients: 1 });
  });
});

describe('clientProfile', () => {
  it('answers 401 to anonymous callers and FORBIDDEN to a user without a client profile, creating nothing', async () => {
    const anonymous = await graphql(app, PROFILE);
    expect(anonymous.status).toBe(401);
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');

    const stranger = telegramUser();
    const response = await graphql(app, PROFILE, { as: stranger });
    expect(response.status).toBe(403);
    expect(codeOf(response)).toBe('FORBIDDEN');
    expect(response.data ?? null).toBeNull();
    expect(await rowsOfTelegramUser(stranger.id)).toEqual({ users: 0, masters: 0, clients: 0, events: 0 });

    const erased = await createClient({ erased: true });
    expect(codeOf(await graphql(app, PROFILE, { as: erased.user }))).toBe('FORBIDDEN');
  });

  it('lists only the caller’s own bookings: upcoming soonest first, past latest first', async () => {
    const { client, user } = await createClient();
    const other = await createClient();
    const { master, city } = await createMaster();
    const service = await createService();
    const later = await createClientBooking({
      clientId: client.id,
      masterId: master.id,
      startsAt: hoursFromNow(48),
      serviceId: service.id,
    });
    const soon = await createClientBooking({
      clientId: client.id,
      masterId: master.id,
      startsAt: hoursFromNow(3),
      comment: 'Код домофона 12',
    });
    const cancelled = await createClientBooking({
      clientId: client.id,
      masterId: master.id,
      startsAt: hoursFromNow(5),
      status: 'CANCELLED',
    });
    const done = await createClientBooking({ clientId: client.id, masterId: master.id, startsAt: hoursFromNow(-48), status: 'COMPLETED' });
    const over = await createClientBooking({ clientId: client.id, masterId: master.id, startsAt: hoursFromNow(-3) });
    const othersUpcoming = await createClientBooking({ clientId: other.client.id, masterId: master.id, startsAt: hoursFromNow(10) });
    const othersPast = await createClientBooking({ clientId: other.client.id, masterId: master.id, startsAt: hoursFromNow(-10) });

    const profile = await profileOf(user);

    const ids = (edges: { node: Booking }[]) => edges.map((edge) => edge.node.id);
    const gid = (booking: { id: string }) => encodeGlobalID('Booking', booking.id);
    expect(ids(profile.upcomingBookings.edges)).toEqual([gid(soon), gid(later)]);
    expect(ids(profile.pastBookings.edges)).toEqual([gid(cancelled), gid(over), gid(done)]);
    const all = [...ids(profile.upcomingBookings.edges), ...ids(profile.pastBookings.edges)];
    expect(all).not.toContain(gid(othersUpcoming));
    expect(all).not.toContain(gid(othersPast));
    expect(profile.upcomingBookings.edges[0]!.node).toMatchObject({
      masterId: encodeGlobalID('Master', master.id),
      masterName: master.displayName,
      timeZone: city.timeZone,
      clientName: soon.clientName,
      clientPhone: '+79123456789',
      comment: 'Код домофона 12',
      status: 'CONFIRMED',
    });

    const otherProfile = await profileOf(other.user);
    expect(ids(otherProfile.upcomingBookings.edges)).toEqual([gid(othersUpcoming)]);
    expect(ids(otherProfile.pastBookings.edges)).toEqual([gid(othersPast)]);
  });

  it('pages through upcoming bookings with a cursor', async () => {
    const { client, user } = await createClient();
    const { master } = await createMaster();
    const bookings = [];
    for (const hours of [30, 10, 20]) {
      bookings.push(await createClientBooking({ clientId: client.id, masterId: master.id, startsAt: hoursFromNow(hours) }));
    }
    const [in30, in10, in20] = bookings.map((booking) => encodeGlobalID('Booking', booking.id));

    const first = await profileOf(user, { first: 2 });
    expect(first.upcomingBookings.edges.map((edge) => edge.node.id)).toEqual([in10, in20]);
    expect(first.upcomingBookings.pageInfo.hasNextPage).toBe(true);
    const second = await profileOf(user, { first: 2, after: first.upcomingBookings.pageInfo.endCursor });
    expect(second.upcomingBookings.edges.map((edge) => edge.node.id)).toEqual([in30]);
    expect(second.upcomingBookings.pageInfo.hasNextPage).toBe(false);
  });

  it('gives nothing for another client’s ids', async () => {
    const mine = await createClient();
    const other = await createClient();
    const { master } = await createMaster();
    const booking = await createClientBooking({ clientId: other.client.id, masterId: master.id, startsAt: hoursFromNow(6) });

    for (const id of [encodeGlobalID('Client', other.client.id), encodeGlobalID('Booking', booking.id)]) {
      const response = await graphql(app, 'query Node($id: ID!) { node(id: $id) { id } }', { as: mine.user, variables: { id } });
      expect(response.data?.node ?? null).toBeNull();
    }
    const profile = await profileOf(mine.user);
    expect(profile.id).toBe(encodeGlobalID('Client', mine.client.id));
    expect(profile.upcomingBookings.edges).toEqual([]);
    expect(profile.pastBookings.edges).toEqual([]);
    // Nothing the other client owns changed.
    expect(await prisma.booking.findUnique({ where: { id: booking.id } })).toEqual(booking);
    expect(await prisma.client.findUnique({ where: { id: other.client.id } })).toEqual(other.client);
  });
});

describe('updateClientContacts', () => {
  it('saves a phone in E.164 and the preferred channels', async () => {
    const { client, user } = await createClient();
    const response = await graphql<{ updateClientContacts: Profile }>(app, UPDATE, {
      as: user,
      variables: { input: { firstName: '  Ольга ', phone: '8 (912) 345-67-89', preferredChannels: ['TELEGRAM', 'SMS'] } },
    });

    expect(response.errors).toBeUndefined();
    expect(response.data?.updateClientContacts).toMatchObject({
      firstName: 'Ольга',
      phone: '+79123456789',
      preferredChannels: ['TELEGRAM', 'SMS'],
    });
    expect(await prisma.client.findUnique({ where: { id: client.id } })).toMatchObject({
      firstName: 'Ольга',
      phone: '+79123456789',
      preferredChannels: ['TELEGRAM', 'SMS'],
    });

    const cleared = await graphql(app, UPDATE, { as: user, variables: { input: { phone: '', preferredChannels: ['TELEGRAM'] } } });
    expect(cleared.errors).toBeUndefined();
    expect(await prisma.client.findUnique({ where: { id: client.id } })).toMatchObject({
      firstName: 'Ольга',
      phone: null,
      preferredChannels: ['TELEGRAM'],
    });
  });

  const refused: [string, Record<string, unknown>, string][] = [
    ['a phone that is not one', { phone: '12345' }, 'input.phone'],
    ['an empty name', { firstName: '   ' }, 'input.firstName'],
    ['a channel listed twice', { preferredChannels: ['SMS', 'SMS'] }, 'input.preferredChannels'],
    ['a phone channel without a phone', { preferredChannels: ['WHATSAPP'] }, 'preferredChannels'],
  ];

  it.each(refused)('refuses %s with BAD_USER_INPUT and saves nothing', async (_name, input, path) => {
    const { client, user } = await createClient();
    const response = await graphql(app, UPDATE, { as: user, variables: { input: { firstName: 'Changed', ...input } } });

    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    expect(await prisma.client.findUnique({ where: { id: client.id } })).toEqual(client);
  });

  it('is for clients only: 401 anonymous, FORBIDDEN without a client profile', async () => {
    const input = { phone: '+79123456789' };
    expect((await graphql(app, UPDATE, { variables: { input } })).status).toBe(401);
    const stranger = telegramUser();
    expect(codeOf(await graphql(app, UPDATE, { as: stranger, variables: { input } }))).toBe('FORBIDDEN');
    expect(await rowsOfTelegramUser(stranger.id)).toMatchObject({ users: 0, clients: 0 });
  });
});

describe('consents', () => {
  const consent = (textVersion: string) => ({ input: { kind: 'SHARE_CONTACT_WITH_PARTNERS', textVersion } });
  const rowsOf = (clientId: string) =>
    prisma.clientConsent.findMany({ where: { clientId }, orderBy: [{ grantedAt: 'asc' }, { id: 'asc' }] });

  it('records a grant with its text version, replaces it with a new version and keeps withdrawn rows', async () => {
    const { client, user } = await createClient();

    const granted = await graphql<{ grantConsent: Profile }>(app, GRANT, { as: user, variables: consent('2025-01') });
    expect(granted.errors).toBeUndefined();
    expect(granted.data?.grantConsent.consents).toMatchObject([
      { kind: 'SHARE_CONTACT_WITH_PARTNERS', textVersion: '2025-01', withdrawnAt: null, active: true },
    ]);
    await graphql(app, GRANT, { as: user, variables: consent('2025-01') });
    expect(await rowsOf(client.id)).toHaveLength(1);

    await graphql(app, GRANT, { as: user, variables: consent('2025-06') });
    let rows = await rowsOf(client.id);
    expect(rows.map((row) => [row.textVersion, row.withdrawnAt !== null])).toEqual([
      ['2025-01', true],
      ['2025-06', false],
    ]);

    const withdrawn = await graphql<{ withdrawConsent: Profile }>(app, WITHDRAW, {
      as: user,
      variables: { input: { kind: 'SHARE_CONTACT_WITH_PARTNERS' } },
    });
    expect(withdrawn.errors).toBeUndefined();
    expect(withdrawn.data?.withdrawConsent.consents).toEqual([]);
    expect(withdrawn.data?.withdrawConsent.consentHistory.map((row) => row.active)).toEqual([false, false]);
    rows = await rowsOf(client.id);
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.withdrawnAt !== null)).toBe(true);

    const again = await graphql(app, WITHDRAW, { as: user, variables: { input: { kind: 'SHARE_CONTACT_WITH_PARTNERS' } } });
    expect(again.errors).toBeUndefined();
    expect(await rowsOf(client.id)).toEqual(rows);
  });

  it('refuses a malformed text version and records nothing', async () => {
    const { client, user } = await createClient();
    const response = await graphql(app, GRANT, { as: user, variables: consent('  ') });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(await rowsOf(client.id)).toEqual([]);
  });

  it('leaves one consent in force after simultaneous grants', async () => {
    const { client, user } = await createClient();
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((version) => graphql(app, GRANT, { as: user, variables: consent(version) })));
    const rows = await rowsOf(client.id);
    expect(rows).toHaveLength(5);
    expect(rows.filter((row) => row.withdrawnAt === null)).toHaveLength(1);
  });
});

describe('eraseMyData', () => {
  async function clientWithEverything() {
    const user = telegramUser({ first_name: 'Ирина', last_name: 'Петрова', username: 'irina_p' });
    await graphql(app, UPSERT, { as: user });
    await graphql(app, UPDATE, { as: user, variables: { input: { phone: '+79161234567', preferredChannels: ['PHONE', 'TELEGRAM'] } } });
    await graphql(app, GRANT, { as: user, variables: { input: { kind: 'SHARE_CONTACT_WITH_PARTNERS', textVersion: 'v1' } } });
    const client = (await clientRow(user.id))!;
    const { master } = await createMaster();
    const service = await createService();
    const city = await createCity();
    await recordInterest(prisma, { clientId: client.id, serviceId: service.id, cityId: city.id, now: new Date() });
    await prisma.clientServiceStats.create({
      data: { clientId: client.id, serviceId: service.id, cityId: city.id, bookingsCount: 1, lastBookedAt: new Date() },
    });
    const upcoming = await createClientBooking({
      clientId: client.id,
      masterId: master.id,
      serviceId: service.id,
      startsAt: hoursFromNow(24),
      clientName: 'Ирина Петрова',
      clientPhone: '+79161234567',
      comment: 'Аллергия на лак, звонить Ирине',
    });
    const cancelled = await createClientBooking({
      clientId: client.id,
      masterId: master.id,
      startsAt: hoursFromNow(-24),
      status: 'CANCELLED',
      clientName: 'Ирина Петрова',
      cancellationReason: 'Заболела, Ирина',
    });
    return { user, client, master, upcoming, cancelled };
  }

  it('removes the personal data everywhere and keeps the booking facts the master needs', async () => {
    const { user, client, master, upcoming, cancelled } = await clientWithEverything();
    const bystander = await createClient();
    const theirs = await createClientBooking({ clientId: bystander.client.id, masterId: master.id, startsAt: hoursFromNow(72) });

    const response = await graphql<{ eraseMyData: string }>(app, ERASE, { as: user });

    expect(response.errors).toBeUndefined();
    const erasedAt = response.data!.eraseMyData;
    // The row lives on under a new id: nothing from before can be tied to the person again.
    expect(await prisma.client.findUnique({ where: { id: client.id } })).toBeNull();
    const row = (await clientRow(user.id))!;
    expect(row.id).not.toBe(client.id);
    expect(row).toMatchObject({
      erasedAt: new Date(erasedAt),
      firstName: null,
      lastName: null,
      username: null,
      languageCode: null,
      phone: null,
      preferredChannels: [],
    });
    expect(await prisma.telegramUser.findUnique({ where: { telegramId: BigInt(user.id) } })).toMatchObject({
      firstName: '',
      lastName: null,
      username: null,
    });
    // The master keeps the bookings, anonymous: detached from the client.
    const bookings = await prisma.booking.findMany({ where: { id: { in: [cancelled.id, upcoming.id] } }, orderBy: { startsAt: 'asc' } });
    expect(bookings).toEqual([
      {
        ...cancelled,
        clientId: null,
        clientName: ERASED_CLIENT_NAME,
        clientPhone: null,
        comment: null,
        cancellationReason: null,
        updatedAt: expect.any(Date),
      },
      { ...upcoming, clientId: null, clientName: ERASED_CLIENT_NAME, clientPhone: null, comment: null, updatedAt: expect.any(Date) },
    ]);
    expect(await prisma.booking.count({ where: { clientId: { in: [client.id, row.id] } } })).toBe(0);
    expect(await prisma.clientServiceStats.count({ where: { clientId: { in: [client.id, row.id] } } })).toBe(0);
    expect(await prisma.booking.findUnique({ where: { id: theirs.id } })).toEqual(theirs);
    // The consent stays as the record of what was agreed, withdrawn and detached from the person.
    expect(await prisma.clientConsent.count({ where: { clientId: row.id } })).toBe(0);
    const consents = await prisma.clientConsent.findMany({ where: { formerClientId: client.id } });
    expect(consents).toMatchObject([{ clientId: null, withdrawnAt: new Date(erasedAt) }]);
    expect(await prisma.clientServiceInterest.count({ where: { clientId: client.id } })).toBe(0);

    const audit = await prisma.auditEvent.findMany({ where: { subjectType: 'client', subjectId: client.id } });
    expect(audit).toMatchObject([
      {
        action: CLIENT_DATA_ERASED_ACTION,
        actor: `client:${client.id}`,
        details: { bookings: 2, statsDeleted: 1, consentsWithdrawn: 1, interestsDeleted: 1, reviewsDetached: 0 },
      },
    ]);
    const recorded = JSON.stringify(
      audit.map(({ action, actor, subjectType, subjectId, details }) => ({ action, actor, subjectType, subjectId, details })),
    );
    expect(recorded).not.toMatch(/Ирин|Петров|irina|7916|Аллерг/);
    expect(recorded).not.toContain(String(user.id));

    expect(codeOf(await graphql(app, PROFILE, { as: user }))).toBe('FORBIDDEN');
  });

  it('is idempotent: a second call answers the same time, changes nothing and audits nothing', async () => {
    const { user, client } = await clientWithEverything();
    const first = await graphql<{ eraseMyData: string }>(app, ERASE, { as: user });
    const rowAfterFirst = await prisma.client.findUnique({ where: { id: client.id } });

    const second = await graphql<{ eraseMyData: string }>(app, ERASE, { as: user });

    expect(second.errors).toBeUndefined();
    expect(second.data?.eraseMyData).toBe(first.data?.eraseMyData);
    expect(await prisma.client.findUnique({ where: { id: client.id } })).toEqual(rowAfterFirst);
    expect(await prisma.auditEvent.count({ where: { subjectType: 'client', subjectId: client.id } })).toBe(1);
  });

  it('audits once when erasures run at the same time', async () => {
    const { user, client } = await clientWithEverything();
    const responses = await Promise.all(Array.from({ length: 5 }, () => graphql<{ eraseMyData: string }>(app, ERASE, { as: user })));
    expect(new Set(responses.map((response) => response.data?.eraseMyData)).size).toBe(1);
    expect(await prisma.auditEvent.count({ where: { subjectType: 'client', subjectId: client.id } })).toBe(1);
  });

  it('answers null for a user without a client profile and writes nothing; 401 for anonymous callers', async () => {
    const stranger = telegramUser();
    expect((await graphql(app, ERASE, { as: stranger })).data).toEqual({ eraseMyData: null });
    expect(await rowsOfTelegramUser(stranger.id)).toEqual({ users: 0, masters: 0, clients: 0, events: 0 });
    expect((await graphql(app, ERASE)).status).toBe(401);
  });

  it('leaves the Telegram name of someone who is also a master', async () => {
    const { user } = await createMaster();
    await graphql(app, UPSERT, { as: user });
    expect((await graphql(app, ERASE, { as: user })).errors).toBeUndefined();
    expect(await prisma.telegramUser.findUnique({ where: { telegramId: BigInt(user.id) } })).toMatchObject({
      firstName: user.first_name,
    });
    expect(await clientRow(user.id)).toMatchObject({ firstName: null, erasedAt: expect.any(Date) });
  });
});
