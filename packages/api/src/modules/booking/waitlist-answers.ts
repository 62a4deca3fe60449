import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../errors.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { BookingNotifier } from '../notifications/notification-jobs.js';
import { botClaimKey, claimWaitlistOffer } from './waitlist.service.js';

/** What a press of an offer's «Беру» button came to; the bot answers with a text for each. */
export type WaitlistAnswerStatus = 'booked' | 'already_booked' | 'expired' | 'withdrawn' | 'unavailable' | 'not_yours';

export interface WaitlistAnswerInput {
  /** Who pressed the button: only the offer's own client may take it. */
  telegramId: number | bigint;
  offerId: string;
  now: Date;
  /** Tells both sides of the booking; absent where notifications are off. */
  notifications?: BookingNotifier;
}

/**
 * The client takes an offered time from the bot's message: the same claim as
 * `claimWaitlistOffer` (the same booking, whichever comes first), with a key of the offer's own,
 * so that pressing twice books once. Anyone but the offer's client changes nothing.
 */
export async function answerWaitlistOffer(prisma: PrismaClient, input: WaitlistAnswerInput): Promise<WaitlistAnswerStatus> {
  const client = await prisma.client.findUnique({ where: { telegramId: BigInt(input.telegramId) }, select: { id: true, erasedAt: true } });
  if (!client || client.erasedAt) return 'not_yours';
  const before = await prisma.waitlistOffer.findUnique({ where: { id: input.offerId }, select: { clientId: true, status: true } });
  if (!before || before.clientId !== client.id) return 'not_yours';
  if (before.status === 'CLAIMED') return 'already_booked';
  try {
    await claimWaitlistOffer(
      prisma,
      client.id,
      { offerId: input.offerId, idempotencyKey: botClaimKey(input.offerId) },
      input.now,
      input.notifications,
    );
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const { code, reason } = error.extensions;
    if (code === ErrorCode.SLOT_UNAVAILABLE) return 'unavailable';
    if (reason === 'OFFER_WITHDRAWN') return 'withdrawn';
    if (reason === 'OFFER_EXPIRED') return 'expired';
    if (code === ErrorCode.FORBIDDEN) return 'not_yours';
    throw error;
  }
  return 'booked';
}
