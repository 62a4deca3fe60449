import DataLoader from 'dataloader';
import { z } from 'zod';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';

/**
 * How reliable a booking's client has been with this booking's master, and with no one else:
 * their other bookings with the master that started (or were to start) before this one.
 *
 * - `visitsKept`: COMPLETED.
 * - `lateCancellations`: cancelled by the client within 24 hours before the start
 *   (`cancelled_at >= starts_at - 24 h`). The cutoff keeps clients from cancelling later than
 *   the master allows, but a cancellation the evening before still leaves the master an empty
 *   slot; 24 hours is the line whatever the master's cutoff.
 * - `noShows`: NO_SHOW.
 * - `released`: released by the system, not confirmed in time.
 *
 * Counted in SQL for all bookings a request asks about at once (one query per calendar page,
 * through a per-request loader), on the (client_id, starts_at) index.
 */
export interface ClientReliability {
  visitsKept: number;
  lateCancellations: number;
  noShows: number;
  released: number;
}

/** A client's cancellation this close to the start is late (reliability, and the master's statistics). */
export const LATE_CANCELLATION_HOURS = 24;

const reliabilityRow = z.object({
  booking_id: z.string(),
  visits_kept: z.number().int(),
  late_cancellations: z.number().int(),
  no_shows: z.number().int(),
  released: z.number().int(),
});

type Db = PrismaClient | Prisma.TransactionClient;

/** The reliability of the clients of these bookings (database ids); bookings without a client are left out. */
export async function clientReliabilityOf(db: Db, bookingIds: readonly string[]): Promise<Map<string, ClientReliability>> {
  const rows = z.array(reliabilityRow).parse(
    await db.$queryRaw`
      SELECT k.id::text AS booking_id,
        count(b.id) FILTER (WHERE b.status = 'COMPLETED')::int AS visits_kept,
        count(b.id) FILTER (WHERE b.status = 'CANCELLED' AND b.cancelled_by = 'CLIENT'
          AND b.cancelled_at >= b.starts_at - make_interval(hours => ${LATE_CANCELLATION_HOURS}))::int AS late_cancellations,
        count(b.id) FILTER (WHERE b.status = 'NO_SHOW')::int AS no_shows,
        count(b.id) FILTER (WHERE b.status = 'CANCELLED' AND b.cancelled_by = 'SYSTEM')::int AS released
      FROM bookings k
      LEFT JOIN bookings b
        ON b.client_id = k.client_id AND b.master_id = k.master_id AND b.id <> k.id AND b.starts_at < k.starts_at
      WHERE k.id = ANY(${[...bookingIds]}::uuid[]) AND k.client_id IS NOT NULL
      GROUP BY k.id`,
  );
  return new Map(
    rows.map((row) => [
      row.booking_id,
      { visitsKept: row.visits_kept, lateCancellations: row.late_cancellations, noShows: row.no_shows, released: row.released },
    ]),
  );
}

const loaders = new WeakMap<object, DataLoader<string, ClientReliability | null>>();

/** One loader per request (keyed by its context): the bookings of a page are counted together. */
export function clientReliabilityLoader(context: { prisma: PrismaClient }): DataLoader<string, ClientReliability | null> {
  let loader = loaders.get(context);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const found = await clientReliabilityOf(context.prisma, ids);
      return ids.map((id) => found.get(id) ?? null);
    });
    loaders.set(context, loader);
  }
  return loader;
}
