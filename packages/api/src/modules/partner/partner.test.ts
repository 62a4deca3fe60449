import { createHash } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { PrismaPg } from '@prisma/adapter-pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createTestApp, type GraphQLResponse, graphql, type TestApp, telegramUser, testPrisma } from '../../../test/app.js';
import { runCommandProcess, runTestCommand } from '../../../test/commands.js';
import { testDatabaseUrl } from '../../../test/database.js';
import { createCity, createClient, createService } from '../../../test/factories.js';
import { PrismaClient } from '../../generated/prisma/client.js';
import { partnerCommand } from './partner.command.js';
import { createPartnerKey, revokePartnerKey } from './partner-keys.service.js';
import { pseudonymousId } from './pseudonym.js';

const prisma = testPrisma();
const app = createTestApp({ env: { SEGMENT_MIN_COHORT_SIZE: '3' } });

const SEGMENT = /* GraphQL */ `
  query Segment($filter: SegmentFilter!, $first: Int, $after: String) {
    segment(filter: $filter, first: $first, after: $after) {
      withheld
      edges {
        cursor
        node { id bookingsCount lastBookedAt firstSeenAt lastSeenAt contact { name phone preferredChannels } }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
const SIZE = /* GraphQL */ `
  query Size($filter: SegmentFilter!) { segmentSize(filter: $filter) { size withheld minimumCohortSize } }
`;

interface Member {
  id: string;
  bookingsCount: number;
  lastBookedAt: string | null;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
  contact: { name: string | null; phone: string | null; preferredChannels: string[] } | null;
}
interface SegmentData {
  segment: { withheld: boolean; edges: { cursor: string; node: Member }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const codeOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.code;
const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
const IN_A_YEAR = new Date(Date.now() + 365 * 86_400_000);

/** A city and a service, and a key of a new partner granted both (plus another city and service). */
async function market() {
  const [city, service, otherCity, otherService] = await Promise.all([createCity(), createService(), createCity(), createService()]);
  const filter = { cityId: encodeGlobalID('City', city.id), serviceId: encodeGlobalID('Service', service.id) };
  return { city, service, otherCity, otherService, filter };
}

async function partnerKey(place: Awaited<ReturnType<typeof market>>, overrides: { name?: string; expiresAt?: Date } = {}) {
  return createPartnerKey(prisma, {
    partnerName: overrides.name ?? `Partner ${Math.random().toString(36).slice(2)}`,
    cityIds: [place.city.id],
    serviceIds: [place.service.id],
    expiresAt: overrides.expiresAt ?? IN_A_YEAR,
  });
}

/** A client who booked the service in the city `count` times, the latest `minutesAgo`. */
async function bookedClient(place: Awaited<ReturnType<typeof market>>, minutesAgo: number, count = 1, seenMinutesAgo?: number) {
  const user = telegramUser();
  const { client } = await createClient({ user });
  const lastBookedAt = at(minutesAgo);
  await prisma.clientServiceStats.create({
    data: { clientId: client.id, serviceId: place.service.id, cityId: place.city.id, bookingsCount: count, lastBookedAt },
  });
  const lastSeenAt = seenMinutesAgo === undefined ? undefined : at(seenMinutesAgo);
  if (lastSeenAt) {
    await prisma.clientServiceInterest.create({
      data: { clientId: client.id, serviceId: place.service.id, cityId: place.city.id, firstSeenAt: at(seenMinutesAgo! + 60), lastSeenAt },
    });
  }
  return { client, user, lastBookedAt, lastSeenAt };
}

/** A client who looked at the service in the city `minutesAgo` and never booked it. */
async function interestedClient(place: Awaited<ReturnType<typeof market>>, minutesAgo: number) {
  const user = telegramUser();
  const { client } = await createClient({ user });
  const lastSeenAt = at(minutesAgo);
  await prisma.clientServiceInterest.create({
    data: { clientId: client.id, serviceId: place.service.id, cityId: place.city.id, firstSeenAt: at(minutesAgo + 60), lastSeenAt },
  });
  return { client, user, lastSeenAt };
}

async function consent(clientId: string, data: { phone: string; lastName?: string }) {
  await prisma.client.update({
    where: { id: clientId },
    data: { phone: data.phone, lastName: data.lastName, preferredChannels: ['TELEGRAM', 'PHONE'] },
  });
  await prisma.clientConsent.create({ data: { clientId, kind: 'SHARE_CONTACT_WITH_PARTNERS', textVersion: 'partners-v1' } });
}

function pull(key: string, variables: Record<string, unknown>, on: TestApp = app) {
  return graphql<SegmentData>(on, SEGMENT, { variables, authorization: `Bearer ${key}` });
}

const pullsOf = (partnerId: string) => prisma.segmentPull.findMany({ where: { partnerId }, orderBy: { id: 'asc' } });

describe('partner keys', () => {
  it('stores only a hash and a visible prefix, and lets the key in until it is revoked or expires', async () => {
    const place = await market();
    const created = await partnerKey(place);
    expect(created.key).toMatch(/^zpk_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    const row = await prisma.partnerApiKey.findUniqueOrThrow({ where: { id: created.keyId } });
    expect(row.prefix).toBe(created.key.slice(0, 12));
    expect(Buffer.from(row.keyHash).toString('hex')).toBe(createHash('sha256').update(created.key).digest('hex'));
    expect(JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(created.key.slice(13));

    const ok = await graphql(app, SIZE, { variables: { filter: place.filter }, authorization: `Bearer ${created.key}` });
    expect(ok.errors).toBeUndefined();

    expect(await revokePartnerKey(prisma, created.prefix)).toBe(true);
    const revoked = await graphql(app, SIZE, { variables: { filter: place.filter }, authorization: `Bearer ${created.key}` });
    expect(revoked.status).toBe(401);
    expect(codeOf(revoked)).toBe('UNAUTHENTICATED');
    expect(revoked.data ?? null).toBeNull();
  });

  it('refuses a key revoked elsewhere at its next pull, though this instance verified it from memory', async () => {
    const place = await market();
    const { key, keyId, partnerId } = await partnerKey(place);
    for (let n = 0; n < 3; n++) await bookedClient(place, n);
    const filter = { ...place.filter, kind: 'BOOKED' };
    expect((await pull(key, { filter })).data?.segment.edges).toHaveLength(3);
    // Revoked as another instance or the CLI does it: a write this process does not see.
    await prisma.partnerApiKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });

    const page = await pull(key, { filter });
    const size = await graphql(app, SIZE, { variables: { filter }, authorization: `Bearer ${key}` });
    for (const refused of [page, size]) {
      expect(refused.status).toBe(401);
      expect(codeOf(refused)).toBe('UNAUTHENTICATED');
      expect(refused.data ?? null).toBeNull();
    }
    // Nothing given out, nothing audited but the pull made before the revocation.
    expect((await pullsOf(partnerId)).map((row) => [row.operation, row.membersCount])).toEqual([['segment', 3]]);
    // And the key is looked up again: refused before any field runs.
    const cities = await graphql(app, `{ cities { edges { node { id } } } }`, { authorization: `Bearer ${key}` });
    expect(cities.status, JSON.stringify(cities)).toBe(401);
  });

  it('refuses expired, unknown and malformed keys with 401 and audits nothing', async () => {
    const place = await market();
    const expired = await partnerKey(place, { expiresAt: new Date(Date.now() + 50) });
    await new Promise((resolve) => setTimeout(resolve, 60));
    const valid = await partnerKey(place);
    const forged = `${valid.prefix}_${'A'.repeat(43)}`;
    for (const key of [expired.key, forged, 'zpk_nothing', `${valid.key}x`]) {
      const response = await graphql(app, SIZE, { variables: { filter: place.filter }, authorization: `Bearer ${key}` });
      expect(response.status, key).toBe(401);
      expect(codeOf(response)).toBe('UNAUTHENTICATED');
    }
    expect(await pullsOf(expired.partnerId)).toEqual([]);
    expect(await pullsOf(valid.partnerId)).toEqual([]);
  });

  it('keeps partner keys and mini-app identities to their own fields', async () => {
    const place = await market();
    const { key } = await partnerKey(place);
    const bearer = `Bearer ${key}`;
    for (const query of ['{ me { telegramId } }', '{ clientProfile { id } }', 'mutation { upsertClient { id } }']) {
      const response = await graphql(app, query, { authorization: bearer });
      expect(codeOf(response), query).toBe('FORBIDDEN');
    }
    const search = await graphql(app, 'query($f: SearchMastersFilter!) { searchMasters(filter: $f) { edges { cursor } } }', {
      variables: { f: place.filter },
      authorization: bearer,
    });
    expect(codeOf(search)).toBe('FORBIDDEN');
    // The catalogue is open to partners: they need its ids for their filters.
    const catalogue = await graphql<{ cities: { edges: unknown[] } }>(app, '{ cities { edges { node { id } } } }', {
      authorization: bearer,
    });
    expect(catalogue.errors).toBeUndefined();
    expect(catalogue.data?.cities.edges.length).toBeGreaterThan(0);

    const miniApp = await graphql(app, SIZE, { variables: { filter: place.filter }, as: telegramUser() });
    expect(codeOf(miniApp)).toBe('FORBIDDEN');
    const anonymous = await graphql(app, SIZE, { variables: { filter: place.filter } });
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
  });

  it('rate-limits each key', async () => {
    const limited = createTestApp({ env: { PARTNER_REQUESTS_PER_MINUTE: '2' } });
    const place = await market();
    const first = await partnerKey(place);
    const second = await partnerKey(place);
    const size = (key: string) => graphql(limited, SIZE, { variables: { filter: place.filter }, authorization: `Bearer ${key}` });
    expect((await size(first.key)).errors).toBeUndefined();
    expect((await size(first.key)).errors).toBeUndefined();
    const refused = await size(first.key);
    expect(refused.status).toBe(429);
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.errors?.[0]?.extensions?.http).toBeUndefined();
    expect((await pullsOf(first.partnerId)).length).toBe(2);
    // Another key has its own budget.
    expect((await size(second.key)).errors).toBeUndefined();
  });
});

describe('segment', () => {
  it('lists booked and interested clients by recency, with their numbers, and pages without gaps', async () => {
    const place = await market();
    const { key } = await partnerKey(place);
    const a = await bookedClient(place, 10, 3, 5); // booked 10 min ago, looked 5 min ago
    const b = await interestedClient(place, 20);
    const c = await bookedClient(place, 30, 1);
    const d = await interestedClient(place, 40);
    const e = await bookedClient(place, 50, 2);
    await bookedClient({ ...place, city: place.otherCity }, 1); // another city: never in this segment
    await createClient(); // no activity at all

    const booked = await pull(key, { filter: { ...place.filter, kind: 'BOOKED' } });
    expect(booked.errors).toBeUndefined();
    expect(booked.data?.segment.edges.map((edge) => edge.node.bookingsCount)).toEqual([3, 1, 2]);
    const [first] = booked.data!.segment.edges;
    expect(first!.node.lastBookedAt).toBe(a.lastBookedAt.toISOString());
    expect(first!.node.lastSeenAt).toBe(a.lastSeenAt?.toISOString());

    // Two interested clients are below the minimum cohort of 3 until a third one looks.
    const interestedFilter = { filter: { ...place.filter, kind: 'INTERESTED' } };
    expect((await pull(key, interestedFilter)).data?.segment).toMatchObject({ withheld: true, edges: [] });
    const f = await interestedClient(place, 60);
    const interested = await pull(key, interestedFilter);
    expect(interested.data?.segment.edges.map((edge) => edge.node.lastSeenAt)).toEqual(
      [b, d, f].map((client) => client.lastSeenAt.toISOString()),
    );
    expect(interested.data?.segment.edges.map((edge) => [edge.node.bookingsCount, edge.node.lastBookedAt])).toEqual([
      [0, null],
      [0, null],
      [0, null],
    ]);

    // ANY, two at a time, by the later of booking and look: a 5, b 20, c 30, d 40 minutes ago.
    const seen: Member[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await pull(key, { filter: { ...place.filter, kind: 'ANY' }, first: 2, after });
      expect(page.errors).toBeUndefined();
      seen.push(...page.data!.segment.edges.map((edge) => edge.node));
      if (!page.data!.segment.pageInfo.hasNextPage) break;
      after = page.data!.segment.pageInfo.endCursor!;
    }
    expect(seen.map((member) => member.bookingsCount)).toEqual([3, 0, 1, 0, 2, 0]);
    expect(new Set(seen.map((member) => member.id)).size).toBe(6);
    expect(seen.map((member) => member.lastSeenAt ?? member.lastBookedAt)).toEqual([
      a.lastSeenAt?.toISOString(),
      b.lastSeenAt.toISOString(),
      c.lastBookedAt.toISOString(),
      d.lastSeenAt.toISOString(),
      e.lastBookedAt.toISOString(),
      f.lastSeenAt.toISOString(),
    ]);

    const recent = await pull(key, { filter: { ...place.filter, kind: 'ANY', activeSince: at(45).toISOString() } });
    expect(recent.data?.segment.edges.map((edge) => edge.node.bookingsCount)).toEqual([3, 0, 1, 0]);
    await bookedClient(place, 70, 5);
    const frequent = await pull(key, { filter: { ...place.filter, kind: 'ANY', minBookings: 2 } });
    expect(frequent.errors).toBeUndefined();
    expect(frequent.data?.segment.edges.map((edge) => edge.node.bookingsCount)).toEqual([3, 2, 5]);
  });

  it('gives contact data only with a consent in force, and drops it the moment consent is withdrawn', async () => {
    const place = await market();
    const { key } = await partnerKey(place);
    const consenting = await bookedClient(place, 10);
    await consent(consenting.client.id, { phone: '+79120000001', lastName: 'Иванова' });
    await bookedClient(place, 20);
    await interestedClient(place, 30);

    const before = await pull(key, { filter: { ...place.filter, kind: 'ANY' } });
    const contacts = before.data!.segment.edges.map((edge) => edge.node.contact);
    expect(contacts).toEqual([
      { name: `${consenting.user.first_name} Иванова`, phone: '+79120000001', preferredChannels: ['TELEGRAM', 'PHONE'] },
      null,
      null,
    ]);

    const withdrawn = await graphql(app, 'mutation { withdrawConsent(input: { kind: SHARE_CONTACT_WITH_PARTNERS }) { id } }', {
      as: consenting.user,
    });
    expect(withdrawn.errors).toBeUndefined();
    const after = await pull(key, { filter: { ...place.filter, kind: 'ANY' } });
    expect(after.data!.segment.edges.map((edge) => edge.node.contact)).toEqual([null, null, null]);
    expect(JSON.stringify(after.data)).not.toContain('+79120000001');

    const audit = await prisma.segmentPull.findMany({ where: { keyPrefix: key.slice(0, 12) }, orderBy: { id: 'asc' } });
    expect(audit.map((row) => [row.operation, row.membersCount, row.contactsCount, row.withheld])).toEqual([
      ['segment', 3, 1, false],
      ['segment', 3, 0, false],
    ]);
  });

  it('drops clients who erased their data at once, and never shows them under their old id again', async () => {
    const place = await market();
    const { key, partnerId } = await partnerKey(place);
    const leaving = await bookedClient(place, 5, 2, 1);
    await bookedClient(place, 10);
    await interestedClient(place, 20);
    await interestedClient(place, 30);
    const size = async () =>
      (
        await graphql<{ segmentSize: { size: number } }>(app, SIZE, {
          variables: { filter: { ...place.filter, kind: 'ANY' } },
          authorization: `Bearer ${key}`,
        })
      ).data?.segmentSize.size;
    expect(await size()).toBe(4);
    const erased = await graphql(app, 'mutation { eraseMyData }', { as: leaving.user });
    expect(erased.errors).toBeUndefined();
    expect(await size()).toBe(3);
    const members = await pull(key, { filter: { ...place.filter, kind: 'BOOKED' }, first: 10 });
    expect(members.data?.segment.withheld).toBe(true); // one booked client left, below 3

    // Coming back after erasure is a fresh start: new activity never shows under the old member id.
    const { pseudonymKey } = await prisma.partner.findUniqueOrThrow({ where: { id: partnerId }, select: { pseudonymKey: true } });
    const oldId = pseudonymousId(pseudonymKey, leaving.client.id);
    await graphql(app, 'mutation { upsertClient { id } }', { as: leaving.user });
    const returned = await prisma.client.findUniqueOrThrow({ where: { telegramId: BigInt(leaving.user.id) } });
    expect(returned.id).not.toBe(leaving.client.id);
    await prisma.clientServiceStats.create({
      data: { clientId: returned.id, serviceId: place.service.id, cityId: place.city.id, bookingsCount: 1, lastBookedAt: new Date() },
    });
    const after = await pull(key, { filter: { ...place.filter, kind: 'ANY' } });
    const ids = after.data!.segment.edges.map((edge) => edge.node.id);
    expect(ids).toHaveLength(4);
    expect(ids).toContain(pseudonymousId(pseudonymKey, returned.id));
    expect(ids).not.toContain(oldId);
  });

  it('uses pseudonymous ids: stable for a partner across pulls and keys, different between partners', async () => {
    const place = await market();
    const name = `Partner ${Math.random().toString(36).slice(2)}`;
    const first = await partnerKey(place, { name });
    const second = await partnerKey(place, { name });
    const other = await partnerKey(place);
    const clients = [await bookedClient(place, 1), await bookedClient(place, 2), await interestedClient(place, 3)];
    const ids = async (key: string) =>
      (await pull(key, { filter: { ...place.filter, kind: 'ANY' } })).data!.segment.edges.map((edge) => edge.node.id);

    const mine = await ids(first.key);
    expect(mine).toHaveLength(3);
    expect(await ids(first.key)).toEqual(mine);
    expect(await ids(second.key)).toEqual(mine);
    const theirs = await ids(other.key);
    expect(theirs).toHaveLength(3);
    expect(theirs.filter((id) => mine.includes(id))).toEqual([]);
    for (const { client } of clients) {
      expect(mine.join()).not.toContain(client.id);
      expect(theirs.join()).not.toContain(client.id);
    }

    // A cursor is the partner's own: another partner's is refused, and reveals no client id.
    const page = await pull(first.key, { filter: { ...place.filter, kind: 'ANY' }, first: 1 });
    const cursor = page.data!.segment.pageInfo.endCursor!;
    expect(Buffer.from(cursor, 'base64url').toString('latin1')).not.toContain(clients[0]!.client.id);
    const stolen = await pull(other.key, { filter: { ...place.filter, kind: 'ANY' }, first: 1, after: cursor });
    expect(codeOf(stolen)).toBe('BAD_USER_INPUT');
  });

  it('withholds segments below the minimum cohort size, sizes included', async () => {
    const place = await market();
    const { key, partnerId } = await partnerKey(place);
    await bookedClient(place, 1);
    await bookedClient(place, 2);
    const small = await pull(key, { filter: { ...place.filter, kind: 'BOOKED' } });
    expect(small.data?.segment).toMatchObject({ withheld: true, edges: [] });
    const smallSize = await graphql(app, SIZE, {
      variables: { filter: { ...place.filter, kind: 'BOOKED' } },
      authorization: `Bearer ${key}`,
    });
    expect(smallSize.data).toEqual({ segmentSize: { size: null, withheld: true, minimumCohortSize: 3 } });

    await bookedClient(place, 3);
    const enough = await pull(key, { filter: { ...place.filter, kind: 'BOOKED' }, first: 1000 });
    expect(enough.data?.segment.withheld).toBe(false);
    expect(enough.data?.segment.edges).toHaveLength(3);

    expect((await pullsOf(partnerId)).map((row) => [row.operation, row.membersCount, row.withheld])).toEqual([
      ['segment', 0, true],
      ['segmentSize', 0, true],
      ['segment', 3, false],
    ]);
  });

  it('pulls in one statement that reads, checks the key and writes the audit row; the key is looked up once', async () => {
    // A client of its own that reports every SQL statement it sends.
    const counted = new PrismaClient({
      adapter: new PrismaPg({ connectionString: testDatabaseUrl(), max: 2 }),
      log: [{ emit: 'event', level: 'query' }],
    });
    onTestFinished(() => counted.$disconnect());
    let sent: string[] = [];
    counted.$on('query', (event) => {
      sent.push(event.query);
    });
    const countedApp = createTestApp({ prisma: counted, env: { SEGMENT_MIN_COHORT_SIZE: '3' } });
    const place = await market();
    const { key, partnerId } = await partnerKey(place);
    for (let n = 0; n < 4; n++) await bookedClient(place, n);
    await pull(key, { filter: { ...place.filter, kind: 'BOOKED' }, first: 1 }, countedApp);
    // The first use: the key's lookup, its last use written and the partner's pseudonym secret read, then the pull.
    expect(sent.map((query) => query.match(/^\s*(\w+)/)?.[1])).toEqual(['SELECT', 'UPDATE', 'SELECT', 'WITH']);

    const statementsOf = async (response: Promise<GraphQLResponse<unknown>>) => {
      sent = [];
      expect((await response).errors).toBeUndefined();
      // The key verified from memory: the pull is the only statement, its audit row and key check included.
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatch(/INSERT INTO segment_pulls[\s\S]*FROM partner_api_keys/);
    };
    const first = pull(key, { filter: { ...place.filter, kind: 'BOOKED' }, first: 2 }, countedApp);
    await statementsOf(first);
    const next = pull(
      key,
      { filter: { ...place.filter, kind: 'BOOKED' }, first: 2, after: (await first).data?.segment.pageInfo.endCursor },
      countedApp,
    );
    await statementsOf(next);
    expect((await next).data?.segment.edges).toHaveLength(2);
    await statementsOf(
      graphql(countedApp, SIZE, { variables: { filter: { ...place.filter, kind: 'BOOKED' } }, authorization: `Bearer ${key}` }),
    );

    // Below the cohort: withheld, and audited so.
    await interestedClient(place, 5);
    const withheld = pull(key, { filter: { ...place.filter, kind: 'INTERESTED' } }, countedApp);
    await statementsOf(withheld);
    expect((await withheld).data?.segment).toMatchObject({ withheld: true, edges: [] });
    expect((await pullsOf(partnerId)).map((row) => [row.operation, row.membersCount, row.contactsCount, row.withheld])).toEqual([
      ['segment', 1, 0, false],
      ['segment', 2, 0, false],
      ['segment', 2, 0, false],
      ['segmentSize', 0, 0, false],
      ['segment', 0, 0, true],
    ]);
  });

  it('refuses filters outside the key’s scope, and bad filters, returning and auditing nothing', async () => {
    const place = await market();
    const { key, partnerId } = await partnerKey(place);
    for (let n = 0; n < 3; n++) await bookedClient(place, n);
    const outside = [
      { ...place.filter, cityId: encodeGlobalID('City', place.otherCity.id) },
      { ...place.filter, serviceId: encodeGlobalID('Service', place.otherService.id) },
    ];
    for (const filter of outside) {
      for (const response of [
        await pull(key, { filter }),
        await graphql(app, SIZE, { variables: { filter }, authorization: `Bearer ${key}` }),
      ]) {
        expect(codeOf(response)).toBe('FORBIDDEN');
        expect(response.data ?? null).toBeNull();
      }
    }
    const bad = [
      { filter: { ...place.filter, kind: 'INTERESTED', minBookings: 1 } },
      { filter: { ...place.filter, minBookings: 0 } },
      { filter: { ...place.filter, cityId: place.filter.serviceId } },
      { filter: place.filter, first: 0 },
      { filter: place.filter, first: 1001 },
      { filter: place.filter, after: 'garbage' },
    ];
    for (const variables of bad) {
      const response = await pull(key, variables);
      expect(codeOf(response), JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
    expect(await pullsOf(partnerId)).toEqual([]);
  });
});

describe('npm run partner:*', () => {
  const cli = (args: string[]) => runTestCommand('Partner command', partnerCommand, args);

  it('creates a key that works, lists it without the secret, audits pulls and revokes it', async () => {
    const place = await market();
    const name = `CLI partner ${Math.random().toString(36).slice(2)}`;
    // The one command run as a process of its own, as `npm run partner:create` does; the rest run in-process.
    const created = await runCommandProcess('src/modules/partner/partner.cli.ts', [
      'create',
      '--name',
      name,
      '--cities',
      place.city.slug,
      '--services',
      place.service.id,
      '--expires',
      '30d',
    ]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const key = /^(zpk_\w{8}_[\w-]{43})$/m.exec(created.stdout)?.[1];
    expect(key).toBeDefined();
    const row = await prisma.partnerApiKey.findUniqueOrThrow({ where: { prefix: key!.slice(0, 12) } });
    expect(row.cityIds).toEqual([place.city.id]);
    expect(row.serviceIds).toEqual([place.service.id]);
    expect(Math.round((row.expiresAt.getTime() - Date.now()) / 86_400_000)).toBe(30);

    expect((await graphql(app, SIZE, { variables: { filter: place.filter }, authorization: `Bearer ${key}` })).errors).toBeUndefined();
    const listed = await cli(['list']);
    expect(listed.stdout).toContain(name);
    expect(listed.stdout).toContain(`${key!.slice(0, 12)}  in force`);
    expect(listed.stdout).not.toContain(key!.slice(13));
    const audit = await cli(['audit', '--partner', name]);
    expect(audit.stdout).toMatch(new RegExp(`${key!.slice(0, 12)}  segmentSize  members 0  contacts 0  withheld`));

    const revoked = await cli(['revoke', key!.slice(0, 12)]);
    expect(revoked.code).toBe(0);
    expect((await graphql(app, SIZE, { variables: { filter: place.filter }, authorization: `Bearer ${key}` })).status).toBe(401);

    const unknown = await cli(['create', '--name', name, '--cities', 'no-such-city', '--services', place.service.slug]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown cities: no-such-city');
    expect(await prisma.partnerApiKey.count({ where: { partner: { name } } })).toBe(1);
  }, 60_000); // one command starts a process
});
