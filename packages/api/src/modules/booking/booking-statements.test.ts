import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, graphql, telegramUser, testPrisma } from '../../../test/app.js';
import { testDatabaseUrl } from '../../../test/database.js';
import {
  createBooking,
  createMaster,
  createMasterService,
  createSchedule,
  createSlotSettings,
  createTimeBlock,
} from '../../../test/factories.js';
import { PrismaClient } from '../../generated/prisma/client.js';
import { addDays, localDateOf, localDateToDb, zonedToUtc } from '../../time/zoned-time.js';

/**
 * How many SQL statements a booking write sends, BEGIN and COMMIT included, counted at the pg
 * driver as the benchmark counts them: the fast path is one overlap check under the master's lock
 * and a fixed number of writes, whatever the master's calendar holds.
 */

const sent: string[] = [];
const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 4 });
pool.on('connect', (client) => {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (config: unknown, ...rest: unknown[]) => {
    const text = typeof config === 'string' ? config : (config as { text?: string } | undefined)?.text;
    if (typeof text === 'string' && !text.includes('pgboss')) sent.push(text);
    return query(config, ...rest);
  };
});
const counted = new PrismaClient({ adapter: new PrismaPg(pool) });
const app = createTestApp({ prisma: counted });
const prisma = testPrisma();
afterAll(() => counted.$disconnect());

const ZONE = 'Europe/Moscow';
const day = addDays(localDateOf(new Date(), ZONE), 2);
const at = (hour: number) => zonedToUtc(day, hour * 60, ZONE);

async function bookableMaster() {
  const { master } = await createMaster();
  await prisma.master.update({ where: { id: master.id }, data: { timeZone: ZONE } });
  await createSchedule(
    master.id,
    [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 9 * 60, endMinute: 18 * 60 })),
  );
  await createSlotSettings(master.id);
  const offer = await createMasterService(master.id, { durationMinutes: 60 });
  return { master, masterServiceId: encodeGlobalID('MasterService', offer.id) };
}

const CREATE =
  'mutation Create($input: CreateBookingInput!) { createBooking(input: $input) { id masterServiceId startsAt endsAt status } }';
const MOVE = 'mutation Move($input: RescheduleBookingInput!) { rescheduleBooking(input: $input) { id startsAt endsAt status } }';

async function statementsOf<T>(run: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  sent.length = 0;
  const result = await run();
  const statements = [...sent];
  if (process.env.SHOW_STATEMENTS) console.log(statements.map((s) => s.replace(/\s+/g, ' ').slice(0, 220)).join('\n'));
  return { result, statements };
}

/** A returning client books at `hour` and moves the booking to `moveTo`: the statements of each. */
async function bookAndMove(masterServiceId: string, hour: number, moveTo: number) {
  const client = telegramUser();
  const input = {
    masterServiceId,
    startsAt: at(hour - 1).toISOString(),
    clientName: 'Анна',
    clientPhone: '+79123456789',
    preferredChannels: ['TELEGRAM'],
    comment: null,
    idempotencyKey: randomUUID(),
  };
  // The first booking creates the client; the one measured is a returning client's, as most are.
  const first = await graphql(app, CREATE, { as: client, variables: { input } });
  expect(first.errors).toBeUndefined();
  const created = await statementsOf(() =>
    graphql<{ createBooking: { id: string } }>(app, CREATE, {
      as: client,
      variables: { input: { ...input, startsAt: at(hour).toISOString(), idempotencyKey: randomUUID() } },
    }),
  );
  expect(created.result.errors).toBeUndefined();
  const bookingId = created.result.data!.createBooking.id;
  const moved = await statementsOf(() =>
    graphql(app, MOVE, {
      as: client,
      variables: { input: { bookingId, startsAt: at(moveTo).toISOString(), idempotencyKey: randomUUID() } },
    }),
  );
  expect(moved.result.errors).toBeUndefined();
  return { create: created.statements.length, move: moved.statements.length };
}

describe('statements per booking write', () => {
  it('createBooking sends 7 and rescheduleBooking 10, however full the calendar and however many masters', async () => {
    const quiet = await bookableMaster();
    const empty = await bookAndMove(quiet.masterServiceId, 11, 15);

    // A busy master among others: bookings, time blocks and days off around the start.
    for (let n = 0; n < 5; n++) await bookableMaster();
    const { master, masterServiceId } = await bookableMaster();
    for (const hour of [9, 13, 16]) await createBooking({ masterId: master.id, startsAt: at(hour), minutes: 30 });
    await createTimeBlock({ masterId: master.id, startsAt: at(17), minutes: 60 });
    await prisma.dayOff.create({ data: { masterId: master.id, date: localDateToDb(addDays(day, 1)) } });
    const busy = await bookAndMove(masterServiceId, 11, 15);

    // upsert client; BEGIN; lock master + service; client (key, contacts, waiting) + overlap check; INSERT; stats; COMMIT.
    expect(empty.create).toBe(7);
    // roles (2); BEGIN; booking; lock master; state + client lock; overlap check; UPDATE; move; COMMIT.
    expect(empty.move).toBe(10);
    expect(busy).toEqual(empty);
  });
});
