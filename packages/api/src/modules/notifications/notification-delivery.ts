import type { Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { NotificationKind, PrismaClient } from '../../generated/prisma/client.js';
import { reviewWindowEnd } from '../../review-window.js';
import { masterPagePath, webAppUrl } from '../../telegram/bot/links.js';
import { telegramFailure } from '../../telegram/bot/telegram-errors.js';
import { type BookingFacts, botTexts } from '../../telegram/bot/texts.js';
import { formatLocalDateTime } from '../../time/zoned-time.js';
import { countingFailures, countNotificationSend } from '../monitoring/metrics.js';
import {
  type BookingNotificationKind,
  isMoveNotice,
  isReminder,
  NOTIFICATION_QUEUE,
  type NotificationJobData,
  notificationKey,
  REMINDER_LEAD_MS,
} from './notification-jobs.js';
import { reminderCallbackData } from './reminder-callback.js';
import { RATINGS, reviewCallbackData } from './review-callback.js';

export interface NotificationDeliveryDeps {
  prisma: PrismaClient;
  /** The bot's API (with its retry and throttling transformers). */
  api: Api;
  /** WEBAPP_URL: the buttons open the mini-app. */
  webappUrl: string;
  log: Logger;
  /** What time it is for the checks made at send time; tests move it. */
  clock?: () => Date;
}

/** The part of a pg-boss job the delivery reads. */
export interface NotificationJob {
  id: string;
  data: NotificationJobData;
  /** Failed attempts so far, and how many retries the job has in all. */
  retryCount: number;
  retryLimit: number;
}

export type DeliveryOutcome = 'sent' | 'skipped' | 'failed' | 'duplicate';

/** Why a notification was not sent; stored in `notification_deliveries.detail`. */
export type SkipReason =
  | 'BOOKING_MISSING'
  | 'CANCELLED'
  | 'MOVED'
  | 'OVER'
  | 'LATE'
  | 'NO_CLIENT'
  | 'TELEGRAM_NOT_ALLOWED'
  /** The client turned this kind of message off (their profile's notification choices). */
  | 'TURNED_OFF'
  /** A review request for a booking no longer completed (the master corrected it to no-show). */
  | 'NOT_COMPLETED'
  | 'ALREADY_REVIEWED'
  /** The review window closed before the request could go out (the workers were down). */
  | 'WINDOW_CLOSED'
  /** A waitlist offer that is no longer held (claimed, withdrawn or expired) before its message went out. */
  | 'OFFER_ENDED'
  | 'OFFER_MISSING';

export interface Message {
  chatId: number;
  text: string;
  replyMarkup?: InlineKeyboardMarkup;
}

export type Plan = { skip: SkipReason } | Message;

const RECIPIENT: Record<BookingNotificationKind, 'MASTER' | 'CLIENT'> = {
  BOOKING_CREATED: 'MASTER',
  CANCELLED_BY_CLIENT: 'MASTER',
  BOOKING_CONFIRMED: 'CLIENT',
  CANCELLED_BY_MASTER: 'CLIENT',
  REMINDER_24H: 'CLIENT',
  REMINDER_2H: 'CLIENT',
  REVIEW_REQUEST: 'CLIENT',
  MOVED_BY_CLIENT: 'MASTER',
  MOVED_BY_MASTER: 'CLIENT',
  MOVE_CONFIRMED: 'CLIENT',
  RELEASED_TO_CLIENT: 'CLIENT',
  RELEASED_TO_MASTER: 'MASTER',
};

/** Whether the client lets the bot send this kind of message (their profile's choices). */
function wanted(
  kind: NotificationKind,
  client: { notifyBookingUpdates: boolean; notifyReminders: boolean; notifyReviewRequests: boolean },
): boolean {
  if (isReminder(kind)) return client.notifyReminders;
  if (kind === 'REVIEW_REQUEST') return client.notifyReviewRequests;
  return client.notifyBookingUpdates;
}

function loadBooking(prisma: PrismaClient, bookingId: string) {
  return prisma.booking.findUnique({
    where: { id: bookingId },
    select: {
      id: true,
      masterId: true,
      status: true,
      startsAt: true,
      endsAt: true,
      clientName: true,
      cancellationReason: true,
      clientConfirmedAt: true,
      releaseAt: true,
      service: { select: { nameRu: true, nameEn: true } },
      masterService: { select: { name: true } },
      master: {
        select: { telegramId: true, displayName: true, address: true, timeZone: true, user: { select: { languageCode: true } } },
      },
      client: {
        select: {
          telegramId: true,
          languageCode: true,
          languageOverride: true,
          preferredChannels: true,
          erasedAt: true,
          notifyBookingUpdates: true,
          notifyReminders: true,
          notifyReviewRequests: true,
        },
      },
      review: { select: { id: true } },
      // The latest move: a move's message is sent only while its move is the latest.
      moves: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 1, select: { id: true, fromStartsAt: true } },
    },
  });
}

type LoadedBooking = NonNullable<Awaited<ReturnType<typeof loadBooking>>>;

/** Whether the booking is still what the job was queued for, at the time the job runs. */
function staleness(kind: NotificationKind, booking: LoadedBooking, job: NotificationJobData, now: Date): SkipReason | undefined {
  if (['CANCELLED_BY_CLIENT', 'CANCELLED_BY_MASTER', 'RELEASED_TO_CLIENT', 'RELEASED_TO_MASTER'].includes(kind)) return undefined;
  if (kind === 'REVIEW_REQUEST') {
    if (booking.status !== 'COMPLETED') return 'NOT_COMPLETED';
    if (booking.review) return 'ALREADY_REVIEWED';
    if (now > reviewWindowEnd(booking.endsAt)) return 'WINDOW_CLOSED';
    return undefined;
  }
  if (booking.status === 'CANCELLED') return 'CANCELLED';
  // Moved again since: the later move's messages tell the time that holds.
  if (isMoveNotice(kind)) return booking.moves[0]?.id === job.moveId ? undefined : 'MOVED';
  if (!isReminder(kind)) return undefined;
  if (booking.status !== 'CONFIRMED') return 'OVER';
  if (booking.startsAt.getTime() !== Date.parse(job.startsAt)) return 'MOVED';
  if (now >= booking.startsAt) return 'OVER';
  // A reminder that comes only when the next one is due (the workers were down) says nothing new.
  if (kind === 'REMINDER_24H' && now.getTime() >= booking.startsAt.getTime() - REMINDER_LEAD_MS.REMINDER_2H) return 'LATE';
  return undefined;
}

function webAppButton(text: string, url: string): InlineKeyboardMarkup {
  return { inline_keyboard: [[{ text, web_app: { url } }]] };
}

/** The message a notification job sends now, or why it sends nothing. */
async function planNotification(deps: NotificationDeliveryDeps, data: NotificationJobData, now: Date): Promise<Plan> {
  const booking = await loadBooking(deps.prisma, data.bookingId);
  if (!booking) return { skip: 'BOOKING_MISSING' };
  const stale = staleness(data.kind, booking, data, now);
  if (stale) return { skip: stale };

  const recipient = RECIPIENT[data.kind];
  const { client, master } = booking;
  if (recipient === 'CLIENT') {
    if (!client || client.erasedAt) return { skip: 'NO_CLIENT' };
    if (!client.preferredChannels.includes('TELEGRAM')) return { skip: 'TELEGRAM_NOT_ALLOWED' };
    if (!wanted(data.kind, client)) return { skip: 'TURNED_OFF' };
  }
  const texts = botTexts(recipient === 'CLIENT' ? (client!.languageOverride ?? client!.languageCode) : master.user.languageCode);
  const localTime = (instant: Date) => formatLocalDateTime(instant, master.timeZone ?? 'UTC', texts.language);
  const move = booking.moves[0];
  const awaitsConfirmation = booking.releaseAt !== null && booking.clientConfirmedAt === null;
  const facts: BookingFacts = {
    service:
      booking.masterService?.name ?? (texts.language === 'en' ? booking.service?.nameEn : booking.service?.nameRu) ?? texts.someService,
    time: localTime(booking.startsAt),
    master: master.displayName,
    client: booking.clientName ?? texts.someClient,
    address: master.address,
    reason: booking.cancellationReason,
    previousTime: move ? localTime(move.fromStartsAt) : null,
    confirmBy: awaitsConfirmation && booking.releaseAt ? localTime(booking.releaseAt) : null,
  };
  const calendar = webAppButton(texts.openCalendar, webAppUrl(deps.webappUrl, 'master/calendar'));
  const toMaster = (text: string): Message => ({ chatId: Number(master.telegramId), text, replyMarkup: calendar });
  const toClient = (text: string, replyMarkup: InlineKeyboardMarkup): Message => ({
    chatId: Number(client!.telegramId),
    text,
    replyMarkup,
  });
  const myBookings = webAppButton(texts.myBookings, webAppUrl(deps.webappUrl, 'client'));
  const masterPage = webAppButton(texts.openMasterPage, webAppUrl(deps.webappUrl, masterPagePath(booking.masterId)));

  switch (data.kind) {
    case 'BOOKING_CREATED':
      return toMaster(texts.newBooking(facts));
    case 'CANCELLED_BY_CLIENT':
      return toMaster(texts.cancelledByClient(facts));
    case 'BOOKING_CONFIRMED':
      return toClient(texts.bookingConfirmed(facts), myBookings);
    case 'CANCELLED_BY_MASTER':
      return toClient(texts.cancelledByMaster(facts), masterPage);
    case 'MOVED_BY_CLIENT':
      return toMaster(texts.movedByClient(facts));
    case 'MOVED_BY_MASTER':
      return toClient(texts.movedByMaster(facts), myBookings);
    case 'MOVE_CONFIRMED':
      return toClient(texts.moveConfirmed(facts), myBookings);
    case 'RELEASED_TO_CLIENT':
      return toClient(texts.releasedToClient(facts), masterPage);
    case 'RELEASED_TO_MASTER':
      return toMaster(texts.releasedToMaster(facts));
    case 'REMINDER_24H':
    case 'REMINDER_2H':
      return toClient(texts.reminder(data.kind === 'REMINDER_24H' ? '24h' : '2h', facts), {
        inline_keyboard: [
          [
            { text: texts.confirmButton, callback_data: reminderCallbackData('confirm', booking.id) },
            { text: texts.cancelButton, callback_data: reminderCallbackData('cancel', booking.id) },
          ],
        ],
      });
    case 'REVIEW_REQUEST':
      return toClient(texts.reviewRequest(facts), {
        inline_keyboard: [
          RATINGS.map((rating) => ({ text: texts.ratingButton(rating), callback_data: reviewCallbackData(rating, booking.id) })),
        ],
      });
  }
}

/** The metrics label of a kind: `booking_created`, `reminder_24h`… */
const metricKind = (kind: NotificationKind) => kind.toLowerCase();

/**
 * Sends one notification job, once. The booking is read as it is now: a cancelled or moved
 * booking gets no reminder, a move's message goes only while its move is the latest, a booking
 * no longer completed or already reviewed gets no review request, a client who does not allow
 * Telegram gets nothing. Each
 * notification has one row in `notification_deliveries` (by key): a job run again after its
 * message went out (a lost completion) sends nothing. A failed send is left to pg-boss to
 * retry (the error is thrown) until its retries run out; then, or when Telegram refuses for
 * good (blocked bot), the row records FAILED with Telegram's answer.
 */
export async function deliverNotification(deps: NotificationDeliveryDeps, job: NotificationJob): Promise<DeliveryOutcome> {
  const now = deps.clock?.() ?? new Date();
  const { kind, bookingId } = job.data;
  return deliverOnce(deps, job, { key: notificationKey(job.data), kind, bookingId, context: { kind, bookingId } }, () =>
    planNotification(deps, job.data, now),
  );
}

/** What one message is about: its key in `notification_deliveries`, and a booking or a waitlist offer. */
export interface DeliverySubject {
  key: string;
  kind: NotificationKind;
  bookingId?: string;
  waitlistOfferId?: string;
  /** Logged with every attempt (ids and codes only). */
  context: Record<string, unknown>;
}

/**
 * Sends one message once: a row per key in `notification_deliveries`, so a job run again after
 * its message went out sends nothing; a plan that skips is recorded as such; a failed send goes
 * back to pg-boss until its retries run out (thrown), or is recorded FAILED when Telegram refuses
 * for good. Booking messages and waitlist messages go through here alike.
 */
export async function deliverOnce(
  deps: Pick<NotificationDeliveryDeps, 'prisma' | 'api' | 'log'>,
  job: Pick<NotificationJob, 'id' | 'retryCount' | 'retryLimit'>,
  subject: DeliverySubject,
  plan: () => Promise<Plan>,
): Promise<DeliveryOutcome> {
  const { prisma, log } = deps;
  const { key } = subject;
  const kind = metricKind(subject.kind);
  const context = { job: job.id, ...subject.context, attempt: job.retryCount + 1 };

  const done = await prisma.notificationDelivery.findUnique({ where: { key }, select: { status: true } });
  if (done && done.status !== 'SENDING') return 'duplicate';

  const planned = await plan();
  const row = { key, kind: subject.kind, bookingId: subject.bookingId ?? null, waitlistOfferId: subject.waitlistOfferId ?? null };
  if ('skip' in planned) {
    await prisma.notificationDelivery.upsert({
      where: { key },
      create: { ...row, status: 'SKIPPED', detail: planned.skip },
      update: { status: 'SKIPPED', detail: planned.skip },
    });
    countNotificationSend(kind, 'skipped');
    log.info({ ...context, reason: planned.skip }, 'notification skipped');
    return 'skipped';
  }

  await prisma.notificationDelivery.upsert({
    where: { key },
    create: { ...row, status: 'SENDING', attempts: 1 },
    update: { status: 'SENDING', attempts: { increment: 1 } },
  });
  try {
    const message = await deps.api.sendMessage(planned.chatId, planned.text, {
      reply_markup: planned.replyMarkup,
      link_preview_options: { is_disabled: true },
    });
    await prisma.notificationDelivery.update({
      where: { key },
      data: { status: 'SENT', detail: null, sentAt: new Date(), telegramMessageId: BigInt(message.message_id) },
    });
  } catch (error) {
    const failure = telegramFailure(error);
    const final = failure.permanent || job.retryCount >= job.retryLimit;
    await prisma.notificationDelivery.update({
      where: { key },
      data: { status: final ? 'FAILED' : 'SENDING', detail: failure.description.slice(0, 500) },
    });
    countNotificationSend(kind, final ? 'failed' : 'retry');
    log.warn({ ...context, error: failure.description, final }, final ? 'notification failed' : 'notification send failed; will retry');
    // A permanent refusal is not retried; anything else goes back to pg-boss, which retries it
    // with backoff or, after the last attempt, keeps the job as failed.
    if (failure.permanent) return 'failed';
    throw new Error(`notification ${subject.kind} not sent: ${failure.description}`);
  }
  countNotificationSend(kind, 'sent');
  log.info(context, 'notification sent');
  return 'sent';
}

export interface NotificationWorkerOptions extends NotificationDeliveryDeps {
  boss: PgBoss;
  /** How often an idle worker asks the queue for due jobs. */
  pollingIntervalSeconds?: number;
}

/** Works the notification queue in this process; every API instance runs one, pg-boss hands each job to one of them. */
export async function startNotificationWorker({ boss, pollingIntervalSeconds = 5, ...deps }: NotificationWorkerOptions): Promise<string> {
  return boss.work<NotificationJobData>(
    NOTIFICATION_QUEUE,
    { includeMetadata: true, pollingIntervalSeconds, batchSize: 1 },
    countingFailures(NOTIFICATION_QUEUE, async ([job]) => (job ? { outcome: await deliverNotification(deps, job) } : undefined)),
  );
}
