import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { lockMaster } from '../master/master-lock.js';
import { countingFailures, countWaitlistOffer } from '../monitoring/metrics.js';
import {
  type BookingNotifier,
  type FreedTimeJobData,
  type OfferExpiryJobData,
  WAITLIST_EXPIRY_QUEUE,
  WAITLIST_QUEUE,
} from '../notifications/notification-jobs.js';
import { bookingTransaction } from './booking-lifecycle.js';
import { availableSlotsOfOffer, findPublicOffer } from './slots.service.js';
import { wishCovers } from './waitlist-holds.js';

/**
 * Freed time offered to the waitlist, one waiting client at a time.
 *
 * The booking lifecycle queues a job for every stretch of a master's time that becomes free, in
 * the transaction that freed it. Any instance's worker runs it: under the master's lock, the
 * master's waiting entries are taken in line (FIFO by join time), and each that has no offer in
 * force gets the earliest free start of its service in the freed stretch that answers its wish —
 * free by the slot rules (schedule, days off, notice, horizon, bookings, time blocks and holds
 * made so far). The start is held for that client (a waitlist offer, HELD until `expiresAt`),
 * the bot's message and the hold's expiry are queued, all in the same transaction. A stretch large
 * enough (a removed day off) serves several clients in line, each one start.
 *
 * Skipped: clients who turned waitlist offers off, who erased their data or do not take Telegram
 * messages, entries whose wish has passed, and a start an entry already let expire.
 *
 * Exactly once: two jobs for one master queue on its lock; the exclusion constraint
 * `waitlist_offers_no_overlap` keeps held offers apart and `waitlist_offers_one_held_per_entry`
 * gives an entry one hold at a time, whatever runs twice. The expiry ends a hold with a
 * conditional update under the master's lock, so a job run again (a worker that died after
 * committing) expires nothing twice and passes the time on once.
 */

const MINUTE_MS = 60_000;

export interface WaitlistSettings {
  /** WAITLIST_HOLD_MINUTES: how long a client holds an offered time. */
  holdMinutes: number;
}

/** Offers a freed stretch of a master's time to the waiting entries in line; returns how many offers were made. */
export async function offerFreedTime(
  prisma: PrismaClient,
  job: FreedTimeJobData,
  now: Date,
  notifications: BookingNotifier,
  { holdMinutes }: WaitlistSettings,
): Promise<number> {
  const from = new Date(job.startsAt);
  const to = new Date(job.endsAt);
  return bookingTransaction(prisma, { notifications }, async ({ tx, afterCommit }) => {
    await lockMaster(tx, job.masterId);
    const entries = await tx.waitlistEntry.findMany({
      where: {
        masterId: job.masterId,
        endedAt: null,
        until: { gt: now },
        wishFrom: { lt: to },
        offers: { none: { status: 'HELD' } },
        client: { erasedAt: null, notifyWaitlistOffers: true },
        preferredChannels: { has: 'TELEGRAM' },
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: {
        id: true,
        clientId: true,
        masterServiceId: true,
        dates: true,
        wishFrom: true,
        until: true,
        offers: { where: { status: 'EXPIRED', startsAt: { gte: from, lt: to } }, select: { startsAt: true } },
      },
    });
    let made = 0;
    for (const entry of entries) {
      const offer = await findPublicOffer(tx, job.masterId, entry.masterServiceId);
      if (!offer?.master.timeZone) continue;
      const timeZone = offer.master.timeZone;
      const letExpire = new Set(entry.offers.map((earlier) => earlier.startsAt.getTime()));
      const slots = await availableSlotsOfOffer(tx, offer, { from, to }, now);
      const slot = slots.find(
        (candidate) => !letExpire.has(candidate.startsAt.getTime()) && wishCovers(entry, candidate.startsAt, timeZone),
      );
      if (!slot) continue;
      const held = await tx.waitlistOffer.create({
        data: {
          entryId: entry.id,
          clientId: entry.clientId,
          masterId: job.masterId,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
          expiresAt: new Date(now.getTime() + holdMinutes * MINUTE_MS),
          createdAt: now,
        },
        select: { id: true, expiresAt: true },
      });
      await notifications.waitlistOffered(tx, held);
      made++;
    }
    afterCommit(() => countWaitlistOffer('made', made));
    return made;
  });
}

/** What an expiry job found: `expired` (and passed on), or why it left the offer alone. */
export type ExpiryOutcome = 'expired' | 'missing' | 'ended';

/**
 * Ends an offer whose hold is over, if its client has not claimed it (and it was not withdrawn):
 * once. Its client is told that the time went to the next in line, and the time goes back
 * through the lifecycle (`unheld`), which queues it for the next in line.
 */
export async function expireWaitlistOffer(
  prisma: PrismaClient,
  job: OfferExpiryJobData,
  now: Date,
  notifications: BookingNotifier,
): Promise<ExpiryOutcome> {
  return bookingTransaction(prisma, { notifications }, async ({ tx, changed, afterCommit }) => {
    const found = await tx.waitlistOffer.findUnique({ where: { id: job.offerId }, select: { masterId: true } });
    if (!found) return 'missing';
    await lockMaster(tx, found.masterId);
    const { count } = await tx.waitlistOffer.updateMany({
      where: { id: job.offerId, status: 'HELD' },
      data: { status: 'EXPIRED', endedAt: now },
    });
    if (count === 0) return 'ended';
    const offer = await tx.waitlistOffer.findUniqueOrThrow({ where: { id: job.offerId }, select: { startsAt: true, endsAt: true } });
    await notifications.waitlistOfferExpired(tx, job.offerId);
    await changed({ kind: 'unheld', masterId: found.masterId, intervals: [offer] });
    afterCommit(() => countWaitlistOffer('expired'));
    return 'expired';
  });
}

export interface WaitlistWorkerOptions extends WaitlistSettings {
  boss: PgBoss;
  prisma: PrismaClient;
  /** Queues the offers' messages and expiries; offers reach clients through the bot only. */
  notifications: BookingNotifier;
  log: Logger;
  /** What time it is for the offers; tests move it. */
  clock?: () => Date;
  /** How often an idle worker asks the queue for due jobs. */
  pollingIntervalSeconds?: number;
}

/** Works the waitlist's queues (freed time, expiries) in this process; pg-boss hands each job to one instance. */
export async function startWaitlistWorkers({
  boss,
  prisma,
  notifications,
  log,
  clock,
  holdMinutes,
  pollingIntervalSeconds = 5,
}: WaitlistWorkerOptions): Promise<void> {
  const now = () => clock?.() ?? new Date();
  await boss.work<FreedTimeJobData>(
    WAITLIST_QUEUE,
    { pollingIntervalSeconds, batchSize: 1 },
    countingFailures(WAITLIST_QUEUE, async ([job]) => {
      if (!job) return undefined;
      const offers = await offerFreedTime(prisma, job.data, now(), notifications, { holdMinutes });
      log.info({ job: job.id, masterId: job.data.masterId, offers }, 'freed time offered to the waitlist');
      return { offers };
    }),
  );
  await boss.work<OfferExpiryJobData>(
    WAITLIST_EXPIRY_QUEUE,
    { pollingIntervalSeconds, batchSize: 1 },
    countingFailures(WAITLIST_EXPIRY_QUEUE, async ([job]) => {
      if (!job) return undefined;
      const outcome = await expireWaitlistOffer(prisma, job.data, now(), notifications);
      log.info({ job: job.id, offerId: job.data.offerId, outcome }, 'waitlist offer expiry');
      return { outcome };
    }),
  );
}
