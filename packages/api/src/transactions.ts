import { setTimeout as sleep } from 'node:timers/promises';
import { isRetryableTransactionError } from './db-errors.js';
import type { Prisma, PrismaClient } from './generated/prisma/client.js';

export type Tx = Prisma.TransactionClient;

export interface RetryOptions {
  /** How long to wait for a connection and how long the transaction may run (Prisma's maxWait and timeout, ms). */
  maxWait?: number;
  timeout?: number;
  /** Runs in all, the first included. */
  attempts?: number;
}

/**
 * Rows many requests change at once (a master's bookings, a client's counters and consents)
 * are locked in one fixed order, so deadlocks should not happen; when PostgreSQL still aborts a
 * transaction as a deadlock or a serialization failure, nothing of it was kept, and it runs
 * again after a short random pause instead of failing the request. `work` must be safe to run
 * again: it only writes through `tx`.
 */
export async function retryingTransaction<T>(prisma: PrismaClient, work: (tx: Tx) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { attempts = 5, ...transactionOptions } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction(work, transactionOptions);
    } catch (error) {
      if (attempt >= attempts || !isRetryableTransactionError(error)) throw error;
      await sleep(Math.random() * 25 * 2 ** attempt);
    }
  }
}
