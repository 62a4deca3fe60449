import { z } from 'zod';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { addDays, type LocalDate, localDateOf } from '../../time/zoned-time.js';
import { publicMasterSql } from '../master/master.visibility.js';
import { type BusyInterval, computeAvailableSlots, firstAvailableSlot, type SlotQuery } from './slots.js';

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
export async function findPublicOffer(db: Db, masterId: string, masterServiceId: string): Promise<SlotOffer | null> {
  // Hand-written rather than a Prisma select: one statement, and no query to compile on every
  // free-slot request (the first thing availableSlots and every booking read).
  const rows = await db.$queryRaw<unknown[]>`
    SELECT o.id::text AS id, o.master_id::text AS "masterId", o.service_id::text AS "serviceId",
           o.duration_minutes AS "durationMinutes",
           json_build_object(
             'cityId', m.city_id, 'timeZone', m.time_zone,
             'slotSettings', (SELECT json_build_object('masterId', s.master_id, 'stepMinutes', s.step_minutes,
                                'bufferMinutes', s.buffer_minutes, 'minNoticeMinutes', s.min_notice_minutes,
                                'horizonDays', s.horizon_days, 'cancellationCutoffMinutes', s.cancellation_cutoff_minutes,
                                'requireConfirmation', s.require_confirmation,
                                'confirmationDeadlineMinutes', s.confirmation_deadline_minutes)
                              FROM slot_settings s WHERE s.master_id = m.id),
             'scheduleIntervals', COALESCE((SELECT json_agg(json_build_object('weekday', i.weekday, 'startMinute', i.start_minute,
                                              'endMinute', i.end_minute) ORDER BY i.weekday, i.start_minute)
                                            FROM schedule_intervals i WHERE i.master_id = m.id), '[]')
           ) AS master
    FROM master_services o JOIN masters m ON m.id = o.master_id
    WHERE o.id = ${masterServiceId}::uuid AND o.master_id = ${masterId}::uuid AND o.is_active AND ${publicMasterSql}`;
  return rows[0] ? slotOfferRow.parse(rows[0]) : null;
}

const minutes = z.number().int();
const slotOfferRow = z.object({
  id: z.string(),
  masterId: z.string(),
  serviceId: z.string(),
  durationMinutes: minutes,
  master: z.object({
    cityId: z.string().nullable(),
    timeZone: z.string().nullable(),
    slotSettings: z
      .object({
        masterId: z.string(),
        stepMinutes: minutes,
        bufferMinutes: minutes,
        minNoticeMinutes: minutes,
        horizonDays: minutes,
        cancellationCutoffMinutes: minutes,
        requireConfirmation: z.boolean(),
        confirmationDeadlineMinutes: minutes,
      })
      .nullable(),
    scheduleIntervals: z.array(z.object({ weekday: z.number().int(), startMinute: minutes, endMinute: minutes })),
  }),
}) satisfies z.ZodType<SlotOffer>;

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
 * The free starts in [from, to) of several offers at once, by offer id, in one query whatever
 * the number of offers and the length of the range: the calendars of all their masters.
 * Callers load the offers (`findPublicOffer`, or a search's page) and decide which ones
 * clients may see.
 */
export async function availableSlotsOfOffers(
  db: Db,
  offers: readonly SlotOffer[],
  requestFrom: Date,
  to: Date,
  now = new Date(),
  options: CalendarOptions = {},
): Promise<Map<string, AvailableSlot[]>> {
  return slotsOfOffers(db, offers, requestFrom, to, now, options, (offer, query) =>
    computeAvailableSlots(query).map((startsAt) => slotOf(offer, startsAt)),
  );
}

/**
 * The first free start in [from, to) of each of several offers, by offer id (none → absent):
 * `availableSlotsOfOffers(…)[0]` without computing the starts after it.
 */
export async function firstAvailableSlotsOfOffers(
  db: Db,
  offers: readonly SlotOffer[],
  requestFrom: Date,
  to: Date,
  now = new Date(),
): Promise<Map<string, AvailableSlot>> {
  const found = new Map<string, AvailableSlot>();
  const firsts = await slotsOfOffers(db, offers, requestFrom, to, now, {}, (offer, query) => {
    const startsAt = firstAvailableSlot(query);
    return startsAt ? slotOf(offer, startsAt) : null;
  });
  for (const [offerId, slot] of firsts) if (slot) found.set(offerId, slot);
  return found;
}

function slotOf(offer: SlotOffer, startsAt: Date): AvailableSlot {
  return { startsAt, endsAt: new Date(startsAt.getTime() + offer.durationMinutes * MINUTE_MS), timeZone: offer.master.timeZone! };
}

async function slotsOfOffers<T>(
  db: Db,
  offers: readonly SlotOffer[],
  requestFrom: Date,
  to: Date,
  now: Date,
  options: CalendarOptions,
  compute: (offer: SlotOffer, query: SlotQuery) => T,
): Promise<Map<string, T>> {
  const result = new Map<string, T>();
  // Starts before now are never free (the notice is not negative).
  const from = new Date(Math.max(requestFrom.getTime(), now.getTime()));
  const bookable = offers.filter((offer) => offer.master.timeZone && offer.master.slotSettings);
  if (from >= to || bookable.length === 0) return result;

  const calendars = await loadCalendars(db, bookable, from, to, now, options);
  for (const offer of bookable) {
    const calendar = calendars.get(offer.masterId);
    result.set(
      offer.id,
      compute(offer, {
        timeZone: offer.master.timeZone!,
        schedule: offer.master.scheduleIntervals,
        daysOff: calendar?.daysOff ?? [],
        settings: offer.master.slotSettings!,
        durationMinutes: offer.durationMinutes,
        busy: calendar?.busy ?? [],
        from,
        to,
        now,
      }),
    );
  }
  return result;
}

const calendarRow = z.object({
  masterId: z.string(),
  startsAt: z.date().nullable(),
  endsAt: z.date().nullable(),
  /** A day off (YYYY-MM-DD); null for busy time. */
  day: z.string().nullable(),
});

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
  const busyFrom = new Date(from.getTime() - margin);
  const busyTo = new Date(to.getTime() + longest + margin);
  // Local dates differ from UTC ones by less than a day either way, and a clock change at
  // midnight can move a date once more: two days on each side cover every zone.
  const firstDay = addDays(localDateOf(from, 'UTC'), -2);
  const lastDay = addDays(localDateOf(to, 'UTC'), 2);
  // One statement for the four kinds, so that a page of masters costs one round trip.
  const rows = await db.$queryRaw<unknown[]>`
    SELECT master_id::text AS "masterId", starts_at AS "startsAt", ends_at AS "endsAt", NULL::text AS day FROM bookings
    WHERE master_id = ANY(${masterIds}::uuid[]) AND starts_at < ${busyTo} AND ends_at > ${busyFrom}
      AND status <> 'CANCELLED' AND id IS DISTINCT FROM ${exceptBookingId ?? null}::uuid
    UNION ALL
    SELECT master_id::text, starts_at, ends_at, NULL FROM time_blocks
    WHERE master_id = ANY(${masterIds}::uuid[]) AND starts_at < ${busyTo} AND ends_at > ${busyFrom}
    UNION ALL
    SELECT master_id::text, starts_at, ends_at, NULL FROM waitlist_offers
    WHERE master_id = ANY(${masterIds}::uuid[]) AND starts_at < ${busyTo} AND ends_at > ${busyFrom}
      AND status = 'HELD' AND expires_at > ${now} AND id IS DISTINCT FROM ${exceptOfferId ?? null}::uuid
    UNION ALL
    SELECT master_id::text, NULL, NULL, to_char(date, 'YYYY-MM-DD') FROM days_off
    WHERE master_id = ANY(${masterIds}::uuid[]) AND date BETWEEN ${firstDay}::date AND ${lastDay}::date`;

  const calendars = new Map<string, MasterCalendar>(masterIds.map((id) => [id, { daysOff: [], busy: [] }]));
  for (const row of rows) {
    const { masterId, startsAt, endsAt, day } = calendarRow.parse(row);
    const calendar = calendars.get(masterId);
    if (day) calendar?.daysOff.push(day);
    else if (startsAt && endsAt) calendar?.busy.push({ startsAt, endsAt });
  }
  return calendars;
}
