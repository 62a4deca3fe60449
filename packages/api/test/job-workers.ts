import PgBoss from 'pg-boss';
import { expect } from 'vitest';
import { JOB_QUEUE_SCHEMA } from '../src/jobs/scheduler.js';
import { createLogger } from '../src/logger.js';
import { startReleaseWorker } from '../src/modules/booking/booking-release.js';
import { startWaitlistWorkers, type WaitlistSettings } from '../src/modules/booking/waitlist-offers.js';
import { startNotificationWorker } from '../src/modules/notifications/notification-delivery.js';
import {
  createBookingNotifier,
  NOTIFICATION_QUEUE,
  RELEASE_QUEUE,
  type RetryPolicy,
} from '../src/modules/notifications/notification-jobs.js';
import { startWaitlistMessageWorker } from '../src/modules/notifications/waitlist-delivery.js';
import { testPrisma } from './app.js';
import { testDatabaseUrl } from './database.js';
import { createRecordedBot, TEST_WEBAPP_URL, type TelegramRecorder } from './telegram.js';

/**
 * The booking jobs (bot messages, releases) against real pg-boss: workers, each its own pg-boss
 * instance as in separate API instances, send to a recorder standing in for Telegram. Time is a
 * test clock: moving it forward moves the workers' "now" and, by as much, the start of the given
 * bookings' queued jobs (pg-boss compares them with the database's own clock).
 */

const prisma = testPrisma();
const log = createLogger('silent');

export class TestClock {
  private offsetMs = 0;
  readonly now = () => new Date(Date.now() + this.offsetMs);

  /** Jumps to `at`: the workers see that time, and these bookings' queued jobs become due as they would by then. */
  async advanceTo(at: Date, bookingIds: string[]): Promise<void> {
    const by = at.getTime() - this.now().getTime();
    this.offsetMs += by;
    await prisma.$executeRawUnsafe(
      `UPDATE ${JOB_QUEUE_SCHEMA}.job SET start_after = start_after - make_interval(secs => $1)
        WHERE name = ANY($2::text[]) AND data->>'bookingId' = ANY($3::text[]) AND state IN ('created', 'retry')`,
      by / 1000,
      [NOTIFICATION_QUEUE, RELEASE_QUEUE],
      bookingIds,
    );
  }
}

export interface Worker {
  telegram: TelegramRecorder;
  stop(): Promise<void>;
}

/** One API instance's job workers (notifications, releases, the waitlist): its own pg-boss, its own bot (recorded). */
export async function startWorker(
  clock: TestClock,
  retry?: RetryPolicy,
  waitlist: WaitlistSettings = { holdMinutes: 10 },
): Promise<Worker> {
  const boss = new PgBoss({ connectionString: testDatabaseUrl(), schema: JOB_QUEUE_SCHEMA, max: 2, schedule: false });
  await boss.start();
  const { bot, telegram } = createRecordedBot();
  const notifications = await createBookingNotifier(boss, retry);
  await startNotificationWorker({
    boss,
    prisma,
    api: bot.api,
    webappUrl: TEST_WEBAPP_URL,
    log,
    clock: clock.now,
    pollingIntervalSeconds: 0.5,
  });
  await startReleaseWorker({ boss, prisma, notifications, log, clock: clock.now, pollingIntervalSeconds: 0.5 });
  await startWaitlistWorkers({ boss, prisma, notifications, log, clock: clock.now, pollingIntervalSeconds: 0.5, ...waitlist });
  await startWaitlistMessageWorker({
    boss,
    prisma,
    api: bot.api,
    webappUrl: TEST_WEBAPP_URL,
    log,
    clock: clock.now,
    pollingIntervalSeconds: 0.5,
  });
  return { telegram, stop: () => boss.stop({ graceful: true, timeout: 10_000 }) };
}

export async function waitFor<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

export const deliveriesOf = (bookingId: string) =>
  prisma.notificationDelivery.findMany({ where: { bookingId }, orderBy: { createdAt: 'asc' } });

/** Waits until the booking has these deliveries (kind → status) and no others. */
export async function expectDeliveries(bookingId: string, expected: Record<string, string>) {
  const byKind = async () =>
    Object.fromEntries((await deliveriesOf(bookingId)).map((row) => [row.kind, row.status]).sort(([a], [b]) => a!.localeCompare(b!)));
  const wanted = JSON.stringify(Object.fromEntries(Object.entries(expected).sort(([a], [b]) => a.localeCompare(b))));
  await waitFor(async () => JSON.stringify(await byKind()) === wanted || undefined, `deliveries ${JSON.stringify(expected)}`).catch(
    async (error: unknown) => {
      expect(await byKind()).toEqual(expected);
      throw error;
    },
  );
}

export interface QueuedJob {
  queue: string;
  kind: string | null;
  singleton_key: string;
  start_after: Date;
  state: string;
  retry_count: number;
  /** Its start has come, by the database's clock. */
  due: boolean;
}

/** The booking's jobs in `queue` (bot messages unless told), by when they are due. */
export const jobsOf = (bookingId: string, queue = NOTIFICATION_QUEUE) =>
  prisma.$queryRawUnsafe<QueuedJob[]>(
    `SELECT name AS queue, data->>'kind' AS kind, singleton_key, start_after, state::text AS state, retry_count,
            start_after <= now() AS due
       FROM ${JOB_QUEUE_SCHEMA}.job WHERE name = $1 AND data->>'bookingId' = $2 ORDER BY start_after, singleton_key`,
    queue,
    bookingId,
  );

export const sendsTo = (telegram: TelegramRecorder, chatId: number) =>
  telegram.callsOf('sendMessage').filter((call) => call.payload.chat_id === chatId);

/**
 * Waits until every job of these bookings (in both queues) has settled: done (completed), given
 * up (failed) or not due yet (created, its start still ahead). Nothing is due, running or
 * waiting to retry any more, so what was sent is all that will be. Returns the message jobs.
 */
export async function settledJobs(bookingIds: string[]) {
  return waitFor(async () => {
    const jobs = (await Promise.all(bookingIds.flatMap((id) => [jobsOf(id), jobsOf(id, RELEASE_QUEUE)]))).flat();
    const settled = jobs.every((job) => ['completed', 'failed'].includes(job.state) || (job.state === 'created' && !job.due));
    return settled && jobs.filter((job) => job.queue === NOTIFICATION_QUEUE);
  }, 'the jobs to settle');
}
