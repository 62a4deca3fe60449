import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { addDays, localDateFromDb, localDateOf, localDateToDb } from '../../time/zoned-time.js';
import { publicMasterWhere } from '../master/master.visibility.js';
import { computeAvailableSlots } from './slots.js';

const MINUTE_MS = 60_000;

export interface SlotRequest {
  /** Database ids. */
  masterId: string;
  masterServiceId: string;
  from: Date;
  to: Date;
}

export interface AvailableSlot {
  startsAt: Date;
  endsAt: Date;
  /** The master's time zone, in which the slot is shown. */
  timeZone: string;
}

/**
 * The free starts in [from, to) of one service of a master (the rules are in slots.ts).
 * None, rather than an error, unless the master is one clients may see and the service is
 * that master's and on offer: a client cannot tell a hidden master from a missing one.
 * A fixed number of queries, whatever the range: the offer with its master's schedule and
 * settings, then days off, bookings and time blocks together.
 */
export async function availableSlots(
  prisma: PrismaClient | Prisma.TransactionClient,
  request: SlotRequest,
  now = new Date(),
): Promise<AvailableSlot[]> {
  const offer = await prisma.masterService.findFirst({
    where: { id: request.masterServiceId, masterId: request.masterId, isActive: true, master: publicMasterWhere },
    select: {
      durationMinutes: true,
      master: {
        select: {
          timeZone: true,
          slotSettings: true,
          scheduleIntervals: { select: { weekday: true, startMinute: true, endMinute: true } },
        },
      },
    },
  });
  const timeZone = offer?.master.timeZone;
  const settings = offer?.master.slotSettings;
  if (!offer || !timeZone || !settings) return [];

  // Starts before now are never free (the notice is not negative).
  const from = new Date(Math.max(request.from.getTime(), now.getTime()));
  if (from >= request.to) return [];
  const margin = settings.bufferMinutes * MINUTE_MS;
  const busyWhere = {
    masterId: request.masterId,
    startsAt: { lt: new Date(request.to.getTime() + offer.durationMinutes * MINUTE_MS + margin) },
    endsAt: { gt: new Date(from.getTime() - margin) },
  };
  const [daysOff, bookings, timeBlocks] = await Promise.all([
    prisma.dayOff.findMany({
      where: {
        masterId: request.masterId,
        date: {
          gte: localDateToDb(addDays(localDateOf(from, timeZone), -1)),
          lte: localDateToDb(addDays(localDateOf(request.to, timeZone), 1)),
        },
      },
      select: { date: true },
    }),
    prisma.booking.findMany({ where: { ...busyWhere, status: { not: 'CANCELLED' } }, select: { startsAt: true, endsAt: true } }),
    prisma.timeBlock.findMany({ where: busyWhere, select: { startsAt: true, endsAt: true } }),
  ]);

  const starts = computeAvailableSlots({
    timeZone,
    schedule: offer.master.scheduleIntervals,
    daysOff: daysOff.map((day) => localDateFromDb(day.date)),
    settings,
    durationMinutes: offer.durationMinutes,
    busy: [...bookings, ...timeBlocks],
    from,
    to: request.to,
    now,
  });
  return starts.map((startsAt) => ({
    startsAt,
    endsAt: new Date(startsAt.getTime() + offer.durationMinutes * MINUTE_MS),
    timeZone,
  }));
}
