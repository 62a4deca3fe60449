import { z } from 'zod';
import { isExclusionViolation } from '../../db-errors.js';
import { apiError, badInput, ErrorCode } from '../../errors.js';
import { type Booking, ContactChannel, type PrismaClient } from '../../generated/prisma/client.js';
import type { Tx } from '../../transactions.js';
import { erasedMeanwhile } from '../client/client.service.js';
import { lockMaster } from '../master/master-lock.js';
import type { BookingNotifier } from '../notifications/notification-jobs.js';
import {
  actorOf,
  type BookingRole,
  noSuchBooking,
  overlapping,
  refuseAfterCutoff,
  type StartQuery,
  slotUnavailable,
} from './booking.service.js';
import { type BookingTransaction, bookingTransaction } from './booking-lifecycle.js';
import { checkStart } from './booking-overlap.js';
import { plannedReleaseAt } from './booking-release.js';
import { withdrawHoldsUnder } from './waitlist-holds.js';

const MINUTE_MS = 60_000;

export interface RescheduleInput {
  bookingId: string;
  startsAt: Date;
  /** Another of the master's services (database id); null: the booking's own. */
  masterServiceId: string | null;
  /** Chosen by the app per move attempt; a retry with the same key moves nothing again. */
  idempotencyKey: string;
}

/** What a refused attempt needs to answer once its transaction is over. */
interface Attempt {
  /** For a client: the start asked for, to offer the nearest free ones. Null for the master. */
  query: StartQuery | null;
}

/** `booking`: the row as the move wrote it; null for a retry of a move already made. */
type MoveOutcome = { kind: 'MOVED'; booking: Booking | null } | { kind: 'UNAVAILABLE'; query: StartQuery };

const stateRow = z.object({
  status: z.string(),
  starts_at: z.date(),
  ends_at: z.date(),
  client_id: z.string().nullable(),
  master_service_id: z.string().nullable(),
  service_id: z.string().nullable(),
  release_at: z.date().nullable(),
  cutoff_minutes: z.number().nullable(),
  require_confirmation: z.boolean().nullable(),
  confirmation_deadline_minutes: z.number().nullable(),
  earlier_to_starts_at: z.date().nullable(),
  earlier_to_master_service_id: z.string().nullable(),
  client: z.object({ notifyReminders: z.boolean(), preferredChannels: z.array(z.enum(ContactChannel)), erased: z.boolean() }).nullable(),
});

/**
 * Everything a move reads, in one statement after the master's lock: the booking as it is now,
 * a move already made with this key, the master's cancellation cutoff and confirmation rule, and
 * the client's row, locked (the next lock in the order) with what the release rule needs of it.
 */
async function lockedMoveState(tx: Tx, input: RescheduleInput) {
  const rows = await tx.$queryRaw`
    SELECT b.status::text AS status, b.starts_at, b.ends_at, b.client_id::text, b.master_service_id::text, b.service_id::text,
           b.release_at, ss.cancellation_cutoff_minutes AS cutoff_minutes, ss.require_confirmation, ss.confirmation_deadline_minutes,
           mv.to_starts_at AS earlier_to_starts_at, mv.to_master_service_id::text AS earlier_to_master_service_id,
           (SELECT json_build_object('notifyReminders', c.notify_reminders, 'preferredChannels', c.preferred_channels,
                                     'erased', c.erased_at IS NOT NULL)
            FROM clients c WHERE c.id = b.client_id FOR NO KEY UPDATE) AS client
    FROM bookings b
    LEFT JOIN slot_settings ss ON ss.master_id = b.master_id
    LEFT JOIN booking_moves mv ON mv.booking_id = b.id AND mv.idempotency_key = ${input.idempotencyKey}
    WHERE b.id = ${input.bookingId}::uuid`;
  const row = z.array(stateRow).parse(rows)[0];
  if (!row) throw new Error('A booking locked for a move is gone.');
  return {
    earlier: row.earlier_to_starts_at
      ? { toStartsAt: row.earlier_to_starts_at, toMasterServiceId: row.earlier_to_master_service_id }
      : null,
    booking: {
      status: row.status,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      clientId: row.client_id,
      masterServiceId: row.master_service_id,
      serviceId: row.service_id,
      releaseAt: row.release_at,
      client: row.client,
    },
    cutoffMinutes: row.cutoff_minutes ?? 0,
    rule:
      row.require_confirmation === null || row.confirmation_deadline_minutes === null
        ? null
        : { requireConfirmation: row.require_confirmation, confirmationDeadlineMinutes: row.confirmation_deadline_minutes },
  };
}

/**
 * A booking to another time, and maybe to another of the master's services, keeping its id:
 * its client until the master's cancellation cutoff before its current start (later:
 * BAD_USER_INPUT, reason CANCELLATION_CUTOFF), its master at any time.
 *
 * - One booking transaction, in the lock order of every booking write: the master's row, the
 *   client's, the booking, the statistics, the job queue.
 * - The client's new start must be one `availableSlots` lists, with the booking's own time
 *   counting as free for it; the master's may be any time that overlaps no other booking and no
 *   time block (as a manual booking, outside working hours too). Otherwise SLOT_UNAVAILABLE
 *   (a client's with `extensions.nearestSlots`), and the booking stays where it was; the
 *   exclusion constraint `bookings_no_overlap` is the last guard and answers the same. Time held
 *   for a waiting client is not free for a client's move; the master's move over it withdraws the hold.
 * - The booking keeps its length and price, unless it moves to another service: then it takes
 *   that service's duration and price, and client_service_stats follow the catalogue service.
 * - The move is kept (`booking_moves`: from, to, services, who, when). The client's
 *   confirmation was for the old time, so it is cleared; a release is planned anew for the new
 *   time. What follows (reminders, release, the bot's messages, metrics, freed time) is the
 *   lifecycle's `moved` change.
 * - Idempotent: a move already made with this key for this booking is not made again; the same
 *   key for another target is BAD_USER_INPUT with reason IDEMPOTENCY_KEY_REUSED.
 */
export async function rescheduleBooking(
  prisma: PrismaClient,
  roles: readonly BookingRole[],
  input: RescheduleInput,
  now = new Date(),
  notifications?: BookingNotifier,
): Promise<Booking | null> {
  const attempt: Attempt = { query: null };
  let outcome: MoveOutcome;
  try {
    outcome = await bookingTransaction(prisma, { notifications }, (booking) => moveInTransaction(booking, roles, input, now, attempt));
  } catch (error) {
    if (!isExclusionViolation(error)) throw error;
    if (!attempt.query) throw apiError(ErrorCode.SLOT_UNAVAILABLE, 'This time overlaps another booking.');
    outcome = { kind: 'UNAVAILABLE', query: attempt.query };
  }
  if (outcome.kind === 'UNAVAILABLE') throw await slotUnavailable(prisma, outcome.query, now);
  return outcome.booking;
}

async function moveInTransaction(
  transaction: BookingTransaction,
  roles: readonly BookingRole[],
  input: RescheduleInput,
  now: Date,
  attempt: Attempt,
): Promise<MoveOutcome> {
  const { tx, changed, notifies } = transaction;
  const found = await tx.booking.findUnique({ where: { id: input.bookingId }, select: { masterId: true, clientId: true } });
  if (!found) throw noSuchBooking();
  const { masterId } = found;
  const by = actorOf(found, roles);
  await lockMaster(tx, masterId, { activity: by === 'MASTER' });

  const state = await lockedMoveState(tx, input);
  const { earlier, booking } = state;
  if (earlier) {
    const sameTarget =
      earlier.toStartsAt.getTime() === input.startsAt.getTime() &&
      (input.masterServiceId === null || input.masterServiceId === earlier.toMasterServiceId);
    if (sameTarget) return { kind: 'MOVED', booking: null };
    throw badInput('idempotencyKey', 'This key was used for another move; use a new key per move.', { reason: 'IDEMPOTENCY_KEY_REUSED' });
  }
  if (booking.status === 'CANCELLED') throw badInput('bookingId', 'This booking was cancelled.', { reason: 'BOOKING_CANCELLED' });
  if (booking.status !== 'CONFIRMED') throw badInput('bookingId', 'This booking has already taken place.', { reason: 'BOOKING_OVER' });
  if (by === 'CLIENT') refuseAfterCutoff(state.cutoffMinutes, booking.startsAt, now);

  const newService = input.masterServiceId !== null && input.masterServiceId !== booking.masterServiceId ? input.masterServiceId : null;
  const offer = newService ? await tx.masterService.findUnique({ where: { id: newService } }) : null;
  if (newService) {
    if (!offer || offer.masterId !== masterId) throw badInput('masterServiceId', "Not one of this master's services.");
    if (by === 'MASTER' && (!offer.isActive || offer.archivedAt)) throw badInput('masterServiceId', 'This service is switched off.');
  }
  const durationMinutes = offer ? offer.durationMinutes : Math.round((booking.endsAt.getTime() - booking.startsAt.getTime()) / MINUTE_MS);
  const startsAt = input.startsAt;
  const endsAt = new Date(startsAt.getTime() + durationMinutes * MINUTE_MS);
  if (!offer && startsAt.getTime() === booking.startsAt.getTime()) {
    throw badInput('startsAt', 'The booking is already at this time.', { reason: 'SAME_TIME' });
  }

  if (by === 'CLIENT') {
    const masterServiceId = offer?.id ?? booking.masterServiceId;
    // A booking without a service of the master's (made before own services) can only move to one.
    if (!masterServiceId) throw badInput('masterServiceId', 'Choose one of the master’s services.');
    const query: StartQuery = {
      masterId,
      masterServiceId,
      startsAt,
      exceptBookingId: input.bookingId,
      ...(offer ? {} : { durationMinutes }),
    };
    attempt.query = query;
    if (!(await checkStart(tx, { ...query, durationMinutes, now })).free) return { kind: 'UNAVAILABLE', query };
  } else {
    attempt.query = null;
    const block = await tx.timeBlock.findFirst({ where: { masterId, ...overlapping(startsAt, endsAt) }, select: { id: true } });
    if (block) throw apiError(ErrorCode.SLOT_UNAVAILABLE, 'This time is blocked.');
    const other = await tx.booking.findFirst({
      where: { masterId, id: { not: input.bookingId }, status: { not: 'CANCELLED' }, ...overlapping(startsAt, endsAt) },
      select: { id: true },
    });
    if (other) throw apiError(ErrorCode.SLOT_UNAVAILABLE, 'This time overlaps another booking.');
  }

  const { clientId, client } = booking;
  if (clientId && (!client || client.erased)) throw erasedMeanwhile();

  const moved = await tx.booking.update({
    where: { id: input.bookingId },
    data: {
      startsAt,
      endsAt,
      clientConfirmedAt: null,
      releaseAt: plannedReleaseAt({ rule: state.rule, startsAt, clientId, client, notifies, now }),
      ...(offer ? { masterServiceId: offer.id, serviceId: offer.serviceId, priceMinor: offer.priceMinor, currency: offer.currency } : {}),
    },
  });
  // The master moves over time held for a waiting client: the master's calendar wins (a client's move never lands on a hold).
  if (by === 'MASTER') await withdrawHoldsUnder(transaction, masterId, moved, now);
  const move = await tx.bookingMove.create({
    data: {
      bookingId: input.bookingId,
      fromStartsAt: booking.startsAt,
      fromEndsAt: booking.endsAt,
      toStartsAt: startsAt,
      toEndsAt: endsAt,
      fromMasterServiceId: booking.masterServiceId,
      toMasterServiceId: offer?.id ?? booking.masterServiceId,
      movedBy: by,
      idempotencyKey: input.idempotencyKey,
    },
    select: { id: true },
  });
  await changed({
    kind: 'moved',
    booking: moved,
    from: { startsAt: booking.startsAt, endsAt: booking.endsAt, serviceId: booking.serviceId, releaseAt: booking.releaseAt },
    moveId: move.id,
    by,
    now,
  });
  return { kind: 'MOVED', booking: moved };
}
