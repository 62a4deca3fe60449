import { isExclusionViolation } from '../../db-errors.js';
import { apiError, ErrorCode } from '../../errors.js';
import type { BookingActor, Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { uncountBooking } from '../analytics/booking-stats.service.js';
import { countBookingCancelled, countBookingCreated } from '../monitoring/metrics.js';
import type { BookingNotifier } from '../notifications/notification-jobs.js';

type Tx = Prisma.TransactionClient;

export interface TimeBlockInput {
  startsAt: Date;
  endsAt: Date;
  reason: string | null;
}

export interface ManualBookingInput {
  /** Database id of one of the master's own services. */
  masterServiceId: string;
  startsAt: Date;
  clientName: string;
  clientPhone: string | null;
  comment: string | null;
}

export type BookingOutcome = 'COMPLETED' | 'NO_SHOW';

/**
 * As whom a caller may cancel: the master of their bookings, the client of theirs. One
 * Telegram user may be both; `cancelBooking` takes every role the caller has.
 */
export type Canceller = { kind: 'MASTER'; masterId: string } | { kind: 'CLIENT'; clientId: string };

function badInput(path: string, message: string) {
  return apiError(ErrorCode.BAD_USER_INPUT, message, { fields: [{ path, message }] });
}

const notYours = () => apiError(ErrorCode.FORBIDDEN, 'This belongs to another master.');

const slotUnavailable = (message: string) => apiError(ErrorCode.SLOT_UNAVAILABLE, message);

export async function calendarTimeZone(prisma: PrismaClient, masterId: string): Promise<string> {
  const { timeZone } = await prisma.master.findUniqueOrThrow({ where: { id: masterId }, select: { timeZone: true } });
  if (!timeZone) throw new Error(`Active master ${masterId} has no time zone.`);
  return timeZone;
}

/**
 * Every calendar change counts as the master's activity. Updating the master's row first
 * also locks it until the transaction ends, so one master's calendar changes happen one
 * after another: a time block and a booking cannot both pass their checks at once.
 */
async function touchMaster(tx: Tx, masterId: string) {
  await tx.master.update({ where: { id: masterId }, data: { lastActivityAt: new Date() } });
}

const overlapping = (startsAt: Date, endsAt: Date) => ({ startsAt: { lt: endsAt }, endsAt: { gt: startsAt } });

/** Takes time out of the calendar; refused over a booking that is not cancelled. */
export async function blockTime(prisma: PrismaClient, masterId: string, input: TimeBlockInput): Promise<string> {
  return prisma.$transaction(async (tx) => {
    await touchMaster(tx, masterId);
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
  await prisma.$transaction(async (tx) => {
    await touchMaster(tx, masterId);
    const block = await tx.timeBlock.findUnique({ where: { id: timeBlockId }, select: { masterId: true } });
    if (!block) throw badInput('timeBlockId', 'No such time block.');
    if (block.masterId !== masterId) throw notYours();
    await tx.timeBlock.delete({ where: { id: timeBlockId } });
  });
}

/**
 * A booking the master enters by hand, for any time outside blocked time: the master may
 * book outside working hours. The end and the price come from the master's service; the
 * exclusion constraint `bookings_no_overlap` is what finally keeps bookings apart.
 */
export async function createManualBooking(
  prisma: PrismaClient,
  masterId: string,
  input: ManualBookingInput,
  notifications?: BookingNotifier,
): Promise<string> {
  const bookingId = await prisma.$transaction(async (tx) => {
    await touchMaster(tx, masterId);
    const offer = await tx.masterService.findUnique({ where: { id: input.masterServiceId } });
    if (!offer) throw badInput('masterServiceId', 'No such service.');
    if (offer.masterId !== masterId) throw notYours();
    if (!offer.isActive) throw badInput('masterServiceId', 'This service is switched off.');

    const endsAt = new Date(input.startsAt.getTime() + offer.durationMinutes * 60_000);
    const block = await tx.timeBlock.findFirst({ where: { masterId, ...overlapping(input.startsAt, endsAt) }, select: { id: true } });
    if (block) throw slotUnavailable('This time is blocked.');
    try {
      const booking = await tx.booking.create({
        data: {
          masterId,
          masterServiceId: offer.id,
          serviceId: offer.serviceId,
          startsAt: input.startsAt,
          endsAt,
          source: 'MASTER',
          clientName: input.clientName,
          clientPhone: input.clientPhone,
          comment: input.comment,
          priceMinor: offer.priceMinor,
          currency: offer.currency,
        },
        select: { id: true },
      });
      await notifications?.bookingCreated(tx, { id: booking.id, startsAt: input.startsAt, clientId: null }, new Date());
      return booking.id;
    } catch (error) {
      if (isExclusionViolation(error)) throw slotUnavailable('This time overlaps another booking.');
      throw error;
    }
  });
  countBookingCreated('master');
  return bookingId;
}

/** As whom the cancellation is recorded, if one of the caller's roles may cancel this booking at all. */
function cancellationActor(booking: { masterId: string; clientId: string | null }, cancellers: readonly Canceller[]): BookingActor {
  if (cancellers.some((c) => c.kind === 'MASTER' && c.masterId === booking.masterId)) return 'MASTER';
  if (cancellers.some((c) => c.kind === 'CLIENT' && c.clientId === booking.clientId)) return 'CLIENT';
  throw apiError(ErrorCode.FORBIDDEN, 'This booking is not yours.');
}

/** Holds the master's row until the transaction ends, without counting as the master's activity. */
async function lockMaster(tx: Tx, masterId: string) {
  await tx.$queryRaw`SELECT id FROM masters WHERE id = ${masterId}::uuid FOR UPDATE`;
}

/**
 * Cancels a booking, which frees its time (the exclusion constraint ignores cancelled
 * rows). Its master may cancel at any time; its client until the master's cancellation
 * cutoff before the start. Cancelling a cancelled booking changes nothing; a booking that
 * already took place (completed or no-show) cannot be cancelled. A client's booking that
 * becomes cancelled stops counting in client_service_stats, in this transaction
 * (`uncountBooking`), whoever cancels it. The other side hears of it through the bot
 * (`notifications`), queued in the same transaction.
 */
export async function cancelBooking(
  prisma: PrismaClient,
  cancellers: readonly Canceller[],
  bookingId: string,
  reason: string | null,
  now = new Date(),
  notifications?: BookingNotifier,
) {
  const cancelledAs = await prisma.$transaction(async (tx) => {
    const found = await tx.booking.findUnique({ where: { id: bookingId }, select: { masterId: true, clientId: true } });
    if (!found) throw badInput('bookingId', 'No such booking.');
    const cancelledBy = cancellationActor(found, cancellers);
    if (cancelledBy === 'MASTER') await touchMaster(tx, found.masterId);
    else await lockMaster(tx, found.masterId);

    const booking = await tx.booking.findUniqueOrThrow({
      where: { id: bookingId },
      select: { status: true, startsAt: true, clientId: true, serviceId: true, cityId: true },
    });
    if (booking.status === 'CANCELLED') return null;
    if (booking.status !== 'CONFIRMED') throw badInput('bookingId', 'This booking has already taken place.');
    if (cancelledBy === 'CLIENT') {
      const settings = await tx.slotSettings.findUnique({
        where: { masterId: found.masterId },
        select: { cancellationCutoffMinutes: true },
      });
      const cutoffMinutes = settings?.cancellationCutoffMinutes ?? 0;
      if (now.getTime() > booking.startsAt.getTime() - cutoffMinutes * 60_000) {
        const message = `The master accepts cancellations up to ${cutoffMinutes} minutes before the start; contact them instead.`;
        throw apiError(ErrorCode.BAD_USER_INPUT, message, {
          fields: [{ path: 'bookingId', message }],
          reason: 'CANCELLATION_CUTOFF',
          cutoffMinutes,
        });
      }
    }
    await tx.booking.update({
      where: { id: bookingId },
      data: { status: 'CANCELLED', cancelledAt: now, cancelledBy, cancellationReason: reason },
    });
    const { clientId, serviceId, cityId } = booking;
    if (clientId && serviceId && cityId) await uncountBooking(tx, { clientId, serviceId, cityId });
    await notifications?.bookingCancelled(tx, { id: bookingId, startsAt: booking.startsAt, clientId }, cancelledBy);
    return cancelledBy;
  });
  if (cancelledAs) countBookingCancelled(cancelledAs === 'MASTER' ? 'master' : 'client');
}

/** Records how a booking that has started went; the master may correct it later. */
export async function setBookingOutcome(prisma: PrismaClient, masterId: string, bookingId: string, outcome: BookingOutcome) {
  await prisma.$transaction(async (tx) => {
    await touchMaster(tx, masterId);
    const booking = await tx.booking.findUnique({ where: { id: bookingId }, select: { masterId: true, startsAt: true } });
    if (!booking) throw badInput('bookingId', 'No such booking.');
    if (booking.masterId !== masterId) throw notYours();
    if (booking.startsAt > new Date()) throw badInput('bookingId', 'This booking has not started yet.');
    const { count } = await tx.booking.updateMany({
      where: { id: bookingId, status: { not: 'CANCELLED' } },
      data: { status: outcome },
    });
    if (count === 0) throw badInput('bookingId', 'This booking was cancelled.');
  });
}
