import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { addDays, type LocalDate, localDateFromDb, localDateOf, localDateToDb } from '../../time/zoned-time.js';
import { publicMasterWhere } from '../master/master.visibility.js';
import { type BusyInterval, computeAvailableSlots } from './slots.js';

const MINUTE_MS = 60_000;

type Db = PrismaClient | Prisma.TransactionClient;

export interface SlotRequest {
  /** Database ids. */
  masterId: string;
  masterServiceId: string;
  from: Date;
  to: Date;
  /**
   * A booking of the master whose own time counts as free: the one being moved. Its client
   * may move it onto or across its current time; every other booking stays busy.
   */
  exceptBookingId?: string;
  /** A waitlist offer whose held time counts as free: the one its client is claiming. */
  exceptOfferId?: string;
}

/**
 * What free time is computed around: every booking that is not cancelled but this one, and
 * every waitlist hold in force but this one (time held for a waiting client is nobody else's).
 */
export interface CalendarOptions {
  exceptBookingId?: string;
  exceptOfferId?: string;
}

export interface AvailableSlot {
  startsAt: Date;
  endsAt: Date;
  /** The master's time zone, in which the slot is shown. */
  timeZone: string;
}

/** What computing free slots needs to know about one offer (a master's service) and its master. */
export const slotOfferSelect = {
  id: true,
  masterId: true,
  serviceId: true,
  durationMinutes: true,
  master: {
    select: {
      cityId: true,
      timeZone: true,
      slotSettings: true,
      scheduleIntervals: { select: { weekday: true, startMinute: true, endMinute: true } },
    },
  },
} as const satisfies Prisma.MasterServiceSelect;

export type SlotOffer = Prisma.MasterServiceGetPayload<{ select: typeof slotOfferSelect }>;

interface MasterCalendar {
  daysOff: LocalDate[];
  busy: BusyInterval[];
}

/**
 * The free starts in [from, to) of one service of a master (the rules are in slots.ts).
 * None, rather than an error, unless the master is one clients may see and the service is
 * that master's and on offer: a client cannot tell a hidden master from a missing one.
 */
export async function availableSlots(db: Db, request: SlotRequest, now = new Date()): Promise<AvailableSlot[]> {
  const offer = await findPublicOffer(db, request.masterId, request.masterServiceId);
  if (!offer) return [];
  return availableSlotsOfOffer(db, offer, request, now);
}

/** One of a master's services that clients may book: on offer, by a master clients may see. */
export function findPublicOffer(db: Db, masterId: string, masterServiceId: string): Promise<SlotOffer | null> {
  return db.masterService.findFirst({
    where: { id: masterServiceId, masterId, isActive: true, master: publicMasterWhere },
    select: slotOfferSelect,
  });
}

/** The free starts in [from, to) of an offer already loaded. */
export async function availableSlotsOfOffer(
  db: Db,
  offer: SlotOffer,
  request: Pick<SlotRequest, 'from' | 'to' | 'exceptBookingId' | 'exceptOfferId'>,
  now = new Date(),
): Promise<AvailableSlot[]> {
  const slots = await availableSlotsOfOffers(db, [offer], request.from, request.to, now, {
    exceptBookingId: request.exceptBookingId,
    exceptOfferId: request.exceptOfferId,
  });
  return slots.get(offer.id) ?? [];
}

/**
 * The free starts in [from, to) of several offers at once, by offer id. A fixed number of
 * queries, whatever the number of offers and the length of the range: days off, bookings
 * and time blocks of all their masters, each in one query. Callers load the offers (with
 * `slotOfferSelect`) and decide which ones clients may see.
 */
export async function availableSlotsOfOffers(
  db: Db,
  offers: readonly SlotOffer[],
  requestFrom: Date,
  to: Date,
  now = new Date(),
  options: CalendarOptions = {},
): Promise<Map<string, AvailableSlot[]>> {
  const result = new Map<string, AvailableSlot[]>();
  // Starts before now are never free (the notice is not negative).
  const from = new Date(Math.max(requestFrom.getTime(), now.getTime()));
  const bookable = offers.filter((offer) => offer.master.timeZone && offer.master.slotSettings);
  if (from >= to || bookable.length === 0) return result;

  const calendars = await loadCalendars(db, bookable, from, to, now, options);
  for (const offer of bookable) {
    const timeZone = offer.master.timeZone!;
    const settings = offer.master.slotSettings!;
    const calendar = calendars.get(offer.masterId);
    const starts = computeAvailableSlots({
      timeZone,
      schedule: offer.master.scheduleIntervals,
      daysOff: calendar?.daysOff ?? [],
      settings,
      durationMinutes: offer.durationMinutes,
      busy: calendar?.busy ?? [],
      from,
      to,
      now,
    });
    result.set(
      offer.id,
      starts.map((startsAt) => ({
        startsAt,
        endsAt: new Date(startsAt.getTime() + offer.durationMinutes * MINUTE_MS),
        timeZone,
      })),
    );
  }
  return result;
}

/**
 * Days off, bookings that are not cancelled, time blocks and waitlist holds in force that can touch a start in
 * [from, to) of these offers: busy time reaching into the range widened by the longest
 * service and buffer, and days off of the local dates around it in any zone.
 */
async function loadCalendars(
  db: Db,
  offers: readonly SlotOffer[],
  from: Date,
  to: Date,
  now: Date,
  { exceptBookingId, exceptOfferId }: CalendarOptions,
): Promise<Map<string, MasterCalendar>> {
  const masterIds = [...new Set(offers.map((offer) => offer.masterId))];
  const margin = Math.max(...offers.map((offer) => offer.master.slotSettings!.bufferMinutes)) * MINUTE_MS;
  const longest = Math.max(...offers.map((offer) => offer.durationMinutes)) * MINUTE_MS;
  const busyWhere = {
    masterId: { in: masterIds },
    startsAt: { lt: new Date(to.getTime() + longest + margin) },
    endsAt: { gt: new Date(from.getTime() - margin) },
  };
  const busySelect = { masterId: true, startsAt: true, endsAt: true } as const;
  // Local dates differ from UTC ones by less than a day either way, and a clock change at
  // midnight can move a date once more: two days on each side cover every zone.
  const [daysOff, bookings, timeBlocks, holds] = await Promise.all([
    db.dayOff.findMany({
      where: {
        masterId: { in: masterIds },
        date: {
          gte: localDateToDb(addDays(localDateOf(from, 'UTC'), -2)),
          lte: localDateToDb(addDays(localDateOf(to, 'UTC'), 2)),
        },
      },
      select: { masterId: true, date: true },
    }),
    db.booking.findMany({
      where: { ...busyWhere, status: { not: 'CANCELLED' }, ...(exceptBookingId ? { id: { not: exceptBookingId } } : {}) },
      select: busySelect,
    }),
    db.timeBlock.findMany({ where: busyWhere, select: busySelect }),
    db.waitlistOffer.findMany({
      where: { ...busyWhere, status: 'HELD', expiresAt: { gt: now }, ...(exceptOfferId ? { id: { not: exceptOfferId } } : {}) },
      select: busySelect,
    }),
  ]);

  const calendars = new Map<string, MasterCalendar>(masterIds.map((id) => [id, { daysOff: [], busy: [] }]));
  for (const day of daysOff) calendars.get(day.masterId)?.daysOff.push(localDateFromDb(day.date));
  for (const interval of [...bookings, ...timeBlocks, ...holds]) calendars.get(interval.masterId)?.busy.push(interval);
  return calendars;
}
