import { randomUUID } from 'node:crypto';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testPrisma } from '../../test/app.js';
import { testDatabaseUrl } from '../../test/database.js';
import { sampleValue, scrapeMetrics } from '../../test/metrics.js';
import { createLogger } from '../logger.js';
import { countingFailures, metrics } from '../modules/monitoring/metrics.js';
import { readJobQueueCounts } from './queue-metrics.js';
import { JOB_QUEUE_SCHEMA, startJobQueue } from './scheduler.js';

const prisma = testPrisma();
const app = createTestApp();

describe('job queue metrics', { timeout: 60_000 }, () => {
  let boss: PgBoss;

  beforeAll(async () => {
    boss = await startJobQueue({ url: testDatabaseUrl(), log: createLogger('silent') });
    metrics.observeJobQueue(() => readJobQueueCounts(prisma));
  });
  afterAll(() => boss?.stop({ graceful: false, timeout: 5_000 }));

  it('reports each queue by state and the wait of its oldest due job at every scrape', async () => {
    const queue = `metrics-${randomUUID()}`;
    const idle = `metrics-idle-${randomUUID()}`;
    await boss.createQueue(queue, { name: queue, retryLimit: 0 });
    await boss.createQueue(idle, { name: idle });
    // One failed for good, one being worked, one due and waiting, one for later.
    await boss.send(queue, { n: 1 });
    const [failing] = await boss.fetch(queue);
    await boss.fail(queue, failing!.id, { message: 'test' });
    await boss.send(queue, { n: 2 });
    await boss.fetch(queue);
    await boss.send(queue, { n: 3 });
    await boss.send(queue, { n: 4 }, { startAfter: 3_600 });
    await prisma.$executeRawUnsafe(
      `UPDATE ${JOB_QUEUE_SCHEMA}.job SET start_after = now() - interval '120 seconds' WHERE name = $1 AND state = 'created' AND start_after <= now()`,
      queue,
    );

    const text = await scrapeMetrics(app);

    const jobs = (state: string, name = queue) => sampleValue(text, 'zapis_job_queue_jobs', { queue: name, state });
    expect([jobs('queued'), jobs('active'), jobs('scheduled'), jobs('failed')]).toEqual([1, 1, 1, 1]);
    expect(sampleValue(text, 'zapis_job_queue_oldest_queued_seconds', { queue })).toBeGreaterThanOrEqual(120);
    expect(sampleValue(text, 'zapis_job_queue_oldest_queued_seconds', { queue })).toBeLessThan(180);
    // A queue with nothing in it is listed with zeros, so that its panels and alerts have a series.
    expect(text).toContain(`zapis_job_queue_jobs{queue="${idle}",state="queued"} 0`);
    expect(text).toContain(`zapis_job_queue_oldest_queued_seconds{queue="${idle}"} 0`);
  });

  it('counts every attempt whose handler throws, by queue, and passes the error on to pg-boss', async () => {
    const queue = `failing-${randomUUID()}`;
    const before = sampleValue(await scrapeMetrics(app), 'zapis_job_failures_total', { queue });
    const handler = countingFailures(queue, async (value: number) => {
      if (value < 0) throw new Error('negative');
      return value * 2;
    });

    await expect(handler(-1)).rejects.toThrow('negative');
    await expect(handler(-2)).rejects.toThrow('negative');
    await expect(handler(3)).resolves.toBe(6);

    expect(sampleValue(await scrapeMetrics(app), 'zapis_job_failures_total', { queue }) - before).toBe(2);
  });
});
