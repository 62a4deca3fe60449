import type { PrismaClient } from '../../generated/prisma/client.js';
import { forgetClientInterest } from '../analytics/interest.service.js';
import { detachClientBookings } from '../booking/booking.service.js';
import { bookingTransaction } from '../booking/booking-lifecycle.js';
import { detachConsents, eraseClientProfile, forgetClientIdentity } from '../client/client.service.js';
import { detachClientReviews } from '../review/review.service.js';

export const CLIENT_DATA_ERASED_ACTION = 'client.data_erased';

/**
 * "Erase my data": the client's personal data goes, and nothing from before may follow the
 * person afterwards, even when they come back.
 *
 * - The client row loses name, username, language, phone and channels, and, unless they are
 *   also a master, so does their Telegram user row.
 * - Their bookings stay with the master (time, service, price, status) but are detached from
 *   them, without name, phone, comment or their own cancellation reason; their
 *   client_service_stats rows go with the link (`detachClientBookings`).
 * - Their interest rows go. Consents are withdrawn and detached (kept as the record of what was
 *   agreed to, under `former_client_id`).
 * - Their reviews stay for the master's reputation (rating, text, reply), detached from them and
 *   without the author's name.
 * - The client row gets a new id, so a partner's pseudonymous id for them (derived from it)
 *   never points at them again.
 *
 * One audit event, counts only, under the old id. Returns when the data was erased, null when
 * there was no client profile. Idempotent: a second call changes nothing and audits nothing.
 */
export async function eraseClientData(prisma: PrismaClient, telegramId: bigint, now = new Date()): Promise<Date | null> {
  return bookingTransaction(prisma, {}, async (booking) => {
    const { tx } = booking;
    const erased = await eraseClientProfile(tx, telegramId, now);
    if (erased.clientId === null) return erased.erasedAt;
    const { clientId } = erased;
    const statsDeleted = await tx.clientServiceStats.count({ where: { clientId } });
    const bookings = await detachClientBookings(booking, clientId);
    const consentsWithdrawn = await detachConsents(tx, clientId, now);
    const interestsDeleted = await forgetClientInterest(tx, clientId);
    const reviewsDetached = await detachClientReviews(tx, clientId);
    await forgetClientIdentity(tx, clientId, telegramId);
    await tx.auditEvent.create({
      data: {
        action: CLIENT_DATA_ERASED_ACTION,
        actor: `client:${clientId}`,
        subjectType: 'client',
        subjectId: clientId,
        details: { bookings, statsDeleted, consentsWithdrawn, interestsDeleted, reviewsDetached },
      },
    });
    return now;
  });
}
