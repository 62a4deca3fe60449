import { apiError, badInput, ErrorCode } from '../../errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { type LocalDate, localDateFromDb, localDateOf } from '../../time/zoned-time.js';
import type { Tx } from '../../transactions.js';
import { countWaitlistOffer } from '../monitoring/metrics.js';
import type { BookingTransaction, TimeInterval } from './booking-lifecycle.js';

/**
 * Time held for waiting clients (waitlist offers), as bookings see it: a claim takes its own
 * hold, a booking made fulfils the client's entries it answers, and holds that end without a
 * booking give their time back through the booking lifecycle (`unheld`), which offers it to the
 * next in line. Everything here runs inside a booking transaction, after the master's row is
 * locked (booking-lifecycle.ts has the lock order).
 */

/** What decides whether a start answers a wish: its local dates, or only its end. */
export interface Wish {
  /** Local dates in the master's zone (as stored); empty: any time before `until`. */
  dates: readonly Date[];
  wishFrom: Date;
  until: Date;
}

/** Whether a start answers the wish: on one of its dates (in the master's zone), or before its end. */
export function wishCovers(wish: Wish, startsAt: Date, timeZone: string): boolean {
  if (startsAt < wish.wishFrom || startsAt >= wish.until) return false;
  if (wish.dates.length === 0) return true;
  const date: LocalDate = localDateOf(startsAt, timeZone);
  return wish.dates.some((day) => localDateFromDb(day) === date);
}

/** The outcome of checking a claim's hold: still held (book it), or booked already by this very offer. */
export type HeldOffer = { kind: 'HELD'; entryId: string } | { kind: 'BOOKED'; bookingId: string };

const offerRefused = (reason: string, message: string) => badInput('offerId', message, { reason });

/** Someone else's offer, or one that does not exist: the same answer. */
export const notYourOffer = () => apiError(ErrorCode.FORBIDDEN, 'This waitlist offer is not yours.');

/**
 * A client claims a held offer (after the master's lock): it must be theirs (else FORBIDDEN),
 * for this start, still held and in force (else BAD_USER_INPUT with reason OFFER_EXPIRED,
 * OFFER_WITHDRAWN). An offer this client already booked answers with that booking, so a claim
 * by the bot's button and one in the app end in the same booking.
 */
export async function takeHeldOffer(tx: Tx, clientId: string, offerId: string, startsAt: Date, now: Date): Promise<HeldOffer> {
  const offer = await tx.waitlistOffer.findUnique({
    where: { id: offerId },
    select: { clientId: true, entryId: true, status: true, startsAt: true, expiresAt: true, bookingId: true },
  });
  if (!offer || offer.clientId !== clientId) throw notYourOffer();
  if (offer.status === 'CLAIMED' && offer.bookingId) return { kind: 'BOOKED', bookingId: offer.bookingId };
  if (offer.status === 'WITHDRAWN') throw offerRefused('OFFER_WITHDRAWN', 'This time is no longer held for you.');
  if (offer.status !== 'HELD' || offer.expiresAt <= now) {
    throw offerRefused('OFFER_EXPIRED', 'The time was held for you until it expired; it went to the next in line.');
  }
  if (offer.startsAt.getTime() !== startsAt.getTime()) throw offerRefused('OFFER_MISMATCH', 'This offer is for another time.');
  return { kind: 'HELD', entryId: offer.entryId };
}

/** A client's booking just made (source CLIENT), as the waitlist sees it. */
export interface BookingForWaitlist {
  id: string;
  clientId: string;
  masterId: string;
  masterServiceId: string;
  startsAt: Date;
  timeZone: string;
  /** The offer the booking claims and its entry, if it came from one. */
  claim: { offerId: string; entryId: string } | null;
}

/** A client's waiting entry still open, as a booking of its service reads it (with the client's row). */
export interface OpenEntry extends Wish {
  id: string;
}

/**
 * After a client's booking is written: the offer it claims becomes CLAIMED, and the client's
 * waiting entries for that master's service (`open`, read in the booking's transaction after the
 * master's lock) whose wish the booking answers are fulfilled (the claimed one among them). Holds
 * those entries still had end (withdrawn), and their time goes back through the lifecycle.
 */
export async function settleWaitlist(
  transaction: BookingTransaction,
  booking: BookingForWaitlist,
  open: readonly OpenEntry[],
  now: Date,
): Promise<void> {
  const { tx, afterCommit } = transaction;
  const { claim } = booking;
  if (claim) {
    await tx.waitlistOffer.update({ where: { id: claim.offerId }, data: { status: 'CLAIMED', bookingId: booking.id, endedAt: now } });
    afterCommit(() => countWaitlistOffer('claimed'));
  }
  const fulfilled = open
    .filter((entry) => entry.id === claim?.entryId || wishCovers(entry, booking.startsAt, booking.timeZone))
    .map((entry) => entry.id);
  if (fulfilled.length === 0) return;
  await tx.waitlistEntry.updateMany({ where: { id: { in: fulfilled }, endedAt: null }, data: { endedAt: now, endReason: 'FULFILLED' } });
  await withdrawHolds(transaction, booking.masterId, { entryId: { in: fulfilled } }, now);
}

/**
 * Ends the held offers that match `where` (of one master) without a booking, and gives their
 * time back (the lifecycle's `unheld`: offered to the next in line) unless told not to (the time
 * was taken by the master). Returns how many ended.
 */
export async function withdrawHolds(
  { tx, changed, afterCommit }: BookingTransaction,
  masterId: string,
  where: Prisma.WaitlistOfferWhereInput,
  now: Date,
  { giveBack = true }: { giveBack?: boolean } = {},
): Promise<number> {
  const held = await tx.waitlistOffer.findMany({
    where: { ...where, masterId, status: 'HELD' },
    select: { id: true, startsAt: true, endsAt: true },
  });
  if (held.length === 0) return 0;
  await tx.waitlistOffer.updateMany({
    where: { id: { in: held.map((offer) => offer.id) }, status: 'HELD' },
    data: { status: 'WITHDRAWN', endedAt: now },
  });
  const intervals: TimeInterval[] = held.map(({ startsAt, endsAt }) => ({ startsAt, endsAt }));
  if (giveBack) await changed({ kind: 'unheld', masterId, intervals });
  afterCommit(() => countWaitlistOffer('withdrawn', held.length));
  return held.length;
}

/**
 * The master booked or moved a booking by hand over time held for a waiting client: the master's
 * calendar wins, the hold ends (withdrawn; a claim answers OFFER_WITHDRAWN) and nothing is given
 * back — the time is taken.
 */
export async function withdrawHoldsUnder(transaction: BookingTransaction, masterId: string, taken: TimeInterval, now: Date) {
  return withdrawHolds(transaction, masterId, { startsAt: { lt: taken.endsAt }, endsAt: { gt: taken.startsAt } }, now, { giveBack: false });
}

/**
 * The master took days off: holds on them end (withdrawn), and their time is not given back —
 * nobody may book a day off. The entries keep waiting for other times. Returns how many ended.
 */
export async function withdrawHoldsOnDaysOff(
  { tx, afterCommit }: BookingTransaction,
  masterId: string,
  days: readonly TimeInterval[],
  now: Date,
): Promise<number> {
  if (days.length === 0) return 0;
  const { count } = await tx.waitlistOffer.updateMany({
    where: { masterId, status: 'HELD', OR: days.map((day) => ({ startsAt: { gte: day.startsAt, lt: day.endsAt } })) },
    data: { status: 'WITHDRAWN', endedAt: now },
  });
  afterCommit(() => countWaitlistOffer('withdrawn', count));
  return count;
}
