import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResponse, graphql, telegramUser, testPrisma } from '../test/app.js';
import { testDatabaseUrl } from '../test/database.js';
import { createLogger } from './logger.js';
import { openRateLimitStore } from './rate-limits.js';

const prisma = testPrisma();
const CITIES = '{ cities(first: 1) { edges { node { id } } } }';
const LOG = 'mutation Log($input: LogWebAppEventInput!) { logWebAppEvent(input: $input) { path } }';

const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;
/** An address no other test sends from: the counters are in the database, shared by every app of the file. */
const freshAddress = () => `198.51.100.${randomUUID().slice(0, 8)}`;

async function counted(limit: string, key: string) {
  const row = await prisma.rateLimit.findUnique({ where: { key: `${limit}:${key}` } });
  return row?.points;
}

describe('GraphQL rate limits', () => {
  it('counts a signed-in user by Telegram id, wherever the requests come from', async () => {
    const app = createTestApp({ env: { GRAPHQL_REQUESTS_PER_MINUTE_PER_USER: '3' } });
    const user = telegramUser();
    const other = telegramUser();

    const answers = [];
    for (const from of [freshAddress(), freshAddress(), freshAddress()]) answers.push(await graphql(app, CITIES, { as: user, from }));
    const refused = await graphql(app, CITIES, { as: user, from: freshAddress() });
    const someoneElse = await graphql(app, CITIES, { as: other });

    expect(answers.map((answer) => answer.errors)).toEqual([undefined, undefined, undefined]);
    expect(refused.status).toBe(429);
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.data).toBeUndefined();
    expect(someoneElse.errors).toBeUndefined();
    expect(await counted('graphql-user', String(user.id))).toBe(4);
    expect(await counted('graphql-user', String(other.id))).toBe(1);
  });

  it('counts anonymous callers by address, and signed-in users not against it', async () => {
    const app = createTestApp({ env: { GRAPHQL_REQUESTS_PER_MINUTE_PER_ADDRESS: '2' } });
    const [address, another] = [freshAddress(), freshAddress()];

    const first = await graphql(app, CITIES, { from: address });
    const second = await graphql(app, CITIES, { from: address });
    const third = await graphql(app, CITIES, { from: address });
    const elsewhere = await graphql(app, CITIES, { from: another });
    const signedIn = await graphql(app, CITIES, { from: address, as: telegramUser() });

    expect([first.errors, second.errors]).toEqual([undefined, undefined]);
    expect(third.status).toBe(429);
    expect(codeOf(third)).toBe('RATE_LIMITED');
    expect(elsewhere.errors).toBeUndefined();
    expect(signedIn.errors).toBeUndefined();
    expect(await counted('graphql-address', address)).toBe(3);
  });

  it('refuses before anything runs: a limited mutation writes nothing', async () => {
    const app = createTestApp({ env: { GRAPHQL_REQUESTS_PER_MINUTE_PER_ADDRESS: '1' } });
    const address = freshAddress();
    const path = `/limited/${randomUUID()}`;

    const allowed = await graphql(app, LOG, { from: address, variables: { input: { stage: 'search', path: `${path}/1` } } });
    const refused = await graphql(app, LOG, { from: address, variables: { input: { stage: 'search', path: `${path}/2` } } });

    expect(allowed.errors).toBeUndefined();
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    const rows = await prisma.webAppEvent.findMany({ where: { path: { startsWith: path } }, select: { path: true } });
    expect(rows).toEqual([{ path: `${path}/1` }]);
  });

  it('is one budget for apps with their own connections to the database, as two instances are', async () => {
    const log = createLogger('silent');
    const [storeA, storeB] = [openRateLimitStore(testDatabaseUrl(), log), openRateLimitStore(testDatabaseUrl(), log)];
    try {
      const env = { GRAPHQL_REQUESTS_PER_MINUTE_PER_USER: '10' };
      const [a, b] = [createTestApp({ env, rateLimits: storeA }), createTestApp({ env, rateLimits: storeB })];
      const user = telegramUser();
      // 16 requests at once, half to each: exactly 10 pass, whichever instance they reached.
      const answers = await Promise.all(Array.from({ length: 16 }, (_, index) => graphql(index % 2 ? a : b, CITIES, { as: user })));

      expect(answers.filter((answer) => answer.errors === undefined)).toHaveLength(10);
      expect(answers.filter((answer) => codeOf(answer) === 'RATE_LIMITED')).toHaveLength(6);
      // A request that arrives after its instance saw the budget spent is refused from memory, uncounted.
      expect(await counted('graphql-user', String(user.id))).toBeGreaterThanOrEqual(11);
    } finally {
      await Promise.all([storeA.close(), storeB.close()]);
    }
  });

  it('falls back to counting in memory when its database is unreachable, rather than refusing everyone', async () => {
    const store = openRateLimitStore('postgresql://postgres@127.0.0.1:1/nowhere', createLogger('silent'), 1);
    try {
      const limit = store.limit('test-insurance', 2, 'Too many.');
      await limit.consume('someone');
      await limit.consume('someone');
      await expect(limit.consume('someone')).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
      await expect(limit.consume('someone else')).resolves.toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
