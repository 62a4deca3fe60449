import { createHash } from 'node:crypto';
import type PgBoss from 'pg-boss';
import type { BookingActor, NotificationKind, Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { createQueueOnce } from '../../jobs/queues.js';

type Tx = Prisma.TransactionClient;

/**
 * Bot messages about bookings are jobs in pg-boss's queue (PostgreSQL), queued in the same
 * transaction as the booking change: a booking that rolls back queues nothing, and one that
 * commits has its messages queued for good, whichever API instance sends them and however
 * often the instances restart.
 */

export const NOTIFICATION_QUEUE = 'booking-notifications';

/** The messages about bookings (the waitlist's own go through WAITLIST_MESSAGE_QUEUE). */
export type BookingNotificationKind = Exclude<NotificationKind, 'WAITLIST_OFFER' | 'WAITLIST_OFFER_EXPIRED'>;

export interface NotificationJobData {
  kind: BookingNotificationKind;
  bookingId: string;
  /** The booking's start when the job was queued (ISO 8601): a reminder for another start is stale. */
  startsAt: string;
  /** The move a move's message is about (`booking_moves.id`). */
  moveId?: string;
}

/** Unconfirmed bookings are released (cancelled by SYSTEM) by jobs of this queue, worked in the booking module. */
export const RELEASE_QUEUE = 'booking-releases';

export interface ReleaseJobData {
  bookingId: string;
  /** The booking's `release_at` when the job was queued (ISO 8601): a booking since moved is not this job's. */
  releaseAt: string;
}

/**
 * The waitlist's jobs, worked in the booking module: time that became free, to be offered to
 * whoever waits for it (queued in the transaction that freed it), and the expiry of one offer
 * (queued with the offer, due when its hold ends).
 */
export const WAITLIST_QUEUE = 'waitlist-freed-time';
export const WAITLIST_EXPIRY_QUEUE = 'waitlist-offer-expiries';
/** The bot's messages to waiting clients: an offer, and the notice that it went to the next in line. */
export const WAITLIST_MESSAGE_QUEUE = 'waitlist-messages';

export interface FreedTimeJobData {
  masterId: string;
  /** ISO 8601. */
  startsAt: string;
  endsAt: string;
}

export interface OfferExpiryJobData {
  offerId: string;
}

export interface WaitlistMessageJobData {
  kind: Extract<NotificationKind, 'WAITLIST_OFFER' | 'WAITLIST_OFFER_EXPIRED'>;
  offerId: string;
}

/** One message per offer and kind. */
export const waitlistMessageKey = ({ kind, offerId }: WaitlistMessageJobData) => `${kind}:${offerId}`;

const offerExpiryKey = ({ offerId }: OfferExpiryJobData) => `WAITLIST_EXPIRY:${offerId}`;

const HOUR_MS = 60 * 60_000;

/** How long before the start each reminder goes out. */
export const REMINDER_LEAD_MS = { REMINDER_24H: 24 * HOUR_MS, REMINDER_2H: 2 * HOUR_MS } as const;

export type ReminderKind = keyof typeof REMINDER_LEAD_MS;

/** How long after a completed visit's end the bot asks for a review: the client is home by then. */
export const REVIEW_REQUEST_DELAY_MS = HOUR_MS;

export function isReminder(kind: NotificationKind): kind is ReminderKind {
  return kind in REMINDER_LEAD_MS;
}

/** A move's messages: one of each per move. */
const MOVE_KINDS: readonly NotificationKind[] = ['MOVED_BY_CLIENT', 'MOVED_BY_MASTER', 'MOVE_CONFIRMED'];

export function isMoveNotice(kind: NotificationKind): boolean {
  return MOVE_KINDS.includes(kind);
}

/**
 * One notification, one key: `<kind>:<booking id>`; for reminders also the start they are
 * for, so that a booking moved to another time gets reminders of its own; for a move's
 * messages the move's id, as a booking may move many times.
 */
export function notificationKey({ kind, bookingId, startsAt, moveId }: NotificationJobData): string {
  if (isReminder(kind)) return `${kind}:${bookingId}:${Date.parse(startsAt)}`;
  if (isMoveNotice(kind)) return `${kind}:${bookingId}:${moveId}`;
  return `${kind}:${bookingId}`;
}

/** One release per booking and release time: a booking moved (released at another time) gets a job of its own. */
export function releaseJobKey({ bookingId, releaseAt }: ReleaseJobData): string {
  return `RELEASE:${bookingId}:${Date.parse(releaseAt)}`;
}

/**
 * Whether the client was asked to confirm this start: the 24 h reminder (with its «Приду»
 * button) for it was sent. A booking is released only then.
 */
export async function wasAskedToConfirm(db: PrismaClient | Tx, bookingId: string, startsAt: Date): Promise<boolean> {
  const key = notificationKey({ kind: 'REMINDER_24H', bookingId, startsAt: startsAt.toISOString() });
  const delivery = await db.notificationDelivery.findUnique({ where: { key }, select: { status: true } });
  return delivery?.status === 'SENT';
}

/**
 * pg-boss refuses a second job with an id it holds (`ON CONFLICT DO NOTHING`): the same
 * notification (or release) always gets the same id (a UUID made from its key), so it is queued once.
 */
export function notificationJobId(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface RetryPolicy {
  /** Retries after the first attempt; then the delivery is recorded as failed. */
  limit: number;
  /** The first retry's delay; each next one waits about twice as long (pg-boss's backoff). */
  delaySeconds: number;
}

/** Retries after about 30 s, 1, 2, 4 and 8 minutes. */
export const DEFAULT_RETRY: RetryPolicy = { limit: 5, delaySeconds: 30 };

/** A job that is still active after this long is taken as lost (its worker died) and retried. */
const SEND_TIMEOUT_SECONDS = 5 * 60;

/** pg-boss's SQL run through the booking's own transaction. */
function transactionDb(tx: Tx): PgBoss.Db {
  return {
    async executeSql(text, values) {
      // pg-boss hands the job's data over as an object, which the driver takes as JSON text, and
      // job ids (to delete) as an array, which it takes as a PostgreSQL array.
      const params = values.map((value: unknown) =>
        value === undefined ? null : value !== null && typeof value === 'object' && !Array.isArray(value) ? JSON.stringify(value) : value,
      );
      return { rows: await tx.$queryRawUnsafe<unknown[]>(text, ...params) };
    },
  };
}

export interface BookingForNotifications {
  id: string;
  startsAt: Date;
  /** Null for a booking the master entered by hand: nobody to confirm or remind. */
  clientId: string | null;
}

/** A booking just made or moved: its release, when it has one, is queued too. */
export interface BookingForJobs extends BookingForNotifications {
  releaseAt: Date | null;
}

export interface BookingMoveForNotifications {
  /** As it is after the move. */
  booking: BookingForJobs;
  /** Its start and release before the move: those jobs are dropped. */
  from: { startsAt: Date; releaseAt: Date | null };
  moveId: string;
  by: Exclude<BookingActor, 'SYSTEM'>;
}

/**
 * Queues a booking's bot messages inside the transaction that changes the booking. Absent
 * (undefined) wherever notifications are off: the bot is off (a token but no WEBAPP_URL).
 */
export class BookingNotifier {
  constructor(
    private readonly boss: PgBoss,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  /**
   * A new booking: the master's notice, and for a client's booking their confirmation, the
   * reminders 24 h and 2 h before the start (leaving out those whose time has already come) and
   * its release when it has one.
   */
  async bookingCreated(tx: Tx, booking: BookingForJobs, now: Date): Promise<void> {
    await this.queue(tx, booking, 'BOOKING_CREATED');
    if (!booking.clientId) return;
    await this.queue(tx, booking, 'BOOKING_CONFIRMED');
    await this.planClientJobs(tx, booking, now);
  }

  /**
   * A cancellation: the other side hears of it (the master when the client cancels, and the
   * other way round); a release (by SYSTEM) is told to both.
   */
  async bookingCancelled(tx: Tx, booking: BookingForNotifications, cancelledBy: BookingActor): Promise<void> {
    if (cancelledBy === 'CLIENT') await this.queue(tx, booking, 'CANCELLED_BY_CLIENT');
    else if (cancelledBy === 'SYSTEM') {
      await this.queue(tx, booking, 'RELEASED_TO_MASTER');
      if (booking.clientId) await this.queue(tx, booking, 'RELEASED_TO_CLIENT');
    } else if (booking.clientId) await this.queue(tx, booking, 'CANCELLED_BY_MASTER');
  }

  /**
   * A move: the old time's reminders and release are dropped (their jobs deleted; a job already
   * running finds the booking moved and sends nothing), the new time's are queued, and both
   * sides hear of it: the other side is told, and a client who moved it gets the new time.
   */
  async bookingMoved(tx: Tx, { booking, from, moveId, by }: BookingMoveForNotifications, now: Date): Promise<void> {
    const staleReminders = (Object.keys(REMINDER_LEAD_MS) as ReminderKind[]).map((kind) =>
      notificationJobId(notificationKey({ kind, bookingId: booking.id, startsAt: from.startsAt.toISOString() })),
    );
    await this.boss.deleteJob(NOTIFICATION_QUEUE, staleReminders, { db: transactionDb(tx) });
    if (from.releaseAt) {
      const stale = notificationJobId(releaseJobKey({ bookingId: booking.id, releaseAt: from.releaseAt.toISOString() }));
      await this.boss.deleteJob(RELEASE_QUEUE, stale, { db: transactionDb(tx) });
    }
    if (by === 'CLIENT') {
      await this.queue(tx, booking, 'MOVED_BY_CLIENT', undefined, moveId);
      await this.queue(tx, booking, 'MOVE_CONFIRMED', undefined, moveId);
    } else if (booking.clientId) {
      await this.queue(tx, booking, 'MOVED_BY_MASTER', undefined, moveId);
    }
    if (booking.clientId) await this.planClientJobs(tx, booking, now);
  }

  /**
   * The master marked a client's booking completed: the client is asked for a review a little
   * after the visit's end, or now when that has passed. Marking it completed again (after a
   * correction) queues nothing new: the job's id is the booking's.
   */
  async bookingCompleted(tx: Tx, booking: BookingForNotifications & { endsAt: Date }, now: Date): Promise<void> {
    if (!booking.clientId) return;
    const sendAt = new Date(booking.endsAt.getTime() + REVIEW_REQUEST_DELAY_MS);
    await this.queue(tx, booking, 'REVIEW_REQUEST', sendAt > now ? sendAt : undefined);
  }

  /**
   * Time became free (a cancellation, a release, a move, a removed day off or time block, a hold
   * that ended, a longer schedule): a job offers it to the master's waiting clients. Each
   * stretch freed is its own job; the offers it makes are kept apart by the database.
   */
  async timeFreed(tx: Tx, freed: readonly { masterId: string; startsAt: Date; endsAt: Date }[]): Promise<void> {
    for (const time of freed) {
      const data: FreedTimeJobData = { masterId: time.masterId, startsAt: time.startsAt.toISOString(), endsAt: time.endsAt.toISOString() };
      await this.boss.send(WAITLIST_QUEUE, data, { ...this.retryOptions(), db: transactionDb(tx) });
    }
  }

  /** A freed time is held for a waiting client: they are told now, and the hold ends at `expiresAt` unless they take it. */
  async waitlistOffered(tx: Tx, offer: { id: string; expiresAt: Date }): Promise<void> {
    await this.queueWaitlistMessage(tx, { kind: 'WAITLIST_OFFER', offerId: offer.id });
    const data: OfferExpiryJobData = { offerId: offer.id };
    const key = offerExpiryKey(data);
    await this.boss.send(WAITLIST_EXPIRY_QUEUE, data, {
      id: notificationJobId(key),
      singletonKey: key,
      startAfter: offer.expiresAt,
      ...this.retryOptions(),
      db: transactionDb(tx),
    });
  }

  /** An offer expired unclaimed: its client hears that the time went to the next in line. */
  async waitlistOfferExpired(tx: Tx, offerId: string): Promise<void> {
    await this.queueWaitlistMessage(tx, { kind: 'WAITLIST_OFFER_EXPIRED', offerId });
  }

  private async queueWaitlistMessage(tx: Tx, data: WaitlistMessageJobData) {
    const key = waitlistMessageKey(data);
    await this.boss.send(WAITLIST_MESSAGE_QUEUE, data, {
      id: notificationJobId(key),
      singletonKey: key,
      ...this.retryOptions(),
      db: transactionDb(tx),
    });
  }

  private retryOptions() {
    return {
      retryLimit: this.retry.limit,
      retryDelay: this.retry.delaySeconds,
      retryBackoff: true,
      expireInSeconds: SEND_TIMEOUT_SECONDS,
    };
  }

  /** A client's booking at its (new) start: the reminders still to come, and its release when it has one. */
  private async planClientJobs(tx: Tx, booking: BookingForJobs, now: Date) {
    for (const [kind, lead] of Object.entries(REMINDER_LEAD_MS) as [ReminderKind, number][]) {
      const sendAt = new Date(booking.startsAt.getTime() - lead);
      if (sendAt > now) await this.queue(tx, booking, kind, sendAt);
    }
    if (booking.releaseAt) {
      const data: ReleaseJobData = { bookingId: booking.id, releaseAt: booking.releaseAt.toISOString() };
      await this.boss.send(RELEASE_QUEUE, data, {
        id: notificationJobId(releaseJobKey(data)),
        singletonKey: releaseJobKey(data),
        startAfter: booking.releaseAt,
        retryLimit: this.retry.limit,
        retryDelay: this.retry.delaySeconds,
        retryBackoff: true,
        expireInSeconds: SEND_TIMEOUT_SECONDS,
        db: transactionDb(tx),
      });
    }
  }

  private async queue(tx: Tx, booking: BookingForNotifications, kind: BookingNotificationKind, startAfter?: Date, moveId?: string) {
    const data: NotificationJobData = {
      kind,
      bookingId: booking.id,
      startsAt: booking.startsAt.toISOString(),
      ...(moveId ? { moveId } : {}),
    };
    const key = notificationKey(data);
    await this.boss.send(NOTIFICATION_QUEUE, data, {
      id: notificationJobId(key),
      singletonKey: key,
      ...(startAfter ? { startAfter } : {}),
      retryLimit: this.retry.limit,
      retryDelay: this.retry.delaySeconds,
      retryBackoff: true,
      expireInSeconds: SEND_TIMEOUT_SECONDS,
      db: transactionDb(tx),
    });
  }
}

/** Creates the queues (once per database; every instance may ask) and the notifier that fills them. */
export async function createBookingNotifier(boss: PgBoss, retry: RetryPolicy = DEFAULT_RETRY): Promise<BookingNotifier> {
  for (const name of [NOTIFICATION_QUEUE, RELEASE_QUEUE, WAITLIST_QUEUE, WAITLIST_EXPIRY_QUEUE, WAITLIST_MESSAGE_QUEUE]) {
    await createQueueOnce(boss, name, {
      name,
      policy: 'standard',
      retryLimit: retry.limit,
      retryDelay: retry.delaySeconds,
      retryBackoff: true,
      expireInSeconds: SEND_TIMEOUT_SECONDS,
    });
  }
  return new BookingNotifier(boss, retry);
}
