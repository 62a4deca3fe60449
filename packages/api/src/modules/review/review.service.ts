import { badInput } from '../../errors.js';
import type { PrismaClient, ReviewStatus } from '../../generated/prisma/client.js';
import { REVIEW_WINDOW_DAYS, reviewWindowEnd } from '../../review-window.js';
import { retryingTransaction, type Tx } from '../../transactions.js';
import { lockClient } from '../client/client.service.js';

/**
 * Reviews: a client reviews a completed booking of theirs once, within REVIEW_WINDOW_DAYS of its
 * end; its master replies once and may report it as abusive, which hides it until an operator
 * decides. Every change runs in one transaction with `master_ratings`, the count and the sum of
 * the master's published reviews, so a page's average is exact and costs one row.
 *
 * Locks, in this order: the client's row (reviews by one client, and their erasure, one at a
 * time), the booking (shared: its outcome cannot change under a review), the review, then the
 * master's rating row. Booking transactions lock the client before bookings too, and never
 * touch reviews or ratings, so the two do not deadlock.
 */

/** Longest review text and reply, in characters. */
export const REVIEW_TEXT_MAX = 1000;
/** Longest reason a master gives for a report. */
export const REPORT_REASON_MAX = 500;

/** Why a review action was refused, in `extensions.reason` (BAD_USER_INPUT). */
export type ReviewRefusal =
  | 'NOT_COMPLETED'
  | 'REVIEW_WINDOW_CLOSED'
  | 'ALREADY_REVIEWED'
  | 'TEXT_ALREADY_ADDED'
  | 'ALREADY_REPLIED'
  | 'ALREADY_REPORTED'
  | 'ALREADY_DECIDED'
  | 'REVIEW_REMOVED';

function refused(reason: ReviewRefusal, path: string, message: string, extensions: Record<string, unknown> = {}) {
  return badInput(path, message, { reason, ...extensions });
}

/**
 * What the master's page shows as the author: the first name and the initial of the last name
 * ("Анна С."). The client's own name (it may hold both, "Анна Смирнова") comes first, then the
 * last name Telegram gave. Null without a name.
 */
export function authorNameOf(client: { firstName: string | null; lastName: string | null }): string | null {
  const words = [client.firstName, client.lastName].join(' ').trim().split(/\s+/).filter(Boolean);
  const [first, next] = words;
  if (!first) return null;
  const initial = next ? Array.from(next)[0]!.toLocaleUpperCase('ru') : undefined;
  const name = Array.from(first).slice(0, 40).join('');
  return initial ? `${name} ${initial}.` : name;
}

/** Keeps `master_ratings` exact: one published review of `rating` more (its row made by the first). */
async function countPublished(tx: Tx, masterId: string, rating: number) {
  await tx.masterRating.upsert({
    where: { masterId },
    create: { masterId, reviewCount: 1, ratingSum: rating },
    update: { reviewCount: { increment: 1 }, ratingSum: { increment: rating } },
    select: { masterId: true },
  });
}

/** One published review of `rating` fewer: it was counted, so the row is there. */
async function uncountPublished(tx: Tx, masterId: string, rating: number) {
  await tx.masterRating.update({
    where: { masterId },
    data: { reviewCount: { decrement: 1 }, ratingSum: { decrement: rating } },
    select: { masterId: true },
  });
}

export interface LeaveReviewInput {
  /** Database id of the booking. */
  bookingId: string;
  /** 1 to 5. */
  rating: number;
  /** Trimmed; null for a rating alone. */
  text: string | null;
}

/**
 * The client reviews their booking; returns the review's id. The booking must be the client's,
 * COMPLETED, and reviewed within REVIEW_WINDOW_DAYS of its end, once: a second review, even
 * one sent at the same moment, is refused (the unique booking id decides) and changes nothing.
 * The author's name is kept as the page shows it; the review is published at once.
 */
export async function leaveReview(prisma: PrismaClient, clientId: string, input: LeaveReviewInput, now = new Date()): Promise<string> {
  return retryingTransaction(prisma, async (tx) => {
    await lockClient(tx, clientId);
    await tx.$executeRaw`SELECT 1 FROM bookings WHERE id = ${input.bookingId}::uuid FOR SHARE`;
    const booking = await tx.booking.findUnique({
      where: { id: input.bookingId },
      select: { clientId: true, masterId: true, status: true, endsAt: true, review: { select: { id: true } } },
    });
    if (!booking || booking.clientId !== clientId) throw badInput('bookingId', 'No such booking.');
    if (booking.status !== 'COMPLETED') {
      throw refused('NOT_COMPLETED', 'bookingId', 'Only a visit the master marked completed can be reviewed.');
    }
    if (booking.review) throw refused('ALREADY_REVIEWED', 'bookingId', 'You have already reviewed this visit.');
    const until = reviewWindowEnd(booking.endsAt);
    if (now > until) {
      throw refused('REVIEW_WINDOW_CLOSED', 'bookingId', `A visit can be reviewed for ${REVIEW_WINDOW_DAYS} days after it.`, {
        reviewableUntil: until.toISOString(),
      });
    }

    const author = await tx.client.findUniqueOrThrow({ where: { id: clientId }, select: { firstName: true, lastName: true } });
    const [review] = await tx.review.createManyAndReturn({
      data: {
        bookingId: input.bookingId,
        masterId: booking.masterId,
        clientId,
        authorName: authorNameOf(author),
        rating: input.rating,
        text: input.text,
        createdAt: now,
      },
      skipDuplicates: true,
      select: { id: true },
    });
    if (!review) throw refused('ALREADY_REVIEWED', 'bookingId', 'You have already reviewed this visit.');
    await countPublished(tx, booking.masterId, input.rating);
    return review.id;
  });
}

/**
 * The client adds the text to their review left with a rating alone (the bot's buttons): once,
 * within the review window, while the master has not replied and the review was not removed.
 */
export async function addReviewText(prisma: PrismaClient, clientId: string, reviewId: string, text: string, now = new Date()) {
  await retryingTransaction(prisma, async (tx) => {
    await lockClient(tx, clientId);
    const review = await tx.review.findUnique({
      where: { id: reviewId },
      select: { clientId: true, text: true, reply: true, status: true, booking: { select: { endsAt: true } } },
    });
    if (!review || review.clientId !== clientId) throw badInput('reviewId', 'No such review.');
    if (review.status === 'REMOVED') throw refused('REVIEW_REMOVED', 'reviewId', 'This review was removed.');
    if (review.text !== null) throw refused('TEXT_ALREADY_ADDED', 'reviewId', 'This review already has its text.');
    if (review.reply !== null) throw refused('ALREADY_REPLIED', 'reviewId', 'The master has already replied to this review.');
    const until = reviewWindowEnd(review.booking.endsAt);
    if (now > until) {
      throw refused('REVIEW_WINDOW_CLOSED', 'reviewId', `A visit can be reviewed for ${REVIEW_WINDOW_DAYS} days after it.`, {
        reviewableUntil: until.toISOString(),
      });
    }
    const { count } = await tx.review.updateMany({ where: { id: reviewId, text: null, reply: null }, data: { text } });
    if (count === 0) throw refused('TEXT_ALREADY_ADDED', 'reviewId', 'This review already has its text.');
  });
}

/** A review of `masterId`'s, read for one of the master's actions, or the refusal. */
async function mastersReview(tx: Tx, masterId: string, reviewId: string) {
  const review = await tx.review.findUnique({
    where: { id: reviewId },
    select: { masterId: true, status: true, rating: true, reply: true, decidedAt: true },
  });
  if (!review || review.masterId !== masterId) throw badInput('reviewId', 'No such review.');
  return review;
}

/** The master replies to a review of theirs, once; a removed review takes no reply. */
export async function replyToReview(prisma: PrismaClient, masterId: string, reviewId: string, text: string, now = new Date()) {
  await retryingTransaction(prisma, async (tx) => {
    const review = await mastersReview(tx, masterId, reviewId);
    if (review.status === 'REMOVED') throw refused('REVIEW_REMOVED', 'reviewId', 'This review was removed.');
    if (review.reply !== null) throw refused('ALREADY_REPLIED', 'reviewId', 'You have already replied to this review.');
    const { count } = await tx.review.updateMany({ where: { id: reviewId, reply: null }, data: { reply: text, repliedAt: now } });
    if (count === 0) throw refused('ALREADY_REPLIED', 'reviewId', 'You have already replied to this review.');
  });
}

/**
 * The master reports a published review of theirs as abusive: it leaves the public page and the
 * rating at once, until an operator decides. Once an operator has decided, the decision stands:
 * the review cannot be reported again.
 */
export async function reportReview(prisma: PrismaClient, masterId: string, reviewId: string, reason: string, now = new Date()) {
  await retryingTransaction(prisma, async (tx) => {
    const review = await mastersReview(tx, masterId, reviewId);
    if (review.status === 'REPORTED') throw refused('ALREADY_REPORTED', 'reviewId', 'This review is already waiting for a decision.');
    if (review.decidedAt !== null) throw refused('ALREADY_DECIDED', 'reviewId', 'An operator has already decided on this review.');
    const { count } = await tx.review.updateMany({
      where: { id: reviewId, status: 'PUBLISHED', decidedAt: null },
      data: { status: 'REPORTED', reportedAt: now, reportReason: reason },
    });
    if (count === 0) throw refused('ALREADY_REPORTED', 'reviewId', 'This review is already waiting for a decision.');
    await uncountPublished(tx, masterId, review.rating);
  });
}

/** What an operator decides on a reported review: remove it for good, or publish it again. */
export type ReportDecision = 'REMOVE' | 'PUBLISH';

export const REVIEW_REPORT_DECIDED_ACTION = 'review.report_decided';

export type DecideReportResult =
  | { kind: 'decided'; status: ReviewStatus }
  | { kind: 'missing' }
  /** Not waiting for a decision (never reported, or decided already). */
  | { kind: 'not_reported'; status: ReviewStatus; decidedAt: Date | null };

/**
 * An operator decides a report, once: REMOVE hides the review for good, PUBLISH puts it back on
 * the page and in the rating. One `review.report_decided` audit event, in the same transaction,
 * names the decision and the master (no personal data).
 */
export async function decideReport(
  prisma: PrismaClient,
  reviewId: string,
  decision: ReportDecision,
  actor: string,
  now = new Date(),
): Promise<DecideReportResult> {
  const status: ReviewStatus = decision === 'REMOVE' ? 'REMOVED' : 'PUBLISHED';
  return retryingTransaction(prisma, async (tx) => {
    const { count } = await tx.review.updateMany({ where: { id: reviewId, status: 'REPORTED' }, data: { status, decidedAt: now } });
    const review = await tx.review.findUnique({
      where: { id: reviewId },
      select: { masterId: true, rating: true, status: true, decidedAt: true, reportedAt: true },
    });
    if (!review) return { kind: 'missing' };
    if (count === 0) return { kind: 'not_reported', status: review.status, decidedAt: review.decidedAt };
    if (status === 'PUBLISHED') await countPublished(tx, review.masterId, review.rating);
    await tx.auditEvent.create({
      data: {
        action: REVIEW_REPORT_DECIDED_ACTION,
        actor,
        subjectType: 'review',
        subjectId: reviewId,
        details: { decision: status, masterId: review.masterId, reportedAt: review.reportedAt?.toISOString() ?? null },
      },
    });
    return { kind: 'decided', status };
  });
}

/** Reported reviews waiting for an operator, the oldest report first. */
export function reportsWaiting(prisma: PrismaClient, limit: number) {
  return prisma.review.findMany({
    where: { status: 'REPORTED' },
    orderBy: [{ reportedAt: 'asc' }, { id: 'asc' }],
    take: limit,
    select: {
      id: true,
      rating: true,
      text: true,
      reply: true,
      reportedAt: true,
      reportReason: true,
      createdAt: true,
      master: { select: { id: true, displayName: true } },
    },
  });
}

/**
 * A client erased their data (inside the erasure's transaction, before the client row changes
 * its id): their reviews stay for the master's reputation, detached and without a name.
 * Returns how many.
 */
export async function detachClientReviews(tx: Tx, clientId: string): Promise<number> {
  const { count } = await tx.review.updateMany({ where: { clientId }, data: { clientId: null, authorName: null } });
  return count;
}
