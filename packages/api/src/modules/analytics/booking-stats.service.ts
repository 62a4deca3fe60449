import type { Prisma } from '../../generated/prisma/client.js';

type Tx = Prisma.TransactionClient;

/**
 * client_service_stats counts a client's bookings that are not cancelled, per catalogue
 * service and the city the booking was made in (bookings.city_id, the master's city then); last_booked_at is when the latest of them was made (its
 * `created_at`, not the appointment's start): segments rank clients by how recently they
 * booked. Both functions run in the transaction that creates or cancels the booking, so
 * the counters always match the bookings.
 */
export interface CountedBooking {
  clientId: string;
  serviceId: string;
  cityId: string;
  createdAt: Date;
}

/** A client's new booking counts: one more, and last_booked_at moves forward to it. */
export async function countBooking(tx: Tx, booking: CountedBooking) {
  const { clientId, serviceId, cityId, createdAt } = booking;
  await tx.$executeRaw`
    INSERT INTO client_service_stats (client_id, service_id, city_id, bookings_count, last_booked_at)
    VALUES (${clientId}::uuid, ${serviceId}::uuid, ${cityId}::uuid, 1, ${createdAt})
    ON CONFLICT (client_id, service_id, city_id) DO UPDATE
      SET bookings_count = client_service_stats.bookings_count + 1,
          last_booked_at = GREATEST(client_service_stats.last_booked_at, EXCLUDED.last_booked_at)`;
}

/**
 * A cancelled booking no longer counts: the row is recomputed from the client's bookings of
 * the service in that city that are not cancelled (their number, and when the latest of them
 * was made), and deleted when none is left, so a client who cancelled everything is in no
 * "booked" segment. The row is locked first: simultaneous cancellations of one client's
 * bookings then recompute one after the other, each seeing what the one before committed (a
 * decrement and a delete-at-zero in separate statements could leave a row at 0). Call it once,
 * when the booking becomes CANCELLED, after the booking's row is updated.
 */
export async function uncountBooking(tx: Tx, booking: Omit<CountedBooking, 'createdAt'>) {
  const { clientId, serviceId, cityId } = booking;
  await tx.$executeRaw`
    SELECT 1 FROM client_service_stats
    WHERE client_id = ${clientId}::uuid AND service_id = ${serviceId}::uuid AND city_id = ${cityId}::uuid
    FOR UPDATE`;
  await tx.$executeRaw`
    WITH remaining AS (
      SELECT count(*)::int AS bookings_count, max(b.created_at) AS last_booked_at FROM bookings b
      WHERE b.client_id = ${clientId}::uuid AND b.service_id = ${serviceId}::uuid AND b.city_id = ${cityId}::uuid
        AND b.status <> 'CANCELLED')
    UPDATE client_service_stats AS stats
    SET bookings_count = remaining.bookings_count, last_booked_at = remaining.last_booked_at
    FROM remaining
    WHERE stats.client_id = ${clientId}::uuid AND stats.service_id = ${serviceId}::uuid AND stats.city_id = ${cityId}::uuid
      AND remaining.bookings_count > 0`;
  await tx.$executeRaw`
    DELETE FROM client_service_stats AS stats
    WHERE stats.client_id = ${clientId}::uuid AND stats.service_id = ${serviceId}::uuid AND stats.city_id = ${cityId}::uuid
      AND NOT EXISTS (
        SELECT 1 FROM bookings b
        WHERE b.client_id = stats.client_id AND b.service_id = stats.service_id AND b.city_id = stats.city_id
          AND b.status <> 'CANCELLED')`;
}

/** The client's bookings are no longer theirs (erasure): their counters go with them. */
export async function forgetClientStats(tx: Tx, clientId: string): Promise<number> {
  return tx.$executeRaw`DELETE FROM client_service_stats WHERE client_id = ${clientId}::uuid`;
}
