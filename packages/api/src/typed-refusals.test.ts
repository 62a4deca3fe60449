import { encodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { createTestApp, graphql, initDataFor, telegramUser, testPrisma } from '../test/app.js';
import { createCity, createClient, createClientBooking, createMaster, createService } from '../test/factories.js';
import { postGraphQL } from '../test/http.js';
import { MAX_OPERATION_COST } from './cost-limit.js';
import { createPartnerKey } from './modules/partner/partner-keys.service.js';

const prisma = testPrisma();
const app = createTestApp({ env: { SEGMENT_MIN_COHORT_SIZE: '1' } });
const codeOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.code;

describe('refusals before execution', () => {
  it('a variable that does not coerce is BAD_USER_INPUT with status 400', async () => {
    const calendar = 'query ($from: DateTime!, $to: DateTime!) { masterCalendar(from: $from, to: $to) { __typename } }';
    const date = await graphql(app, calendar, { variables: { from: 'tomorrow at ten', to: '2026-12-01T00:00:00Z' } });
    expect([date.status, codeOf(date)]).toEqual([400, 'BAD_USER_INPUT']);
    const missing = await graphql(app, calendar, { variables: { from: '2026-12-01T00:00:00Z' } });
    expect([missing.status, codeOf(missing)]).toEqual([400, 'BAD_USER_INPUT']);
    const wrongEnum = await graphql(app, 'query ($kind: SegmentKind!) { __typename @include(if: true) k: __typename @skip(if: false) }', {
      variables: { kind: 'SOMETIMES' },
    });
    expect(codeOf(wrongEnum)).toBe('GRAPHQL_VALIDATION_FAILED'); // an unused variable: the document itself is refused
    const enumValue = await graphql(app, 'query ($f: SegmentFilter!) { segmentSize(filter: $f) { size } }', {
      variables: { f: { serviceId: 'x', cityId: 'y', kind: 'SOMETIMES' } },
    });
    expect([enumValue.status, codeOf(enumValue)]).toEqual([400, 'BAD_USER_INPUT']);
  });

  it('a document that does not parse or validate is GRAPHQL_VALIDATION_FAILED, without internals', async () => {
    const unknownField = await graphql(app, '{ nope }');
    expect(codeOf(unknownField)).toBe('GRAPHQL_VALIDATION_FAILED');
    const unparsable = await postGraphQL(app, '{ cities(first: ');
    expect(JSON.parse(unparsable.text).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(unparsable.text).not.toMatch(/\bat \w+ \(|node_modules/);
  });
});

describe('node and nodes', () => {
  const NODE = 'query ($id: ID!) { node(id: $id) { id } }';

  it('answer null alike for unknown, malformed, unloadable, internal and foreign ids', async () => {
    const mine = await createClient();
    const other = await createClient();
    const { master } = await createMaster();
    const booking = await createClientBooking({
      clientId: other.client.id,
      masterId: master.id,
      startsAt: new Date(Date.now() + 6 * 3600_000),
    });
    const ids = [
      encodeGlobalID('Booking', booking.id), // another client's booking
      encodeGlobalID('Booking', crypto.randomUUID()), // none at all
      encodeGlobalID('Client', other.client.id), // a type that is not in the schema
      encodeGlobalID('WaitlistEntry', crypto.randomUUID()), // a Node that does not load by id
      encodeGlobalID('City', 'not-a-uuid'),
      encodeGlobalID('Master', crypto.randomUUID()),
      'garbage',
      '',
    ];
    const answers = await Promise.all(ids.map((id) => graphql(app, NODE, { as: mine.user, variables: { id } })));
    for (const answer of answers)
      expect({ status: answer.status, data: answer.data, errors: answer.errors }).toEqual({
        status: 200,
        data: { node: null },
        errors: undefined,
      });
    const many = await graphql(app, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { as: mine.user, variables: { ids } });
    expect(many.errors).toBeUndefined();
    expect(many.data).toEqual({ nodes: ids.map(() => null) });
  });

  it('still load what may be loaded', async () => {
    const city = await createCity();
    const id = encodeGlobalID('City', city.id);
    const response = await graphql(app, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } node(id: "x") { id } }', {
      variables: { ids: [id, 'x', id] },
    });
    expect(response.data).toEqual({ nodes: [{ id }, null, { id }], node: null });
  });

  it('nodes takes at most 100 ids', async () => {
    const query = 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }';
    const hundred = await graphql(app, query, { variables: { ids: Array.from({ length: 100 }, () => 'x') } });
    expect(hundred.errors).toBeUndefined();
    const more = await graphql(app, query, { variables: { ids: Array.from({ length: 101 }, () => 'x') } });
    expect(more.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'ids' }] });
  });
});

describe('identity', () => {
  it('validly signed init data with a user id of zero or below is UNAUTHENTICATED', async () => {
    for (const id of [0, -1, -1001234567890]) {
      const response = await graphql(app, '{ me { telegramId } }', { authorization: `tma ${initDataFor(telegramUser({ id }))}` });
      expect([response.status, codeOf(response)]).toEqual([401, 'UNAUTHENTICATED']);
    }
    expect(await prisma.telegramUser.count({ where: { telegramId: { lte: 0 } } })).toBe(0);
  });
});

describe('cost limit', () => {
  const search = (first: string) => `searchMasters(first: ${first}, filter: { cityId: $c, serviceId: $s }) { edges { node { id } } }`;

  it('refuses 15 aliased searchMasters(first: 50), with literal or variable page sizes', async () => {
    const variables = { c: encodeGlobalID('City', crypto.randomUUID()), s: encodeGlobalID('Service', crypto.randomUUID()), n: 50 };
    const aliases = (first: string) => Array.from({ length: 15 }, (_, i) => `a${i}: ${search(first)}`).join(' ');
    for (const query of [`query ($c: ID!, $s: ID!) { ${aliases('50')} }`, `query ($c: ID!, $s: ID!, $n: Int) { ${aliases('$n')} }`]) {
      const response = await graphql(app, query, { variables });
      expect(codeOf(response)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(response.errors?.[0]?.message).toMatch(/cost limit/);
    }
    const one = await graphql(app, `query ($c: ID!, $s: ID!) { ${search('50')} }`, { variables });
    expect(one.errors).toBeUndefined();
  });

  it(`fits segment(first: 1000) with every member field (limit ${MAX_OPERATION_COST})`, async () => {
    const [city, service] = await Promise.all([createCity(), createService()]);
    const { key } = await createPartnerKey(prisma, {
      partnerName: `Partner ${crypto.randomUUID()}`,
      cityIds: [city.id],
      serviceIds: [service.id],
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const { client } = await createClient();
    await prisma.clientServiceStats.create({
      data: { clientId: client.id, serviceId: service.id, cityId: city.id, bookingsCount: 1, lastBookedAt: new Date() },
    });
    const response = await graphql<{ segment: { edges: unknown[] } }>(
      app,
      `query ($f: SegmentFilter!) {
        segmentSize(filter: $f) { size withheld minimumCohortSize }
        segment(filter: $f, first: 1000) {
          withheld
          edges { cursor node { id bookingsCount lastBookedAt firstSeenAt lastSeenAt contact { name phone preferredChannels } } }
          pageInfo { hasNextPage endCursor }
        }
      }`,
      {
        authorization: `Bearer ${key}`,
        variables: { f: { cityId: encodeGlobalID('City', city.id), serviceId: encodeGlobalID('Service', service.id), kind: 'BOOKED' } },
      },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.segment.edges).toHaveLength(1);
  });
});
