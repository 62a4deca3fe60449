import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, graphql } from '../../../test/app.js';
import { postGraphQL, request } from '../../../test/http.js';
import { createPrismaClient } from '../../db.js';

const app = createTestApp();
/** Nothing listens on port 1: every query through this client fails to connect. */
const deadPrisma = createPrismaClient('postgresql://postgres@127.0.0.1:1/none', 1);
const appWithoutDatabase = createTestApp({ prisma: deadPrisma });

afterAll(async () => {
  await deadPrisma.$disconnect();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('health and readiness', () => {
  it('answers /health with 200 and a small JSON body', async () => {
    const response = await request(app, '/health');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(response.text)).toEqual({ status: 'ok' });
  });

  it('answers /ready with 200 and the state of the database and the job queue when both answer', async () => {
    expect(JSON.parse((await request(app, '/ready')).text)).toEqual({ status: 'ready', database: 'ok', jobQueue: 'off' });
    const withQueue = createTestApp({ jobQueueProbe: async () => ({ name: 'queue' }) });
    const response = await request(withQueue, '/ready');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ status: 'ready', database: 'ok', jobQueue: 'ok' });
  });

  it('answers /ready with 503 when the database or the job queue is unreachable', async () => {
    const noDatabase = await request(appWithoutDatabase, '/ready');
    expect(noDatabase.status).toBe(503);
    expect(JSON.parse(noDatabase.text)).toEqual({ status: 'unavailable', database: 'unreachable', jobQueue: 'off' });
    const deadQueue = createTestApp({
      jobQueueProbe: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1')),
    });
    const noQueue = await request(deadQueue, '/ready');
    expect(noQueue.status).toBe(503);
    expect(JSON.parse(noQueue.text)).toEqual({ status: 'unavailable', database: 'ok', jobQueue: 'unreachable' });
    expectNothingInternal(noQueue.text, ['database']);
  });

  it('does not tell callers of /ready where the database is', async () => {
    const response = await request(appWithoutDatabase, '/ready');

    expect(response.status).toBe(503);
    expectNothingInternal(response.text, ['database']);
  });
});

describe('unexpected errors', () => {
  it('reach the client as "Unexpected error." without stack, cause or database details', async () => {
    const response = await postGraphQL(appWithoutDatabase, '{ cities(first: 5) { edges { node { id name } } } }');

    const body = JSON.parse(response.text) as { data: unknown; errors: { message: string; extensions?: object }[] };
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]!.message).toBe('Unexpected error.');
    expect(body.errors[0]!.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expectNothingInternal(response.text);
  });
});

describe('GraphQL Armor', () => {
  it('refuses a query deeper than 10 levels, and accepts one of 10', async () => {
    const refused = await graphql(app, typeQueryOfDepth(11));
    expect(refused.data).toBeUndefined();
    expect(refused.errors?.map((error) => error.message)).toEqual([expect.stringMatching(/depth limit of 10 exceeded/)]);

    const accepted = await graphql(app, typeQueryOfDepth(10));
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data).toMatchObject({ __type: { name: 'City' } });
  });

  it('refuses a query with more than 15 aliases, and accepts one with 15', async () => {
    const refused = await graphql(app, citiesWithAliases(16));
    expect(refused.data).toBeUndefined();
    expect(refused.errors?.map((error) => error.message)).toEqual([expect.stringMatching(/Aliases limit of 15 exceeded/)]);

    const accepted = await graphql(app, citiesWithAliases(15));
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data).toHaveProperty('cities.edges');
  });
});

describe('introspection', () => {
  const INTROSPECTION = '{ __schema { queryType { name } } }';

  it('works by default outside production', async () => {
    const response = await graphql(app, INTROSPECTION);

    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('is refused when INTROSPECTION=false', async () => {
    const closed = createTestApp({ env: { INTROSPECTION: 'false' } });

    const schema = await graphql(closed, INTROSPECTION);
    const type = await graphql(closed, '{ __type(name: "City") { name } }');

    for (const response of [schema, type]) {
      expect(response.data ?? null).toBeNull();
      expect(response.errors?.[0]?.message).toMatch(/introspection has been disabled/);
    }
    // Ordinary queries still work.
    expect((await graphql(closed, '{ cities(first: 1) { pageInfo { hasNextPage } } }')).errors).toBeUndefined();
  });
});

describe('GraphiQL', () => {
  const asBrowser = { headers: { accept: 'text/html' } };

  it('is served at GET /graphql to a browser, with the example operations', async () => {
    const response = await request(app, '/graphql', asBrowser);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.text).toContain('query Cities');
    expect(response.text).toContain('query Me');
    expect(response.text).toContain('query Funnel');
    // Self-hosted: works on machines without access to a CDN.
    expect(response.text).not.toMatch(/(src|href)=["']?https?:\/\/unpkg\.com/);
  });

  it('is not served when GRAPHIQL=false', async () => {
    const response = await request(createTestApp({ env: { GRAPHIQL: 'false' } }), '/graphql', asBrowser);

    expect(response.status).not.toBe(200);
    expect(response.headers.get('content-type') ?? '').not.toMatch(/html/);
    expect(response.text).not.toContain('query Cities');
    expect(response.text).not.toMatch(/<html|graphiql/i);
  });
});

describe('x-request-id', () => {
  it('echoes a sane incoming request id', async () => {
    const id = 'trace-0123456789.abc_DEF';

    const graphqlResponse = await postGraphQL(app, '{ __typename }', { 'x-request-id': id });
    const health = await request(app, '/health', { headers: { 'x-request-id': id } });

    expect(graphqlResponse.headers.get('x-request-id')).toBe(id);
    expect(health.headers.get('x-request-id')).toBe(id);
  });

  it('replaces a missing or insane request id with a fresh one', async () => {
    const insane = ['has spaces in it', 'short', 'x'.repeat(129), 'quote"and<angle>'];
    const ids: string[] = [];
    for (const id of insane) {
      const response = await postGraphQL(app, '{ __typename }', { 'x-request-id': id });
      ids.push(response.headers.get('x-request-id')!);
    }
    ids.push((await postGraphQL(app, '{ __typename }')).headers.get('x-request-id')!);
    ids.push((await postGraphQL(app, '{ __typename }')).headers.get('x-request-id')!);

    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is set on refused requests too', async () => {
    const response = await postGraphQL(app, '{ me { telegramId } }', { authorization: 'tma forged', 'x-request-id': 'refused-request-1' });

    expect(response.status).toBe(401);
    expect(response.headers.get('x-request-id')).toBe('refused-request-1');
  });
});

/** An introspection query of exactly `depth` levels (`__type` … `name`), valid against any schema. */
function typeQueryOfDepth(depth: number): string {
  const ofTypes = depth - 4;
  return `{ __type(name: "City") { name fields { type ${'{ ofType '.repeat(ofTypes)}{ name }${' }'.repeat(ofTypes)} } } }`;
}

function citiesWithAliases(count: number): string {
  const aliases = Array.from({ length: count }, (_, index) => `a${index}: slug`).join(' ');
  return `{ cities(first: 1) { edges { node { ${aliases} } } } }`;
}

/** Nothing a client may not see: no stack, no cause, no database address or driver message. */
/** `allowed`: words the body may hold by design (/ready names its dependencies). */
function expectNothingInternal(text: string, allowed: string[] = []) {
  const secrets = ['127.0.0.1', 'ECONNREFUSED', 'at ', 'stack', 'originalError', 'prisma', 'database'];
  for (const secret of secrets.filter((word) => !allowed.includes(word))) {
    expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
  }
}
