import { apiError, badInput, ErrorCode, notYours } from '../../errors.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { retryingTransaction } from '../../transactions.js';
import { lockMaster } from '../master/master-lock.js';

export interface TimeBlockInput {
  startsAt: Date;
  endsAt: Date;
  reason: string | null;
}

const slotUnavailable = (message: string) => apiError(ErrorCode.SLOT_UNAVAILABLE, message);

export async function calendarTimeZone(prisma: PrismaClient, masterId: string): Promise<string> {
  const { timeZone } = await prisma.master.findUniqueOrThrow({ where: { id: masterId }, select: { timeZone: true } });
  if (!timeZone) throw new Error(`Active master ${masterId} has no time zone.`);
  return timeZone;
}

const overlapping = (startsAt: Date, endsAt: Date) => ({ startsAt: { lt: endsAt }, endsAt: { gt: startsAt } });

/** Takes time out of the calendar; refused over a booking that is not cancelled. */
export async function blockTime(prisma: PrismaClient, masterId: string, input: TimeBlockInput): Promise<string> {
  return retryingTransaction(prisma, async (tx) => {
    await lockMaster(tx, masterId, { activity: true });
    const booking = await tx.booking.findFirst({
      where: { masterId, status: { not: 'CANCELLED' }, ...overlapping(input.startsAt, input.endsAt) },
      select: { id: true },
    });
    if (booking) throw slotUnavailable('There are bookings in this time; cancel or move them first.');
    const block = await tx.timeBlock.create({ data: { masterId, ...input }, select: { id: true } });
    return block.id;
  });
}

export async function unblockTime(prisma: PrismaClient, masterId: string, timeBlockId: string): Promise<void> {
  await retryingTransaction(prisma, async (tx) => {
    await lockMaster(tx, masterId, { activity: true });
    const block = await tx.timeBlock.findUnique({ where: { id: timeBlockId }, select: { masterId: true } });
    if (!block) throw badInput('timeBlockId', 'No such time block.');
    if (block.masterId !== masterId) throw notYours();
    await tx.timeBlock.delete({ where: { id: timeBlockId } });
  });
}
