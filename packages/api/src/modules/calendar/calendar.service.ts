import { apiError, badInput, ErrorCode } from '../../errors.js';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { addDays, type LocalDate, localDateFromDb, localDateOf, localDateToDb, localDayInUtc } from '../../time/zoned-time.js';
import { retryingTransaction, type Tx } from '../../transactions.js';
import { type BookingTransactionOptions, bookingTransaction, type TimeInterval } from '../booking/booking-lifecycle.js';
import { withdrawHoldsOnDaysOff } from '../booking/waitlist-holds.js';
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

/** Gives blocked time back to the calendar; the booking lifecycle hears of the time freed. */
export async function unblockTime(
  prisma: PrismaClient,
  masterId: string,
  timeBlockId: string,
  notifications?: BookingTransactionOptions['notifications'],
): Promise<void> {
  await bookingTransaction(prisma, { notifications }, async ({ tx, changed }) => {
    await lockMaster(tx, masterId, { activity: true });
    const block = await tx.timeBlock.findUnique({ where: { id: timeBlockId }, select: { masterId: true } });
    if (!block || block.masterId !== masterId) throw badInput('timeBlockId', 'No such time block.');
    const { startsAt, endsAt } = await tx.timeBlock.delete({ where: { id: timeBlockId }, select: { startsAt: true, endsAt: true } });
    await changed({ kind: 'reopened', masterId, intervals: [{ startsAt, endsAt }], cause: 'unblocked' });
  });
}

/** How far ahead days off may be set. */
export const DAYS_OFF_AHEAD = 366;

export interface DaysRange {
  /** Local dates in the master's zone, `to` included. */
  from: LocalDate;
  to: LocalDate;
}

/** Runs of consecutive dates (ascending, distinct) as instants: [midnight of the first, midnight after the last). */
function localDaysInUtc(dates: readonly LocalDate[], timeZone: string): TimeInterval[] {
  const runs: DaysRange[] = [];
  for (const date of dates) {
    const last = runs.at(-1);
    if (last && addDays(last.to, 1) === date) last.to = date;
    else runs.push({ from: date, to: date });
  }
  return runs.map((run) => rangeInUtc(run, timeZone));
}

/** Bookings still to take place (confirmed, not over) that start on these local days. */
export function bookingsStartingOn(masterId: string, days: readonly TimeInterval[], now = new Date()): Prisma.BookingWhereInput {
  return {
    masterId,
    status: 'CONFIRMED',
    endsAt: { gt: now },
    OR: days.map((day) => ({ startsAt: { gte: day.startsAt, lt: day.endsAt } })),
  };
}

/** Which of these days are days off. */
const daysOffIn = (masterId: string, range: DaysRange) => ({
  masterId,
  date: { gte: localDateToDb(range.from), lte: localDateToDb(range.to) },
});

/** The days of a range as instants in the master's zone: for reading its bookings. */
export function rangeInUtc(range: DaysRange, timeZone: string): TimeInterval {
  return { startsAt: localDayInUtc(range.from, timeZone).start, endsAt: localDayInUtc(range.to, timeZone).end };
}

async function masterToday(tx: Tx, masterId: string, now: Date) {
  const { timeZone } = await tx.master.findUniqueOrThrow({ where: { id: masterId }, select: { timeZone: true } });
  if (!timeZone) throw new Error(`Active master ${masterId} has no time zone.`);
  return { timeZone, today: localDateOf(now, timeZone) };
}

/**
 * Days off from `from` to `to` (local dates in the master's zone, today or later, within a
 * year): clients see no free time on them (the slot rules leave them out). Days already off stay,
 * their note replaced when one is given. Bookings on those days stay too: the master moves or
 * cancels them (see `MasterProfile.bookingsOnDaysOff`). Waitlist offers on those days end
 * (withdrawn): a waiting client is never offered a day off.
 */
export async function addDaysOff(prisma: PrismaClient, masterId: string, input: DaysRange & { note: string | null }, now = new Date()) {
  await bookingTransaction(prisma, {}, async (transaction) => {
    const { tx } = transaction;
    await lockMaster(tx, masterId, { activity: true });
    const { today, timeZone } = await masterToday(tx, masterId, now);
    if (input.from < today) throw badInput('from', `Days off can start today (${today}) at the earliest.`);
    if (input.to > addDays(today, DAYS_OFF_AHEAD)) throw badInput('to', `At most ${DAYS_OFF_AHEAD} days ahead.`);
    const dates: LocalDate[] = [];
    for (let date = input.from; date <= input.to; date = addDays(date, 1)) dates.push(date);
    await tx.dayOff.createMany({
      data: dates.map((date) => ({ masterId, date: localDateToDb(date), reason: input.note })),
      skipDuplicates: true,
    });
    if (input.note) await tx.dayOff.updateMany({ where: daysOffIn(masterId, input), data: { reason: input.note } });
    await withdrawHoldsOnDaysOff(transaction, masterId, localDaysInUtc(dates, timeZone), now);
  });
}

/**
 * The master works these days again: every day off from `from` to `to` goes, and the booking
 * lifecycle hears of the days freed. Returns the dates that were days off.
 */
export async function removeDaysOff(
  prisma: PrismaClient,
  masterId: string,
  range: DaysRange,
  notifications?: BookingTransactionOptions['notifications'],
): Promise<LocalDate[]> {
  return bookingTransaction(prisma, { notifications }, async ({ tx, changed }) => {
    await lockMaster(tx, masterId, { activity: true });
    const { timeZone } = await masterToday(tx, masterId, new Date());
    const removed = await tx.dayOff.findMany({ where: daysOffIn(masterId, range), select: { date: true }, orderBy: { date: 'asc' } });
    if (removed.length === 0) return [];
    await tx.dayOff.deleteMany({ where: daysOffIn(masterId, range) });
    const dates = removed.map((day) => localDateFromDb(day.date));
    await changed({ kind: 'reopened', masterId, intervals: localDaysInUtc(dates, timeZone), cause: 'day_off_removed' });
    return dates;
  });
}

/** The master's days off from their today on, in order. */
export async function upcomingDaysOff(prisma: PrismaClient, masterId: string, timeZone: string, now = new Date()) {
  return prisma.dayOff.findMany({
    where: { masterId, date: { gte: localDateToDb(localDateOf(now, timeZone)) } },
    orderBy: { date: 'asc' },
  });
}

/** Where the master's confirmed bookings on upcoming days off are: their days as instants (none: no such days). */
export async function upcomingDaysOffInUtc(prisma: PrismaClient, masterId: string, timeZone: string, now = new Date()) {
  const days = await upcomingDaysOff(prisma, masterId, timeZone, now);
  return localDaysInUtc(
    days.map((day) => localDateFromDb(day.date)),
    timeZone,
  );
}
