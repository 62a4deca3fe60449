import { encodeGlobalID } from '@pothos/plugin-relay';
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResponse, graphql, telegramUser, testPrisma } from '../../../test/app.js';
import { testDatabaseUrl } from '../../../test/database.js';
import {
  createBooking,
  createCity,
  createClient,
  createDayOff,
  createMaster,
  createMasterService,
  createSchedule,
  createService,
  createSlotSettings,
} from '../../../test/factories.js';
import { PrismaClient } from '../../generated/prisma/client.js';
import { addDays, localDateOf, zonedToUtc } from '../../time/zoned-time.js';
import { searchMasters } from './search.service.js';

const app = createTestApp();
const prisma = testPrisma();

const SEARCH = /* GraphQL */ `
  query Search($filter: SearchMastersFilter!, $first: Int, $after: String) {
    searchMasters(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node { id displayName address city { id } services { id price { amountMinor } durationMinutes service { id } } }
        offers { id name price { amountMinor currency } durationMinutes service { id } }
        priceFrom { amountMinor currency }
        nextFreeSlot { startsAt localStart localDate }
      }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`;
/** What the mini-app's search card asks (packages/schema's SearchMastersQuery): nothing of the master's own services. */
const CARD = /* GraphQL */ `
  query Card($filter: SearchMastersFilter!, $first: Int) {
    searchMasters(filter: $filter, first: $first) {
      edges {
        cursor
        node { id displayName address area timeZone avatar { id thumbUrl: url(size: THUMB) } rating { average count } }
        offers { id name price { amountMinor currency } durationMinutes }
        priceFrom { amountMinor currency }
        nextFreeSlot { startsAt localStart }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
const SLOTS = /* GraphQL */ `
  query Slots($masterId: ID!, $masterServiceId: ID!, $from: DateTime!, $to: DateTime!) {
    availableSlots(masterId: $masterId, masterServiceId: $masterServiceId, from: $from, to: $to) { startsAt }
  }
`;

interface Edge {
  cursor: string;
  node: { id: string; displayName: string; address: string | null; city: { id: string }; services: { id: string }[] };
  offers: {
    id: string;
    name: string;
    price: { amountMinor: number; currency: string };
    durationMinutes: number;
    service: { id: string };
  }[];
  priceFrom: { amountMinor: number; currency: string };
  nextFreeSlot: { startsAt: string; localStart: string; localDate: string } | null;
}
interface SearchResult {
  searchMasters: {
    edges: Edge[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

const codeOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.code;
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

/** A city and a catalogue service to search, in a zone far from the server's. */
async function market(timeZone = 'Asia/Vladivostok') {
  const city = await createCity({ timeZone });
  const service = await createService();
  return { city, service, filter: { cityId: encodeGlobalID('City', city.id), serviceId: encodeGlobalID('Service', service.id) } };
}

/** A public master in the city who offers the service, working 10:00–12:00 every day, hourly. */
async function offeringMaster(
  place: Awaited<ReturnType<typeof market>>,
  options: {
    displayName?: string;
    address?: string;
    about?: string;
    priceMinor?: number;
    addressVisibility?: 'FULL' | 'AREA';
    area?: string;
  } = {},
) {
  const { master, user } = await createMaster({ city: place.city, ...options });
  await createSchedule(
    master.id,
    EVERY_DAY.map((weekday) => ({ weekday, startMinute: 600, endMinute: 720 })),
  );
  await createSlotSettings(master.id);
  const offer = await createMasterService(master.id, { serviceId: place.service.id, priceMinor: options.priceMinor });
  return { master, user, offer, id: encodeGlobalID('Master', master.id) };
}

async function search(
  filter: Record<string, unknown>,
  options: { first?: number; after?: string; as?: ReturnType<typeof telegramUser> } = {},
) {
  const response = await graphql<SearchResult>(app, SEARCH, {
    variables: { filter, first: options.first, after: options.after },
    as: options.as,
  });
  return { ...response, edges: response.data?.searchMasters.edges, pageInfo: response.data?.searchMasters.pageInfo };
}

const names = (edges: Edge[] | undefined) => edges?.map((edge) => edge.node.displayName);

describe('searchMasters', () => {
  it('finds public masters of the city who offer the service, with their offer and next free slot', async () => {
    const place = await market();
    const anna = await offeringMaster(place, { displayName: 'Анна', address: 'ул. Светланская, 1', priceMinor: 250_000 });
    await offeringMaster(await market()); // another city and service
    const elsewhere = await createMaster({ displayName: 'Не в этом городе' });
    await createMasterService(elsewhere.master.id, { serviceId: place.service.id });
    const switchedOff = await createMaster({ city: place.city, displayName: 'Услуга выключена' });
    await createMasterService(switchedOff.master.id, { serviceId: place.service.id, isActive: false });

    const { errors, edges, pageInfo } = await search(place.filter);
    expect(errors).toBeUndefined();
    expect(names(edges)).toEqual(['Анна']);
    const [edge] = edges!;
    expect(edge!.node).toMatchObject({ id: anna.id, address: 'ул. Светланская, 1', city: { id: place.filter.cityId } });
    expect(edge!.offers).toEqual([
      {
        id: encodeGlobalID('MasterService', anna.offer.id),
        name: place.service.nameRu,
        price: { amountMinor: 250_000, currency: 'RUB' },
        durationMinutes: 60,
        service: { id: place.filter.serviceId },
      },
    ]);
    expect(edge!.priceFrom).toEqual({ amountMinor: 250_000, currency: 'RUB' });
    expect(pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false, endCursor: edge!.cursor });

    // The next free slot is the first one availableSlots lists.
    const slots = await graphql<{ availableSlots: { startsAt: string }[] }>(app, SLOTS, {
      variables: {
        masterId: anna.id,
        masterServiceId: edge!.offers[0]!.id,
        from: new Date().toISOString(),
        to: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      },
    });
    expect(edge!.nextFreeSlot?.startsAt).toBe(slots.data?.availableSlots[0]?.startsAt);
    expect(edge!.nextFreeSlot?.localStart).toMatch(/T1[01]:00:00\+10:00$/);
  });

  it('looks past fully booked weeks, and has no slot for a master without free time', async () => {
    const place = await market();
    const busy = await offeringMaster(place, { displayName: 'Busy' });
    const idle = await offeringMaster(place, { displayName: 'Idle' });
    await prisma.scheduleInterval.deleteMany({ where: { masterId: idle.master.id } });
    // Busy has a day off on each of the next 20 days.
    const today = localDateOf(new Date(), 'Asia/Vladivostok');
    for (let n = 0; n <= 20; n++) await createDayOff(busy.master.id, addDays(today, n));

    const { edges } = await search(place.filter);
    expect(names(edges)).toEqual(['Busy', 'Idle']);
    expect(edges![0]!.nextFreeSlot?.localStart).toBe(`${addDays(today, 21)}T10:00:00+10:00`);
    expect(edges![1]!.nextFreeSlot).toBeNull();
  });

  it('never shows drafts, deactivated or archived masters', async () => {
    const place = await market();
    await offeringMaster(place, { displayName: 'Visible' });
    const now = new Date();
    const hidden = [
      { status: 'DRAFT' as const, isActive: false, profileCompletedAt: null },
      { isActive: false, deactivatedAt: now },
      { status: 'ARCHIVED' as const, isActive: false, archivedAt: now },
    ];
    for (const change of hidden) {
      const { master } = await offeringMaster(place, { displayName: `Hidden ${hidden.indexOf(change)}` });
      await prisma.master.update({ where: { id: master.id }, data: change });
    }
    const { errors, edges } = await search(place.filter);
    expect(errors).toBeUndefined();
    expect(names(edges)).toEqual(['Visible']);
  });

  it('pages through masters by name, then id, without repeats or gaps', async () => {
    const place = await market();
    for (const displayName of ['Вера', 'Анна', 'Дарья', 'Анна', 'Борис']) await offeringMaster(place, { displayName });
    const seen: Edge[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const { errors, edges, pageInfo } = await search(place.filter, { first: 2, after });
      expect(errors).toBeUndefined();
      seen.push(...edges!);
      pages++;
      expect(pageInfo!.hasPreviousPage).toBe(after !== undefined);
      if (!pageInfo!.hasNextPage) break;
      after = pageInfo!.endCursor!;
    }
    expect(pages).toBe(3);
    expect(names(seen)).toEqual(['Анна', 'Анна', 'Борис', 'Вера', 'Дарья']);
    const annas = seen.slice(0, 2).map((edge) => edge.node.id);
    const annaRows = await prisma.master.findMany({ where: { cityId: place.city.id, displayName: 'Анна' }, orderBy: { id: 'asc' } });
    expect(annas).toEqual(annaRows.map((row) => encodeGlobalID('Master', row.id)));
    const all = await search(place.filter, { first: 50 });
    expect(all.edges?.map((edge) => edge.node.id)).toEqual(seen.map((edge) => edge.node.id));
  });

  it('filters by text in the name, description or address, in any case', async () => {
    const place = await market();
    await offeringMaster(place, { displayName: 'Анна Петрова', address: 'ул. Ленина, 5' });
    await offeringMaster(place, { displayName: 'Мария', about: 'Гель-лак и ПЕТРОВСКИЙ дизайн' });
    await offeringMaster(place, { displayName: 'Ольга', address: 'пр. Мира, 1' });
    expect(names((await search({ ...place.filter, text: 'петров' })).edges)).toEqual(['Анна Петрова', 'Мария']);
    expect(names((await search({ ...place.filter, text: '  ЛЕНИНА ' })).edges)).toEqual(['Анна Петрова']);
    expect(names((await search({ ...place.filter, text: '' })).edges)).toEqual(['Анна Петрова', 'Мария', 'Ольга']);
  });

  it("finds a master by their own services' names and descriptions, and by the area, never by a hidden address", async () => {
    const place = await market();
    const anna = await offeringMaster(place, { displayName: 'Анна' });
    await createMasterService(anna.master.id, { serviceId: place.service.id, name: 'Японский маникюр', description: 'Уход и блеск' });
    const boris = await offeringMaster(place, {
      displayName: 'Борис',
      addressVisibility: 'AREA',
      area: 'м. Сокол',
      address: 'ул. Тайная, 7',
    });
    await createMasterService(boris.master.id, { serviceId: (await createService()).id, name: 'Японский педикюр' });

    expect(names((await search({ ...place.filter, text: 'японск' })).edges)).toEqual(['Анна']);
    expect(names((await search({ ...place.filter, text: 'БЛЕСК' })).edges)).toEqual(['Анна']);
    expect(names((await search({ ...place.filter, text: 'сокол' })).edges)).toEqual(['Борис']);
    expect(names((await search({ ...place.filter, text: 'тайная' })).edges)).toEqual([]);
    const [edge] = (await search({ ...place.filter, text: 'сокол' })).edges!;
    expect(edge!.node.address).toBeNull();
  });

  it('lists every offer of the searched kind in the master’s order, the lowest price, and the earliest free start of any', async () => {
    const place = await market();
    const anna = await offeringMaster(place, { displayName: 'Анна', priceMinor: 300_000 });
    const cheaper = await createMasterService(anna.master.id, {
      serviceId: place.service.id,
      name: 'Экспресс',
      priceMinor: 120_000,
      durationMinutes: 30,
      position: 5,
    });
    await createMasterService(anna.master.id, { serviceId: place.service.id, name: 'Выключена', priceMinor: 1, isActive: false });

    const [edge] = (await search(place.filter)).edges!;
    expect(edge!.offers.map((offer) => [offer.id, offer.name, offer.price.amountMinor])).toEqual([
      [encodeGlobalID('MasterService', anna.offer.id), place.service.nameRu, 300_000],
      [encodeGlobalID('MasterService', cheaper.id), 'Экспресс', 120_000],
    ]);
    expect(edge!.priceFrom).toEqual({ amountMinor: 120_000, currency: 'RUB' });
    // On a day when 10:30–11:00 is taken, the hour-long service can start at 11:00 at the earliest,
    // the half-hour one at 10:00: the card shows the earlier of the two.
    const date = addDays(localDateOf(new Date(), 'Asia/Vladivostok'), 3);
    await createBooking({ masterId: anna.master.id, startsAt: zonedToUtc(date, 630, 'Asia/Vladivostok'), minutes: 30 });
    const [onDate] = (await search({ ...place.filter, date })).edges!;
    expect(onDate!.nextFreeSlot).toMatchObject({ localStart: `${date}T10:00:00+10:00` });
  });

  it("filters by a date with free time in each master's own zone", async () => {
    const place = await market('Asia/Vladivostok');
    const date = addDays(localDateOf(new Date(), 'Asia/Vladivostok'), 3);
    const free = await offeringMaster(place, { displayName: 'Free' });
    const off = await offeringMaster(place, { displayName: 'Day off' });
    const full = await offeringMaster(place, { displayName: 'Fully booked' });
    const morning = await offeringMaster(place, { displayName: 'Morning taken' });
    await createDayOff(off.master.id, date);
    for (const hour of [10, 11])
      await createBooking({ masterId: full.master.id, startsAt: zonedToUtc(date, hour * 60, 'Asia/Vladivostok') });
    await createBooking({ masterId: morning.master.id, startsAt: zonedToUtc(date, 600, 'Asia/Vladivostok') });

    const { errors, edges } = await search({ ...place.filter, date });
    expect(errors).toBeUndefined();
    expect(names(edges)).toEqual(['Free', 'Morning taken']);
    expect(edges?.map((edge) => edge.nextFreeSlot?.localStart)).toEqual([`${date}T10:00:00+10:00`, `${date}T11:00:00+10:00`]);
    expect(free.id).toBe(edges![0]!.node.id);
    // Paging under a date filter skips the masters without time.
    const first = await search({ ...place.filter, date }, { first: 1 });
    expect(names(first.edges)).toEqual(['Free']);
    const second = await search({ ...place.filter, date }, { first: 1, after: first.pageInfo!.endCursor! });
    expect(names(second.edges)).toEqual(['Morning taken']);
    expect(second.pageInfo?.hasNextPage).toBe(false);
  });

  it('refuses bad filters, page sizes and cursors', async () => {
    const place = await market();
    const user = telegramUser();
    const { client } = await createClient({ user });
    const cases = [
      { filter: { ...place.filter, cityId: place.filter.serviceId } },
      { filter: { ...place.filter, serviceId: 'garbage' } },
      { filter: { ...place.filter, date: '2030-02-30' } },
      { filter: { ...place.filter, date: 'tomorrow' } },
      { filter: { ...place.filter, text: 'x'.repeat(101) } },
      { filter: place.filter, first: 0 },
      { filter: place.filter, first: 51 },
      { filter: place.filter, after: 'not-a-cursor' },
      { filter: place.filter, after: Buffer.from('["Анна","1"]').toString('base64url') },
    ];
    for (const { filter, ...page } of cases) {
      const response = await search(filter, { ...page, as: user });
      expect(codeOf(response), JSON.stringify({ filter, page })).toBe('BAD_USER_INPUT');
      expect(response.data?.searchMasters ?? null).toBeNull();
    }
    expect(await prisma.clientServiceInterest.count({ where: { clientId: client.id } })).toBe(0);
  });

  it("records an identified client's interest in the service and city, and nothing for anyone else", async () => {
    const place = await market();
    const master = await offeringMaster(place);
    const clientUser = telegramUser();
    const { client } = await createClient({ user: clientUser });
    const stranger = telegramUser();

    await search(place.filter);
    await search(place.filter, { as: stranger });
    expect(await prisma.clientServiceInterest.count({ where: { serviceId: place.service.id } })).toBe(0);
    expect(await prisma.telegramUser.count({ where: { telegramId: BigInt(stranger.id) } })).toBe(0);

    await search(place.filter, { as: clientUser });
    const first = await prisma.clientServiceInterest.findMany({ where: { clientId: client.id } });
    expect(first).toEqual([expect.objectContaining({ serviceId: place.service.id, cityId: place.city.id })]);
    expect(first[0]!.firstSeenAt).toEqual(first[0]!.lastSeenAt);

    // Opening the master's service (its free slots) counts too, and moves last_seen_at on.
    const slots = await graphql(app, SLOTS, {
      as: clientUser,
      variables: {
        masterId: master.id,
        masterServiceId: encodeGlobalID('MasterService', master.offer.id),
        from: new Date().toISOString(),
        to: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    expect(slots.errors).toBeUndefined();
    const after = await prisma.clientServiceInterest.findMany({ where: { clientId: client.id } });
    expect(after).toHaveLength(1);
    expect(after[0]!.firstSeenAt).toEqual(first[0]!.firstSeenAt);
    expect(after[0]!.lastSeenAt.getTime()).toBeGreaterThan(first[0]!.lastSeenAt.getTime());

    // A service of a master in another city is interest in that city.
    const away = await market();
    const awayMaster = await offeringMaster(away);
    await graphql(app, SLOTS, {
      as: clientUser,
      variables: {
        masterId: awayMaster.id,
        masterServiceId: encodeGlobalID('MasterService', awayMaster.offer.id),
        from: new Date().toISOString(),
        to: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    expect(
      await prisma.clientServiceInterest.findUnique({
        where: { clientId_serviceId_cityId: { clientId: client.id, serviceId: away.service.id, cityId: away.city.id } },
      }),
    ).not.toBeNull();
  });
});

describe('servicesInCity', () => {
  const QUERY = 'query($cityId: ID!) { servicesInCity(cityId: $cityId) { mastersCount service { id } } }';

  it('lists the services public masters of the city offer, in catalogue order, with how many masters', async () => {
    const city = await createCity();
    const [first, second, nobody] = [
      await createService({ position: 1 }),
      await createService({ position: 2 }),
      await createService({ position: 3 }),
    ];
    const anna = await createMaster({ city });
    await createMasterService(anna.master.id, { serviceId: second.id });
    await createMasterService(anna.master.id, { serviceId: second.id, name: 'Вторая' });
    await createMasterService(anna.master.id, { serviceId: first.id });
    const boris = await createMaster({ city });
    await createMasterService(boris.master.id, { serviceId: second.id });
    const hidden = await createMaster({ city, isActive: false });
    await createMasterService(hidden.master.id, { serviceId: nobody.id });
    const draft = await createMaster({ city, status: 'DRAFT' });
    await createMasterService(draft.master.id, { serviceId: nobody.id });
    const off = await createMaster({ city });
    await createMasterService(off.master.id, { serviceId: nobody.id, isActive: false });
    const elsewhere = await createMaster();
    await createMasterService(elsewhere.master.id, { serviceId: nobody.id });

    const response = await graphql<{ servicesInCity: { mastersCount: number; service: { id: string } }[] }>(app, QUERY, {
      variables: { cityId: encodeGlobalID('City', city.id) },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.servicesInCity).toEqual([
      { mastersCount: 1, service: { id: encodeGlobalID('Service', first.id) } },
      { mastersCount: 2, service: { id: encodeGlobalID('Service', second.id) } },
    ]);
  });

  it('refuses an id that is not a city', async () => {
    const response = await graphql(app, QUERY, {
      variables: { cityId: encodeGlobalID('Service', '0b6c3f4e-8f1d-4a55-9a86-0d1a7c6f7f11') },
    });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
  });
});

describe('searchMasters and availableSlots statements', () => {
  // A client of its own that reports every SQL statement it sends.
  const counted = new PrismaClient({
    adapter: new PrismaPg({ connectionString: testDatabaseUrl(), max: 4 }),
    log: [{ emit: 'event', level: 'query' }],
  });
  let sent: { query: string; params: string }[] = [];
  counted.$on('query', (event) => {
    sent.push({ query: event.query, params: event.params });
  });
  const countedApp = createTestApp({ prisma: counted });
  afterAll(() => counted.$disconnect());

  async function statementsFor(filter: Record<string, unknown>, first: number, as?: ReturnType<typeof telegramUser>, query = SEARCH) {
    sent = [];
    const response = await graphql<SearchResult>(countedApp, query, { variables: { filter, first }, as });
    expect(response.errors).toBeUndefined();
    expect(response.data?.searchMasters.edges).toHaveLength(first);
    return sent.length;
  }

  /** A city of masters who offer the service, each with a second one and a booking tomorrow. */
  async function crowdedMarket(masters: number) {
    const place = await market();
    for (let n = 0; n < masters; n++) {
      const { master } = await offeringMaster(place, { displayName: `Master ${String(n).padStart(2, '0')}` });
      await createMasterService(master.id); // a second service, so services lists hold several rows
      await createBooking({
        masterId: master.id,
        startsAt: zonedToUtc(addDays(localDateOf(new Date(), 'Asia/Vladivostok'), 1), 600, 'Asia/Vladivostok'),
      });
    }
    return place;
  }

  it('does not grow with the page size or the number of masters', async () => {
    const place = await crowdedMarket(12);
    const small = await statementsFor(place.filter, 2);
    const large = await statementsFor(place.filter, 12);
    const fewer = await statementsFor((await crowdedMarket(3)).filter, 2);
    // A page of masters with their slot rules and what the query asks of them (joined), their
    // offers (apart, as this query reads the masters' own services too), and one calendar for all of them.
    expect(small).toBe(3);
    expect(large).toBe(small);
    expect(fewer).toBe(small);
    // The mini-app's card (no services of the master's own): the offers come joined to the page.
    expect(await statementsFor(place.filter, 2, undefined, CARD)).toBe(2);
    expect(await statementsFor(place.filter, 12, undefined, CARD)).toBe(2);
  });

  it('costs a signed-in client one statement more: their interest, recorded without a lookup first', async () => {
    const place = await crowdedMarket(3);
    const user = telegramUser();
    const { client } = await createClient({ user });
    expect(await statementsFor(place.filter, 2, user)).toBe(4);
    expect(await prisma.clientServiceInterest.count({ where: { clientId: client.id } })).toBe(1);
    // Someone who is no client (yet) costs the same statement, which records nothing.
    expect(await statementsFor(place.filter, 2, telegramUser())).toBe(4);
    expect(await statementsFor(place.filter, 2, user, CARD)).toBe(3);
  });

  it('looks further than two weeks in one more statement, only when someone is booked out', async () => {
    const place = await market();
    const { master } = await offeringMaster(place, { displayName: 'Booked out' });
    const today = localDateOf(new Date(), 'Asia/Vladivostok');
    for (let day = 0; day <= 15; day++) await createDayOff(master.id, addDays(today, day));
    expect(await statementsFor(place.filter, 1)).toBe(4);
    expect(await statementsFor(place.filter, 1, undefined, CARD)).toBe(3);
  });

  it('answers availableSlots in two statements, three for a signed-in client', async () => {
    const place = await market();
    const { id, offer } = await offeringMaster(place);
    const user = telegramUser();
    await createClient({ user });
    const variables = {
      masterId: id,
      masterServiceId: encodeGlobalID('MasterService', offer.id),
      from: new Date().toISOString(),
      to: new Date(Date.now() + 14 * 86_400_000).toISOString(),
    };
    for (const [as, expected] of [
      [undefined, 2],
      [user, 3],
    ] as const) {
      sent = [];
      const response = await graphql<{ availableSlots: unknown[] }>(countedApp, SLOTS, { variables, as });
      expect(response.errors).toBeUndefined();
      expect(response.data?.availableSlots.length).toBeGreaterThan(0);
      expect(sent).toHaveLength(expected);
    }
  });

  it("reads the offers apart when the caller reads the master's own services, which then keep all of them", async () => {
    const place = await crowdedMarket(2);
    const filter = { cityId: place.city.id, serviceId: place.service.id };
    const joined = await searchMasters(counted, filter, { first: 2 });
    const apart = await searchMasters(counted, filter, { first: 2 }, new Date(), { master: { include: { services: true } } });
    // Both find the same masters, offers and free starts…
    const summary = (page: typeof joined) =>
      page.hits.map((hit) => ({ master: hit.master.id, offers: hit.offers.map((offer) => offer.id), next: hit.nextFreeSlot?.startsAt }));
    expect(summary(apart)).toEqual(summary(joined));
    expect(joined.hits.every((hit) => hit.offers.length === 1 && hit.offers[0]!.serviceId === place.service.id)).toBe(true);
    // …but the services the caller asked for are each master's two, not only the searched one.
    for (const hit of apart.hits) {
      const services = (hit.master as typeof hit.master & { services: { id: string }[] }).services;
      const own = await prisma.masterService.findMany({ where: { masterId: hit.master.id }, select: { id: true } });
      expect(services.map((service) => service.id).sort()).toEqual(own.map((service) => service.id).sort());
      expect(services).toHaveLength(2);
    }
  });

  it('reads a page in the order of an index, never sorting the whole city', async () => {
    // Thousands of public masters in one city, a fifth of them offering the service: set-based.
    const place = await market();
    await prisma.$executeRaw`
      WITH users AS (
        INSERT INTO telegram_users (telegram_id, first_name, updated_at)
        SELECT 9000000000000 + n, 'Master ' || n, now() FROM generate_series(1, 4000) n RETURNING telegram_id)
      INSERT INTO masters (telegram_id, status, is_active, profile_completed_at, display_name, city_id, address, time_zone, updated_at)
      SELECT telegram_id, 'ACTIVE', true, now(), 'Мастер ' || md5(telegram_id::text), ${place.city.id}::uuid, 'ул. Тестовая',
             'Asia/Vladivostok', now()
      FROM users`;
    await prisma.$executeRaw`
      INSERT INTO master_services (master_id, service_id, price_minor, currency, duration_minutes, position, updated_at)
      SELECT id, ${place.service.id}::uuid, 100000, 'RUB', 60, 0, now() FROM masters
      WHERE city_id = ${place.city.id}::uuid AND telegram_id % 5 = 0`;
    await prisma.$executeRawUnsafe('ANALYZE masters, master_services');

    // The page with the master's own services asked for, and the mini-app's card (its offers joined).
    for (const query of [SEARCH, CARD]) {
      await statementsFor(place.filter, 20, undefined, query);
      const page = sent.find((statement) => /FROM "public"\."masters"/.test(statement.query));
      expect(page).toBeDefined();
      const [{ 'QUERY PLAN': plans }] = await prisma.$queryRawUnsafe<[{ 'QUERY PLAN': { Plan: PlanNode }[] }]>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${page!.query}`,
        ...(JSON.parse(page!.params) as unknown[]),
      );
      const nodes = planNodes(plans[0]!.Plan);
      // (Sorts of one master's own services, in a lateral join, are fine.)
      const sortKeys = nodes.flatMap((node) => node['Sort Key'] ?? []);
      expect(sortKeys.filter((key) => key.includes('display_name'))).toEqual([]);
      const scan = nodes.find((node) => node['Relation Name'] === 'masters');
      expect(scan).toMatchObject({ 'Node Type': 'Index Scan', 'Index Name': 'masters_search_page_idx' });
      // It stops after the page (and one more) instead of reading the city's 4,000.
      expect(scan!['Actual Rows']).toBeLessThan(400);
    }
  });
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Sort Key'?: string[];
  Plans?: PlanNode[];
}

const planNodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(planNodes)];
