import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../errors.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { ReminderAnswerStatus } from '../../telegram/bot/texts.js';
import { cancelBooking } from '../calendar/calendar.service.js';
import type { BookingNotifier } from './notification-jobs.js';

export type ReminderAnswer = 'confirm' | 'cancel';

/** A reminder's buttons carry the answer and the booking (64 bytes at most: this is 52). */
export function reminderCallbackData(answer: ReminderAnswer, bookingId: string): string {
  return `reminder:${answer}:${bookingId}`;
}

export const REMINDER_CALLBACK = /^reminder:(confirm|cancel):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export interface ReminderAnswerInput {
  /** Who pressed the button: only the booking's own client may answer. */
  telegramId: number | bigint;
  bookingId: string;
  answer: ReminderAnswer;
  now: Date;
  /** Tells the master about a cancellation; absent where notifications are off. */
  notifications?: BookingNotifier;
}

/**
 * The client's answer to a reminder. "Confirm" records when they confirmed (the booking is
 * CONFIRMED from the start; `clientConfirmedAt` says the client has seen it and is coming).
 * "Cancel" is the client's own cancellation with its rules (`cancelBooking`: the master's
 * cutoff before the start), and the master hears of it. Anyone but the booking's client
 * changes nothing.
 */
export async function answerReminder(prisma: PrismaClient, input: ReminderAnswerInput): Promise<ReminderAnswerStatus> {
  const [client, booking] = await Promise.all([
    prisma.client.findUnique({ where: { telegramId: BigInt(input.telegramId) }, select: { id: true, erasedAt: true } }),
    prisma.booking.findUnique({ where: { id: input.bookingId }, select: { clientId: true, status: true, startsAt: true } }),
  ]);
  if (!client || client.erasedAt || !booking || booking.clientId !== client.id) return 'not_yours';
  if (booking.status === 'CANCELLED') return 'already_cancelled';
  if (booking.status !== 'CONFIRMED' || booking.startsAt <= input.now) return 'over';

  if (input.answer === 'confirm') {
    const { count } = await prisma.booking.updateMany({
      where: { id: input.bookingId, status: 'CONFIRMED', clientConfirmedAt: null },
      data: { clientConfirmedAt: input.now },
    });
    return count === 1 ? 'confirmed' : 'already_confirmed';
  }

  try {
    await cancelBooking(prisma, [{ kind: 'CLIENT', clientId: client.id }], input.bookingId, null, input.now, input.notifications);
  } catch (error) {
    // The status was checked above: what cancelBooking refuses now is the cutoff.
    if (error instanceof GraphQLError && error.extensions.code === ErrorCode.BAD_USER_INPUT) return 'too_late';
    throw error;
  }
  return 'cancelled';
}
