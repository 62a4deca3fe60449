import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../db.js';
import { archiveStaleDrafts } from './archive-stale-drafts.js';

/**
 * Scheduled work through pg-boss, a job queue kept in PostgreSQL (schema `pgboss`). Every API
 * instance registers the schedule and a worker; pg-boss creates one job per cron tick across
 * all instances, and the queue's `singleton` policy lets only one of them run it at a time.
 * The job itself is safe to run twice (see archiveStaleDrafts).
 */

export const DRAFT_CLEANUP_QUEUE = 'archive-stale-drafts';
export const JOB_QUEUE_SCHEMA = 'pgboss';

export interface DraftCleanupJobData {
  olderThanDays?: number;
}

export interface DraftCleanupOptions {
  database: Pick<Database, 'url' | 'prisma' | 'embedded'>;
  log: Logger;
  /** Cron expression, in UTC. */
  cron: string;
  olderThanDays: number;
  /** How often an idle worker asks the queue for work. */
  pollingIntervalSeconds?: number;
}

export interface DraftCleanupSchedule {
  stop(): Promise<void>;
}

/**
 * Schedules the draft clean-up and works its jobs. Not on the embedded database: it admits
 * one connection, which the API holds, and the queue needs its own.
 */
export async function startDraftCleanup({
  database,
  log,
  cron,
  olderThanDays,
  pollingIntervalSeconds = 60,
}: DraftCleanupOptions): Promise<DraftCleanupSchedule | undefined> {
  if (database.embedded) {
    log.warn(
      'draft clean-up is not scheduled on the embedded database (it admits one connection); set DATABASE_URL, ' +
        'or stop the server and run `npm run cleanup:drafts`',
    );
    return undefined;
  }

  const boss = new PgBoss({
    connectionString: database.url,
    schema: JOB_QUEUE_SCHEMA,
    application_name: 'zapis-jobs',
    max: 3,
  });
  boss.on('error', (error) => log.error({ err: error }, 'job queue error'));
  try {
    await boss.start();
    await boss.createQueue(DRAFT_CLEANUP_QUEUE, {
      name: DRAFT_CLEANUP_QUEUE,
      policy: 'singleton',
      retryLimit: 3,
      retryDelay: 5 * 60,
      expireInSeconds: 30 * 60,
    });
    await boss.schedule(DRAFT_CLEANUP_QUEUE, cron, { olderThanDays } satisfies DraftCleanupJobData, { tz: 'UTC' });
    await boss.work<DraftCleanupJobData>(DRAFT_CLEANUP_QUEUE, { pollingIntervalSeconds }, async ([job]) => {
      const days = job?.data.olderThanDays ?? olderThanDays;
      const report = await archiveStaleDrafts(database.prisma, { olderThanDays: days, actor: 'system' });
      log.info({ job: job?.id, archived: report.count, olderThanDays: days, cutoff: report.cutoff }, 'stale drafts archived');
      return { archived: report.count, cutoff: report.cutoff.toISOString() };
    });
  } catch (error) {
    await boss.stop({ graceful: false });
    throw error;
  }
  log.info({ cron, olderThanDays, queue: DRAFT_CLEANUP_QUEUE }, 'draft clean-up scheduled (cron in UTC)');
  return {
    stop: () => boss.stop({ graceful: true, timeout: 30_000 }),
  };
}
