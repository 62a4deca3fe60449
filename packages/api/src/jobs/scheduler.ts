import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { PrismaClient } from '../db.js';
import type { MediaStorage } from '../modules/media/media-storage.js';
import { countingFailures } from '../modules/monitoring/metrics.js';
import { archiveStaleDrafts } from './archive-stale-drafts.js';
import { createQueueOnce } from './queues.js';

/**
 * Background work through pg-boss, a job queue kept in PostgreSQL (schema `pgboss`): the
 * daily draft clean-up and the bot's booking notifications and reminders. Every API instance
 * starts the queue and its workers; pg-boss hands each job to one of them.
 *
 * The draft clean-up: every instance registers the schedule; pg-boss creates one job per cron
 * tick across all instances, and the queue's `singleton` policy lets only one of them run it
 * at a time. The job itself is safe to run twice (see archiveStaleDrafts).
 */

export const DRAFT_CLEANUP_QUEUE = 'archive-stale-drafts';
export const JOB_QUEUE_SCHEMA = 'pgboss';

export interface DraftCleanupJobData {
  olderThanDays?: number;
}

export interface JobQueueOptions {
  /** The application's database: pg-boss keeps its tables in the `pgboss` schema there. */
  url: string;
  log: Logger;
}

/** The job queue, with up to 4 connections of its own. */
export async function startJobQueue({ url, log }: JobQueueOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    schema: JOB_QUEUE_SCHEMA,
    application_name: 'zapis-jobs',
    max: 4,
  });
  boss.on('error', (error) => log.error({ err: error }, 'job queue error'));
  await boss.start();
  return boss;
}

export interface DraftCleanupOptions {
  boss: PgBoss;
  prisma: PrismaClient;
  /** Where the archived drafts' photos have their files. */
  mediaStorage: MediaStorage;
  log: Logger;
  /** Cron expression, in UTC. */
  cron: string;
  olderThanDays: number;
  /** How often an idle worker asks the queue for work. */
  pollingIntervalSeconds?: number;
}

/** Schedules the draft clean-up and works its jobs in this instance. */
export async function startDraftCleanup({
  boss,
  prisma,
  mediaStorage,
  log,
  cron,
  olderThanDays,
  pollingIntervalSeconds = 60,
}: DraftCleanupOptions): Promise<void> {
  await createQueueOnce(boss, DRAFT_CLEANUP_QUEUE, {
    name: DRAFT_CLEANUP_QUEUE,
    policy: 'singleton',
    retryLimit: 3,
    retryDelay: 5 * 60,
    expireInSeconds: 30 * 60,
  });
  await boss.schedule(DRAFT_CLEANUP_QUEUE, cron, { olderThanDays } satisfies DraftCleanupJobData, { tz: 'UTC' });
  await boss.work<DraftCleanupJobData>(
    DRAFT_CLEANUP_QUEUE,
    { pollingIntervalSeconds },
    countingFailures(DRAFT_CLEANUP_QUEUE, async ([job]) => {
      const days = job?.data.olderThanDays ?? olderThanDays;
      const report = await archiveStaleDrafts(prisma, { olderThanDays: days, actor: 'system', photoFiles: { storage: mediaStorage, log } });
      log.info({ job: job?.id, archived: report.count, olderThanDays: days, cutoff: report.cutoff }, 'stale drafts archived');
      return { archived: report.count, cutoff: report.cutoff.toISOString() };
    }),
  );
  log.info({ cron, olderThanDays, queue: DRAFT_CLEANUP_QUEUE }, 'draft clean-up scheduled (cron in UTC)');
}
