import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, graphql, initDataFor, telegramUser, testPrisma } from '../test/app.js';
import { createClient, createMaster, createMasterService, createService } from '../test/factories.js';
import { databaseFingerprint } from '../test/fingerprint.js';
import { request } from '../test/http.js';
import type { TelegramInitUser } from './telegram/init-data.js';

const app = createTestApp();
const prisma = testPrisma();
const NUL = 'Анна\u0000';
const LONE_SURROGATE = 'Анна\uD800';

let master: TelegramInitUser;
let client: TelegramInitUser;
let masterServiceId: string;
let cityId: string;

beforeAll(async () => {
  const created = await createMaster();
  master = created.user;
  cityId = encodeGlobalID('City', created.city.id);
  const service = await createService();
  masterServiceId = (await createMasterService(created.master.id, { serviceId: service.id })).id;
  client = (await createClient()).user;
});

const tomorrow = () => new Date(Date.now() + 24 * 3600_000 - (Date.now() % 3600_000)).toISOString();

/** The fields the attack found failing inside PostgreSQL: mutation, who calls it, its input with `text` in that field. */
const cases: { field: string; as: () => TelegramInitUser; mutation: string; input: (text: string) => Record<string, unknown> }[] = [
  {
    field: 'input.reason',
    as: () => master,
    mutation: 'blockTime(input: $input) { __typename }',
    input: (reason) => ({ startsAt: tomorrow(), endsAt: new Date(Date.parse(tomorrow()) + 3600_000).toISOString(), reason }),
  },
  {
    field: 'input.clientName',
    as: () => master,
    mutation: 'createManualBooking(input: $input) { __typename }',
    input: (clientName) => ({ clientName, masterServiceId, startsAt: tomorrow() }),
  },
  {
    field: 'input.comment',
    as: () => master,
    mutation: 'createManualBooking(input: $input) { __typename }',
    input: (comment) => ({ clientName: 'Анна', comment, masterServiceId, startsAt: tomorrow() }),
  },
  {
    field: 'input.location.address',
    as: () => master,
    mutation: 'saveOnboardingStep(input: $input) { __typename }',
    input: (address) => ({ location: { cityId, address } }),
  },
  {
    field: 'input.firstName',
    as: () => client,
    mutation: 'updateClientContacts(input: $input) { __typename }',
    input: (firstName) => ({ firstName }),
  },
  {
    field: 'input.profile.about',
    as: () => master,
    mutation: 'updateMasterSettings(input: $input) { __typename }',
    input: (about) => ({ profile: { displayName: 'Анна', about } }),
  },
  {
    field: 'input.profile.displayName',
    as: () => master,
    mutation: 'updateMasterSettings(input: $input) { __typename }',
    input: (displayName) => ({ profile: { displayName, about: 'Маникюр' } }),
  },
  {
    field: 'input.clientName',
    as: () => client,
    mutation: 'createBooking(input: $input) { __typename }',
    input: (clientName) => ({
      clientName,
      clientPhone: '+79161234567',
      idempotencyKey: randomUUID(),
      masterServiceId,
      preferredChannels: ['TELEGRAM'],
      startsAt: tomorrow(),
    }),
  },
  {
    field: 'input.details.note',
    as: () => client,
    mutation: 'logWebAppEvent(input: $input) { __typename }',
    input: (note) => ({ stage: 'client_error', details: { note } }),
  },
];

describe('the text rule', () => {
  for (const [label, text] of [
    ['a NUL byte', NUL],
    ['a lone surrogate', LONE_SURROGATE],
  ] as const) {
    it.each(cases)(`refuses ${label} in $field of $mutation with BAD_USER_INPUT naming the field, writing nothing`, async (entry) => {
      const inputType = entry.mutation.split('(')[0]!.replace(/^./, (first) => first.toUpperCase());
      const before = await databaseFingerprint(prisma);
      const response = await graphql(app, `mutation ($input: ${inputType}Input!) { ${entry.mutation} }`, {
        as: entry.as(),
        variables: { input: entry.input(text) },
      });
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: entry.field }] });
      expect(response.data ?? null).toBeNull();
      expect(await databaseFingerprint(prisma)).toEqual(before);
    });
  }

  it('refuses a NUL in a literal argument and in a JSON key too', async () => {
    const literal = await graphql(app, 'mutation { logWebAppEvent(input: { stage: "client_error", path: "/x\\u0000" }) { __typename } }');
    expect(literal.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.path' }] });
    const key = await graphql(app, 'mutation ($input: LogWebAppEventInput!) { logWebAppEvent(input: $input) { __typename } }', {
      variables: { input: { stage: 'client_error', details: { 'a\u0000': 1 } } },
    });
    expect(key.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.details.a\u0000' }] });
  });

  it('stores text normalised to NFC', async () => {
    const decomposed = 'Йо\u0301ко'.normalize('NFD');
    const user = telegramUser();
    const response = await graphql<{ updateClientContacts: { firstName: string } }>(
      app,
      'mutation ($input: UpdateClientContactsInput!) { updateClientContacts(input: $input) { firstName } }',
      { as: (await createClient({ user })).user, variables: { input: { firstName: decomposed } } },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.updateClientContacts.firstName).toBe(decomposed.normalize('NFC'));
    const stored = await prisma.client.findFirstOrThrow({ where: { user: { telegramId: BigInt(user.id) } } });
    expect(stored.firstName).toBe(decomposed.normalize('NFC'));
    expect(stored.firstName).not.toBe(decomposed);
  });

  it('holds for POST /debug/webapp-event too', async () => {
    const before = await databaseFingerprint(prisma);
    const response = await request(app, '/debug/webapp-event', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `tma ${initDataFor(client)}` },
      body: JSON.stringify({ stage: 'client_error', details: { note: NUL } }),
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'details.note' }] });
    expect(await databaseFingerprint(prisma)).toEqual(before);
  });
});
