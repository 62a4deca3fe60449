import type { BookingActor, BookingSource, BookingStatus, Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { type RetryOptions, retryingTransaction, type Tx } from '../../transactions.js';
import { countBooking, forgetClientStats, uncountBooking } from '../analytics/booking-stats.service.js';
import {
  countBookingCancelled,
  countBookingCreated,
  countBookingMoved,
  countTimeFreed,
  type FreedTimeCause,
} from '../monitoring/metrics.js';
import type { BookingNotifier } from '../notifications/notification-jobs.js';

/**
 * Every write of a booking happens in a booking transaction, and every change it makes is
 * announced once through `changed`, which keeps what follows from bookings in step, in the
 * same transaction: client_service_stats, the bot's messages and the booking's jobs (queued:
 * confirmations, reminders, the release of an unconfirmed booking, the review request after a
 * completed visit), time that became free (`timeFreed`: offered to the waitlist by a job queued
 * here) and, once the transaction has committed, the metrics.
 *
 * Locks are taken in one order everywhere, so that no two booking transactions wait for each
 * other: the master's row (`lockMaster`, master module; a client's booking takes it with the service
 * it books, in one statement), then the client's row (`lockClient` in the client module; a client's
 * booking and move take it with what they read of the client), then booking rows, then waitlist rows
 * (entries, then offers), then client_service_stats rows, then the job queue's rows. A
 * deadlock or serialization failure that still happens is retried (`retryingTransaction`).
 */

/** What the after-change step needs to know of a booking. */
export interface ChangedBooking {
  id: string;
  masterId: string;
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
  source: BookingSource;
  /** Null for a booking the master entered by hand, or one whose client erased their data. */
  clientId: string | null;
  serviceId: string | null;
  cityId: string | null;
  /** When it is released unless its client confirms (bookings.release_at). */
  releaseAt: Date | null;
}

/** The columns the after-change step reads (`ChangedBooking`): select them when writing a booking. */
export const changedBookingSelect = {
  id: true,
  masterId: true,
  startsAt: true,
  endsAt: true,
  createdAt: true,
  source: true,
  clientId: true,
  serviceId: true,
  cityId: true,
  releaseAt: true,
} as const satisfies Prisma.BookingSelect;

/** Where a moved booking was before the move. */
export interface MovedFrom {
  startsAt: Date;
  endsAt: Date;
  serviceId: string | null;
  releaseAt: Date | null;
}

export interface TimeInterval {
  startsAt: Date;
  endsAt: Date;
}

export type BookingChange =
  | { kind: 'created'; booking: ChangedBooking; now: Date }
  /** By SYSTEM: released, its client did not confirm in time. */
  | { kind: 'cancelled'; booking: ChangedBooking; by: BookingActor }
  /** To another time (and maybe another of the master's services); `booking` is as it is now. */
  | { kind: 'moved'; booking: ChangedBooking; from: MovedFrom; moveId: string; by: Exclude<BookingActor, 'SYSTEM'>; now: Date }
  /**
   * Completed or no-show: still not cancelled, so nothing it counts changes. A completed
   * client's booking asks its client for a review.
   */
  | { kind: 'outcome'; booking: ChangedBooking; outcome: Extract<BookingStatus, 'COMPLETED' | 'NO_SHOW'>; now: Date }
  /** The client said they will come (the reminder's button). */
  | { kind: 'confirmed'; bookingId: string }
  /** A client erased their data: their bookings are no longer theirs. */
  | { kind: 'detached'; clientId: string }
  /** The master's calendar opened up without a booking changing: a day off or a time block removed. */
  | { kind: 'reopened'; masterId: string; intervals: TimeInterval[]; cause: Extract<FreedTimeCause, 'day_off_removed' | 'unblocked'> }
  /** Waitlist holds ended without a booking (expired, or withdrawn): their time is free for everyone again. */
  | { kind: 'unheld'; masterId: string; intervals: TimeInterval[] };

/** A stretch of a master's time that may be bookable again (the schedule and the slot rules still apply). */
export interface FreedTime extends TimeInterval {
  masterId: string;
  cause: FreedTimeCause;
}

export interface BookingTransaction {
  tx: Tx;
  /** Brings what follows from bookings in step with a change just written through `tx`. */
  changed(change: BookingChange): Promise<void>;
  /** Whether the bot's messages and the booking's jobs are queued (notifications are on): a release needs the reminder. */
  notifies: boolean;
  /** Runs `effect` once the transaction has committed (metrics): never for an attempt that rolled back. */
  afterCommit(effect: () => void): void;
}

export interface BookingTransactionOptions extends RetryOptions {
  /** Queues the bot's messages; absent where notifications are off. */
  notifications?: BookingNotifier;
}

/**
 * Bookings of one master queue on the master's row lock, so in a rush on one master a booking
 * waits for every one before it: more time than Prisma's default 5 s in all.
 */
const RUSH_TOLERANT = { maxWait: 10_000, timeout: 30_000 };

/** Runs `work` in a transaction that may change bookings (retried as a whole when PostgreSQL aborts it). */
export async function bookingTransaction<T>(
  prisma: PrismaClient,
  options: BookingTransactionOptions,
  work: (booking: BookingTransaction) => Promise<T>,
): Promise<T> {
  const { notifications, ...retry } = options;
  let afterCommit: (() => void)[] = [];
  const result = await retryingTransaction(
    prisma,
    (tx) => {
      afterCommit = [];
      return work({
        tx,
        changed: (change) => afterBookingChange(tx, change, notifications, afterCommit),
        notifies: notifications !== undefined,
        afterCommit: (effect) => afterCommit.push(effect),
      });
    },
    { ...RUSH_TOLERANT, ...retry },
  );
  for (const effect of afterCommit) effect();
  return result;
}

const actorLabel = (actor: BookingActor) => (actor === 'MASTER' ? 'master' : actor === 'CLIENT' ? 'client' : 'system');

async function afterBookingChange(tx: Tx, change: BookingChange, notifications: BookingNotifier | undefined, afterCommit: (() => void)[]) {
  switch (change.kind) {
    case 'created': {
      const { booking } = change;
      const { clientId, serviceId, cityId } = booking;
      if (clientId && serviceId && cityId) await countBooking(tx, { clientId, serviceId, cityId, createdAt: booking.createdAt });
      await notifications?.bookingCreated(tx, booking, change.now);
      afterCommit.push(() => countBookingCreated(booking.source === 'CLIENT' ? 'client' : 'master'));
      break;
    }
    case 'cancelled': {
      const { booking } = change;
      const { clientId, serviceId, cityId } = booking;
      if (clientId && serviceId && cityId) await uncountBooking(tx, { clientId, serviceId, cityId });
      await notifications?.bookingCancelled(tx, booking, change.by);
      afterCommit.push(() => countBookingCancelled(actorLabel(change.by)));
      break;
    }
    case 'moved': {
      const { booking, from } = change;
      const { clientId, cityId } = booking;
      // Another catalogue service: the booking counts under the new one instead of the old one.
      if (clientId && cityId && from.serviceId !== booking.serviceId) {
        if (from.serviceId) await uncountBooking(tx, { clientId, serviceId: from.serviceId, cityId });
        if (booking.serviceId) await countBooking(tx, { clientId, serviceId: booking.serviceId, cityId, createdAt: booking.createdAt });
      }
      await notifications?.bookingMoved(tx, { booking, from, moveId: change.moveId, by: change.by }, change.now);
      afterCommit.push(() => countBookingMoved(change.by === 'MASTER' ? 'master' : 'client'));
      break;
    }
    case 'outcome':
      if (change.outcome === 'COMPLETED') await notifications?.bookingCompleted(tx, change.booking, change.now);
      break;
    case 'confirmed':
    case 'reopened':
    case 'unheld':
      break;
    case 'detached':
      await forgetClientStats(tx, change.clientId);
      break;
  }
  await timeFreed(tx, freedTimeOf(change), notifications, afterCommit);
}

/** `interval` less `taken`: nothing, one piece, or two. */
function without(interval: TimeInterval, taken: TimeInterval): TimeInterval[] {
  if (taken.endsAt <= interval.startsAt || taken.startsAt >= interval.endsAt) return [interval];
  const pieces: TimeInterval[] = [];
  if (interval.startsAt < taken.startsAt) pieces.push({ startsAt: interval.startsAt, endsAt: taken.startsAt });
  if (taken.endsAt < interval.endsAt) pieces.push({ startsAt: taken.endsAt, endsAt: interval.endsAt });
  return pieces;
}

/** The time a change frees: a cancelled or released booking's, a moved booking's old time less its new one, a reopened stretch. */
export function freedTimeOf(change: BookingChange): FreedTime[] {
  switch (change.kind) {
    case 'cancelled': {
      const { masterId, startsAt, endsAt } = change.booking;
      return [{ masterId, startsAt, endsAt, cause: change.by === 'SYSTEM' ? 'released' : 'cancelled' }];
    }
    case 'moved':
      return without(change.from, change.booking).map((piece) => ({ ...piece, masterId: change.booking.masterId, cause: 'moved' }));
    case 'reopened':
      return change.intervals.map((interval) => ({ ...interval, masterId: change.masterId, cause: change.cause }));
    case 'unheld':
      return change.intervals.map((interval) => ({ ...interval, masterId: change.masterId, cause: 'hold_ended' }));
    case 'created':
    case 'outcome':
    case 'confirmed':
    case 'detached':
      return [];
  }
}

/**
 * Every stretch of time that becomes bookable again passes here, once, inside the transaction
 * that freed it (a cancellation, a release, a move, a removed day off or time block, a waitlist
 * hold that ended): a job that offers it to the master's waitlist is queued in the same
 * transaction (waitlist-offers.ts works it) when the master has anyone waiting. Offers reach
 * clients through the bot only, so where notifications are off nothing is queued and the time is
 * simply free.
 */
async function timeFreed(tx: Tx, freed: readonly FreedTime[], notifications: BookingNotifier | undefined, afterCommit: (() => void)[]) {
  for (const time of freed) afterCommit.push(() => countTimeFreed(time.cause));
  if (freed.length === 0 || !notifications) return;
  // Only where someone waits: most freed time has nobody to offer it to.
  const masterIds = [...new Set(freed.map((time) => time.masterId))];
  const waiting = await tx.waitlistEntry.findMany({
    where: { masterId: { in: masterIds }, endedAt: null },
    distinct: ['masterId'],
    select: { masterId: true },
  });
  const awaited = new Set(waiting.map((entry) => entry.masterId));
  const offered = freed.filter((time) => awaited.has(time.masterId));
  if (offered.length > 0) await notifications.timeFreed(tx, offered);
}
