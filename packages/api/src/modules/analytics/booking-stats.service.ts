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
 * A cancelled booking no longer counts: one less, and last_booked_at goes back to the
 * latest of the client's remaining bookings of the service made in that city
 * (cancelled ones excluded). The row goes when nothing is left, so a client who cancelled
 * everything is in no "booked" segment. Call it once, when the booking becomes CANCELLED.
 */
export async function uncountBooking(tx: Tx, booking: Omit<CountedBooking, 'createdAt'>) {
  const { clientId, serviceId, cityId } = booking;
  await tx.$executeRaw`
    DELETE FROM client_service_stats
    WHERE client_id = ${clientId}::uuid AND service_id = ${serviceId}::uuid AND city_id = ${cityId}::uuid
      AND bookings_count <= 1`;
  await tx.$executeRaw`
    UPDATE client_service_stats AS stats
    SET bookings_count = stats.bookings_count - 1,
        last_booked_at = COALESCE(
          (SELECT max(b.created_at) FROM bookings b
           WHERE b.client_id = stats.client_id AND b.service_id = stats.service_id
             AND b.city_id = stats.city_id AND b.status <> 'CANCELLED'),
          stats.last_booked_at)
    WHERE stats.client_id = ${clientId}::uuid AND stats.service_id = ${serviceId}::uuid AND stats.city_id = ${cityId}::uuid`;
}
