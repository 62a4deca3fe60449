import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import fc from 'fast-check';
import {
  type GraphQLField,
  type GraphQLInputType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, initDataFor, testPrisma } from '../test/app.js';
import { createClient, createClientBooking, createMaster, createMasterService, createService } from '../test/factories.js';
import { changedTables, databaseFingerprint } from '../test/fingerprint.js';
import { ErrorCode } from './errors.js';
import { schema } from './schema.js';
import type { TelegramInitUser } from './telegram/init-data.js';

/**
 * Every mutation of the schema (read from it, so a new one is covered without a change here)
 * gets generated hostile input through the whole app, as a master, as a client and anonymously.
 * Whatever comes back: no 5xx, every error with a code PRODUCT.md lists, no stack trace or
 * internal message, and a refusal leaves every table as it was.
 *
 * FUZZ_RUNS sets the number of cases in all (spread over the mutations); FUZZ_SEED the seed.
 */
const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 1800);
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const CODES = new Set<string>(Object.values(ErrorCode));
const INTERNALS =
  /\n\s+at |node_modules|\.ts:\d+|prisma|invalid byte sequence|does not support loading|Unexpected error|Invalid global ID/i;

const app = createTestApp();
const prisma = testPrisma();
const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});
/**
 * Refusals that write by design: a wrong verification code is counted, so guessing one is
 * bounded; booking and joining a waitlist make or refresh the caller's own client profile first,
 * as `upsertClient` does (booking.service.ts), whatever becomes of the booking.
 */
const OWN_CLIENT_PROFILE = ['clients', 'telegram_users'];
const WRITES_WHEN_REFUSED: Record<string, string[]> = {
  verifyPhoneOtp: ['phone_verifications'],
  createBooking: OWN_CLIENT_PROFILE,
  joinWaitlist: OWN_CLIENT_PROFILE,
};
const runsPerMutation = Math.max(1, Math.ceil(TOTAL_RUNS / mutations.length));

interface Identities {
  master: TelegramInitUser;
  client: TelegramInitUser;
  ids: string[];
}
let identities: Identities;
const figures = { cases: 0, refused: 0, accepted: 0, byCode: new Map<string, number>() };

beforeAll(async () => {
  const { master, user, city } = await createMaster();
  const service = await createService();
  const masterService = await createMasterService(master.id, { serviceId: service.id });
  const { client, user: clientUser } = await createClient();
  const booking = await createClientBooking({ clientId: client.id, masterId: master.id, startsAt: new Date(Date.now() + 48 * 3600_000) });
  // Real ids, raw and global under the right and wrong types, so that some inputs get past the first checks.
  const raw = [master.id, city.id, service.id, masterService.id, client.id, booking.id];
  const types = ['Master', 'City', 'Service', 'MasterService', 'Booking', 'ClientBooking', 'Client', 'Review', 'Photo', 'TimeBlock'];
  identities = {
    master: user,
    client: clientUser,
    ids: [...raw, ...raw.flatMap((id) => types.map((type) => encodeGlobalID(type, id)))],
  };
});

afterAll(() => {
  if (process.env.FUZZ_REPORT) console.log(JSON.stringify({ ...figures, byCode: Object.fromEntries(figures.byCode) }));
});

const hostileText = fc.oneof(
  fc.string(),
  fc.fullUnicodeString({ maxLength: 40 }),
  fc.string().map((text) => `${text}\u0000${text}`),
  fc.string().map((text) => `${text}\uD800`),
  fc.string().map((text) => `\uDC00${text}`),
  fc.constantFrom('', ' ', '\t\n', 'null', 'undefined', '<script>alert(1)</script>', "'; DROP TABLE bookings; --", '%00', '\\u0000'),
  fc.integer({ min: 1000, max: 20_000 }).map((length) => 'я'.repeat(length)),
  fc.constantFrom('tomorrow at ten', '2026-02-30T10:00:00Z', '+275760-09-13T00:00:00Z', '0000-00-00', '2026-12-07T10:00:00Z', '12:30'),
  fc.constantFrom(encodeGlobalID('Client', 'x'), encodeGlobalID('Booking', 'not-a-uuid'), 'Q2xpZW50Og==', '!!!', randomUUID()),
);
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.constantFrom(-1, 0, 1, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308, -1e308, 0.5, -0.0001),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const garbage: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileText, { maxLength: 3 }),
  fc.dictionary(hostileText, hostileText, { maxKeys: 3 }),
);

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Plausible text for a field, by its name, so that a hostile leaf is often the only thing wrong. */
function benignText(name: string): fc.Arbitrary<string> {
  const lower = name.toLowerCase();
  if (lower.includes('phone')) return fc.constantFrom('+79161234567', '8 916 123-45-67', '+77011234567');
  if (lower.includes('idempotency')) return fc.uuid();
  if (lower === 'stage') return fc.constantFrom('app_opened', 'client_error', 'search', 'booking_failed');
  if (lower === 'code') return fc.constantFrom('123456', '000000');
  if (lower.includes('date') || lower === 'from' || lower === 'to') return fc.integer({ min: 0, max: 90 }).map(inDays);
  if (lower.includes('start') || lower.includes('end')) return fc.constantFrom('09:00', '18:30', '10:15');
  if (lower.includes('timezone')) return fc.constantFrom('Europe/Moscow', 'Asia/Almaty');
  if (lower.includes('version')) return fc.constantFrom('partners-v1', '1.0.0');
  if (lower === 'path') return fc.constantFrom('/client', '/master/register/phone');
  return fc.constantFrom('Анна', 'Маникюр с покрытием', 'ул. Ленина, 1', 'ok', 'Ёлка', 'Café');
}

/** Text that breaks the input rule, or is huge, or is no text a field expects. */
function hostileTextFor(name: string): fc.Arbitrary<string> {
  return fc.oneof(
    benignText(name).map((text) => `${text}\u0000`),
    benignText(name).map((text) => `\u0000${text}`),
    benignText(name).map((text) => `${text}\uD800`),
    benignText(name).map((text) => `\uDFFF${text}`),
    benignText(name).map((text) => text.normalize('NFD')),
    hostileText,
  );
}

const benignNumber = fc.constantFrom(0, 1, 2, 5, 15, 30, 60, 90, 120, 540, 1080, 150_000);

/** Values for a GraphQL input type: mostly plausible, with hostile leaves, sometimes anything at all. */
function arbitraryFor(type: GraphQLInputType, name: string, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return garbage;
  if (isNonNullType(type))
    return fc.oneof({ weight: 19, arbitrary: arbitraryFor(type.ofType, name, depth) }, { weight: 1, arbitrary: garbage });
  if (isListType(type)) {
    return fc.oneof(
      { weight: 16, arbitrary: fc.array(arbitraryFor(type.ofType, name, depth + 1), { minLength: 1, maxLength: 3 }) },
      { weight: 1, arbitrary: fc.integer({ min: 101, max: 2000 }).map((length) => Array.from({ length }, () => 'x')) },
      { weight: 1, arbitrary: garbage },
    );
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const shaped = fc.record(Object.fromEntries(fields.map((field) => [field.name, arbitraryFor(field.type, field.name, depth + 1)])), {
      requiredKeys: fields.filter((field) => isNonNullType(field.type)).map((field) => field.name),
    });
    // A @oneOf input takes exactly one field.
    const oneOf = (type as { isOneOf?: boolean }).isOneOf
      ? fc
          .constantFrom(...fields)
          .chain((field) => arbitraryFor(field.type, field.name, depth + 1).map((value) => ({ [field.name]: value })))
      : shaped;
    return fc.oneof(
      { weight: 16, arbitrary: oneOf },
      {
        weight: 1,
        arbitrary: fc.tuple(shaped, fc.dictionary(hostileText, garbage, { maxKeys: 2 })).map(([value, extra]) => ({ ...extra, ...value })),
      },
      { weight: 1, arbitrary: garbage },
    );
  }
  if (isEnumType(type)) {
    return fc.oneof(
      { weight: 16, arbitrary: fc.constantFrom(...type.getValues().map((value) => value.name)) },
      { weight: 1, arbitrary: garbage },
    );
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return fc.oneof(
          { weight: 12, arbitrary: fc.constantFrom(...identities.ids) },
          { weight: 2, arbitrary: hostileText },
          { weight: 1, arbitrary: garbage },
        );
      case 'Int':
      case 'Float':
        return fc.oneof(
          { weight: 12, arbitrary: benignNumber },
          { weight: 2, arbitrary: hostileNumber },
          { weight: 1, arbitrary: garbage },
        );
      case 'Boolean':
        return fc.oneof({ weight: 12, arbitrary: fc.boolean() }, { weight: 1, arbitrary: garbage });
      case 'DateTime':
        return fc.oneof(
          {
            weight: 12,
            arbitrary: fc
              .integer({ min: -48, max: 24 * 60 })
              .map((hours) => new Date(Math.floor(Date.now() / 3600_000 + hours) * 3600_000).toISOString()),
          },
          { weight: 2, arbitrary: hostileText },
          { weight: 1, arbitrary: garbage },
        );
      case 'JSON':
        return fc.oneof(
          {
            weight: 4,
            arbitrary: fc.dictionary(
              fc.constantFrom('step', 'ms', 'note'),
              fc.oneof(benignText(name), hostileTextFor(name), benignNumber),
              { maxKeys: 3 },
            ),
          },
          { weight: 2, arbitrary: fc.dictionary(hostileText, garbage, { maxKeys: 4 }) },
          { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
          { weight: 1, arbitrary: garbage },
        );
      case 'String':
        return fc.oneof(
          { weight: 10, arbitrary: benignText(name) },
          { weight: 4, arbitrary: hostileTextFor(name) },
          { weight: 1, arbitrary: garbage },
        );
      default:
        return fc.oneof(hostileText, garbage);
    }
  }
  return garbage;
}

function documentOf(field: GraphQLField<unknown, unknown>): string {
  const variables = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `mutation${variables ? ` (${variables})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
}

type As = 'master' | 'client' | 'anonymous';

async function send(document: string, variables: Record<string, unknown>, as: As) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (as !== 'anonymous') headers.authorization = `tma ${initDataFor(identities[as])}`;
  const response = await app.fetch('http://zapis.test/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: document, variables }),
  });
  return { status: response.status, text: await response.text() };
}

describe('hostile input to every mutation', () => {
  let fingerprint: Record<string, string>;

  it('covers the schema’s mutations', () => {
    expect(mutations.length).toBeGreaterThan(30);
  });

  it.each(mutations.map((field) => [field.name, field] as const))('%s', async (_name, field) => {
    const document = documentOf(field);
    // Each mutation starts from the database as it is, so one failure does not fail the next.
    fingerprint = await databaseFingerprint(prisma);
    const variablesArb = fc.record(Object.fromEntries(field.args.map((arg) => [arg.name, arbitraryFor(arg.type, arg.name)])), {
      requiredKeys: field.args.filter((arg) => isNonNullType(arg.type)).map((arg) => arg.name),
    });
    await fc.assert(
      fc.asyncProperty(variablesArb, fc.constantFrom<As>('master', 'client', 'anonymous'), async (variables, as) => {
        const { status, text } = await send(document, variables, as);
        const body = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };
        figures.cases += 1;
        expect(status).toBeLessThan(500);
        expect(text).not.toMatch(INTERNALS);
        for (const error of body.errors ?? []) {
          expect(CODES).toContain(error.extensions?.code);
          figures.byCode.set(error.extensions!.code!, (figures.byCode.get(error.extensions!.code!) ?? 0) + 1);
        }
        const refused = (body.errors?.length ?? 0) > 0 && (body.data?.[field.name] ?? null) === null;
        const after = await databaseFingerprint(prisma);
        if (refused) {
          figures.refused += 1;
          const allowed = WRITES_WHEN_REFUSED[field.name] ?? [];
          expect(changedTables(fingerprint, after).filter((table) => !allowed.includes(table))).toEqual([]);
          fingerprint = after;
        } else {
          figures.accepted += 1;
          fingerprint = after;
        }
      }),
      { seed: SEED, numRuns: runsPerMutation, endOnFailure: true },
    );
  });
});
