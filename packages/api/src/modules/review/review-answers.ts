import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../errors.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { leaveReview } from './review.service.js';

/** What a press of a review request's rating button came to; the bot answers with a text for each. */
export type ReviewAnswerStatus = 'recorded' | 'already_reviewed' | 'window_closed' | 'not_completed' | 'not_yours';

export interface ReviewAnswerInput {
  /** Who pressed the button: only the booking's own client may review it. */
  telegramId: number | bigint;
  bookingId: string;
  rating: number;
  now: Date;
}

const BY_REASON: Record<string, ReviewAnswerStatus> = {
  ALREADY_REVIEWED: 'already_reviewed',
  REVIEW_WINDOW_CLOSED: 'window_closed',
  NOT_COMPLETED: 'not_completed',
};

/**
 * A rating from the bot's review request: a review without text, left through `leaveReview`
 * with all its rules, as the client whose Telegram account pressed the button. Anyone but the
 * booking's client (or a client who erased their data) changes nothing.
 */
export async function answerReviewRequest(prisma: PrismaClient, input: ReviewAnswerInput): Promise<ReviewAnswerStatus> {
  const client = await prisma.client.findUnique({ where: { telegramId: BigInt(input.telegramId) }, select: { id: true, erasedAt: true } });
  if (!client || client.erasedAt) return 'not_yours';
  try {
    await leaveReview(prisma, client.id, { bookingId: input.bookingId, rating: input.rating, text: null }, input.now);
    return 'recorded';
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const { code, reason } = error.extensions;
    if (typeof reason === 'string' && BY_REASON[reason]) return BY_REASON[reason];
    // Another client's booking, one that is gone, or a client erased meanwhile.
    if (code === ErrorCode.FORBIDDEN || code === ErrorCode.BAD_USER_INPUT) return 'not_yours';
    throw error;
  }
}
