import { z } from 'zod';
import type { PrismaClient } from '../db.js';
import { Prisma } from '../generated/prisma/client.js';
import type { JobQueueCounts } from '../modules/monitoring/metrics.js';
import { JOB_QUEUE_SCHEMA } from './scheduler.js';

const queueRows = z.array(
  z.object({
    queue: z.string(),
    queued: z.number().int(),
    scheduled: z.number().int(),
    active: z.number().int(),
    failed: z.number().int(),
    oldestQueuedSeconds: z.number(),
  }),
);

/**
 * Every queue pg-boss knows, with its jobs counted by state: one statement over `pgboss.job`
 * (which holds only the jobs of the last hours: pg-boss archives finished ones), for the queue
 * gauges at each scrape. Queues with nothing in them are listed with zeros.
 */
export async function readJobQueueCounts(prisma: PrismaClient): Promise<JobQueueCounts[]> {
  const schema = Prisma.raw(JOB_QUEUE_SCHEMA);
  return queueRows.parse(
    await prisma.$queryRaw`
      SELECT q.name AS queue,
        count(j.id) FILTER (WHERE j.state IN ('created', 'retry') AND j.start_after <= now())::int AS queued,
        count(j.id) FILTER (WHERE j.state IN ('created', 'retry') AND j.start_after > now())::int AS scheduled,
        count(j.id) FILTER (WHERE j.state = 'active')::int AS active,
        count(j.id) FILTER (WHERE j.state = 'failed')::int AS failed,
        coalesce(extract(epoch FROM now() - min(j.start_after) FILTER (WHERE j.state IN ('created', 'retry') AND j.start_after <= now())), 0)::float8
          AS "oldestQueuedSeconds"
      FROM ${schema}.queue q
      LEFT JOIN ${schema}.job j ON j.name = q.name AND j.state IN ('created', 'retry', 'active', 'failed')
      GROUP BY q.name
      ORDER BY q.name`,
  );
}
