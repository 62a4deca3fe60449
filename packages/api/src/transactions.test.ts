import { afterAll, describe, expect, it } from 'vitest';
import { testPrisma } from '../test/app.js';
import { testDatabaseUrl } from '../test/database.js';
import { createMaster } from '../test/factories.js';
import { createPrismaClient } from './db.js';
import { isRetryableTransactionError } from './db-errors.js';
import { retryingTransaction, type Tx } from './transactions.js';

const prisma = testPrisma();
const other = createPrismaClient(testDatabaseUrl(), 2);
afterAll(() => other.$disconnect());

/** Resolves once `count` parties have arrived. */
function barrier(count: number) {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    arrived += 1;
    if (arrived === count) open();
    return opened;
  };
}

const lock = (tx: Tx, masterId: string) => tx.$executeRaw`SELECT 1 FROM masters WHERE id = ${masterId}::uuid FOR UPDATE`;

describe('retryingTransaction', () => {
  it('runs a transaction that PostgreSQL aborted as a deadlock again, and both sides finish', async () => {
    const [{ master: a }, { master: b }] = await Promise.all([createMaster(), createMaster()]);
    const bothHoldOne = barrier(2);
    const attempts = { first: 0, second: 0 };
    const crossing = (client: typeof prisma, side: keyof typeof attempts, mine: string, theirs: string) =>
      retryingTransaction(client, async (tx) => {
        attempts[side] += 1;
        await lock(tx, mine);
        if (attempts[side] === 1) await bothHoldOne();
        await lock(tx, theirs);
        return side;
      });

    const results = await Promise.all([crossing(prisma, 'first', a.id, b.id), crossing(other, 'second', b.id, a.id)]);

    expect(results).toEqual(['first', 'second']);
    // PostgreSQL broke the deadlock by aborting one of them, which then ran once more.
    expect(attempts.first + attempts.second).toBe(3);
  });

  it('gives up after the last attempt, and never retries other errors', async () => {
    let runs = 0;
    const conflict = Object.assign(new Error('write conflict'), { code: 'P2034' });
    await expect(
      retryingTransaction(
        prisma,
        async () => {
          runs += 1;
          throw conflict;
        },
        { attempts: 3 },
      ),
    ).rejects.toBe(conflict);
    expect(runs).toBe(3);

    runs = 0;
    const bug = new Error('not a conflict');
    await expect(
      retryingTransaction(prisma, async () => {
        runs += 1;
        throw bug;
      }),
    ).rejects.toBe(bug);
    expect(runs).toBe(1);
    expect(isRetryableTransactionError(bug)).toBe(false);
  });
});
