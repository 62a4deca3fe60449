import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { ContactChannel, PrismaClient } from '../../generated/prisma/client.js';
import { lockMaster } from '../master/master-lock.js';
import { countingFailures } from '../monitoring/metrics.js';
import {
  type BookingNotifier,
  RELEASE_QUEUE,
  REMINDER_LEAD_MS,
  type ReleaseJobData,
  wasAskedToConfirm,
} from '../notifications/notification-jobs.js';
import { bookingTransaction, changedBookingSelect } from './booking-lifecycle.js';

/**
 * Masters who require confirmation: a client's booking that its client has not confirmed
 * (`clientConfirmedAt`, the reminder's «Приду» button) by `confirmationDeadlineMinutes` before
 * its start is released — cancelled by SYSTEM through the booking lifecycle, so statistics,
 * the bot's messages to both sides and the metrics follow as for any cancellation.
 *
 * The time is decided when the booking is made or moved (`bookings.release_at`), and a job for
 * it is queued in that transaction with an id made from the booking and the time: one job per
 * booking and time, whichever instance queued it. Any instance's worker may run it; it decides
 * again, under the master's lock, from the booking as it is then, so a booking confirmed,
 * moved (released at another time, by its own job) or cancelled meanwhile is left alone, and a
 * job run twice (a worker that died after committing) releases once.
 */

const MINUTE_MS = 60_000;

export interface ConfirmationRule {
  requireConfirmation: boolean;
  confirmationDeadlineMinutes: number;
}

export interface ReleasePlanInput {
  /** The master's slot settings; null: nothing required. */
  rule: ConfirmationRule | null;
  startsAt: Date;
  clientId: string | null;
  /** The client's preferred channels (the reminder comes by Telegram only) and whether they take reminders at all. */
  client: { preferredChannels: readonly ContactChannel[]; notifyReminders: boolean } | null;
  /** Whether the bot's messages are queued at all. */
  notifies: boolean;
  now: Date;
}

/**
 * When a booking made or moved now is released unless its client confirms: while its master
 * requires confirmation, for a client's booking whose client will be asked — the bot's messages
 * are on, Telegram is among the client's channels, they have not turned reminders off, and the
 * 24 h reminder is still to come (a booking made later than that is never asked, so never
 * released) — at the deadline before the start. Null otherwise.
 */
export function plannedReleaseAt({ rule, startsAt, clientId, client, notifies, now }: ReleasePlanInput): Date | null {
  if (!rule?.requireConfirmation || !clientId || !notifies) return null;
  if (!client?.notifyReminders || !client.preferredChannels.includes('TELEGRAM')) return null;
  if (startsAt.getTime() - REMINDER_LEAD_MS.REMINDER_24H <= now.getTime()) return null;
  return new Date(startsAt.getTime() - rule.confirmationDeadlineMinutes * MINUTE_MS);
}

/** What a release job found: `released`, or why it left the booking alone. */
export type ReleaseOutcome =
  | 'released'
  | 'missing'
  /** Cancelled, completed or missed already. */
  | 'closed'
  | 'confirmed'
  /** Moved since the job was queued (its new time has a job of its own). */
  | 'moved'
  /** The master no longer requires confirmation. */
  | 'not_required'
  /** The 24 h reminder did not reach the client (bot blocked, Telegram or reminders turned off): nobody asked them. */
  | 'not_asked';

/** Releases the booking of a release job, if it still awaits confirmation at the time the job was queued for. */
export async function releaseUnconfirmedBooking(
  prisma: PrismaClient,
  job: ReleaseJobData,
  now: Date,
  notifications?: BookingNotifier,
): Promise<ReleaseOutcome> {
  return bookingTransaction(prisma, { notifications }, async ({ tx, changed }) => {
    const found = await tx.booking.findUnique({ where: { id: job.bookingId }, select: { masterId: true } });
    if (!found) return 'missing';
    await lockMaster(tx, found.masterId);
    const booking = await tx.booking.findUniqueOrThrow({
      where: { id: job.bookingId },
      select: {
        status: true,
        startsAt: true,
        clientConfirmedAt: true,
        releaseAt: true,
        master: { select: { slotSettings: { select: { requireConfirmation: true } } } },
      },
    });
    if (booking.status !== 'CONFIRMED') return 'closed';
    if (booking.clientConfirmedAt) return 'confirmed';
    if (booking.releaseAt?.getTime() !== Date.parse(job.releaseAt)) return 'moved';
    if (!booking.master.slotSettings?.requireConfirmation) return 'not_required';
    if (!(await wasAskedToConfirm(tx, job.bookingId, booking.startsAt))) return 'not_asked';

    const released = await tx.booking.update({
      where: { id: job.bookingId },
      data: { status: 'CANCELLED', cancelledAt: now, cancelledBy: 'SYSTEM' },
      select: changedBookingSelect,
    });
    await changed({ kind: 'cancelled', booking: released, by: 'SYSTEM' });
    return 'released';
  });
}

export interface ReleaseWorkerOptions {
  boss: PgBoss;
  prisma: PrismaClient;
  /** Tells both sides of a release; absent where notifications are off (then nothing is released: nobody was asked). */
  notifications?: BookingNotifier;
  log: Logger;
  /** What time it is for the release's record; tests move it. */
  clock?: () => Date;
  /** How often an idle worker asks the queue for due jobs. */
  pollingIntervalSeconds?: number;
}

/** Works the release queue in this process; every API instance runs one, pg-boss hands each job to one of them. */
export async function startReleaseWorker({
  boss,
  prisma,
  notifications,
  log,
  clock,
  pollingIntervalSeconds = 5,
}: ReleaseWorkerOptions): Promise<string> {
  return boss.work<ReleaseJobData>(
    RELEASE_QUEUE,
    { pollingIntervalSeconds, batchSize: 1 },
    countingFailures(RELEASE_QUEUE, async ([job]) => {
      if (!job) return undefined;
      const outcome = await releaseUnconfirmedBooking(prisma, job.data, clock?.() ?? new Date(), notifications);
      log.info({ job: job.id, bookingId: job.data.bookingId, outcome }, outcome === 'released' ? 'booking released' : 'booking kept');
      return { outcome };
    }),
  );
}
