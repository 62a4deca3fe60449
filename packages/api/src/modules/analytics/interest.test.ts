import { encodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResponse, graphql, telegramUser, testPrisma } from '../../../test/app.js';
import { createCity, createClient, createMaster, createService, rowsOfTelegramUser } from '../../../test/factories.js';
import { recordInterest } from './interest.service.js';

const app = createTestApp();
const prisma = testPrisma();

const RECORD = /* GraphQL */ `
  mutation Record($input: RecordInterestInput!) {
    recordInterest(input: $input) { service { id } city { id } firstSeenAt lastSeenAt }
  }
`;

const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;
const interestsOf = (clientId: string) => prisma.clientServiceInterest.findMany({ where: { clientId } });
const interestsOfService = (serviceId: string) => prisma.clientServiceInterest.findMany({ where: { serviceId } });

/** An active master in a new city offering a new catalogue service. */
async function masterOffering() {
  const { master, city } = await createMaster();
  const service = await createService();
  await prisma.masterService.create({
    data: { masterId: master.id, serviceId: service.id, priceMinor: 100_000, currency: 'RUB', durationMinutes: 60 },
  });
  return { master, city, service };
}

describe('recordInterest (service)', () => {
  it('keeps first_seen_at and moves last_seen_at forward only', async () => {
    const { client } = await createClient();
    const service = await createService();
    const city = await createCity();
    const key = { clientId: client.id, serviceId: service.id, cityId: city.id };
    const t0 = new Date('2030-01-01T10:00:00Z');
    const t1 = new Date('2030-01-05T10:00:00Z');

    await recordInterest(prisma, { ...key, now: t0 });
    await recordInterest(prisma, { ...key, now: t1 });
    await recordInterest(prisma, { ...key, now: new Date('2030-01-03T10:00:00Z') });

    expect(await interestsOf(client.id)).toEqual([{ ...key, firstSeenAt: t0, lastSeenAt: t1 }]);
  });

  it('leaves one row after simultaneous sightings', async () => {
    const { client } = await createClient();
    const service = await createService();
    const city = await createCity();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordInterest(prisma, { clientId: client.id, serviceId: service.id, cityId: city.id, now: new Date(Date.UTC(2030, 0, 1, 0, i)) }),
      ),
    );
    expect(await interestsOf(client.id)).toMatchObject([
      { firstSeenAt: expect.any(Date), lastSeenAt: new Date(Date.UTC(2030, 0, 1, 0, 19)) },
    ]);
  });
});

describe('recordInterest (mutation)', () => {
  it("records a master's service in the master's city, keeping first_seen_at on repeat", async () => {
    const { client, user } = await createClient();
    const { master, city, service } = await masterOffering();
    const input = { serviceId: encodeGlobalID('Service', service.id), masterId: encodeGlobalID('Master', master.id) };

    const first = await graphql(app, RECORD, { as: user, variables: { input } });
    expect(first.errors).toBeUndefined();
    expect(first.data?.recordInterest).toMatchObject({
      service: { id: encodeGlobalID('Service', service.id) },
      city: { id: encodeGlobalID('City', city.id) },
    });
    const [row] = await interestsOf(client.id);
    expect(row).toMatchObject({ serviceId: service.id, cityId: city.id });
    expect(row!.firstSeenAt).toEqual(row!.lastSeenAt);
    await new Promise((resolve) => setTimeout(resolve, 10));

    expect((await graphql(app, RECORD, { as: user, variables: { input } })).errors).toBeUndefined();

    const rows = await interestsOf(client.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.firstSeenAt).toEqual(row!.firstSeenAt);
    expect(rows[0]!.lastSeenAt.getTime()).toBeGreaterThan(row!.lastSeenAt.getTime());
  });

  it('records a service searched in a city', async () => {
    const { client, user } = await createClient();
    const service = await createService();
    const city = await createCity();
    const response = await graphql(app, RECORD, {
      as: user,
      variables: { input: { serviceId: encodeGlobalID('Service', service.id), cityId: encodeGlobalID('City', city.id) } },
    });
    expect(response.errors).toBeUndefined();
    expect(await interestsOf(client.id)).toMatchObject([{ serviceId: service.id, cityId: city.id }]);
  });

  it('creates the minimal client profile of an identified user who has none', async () => {
    const user = telegramUser({ first_name: 'Новый' });
    const service = await createService();
    const city = await createCity();
    const response = await graphql(app, RECORD, {
      as: user,
      variables: { input: { serviceId: encodeGlobalID('Service', service.id), cityId: encodeGlobalID('City', city.id) } },
    });
    expect(response.errors).toBeUndefined();
    const client = await prisma.client.findUnique({ where: { telegramId: BigInt(user.id) } });
    expect(client).toMatchObject({ firstName: 'Новый', phone: null, erasedAt: null });
    expect(await interestsOf(client!.id)).toHaveLength(1);
  });

  it('records nothing for anonymous visitors (401)', async () => {
    const service = await createService();
    const city = await createCity();
    const response = await graphql(app, RECORD, {
      variables: { input: { serviceId: encodeGlobalID('Service', service.id), cityId: encodeGlobalID('City', city.id) } },
    });
    expect(response.status).toBe(401);
    expect(codeOf(response)).toBe('UNAUTHENTICATED');
    expect(await interestsOfService(service.id)).toEqual([]);
  });

  it('refuses what a client could not have seen, with BAD_USER_INPUT, and records nothing', async () => {
    const user = telegramUser();
    const { master, service } = await masterOffering();
    const draft = await createMaster({ status: 'DRAFT' });
    await prisma.masterService.create({
      data: { masterId: draft.master.id, serviceId: service.id, priceMinor: 1, currency: 'RUB', durationMinutes: 60 },
    });
    const hidden = await masterOffering();
    await prisma.master.update({ where: { id: hidden.master.id }, data: { isActive: false, deactivatedAt: new Date() } });
    const notOffered = await createService();
    const inactiveCity = await createCity({ isActive: false });
    const serviceId = encodeGlobalID('Service', service.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ serviceId, masterId: encodeGlobalID('Master', draft.master.id) }, 'masterId'],
      [{ serviceId: encodeGlobalID('Service', hidden.service.id), masterId: encodeGlobalID('Master', hidden.master.id) }, 'masterId'],
      [{ serviceId: encodeGlobalID('Service', notOffered.id), masterId: encodeGlobalID('Master', master.id) }, 'masterId'],
      [{ serviceId, cityId: encodeGlobalID('City', inactiveCity.id) }, 'cityId'],
      [{ serviceId }, 'input.cityId'],
      [{ serviceId, masterId: encodeGlobalID('Master', master.id), cityId: encodeGlobalID('City', inactiveCity.id) }, 'input.cityId'],
      [{ serviceId: encodeGlobalID('City', inactiveCity.id), cityId: encodeGlobalID('City', inactiveCity.id) }, 'input.serviceId'],
    ];

    for (const [input, path] of cases) {
      const response = await graphql(app, RECORD, { as: user, variables: { input } });
      expect(codeOf(response), JSON.stringify(input)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.extensions?.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    }
    expect(await rowsOfTelegramUser(user.id)).toMatchObject({ users: 0, clients: 0 });
    expect(await interestsOfService(service.id)).toEqual([]);
    expect(await interestsOfService(hidden.service.id)).toEqual([]);
  });
});
