import type { BookingActor, BookingSource, BookingStatus, PrismaClient } from '../../generated/prisma/client.js';
import { type RetryOptions, retryingTransaction, type Tx } from '../../transactions.js';
import { countBooking, forgetClientStats, uncountBooking } from '../analytics/booking-stats.service.js';
import { countBookingCancelled, countBookingCreated } from '../monitoring/metrics.js';
import type { BookingNotifier } from '../notifications/notification-jobs.js';

/**
 * Every write of a booking happens in a booking transaction, and every change it makes is
 * announced once through `changed`, which keeps what follows from bookings in step, in the
 * same transaction: client_service_stats, the bot's messages (queued jobs: confirmations,
 * reminders, the review request after a completed visit) and, once the transaction has
 * committed, the metrics.
 *
 * Locks are taken in one order everywhere, so that no two booking transactions wait for each
 * other: the master's row (`lockMaster`, master module), then the client's row (`lockClient` in the client
 * module), then booking rows, then client_service_stats rows, then the job queue's rows. A
 * deadlock or serialization failure that still happens is retried (`retryingTransaction`).
 */

/** What the after-change step needs to know of a booking. */
export interface ChangedBooking {
  id: string;
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
  source: BookingSource;
  /** Null for a booking the master entered by hand, or one whose client erased their data. */
  clientId: string | null;
  serviceId: string | null;
  cityId: string | null;
}

export type BookingChange =
  | { kind: 'created'; booking: ChangedBooking; now: Date }
  | { kind: 'cancelled'; booking: ChangedBooking; by: BookingActor }
  /**
   * Completed or no-show: still not cancelled, so nothing it counts changes. A completed
   * client's booking asks its client for a review.
   */
  | { kind: 'outcome'; booking: ChangedBooking; outcome: Extract<BookingStatus, 'COMPLETED' | 'NO_SHOW'>; now: Date }
  /** The client said they will come (the reminder's button). */
  | { kind: 'confirmed'; bookingId: string }
  /** A client erased their data: their bookings are no longer theirs. */
  | { kind: 'detached'; clientId: string };

export interface BookingTransaction {
  tx: Tx;
  /** Brings what follows from bookings in step with a change just written through `tx`. */
  changed(change: BookingChange): Promise<void>;
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
      return work({ tx, changed: (change) => afterBookingChange(tx, change, notifications, afterCommit) });
    },
    { ...RUSH_TOLERANT, ...retry },
  );
  for (const effect of afterCommit) effect();
  return result;
}

async function afterBookingChange(tx: Tx, change: BookingChange, notifications: BookingNotifier | undefined, afterCommit: (() => void)[]) {
  switch (change.kind) {
    case 'created': {
      const { booking } = change;
      const { clientId, serviceId, cityId } = booking;
      if (clientId && serviceId && cityId) await countBooking(tx, { clientId, serviceId, cityId, createdAt: booking.createdAt });
      await notifications?.bookingCreated(tx, booking, change.now);
      afterCommit.push(() => countBookingCreated(booking.source === 'CLIENT' ? 'client' : 'master'));
      return;
    }
    case 'cancelled': {
      const { booking } = change;
      const { clientId, serviceId, cityId } = booking;
      if (clientId && serviceId && cityId) await uncountBooking(tx, { clientId, serviceId, cityId });
      await notifications?.bookingCancelled(tx, booking, change.by);
      afterCommit.push(() => countBookingCancelled(change.by === 'MASTER' ? 'master' : 'client'));
      return;
    }
    case 'outcome':
      if (change.outcome === 'COMPLETED') await notifications?.bookingCompleted(tx, change.booking, change.now);
      return;
    case 'confirmed':
      return;
    case 'detached':
      await forgetClientStats(tx, change.clientId);
      return;
  }
}
