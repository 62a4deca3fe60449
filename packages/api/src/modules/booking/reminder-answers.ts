import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../errors.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { BookingNotifier } from '../notifications/notification-jobs.js';
import type { ReminderAnswer } from '../notifications/reminder-callback.js';
import { cancelBooking, confirmAttendance } from './booking.service.js';

/** What the client's press of a reminder button came to; the bot answers with a text for each. */
export type ReminderAnswerStatus =
  | 'confirmed'
  | 'already_confirmed'
  | 'cancelled'
  | 'already_cancelled'
  | 'too_late'
  | 'over'
  | 'not_yours';

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
    return (await confirmAttendance(prisma, input.bookingId, input.now)) ? 'confirmed' : 'already_confirmed';
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
