import { randomInt, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestApp, graphql, type RequestOptions, type TestApp, telegramUser, testPrisma } from '../../../test/app.js';
import { createCity, createService } from '../../../test/factories.js';

// Other test files add cities and services to the same database at the same time: these tests
// assert on their own rows (unique slugs, unique categories), never on global lists or counts.

const app = createTestApp();

describe('cities', () => {
  it('is public and lists only active cities', async () => {
    const active = await createCity();
    const inactive = await createCity({ isActive: false });

    // No Authorization header: page() asserts each answer is 200 without errors.
    const pages = await walk(app, 'cities', { pageSize: 100 });

    const slugs = pages.flatMap((page) => page.edges.map((edge) => edge.node.slug));
    expect(slugs).toContain(active.slug);
    expect(slugs).not.toContain(inactive.slug);
    expect(await testPrisma().city.findUnique({ where: { id: inactive.id } })).toMatchObject({ isActive: false });
  });

  it('lists cities in catalogue order: position, then id', async () => {
    const base = uniquePosition();
    const created = [
      await createCity({ position: base + 2 }),
      await createCity({ position: base }),
      await createCity({ position: base + 3 }),
      await createCity({ position: base + 1 }),
      await createCity({ position: base + 3 }),
    ];
    const expected = [...created].sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1)).map((city) => city.slug);

    const pages = await walk(app, 'cities', { pageSize: 100 });

    const mine = new Set(expected);
    const listed = pages.flatMap((page) => page.edges.map((edge) => edge.node.slug)).filter((slug) => mine.has(slug));
    expect(listed).toEqual(expected);
  });

  it('pages through the whole catalogue with first/after: no duplicates, no gaps, hasNextPage until the end', async () => {
    const base = uniquePosition();
    const mine = [];
    for (let offset = 0; offset < 4; offset += 1) mine.push(await createCity({ position: base + offset }));
    const activeBeforeWalk = await testPrisma().city.findMany({ where: { isActive: true }, select: { slug: true } });

    const pageSize = 3;
    const pages = await walk(app, 'cities', { pageSize });

    const last = pages.at(-1)!;
    for (const page of pages.slice(0, -1)) {
      expect(page.edges).toHaveLength(pageSize);
      expect(page.pageInfo.hasNextPage).toBe(true);
    }
    expect(last.pageInfo.hasNextPage).toBe(false);
    for (const page of pages) {
      if (page.edges.length > 0) expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)!.cursor);
    }

    const ids = pages.flatMap((page) => page.edges.map((edge) => edge.node.id));
    expect(new Set(ids).size).toBe(ids.length);
    const slugs = pages.flatMap((page) => page.edges.map((edge) => edge.node.slug));
    expect(slugs).toEqual(expect.arrayContaining(activeBeforeWalk.map((city) => city.slug)));

    // Four consecutive rows with pages of three always straddle a page boundary.
    const start = slugs.indexOf(mine[0]!.slug);
    expect(slugs.slice(start, start + mine.length)).toEqual(mine.map((city) => city.slug));
    const pageOf = (slug: string) => pages.findIndex((page) => page.edges.some((edge) => edge.node.slug === slug));
    expect(pageOf(mine.at(-1)!.slug)).toBeGreaterThan(pageOf(mine[0]!.slug));
  });

  it('names a city in Russian by default and in English for English speakers', async () => {
    const suffix = randomUUID().slice(0, 8);
    const city = await createCity({ nameRu: `Тестоград ${suffix}`, nameEn: `Testville ${suffix}` });
    const id = await globalIdOf(app, 'cities', city.slug);
    const nameWith = async (options: RequestOptions) => {
      const response = await graphql<{ node: { name: string } }>(app, CITY_BY_ID, { ...options, variables: { id } });
      expect(response.errors).toBeUndefined();
      return response.data!.node.name;
    };

    expect(await nameWith({})).toBe(city.nameRu);
    expect(await nameWith({ headers: { 'accept-language': 'ru-RU,en;q=0.8' } })).toBe(city.nameRu);
    expect(await nameWith({ headers: { 'accept-language': 'en-US,en;q=0.9' } })).toBe(city.nameEn);
    expect(await nameWith({ as: telegramUser({ language_code: 'en' }) })).toBe(city.nameEn);
    // A signed Telegram user's own language decides, whatever the browser says.
    expect(await nameWith({ as: telegramUser({ language_code: 'en' }), headers: { 'accept-language': 'ru' } })).toBe(city.nameEn);
    expect(await nameWith({ as: telegramUser({ language_code: 'ru' }), headers: { 'accept-language': 'en-US' } })).toBe(city.nameRu);
  });

  it('resolves a city by its relay global id with node(id:)', async () => {
    const city = await createCity({ timeZone: 'Asia/Novosibirsk' });
    const id = await globalIdOf(app, 'cities', city.slug);

    const response = await graphql<{ node: { __typename: string; id: string; slug: string; name: string; timeZone: string } }>(
      app,
      CITY_BY_ID,
      { variables: { id } },
    );

    expect(response.errors).toBeUndefined();
    expect(response.data!.node).toEqual({ __typename: 'City', id, slug: city.slug, name: city.nameRu, timeZone: 'Asia/Novosibirsk' });
  });

  it('refuses a query whose literal page size blows the cost limit, with an error that carries no stack trace', async () => {
    const citiesQuery = (first: number) => `{ cities(first: ${first}) { edges { node { id name } } pageInfo { hasNextPage } } }`;
    expect((await graphql(app, citiesQuery(20))).errors).toBeUndefined();

    const response = await graphql(app, citiesQuery(100_000));

    expect(response.data ?? null).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]!.message).toMatch(/cost limit/i);
    expectNoInternals(response.errors);
  });
});

describe('services', () => {
  it('is public, lists only active services of the category, in catalogue order', async () => {
    const category = uniqueCategory();
    const second = await createService({ category, position: 2 });
    const firstA = await createService({ category, position: 1 });
    const firstB = await createService({ category, position: 1 });
    const inactive = await createService({ category, position: 0, isActive: false });
    const elsewhere = await createService({ position: 0 });

    const pages = await walk(app, 'services', { pageSize: 50, category });

    const tied = [firstA, firstB].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(pages.flatMap((page) => page.edges.map((edge) => edge.node.slug))).toEqual([...tied, second].map((s) => s.slug));
    expect(pages.flatMap((page) => page.edges.map((edge) => edge.node.category))).toEqual([category, category, category]);

    const all = await walk(app, 'services', { pageSize: 200 });
    const allSlugs = all.flatMap((page) => page.edges.map((edge) => edge.node.slug));
    expect(allSlugs).toEqual(expect.arrayContaining([elsewhere.slug, second.slug, firstA.slug, firstB.slug]));
    expect(allSlugs).not.toContain(inactive.slug);
  });

  it('reports hasNextPage exactly: true while rows remain, false on the last page', async () => {
    const category = uniqueCategory();
    const created = [];
    for (let position = 0; position < 4; position += 1) created.push(await createService({ category, position }));
    const expected = created.map((service) => service.slug);

    for (const [pageSize, shape] of [
      [
        2,
        [
          [2, true],
          [2, false],
        ],
      ],
      [
        3,
        [
          [3, true],
          [1, false],
        ],
      ],
      [4, [[4, false]]],
      [5, [[4, false]]],
    ] as const) {
      const pages = await walk(app, 'services', { pageSize, category });
      expect(pages.map((page) => [page.edges.length, page.pageInfo.hasNextPage])).toEqual(shape);
      expect(pages.flatMap((page) => page.edges.map((edge) => edge.node.slug))).toEqual(expected);
    }
  });

  it('gives at most 200 per page (maxSize) when more are asked for through a variable', async () => {
    const category = uniqueCategory();
    await Promise.all(Array.from({ length: 201 }, () => createService({ category, position: 1_000_000_000 })));

    const first = await page(app, 'services', { first: 500, category });
    expect(first.edges).toHaveLength(200);
    expect(first.pageInfo.hasNextPage).toBe(true);

    const rest = await page(app, 'services', { first: 500, category, after: first.pageInfo.endCursor });
    expect(rest.edges).toHaveLength(1);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('names services in the caller’s language', async () => {
    const category = uniqueCategory();
    const service = await createService({ category });

    const ru = await page(app, 'services', { first: 5, category });
    const en = await page(app, 'services', { first: 5, category }, { headers: { 'accept-language': 'en-US' } });
    const signedEn = await page(app, 'services', { first: 5, category }, { as: telegramUser({ language_code: 'en' }) });
    // A client who chose Russian in the app over their English Telegram.
    const chosenRu = await page(
      app,
      'services',
      { first: 5, category },
      { as: telegramUser({ language_code: 'en' }), headers: { 'x-zapis-language': 'ru' } },
    );

    expect(ru.edges.map((edge) => edge.node.name)).toEqual([service.nameRu]);
    expect(en.edges.map((edge) => edge.node.name)).toEqual([service.nameEn]);
    expect(signedEn.edges.map((edge) => edge.node.name)).toEqual([service.nameEn]);
    expect(chosenRu.edges.map((edge) => edge.node.name)).toEqual([service.nameRu]);
  });

  it('resolves a service by its relay global id with node(id:)', async () => {
    const category = uniqueCategory();
    const service = await createService({ category });
    const id = await globalIdOf(app, 'services', service.slug, category);

    const response = await graphql<{ node: { __typename: string; slug: string; category: string } }>(
      app,
      `query ($id: ID!) { node(id: $id) { __typename ... on Service { slug category } } }`,
      { variables: { id } },
    );

    expect(response.data!.node).toEqual({ __typename: 'Service', slug: service.slug, category });
  });
});

const CITY_BY_ID = /* GraphQL */ `
  query ($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on City { slug name timeZone }
    }
  }
`;

type Catalogue = 'cities' | 'services';

interface Connection {
  edges: { cursor: string; node: { id: string; slug: string; name: string; category?: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function page(
  app: TestApp,
  field: Catalogue,
  variables: { first: number; after?: string | null; category?: string },
  options: RequestOptions = {},
) {
  const services = field === 'services';
  const response = await graphql<Record<Catalogue, Connection>>(
    app,
    `query ($first: Int, $after: String${services ? ', $category: String' : ''}) {
      ${field}(first: $first, after: $after${services ? ', category: $category' : ''}) {
        edges { cursor node { id slug name${services ? ' category' : ''} } }
        pageInfo { hasNextPage endCursor }
      }
    }`,
    { ...options, variables },
  );
  expect(response.status).toBe(200);
  expect(response.errors).toBeUndefined();
  return response.data![field];
}

/** Every page of a catalogue, following endCursor until hasNextPage is false. */
async function walk(app: TestApp, field: Catalogue, options: { pageSize: number; category?: string } & RequestOptions) {
  const { pageSize, category, ...requestOptions } = options;
  const pages: Connection[] = [];
  let after: string | null = null;
  do {
    const connection = await page(app, field, { first: pageSize, after, category }, requestOptions);
    pages.push(connection);
    after = connection.pageInfo.endCursor;
    if (pages.length > 2_000) throw new Error(`${field}: pagination does not end`);
  } while (pages.at(-1)!.pageInfo.hasNextPage);
  return pages;
}

async function globalIdOf(app: TestApp, field: Catalogue, slug: string, category?: string): Promise<string> {
  const pages = await walk(app, field, { pageSize: 200, category });
  const node = pages.flatMap((p) => p.edges.map((edge) => edge.node)).find((candidate) => candidate.slug === slug);
  if (!node) throw new Error(`${slug} is not listed in ${field}`);
  return node.id;
}

/** A position far from everyone else's (factories use 0, the demo 0–9), at the end of the catalogue. */
function uniquePosition(): number {
  return randomInt(1_000_000, 1_000_000_000);
}

function uniqueCategory(): string {
  return `test-${randomUUID().slice(0, 8)}`;
}

function expectNoInternals(errors: unknown) {
  const text = JSON.stringify(errors);
  expect(text).not.toMatch(/stack|originalError|exception|\s+at\s/i);
}
