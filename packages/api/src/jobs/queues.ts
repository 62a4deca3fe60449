import type PgBoss from 'pg-boss';
import { isRetryableTransactionError, postgresErrorCode } from '../db-errors.js';

const UNIQUE_VIOLATION = '23505';

/**
 * Creates a pg-boss queue unless it exists. Every instance asks at start, and two instances
 * starting together on a fresh database race inside pg-boss's `create_queue` (the queue row and
 * its partition table): PostgreSQL aborts one as a deadlock, or it trips over the other's new
 * table. Asked again, the queue is there and pg-boss leaves it be.
 */
export async function createQueueOnce(boss: PgBoss, name: string, options: PgBoss.Queue, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await boss.createQueue(name, options);
      return;
    } catch (error) {
      const raced = isRetryableTransactionError(error) || postgresErrorCode(error) === UNIQUE_VIOLATION;
      if (!raced || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
}
