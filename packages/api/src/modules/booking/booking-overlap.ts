import { z } from 'zod';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import { addDays, localDateFromDb, localDateOf, localDateToDb } from '../../time/zoned-time.js';
import type { Tx } from '../../transactions.js';
import { computeAvailableSlots } from './slots.js';

/**
 * Whether one start is free, the way a booking write asks it under the master's lock: one SQL
 * statement reads the master's slot rules and schedule, the days off around the start, and
 * whether [start − buffer, end + buffer) meets a booking that is not cancelled, a time block or
 * a waitlist hold in force; the grid, notice, horizon and day-off rules are then slots.ts's own,
 * asked for this one start. So it accepts exactly the starts `availableSlots` lists
 * (booking-overlap.test.ts checks that on random calendars) without loading the calendar, and the
 * exclusion constraint `bookings_no_overlap` stays the last guard. A refusal is rare: only then
 * does the caller run the full slot engine (the nearest free starts).
 */

const MINUTE_MS = 60_000;

export interface StartCheck {
  masterId: string;
  /** The master's service booked: it must be on offer, by a master clients may see. */
  masterServiceId: string;
  startsAt: Date;
  durationMinutes: number;
  /** The booking being moved: its own time counts as free. */
  exceptBookingId?: string;
  /** The waitlist offer being claimed: the time it holds counts as free for its client. */
  exceptOfferId?: string;
  now: Date;
}

const ruleRow = z.object({
  time_zone: z.string().nullable(),
  step_minutes: z.number(),
  buffer_minutes: z.number(),
  min_notice_minutes: z.number(),
  horizon_days: z.number(),
  require_confirmation: z.boolean(),
  confirmation_deadline_minutes: z.number(),
  bookable: z.boolean(),
  busy: z.boolean(),
  days_off: z.array(z.coerce.date()),
  schedule: z.array(z.object({ weekday: z.number(), startMinute: z.number(), endMinute: z.number() })),
});

/** What a write needs of the master's confirmation rule (bookings.release_at), read with the check. */
export interface ConfirmationRule {
  requireConfirmation: boolean;
  confirmationDeadlineMinutes: number;
}

export type StartVerdict = { free: true; rule: ConfirmationRule } | { free: false };

/**
 * The check as one SELECT (one row, or none for an unknown master), for `checkStart` or for a
 * statement that reads more beside it after the master's lock (a client's booking reads the
 * client's side with it: one round trip less under the lock).
 */
export function startCheckQuery(check: StartCheck): Prisma.Sql {
  const { startsAt, durationMinutes, now } = check;
  // Local dates differ from UTC ones by less than a day either way: two days on each side cover every zone.
  const utcDate = localDateOf(startsAt, 'UTC');
  const end = new Date(startsAt.getTime() + durationMinutes * MINUTE_MS);
  const exceptBooking = check.exceptBookingId ?? null;
  const exceptOffer = check.exceptOfferId ?? null;
  return Prisma.sql`
    SELECT m.time_zone, ss.step_minutes, ss.buffer_minutes, ss.min_notice_minutes, ss.horizon_days,
           ss.require_confirmation, ss.confirmation_deadline_minutes,
           (m.status = 'ACTIVE' AND m.is_active AND m.profile_completed_at IS NOT NULL AND EXISTS (
              SELECT 1 FROM master_services o WHERE o.id = ${check.masterServiceId}::uuid AND o.master_id = m.id AND o.is_active
           )) AS bookable,
           (EXISTS (
              SELECT 1 FROM bookings b
              WHERE b.master_id = m.id AND b.status <> 'CANCELLED' AND b.id IS DISTINCT FROM ${exceptBooking}::uuid
                AND b.starts_at < ${end}::timestamptz + make_interval(mins => ss.buffer_minutes)
                AND b.ends_at > ${startsAt}::timestamptz - make_interval(mins => ss.buffer_minutes)
           ) OR EXISTS (
              SELECT 1 FROM time_blocks t
              WHERE t.master_id = m.id
                AND t.starts_at < ${end}::timestamptz + make_interval(mins => ss.buffer_minutes)
                AND t.ends_at > ${startsAt}::timestamptz - make_interval(mins => ss.buffer_minutes)
           ) OR EXISTS (
              SELECT 1 FROM waitlist_offers h
              WHERE h.master_id = m.id AND h.status = 'HELD' AND h.expires_at > ${now}::timestamptz
                AND h.id IS DISTINCT FROM ${exceptOffer}::uuid
                AND h.starts_at < ${end}::timestamptz + make_interval(mins => ss.buffer_minutes)
                AND h.ends_at > ${startsAt}::timestamptz - make_interval(mins => ss.buffer_minutes)
           )) AS busy,
           ARRAY(
              SELECT d.date FROM days_off d
              WHERE d.master_id = m.id AND d.date BETWEEN ${localDateToDb(addDays(utcDate, -2))}::date AND ${localDateToDb(addDays(utcDate, 2))}::date
           ) AS days_off,
           COALESCE((
              SELECT json_agg(json_build_object('weekday', si.weekday, 'startMinute', si.start_minute, 'endMinute', si.end_minute))
              FROM schedule_intervals si WHERE si.master_id = m.id
           ), '[]'::json) AS schedule
    FROM masters m JOIN slot_settings ss ON ss.master_id = m.id
    WHERE m.id = ${check.masterId}::uuid`;
}

/** The check's row as one JSON value (null for an unknown master), to read as a column of a larger statement. */
export function startCheckJson(check: StartCheck): Prisma.Sql {
  return Prisma.sql`(SELECT to_json(start_check) FROM (${startCheckQuery(check)}) start_check)`;
}

/** Whether `check.startsAt` is one of the free starts `availableSlots` lists now (see above). */
export async function checkStart(db: Tx | PrismaClient, check: StartCheck): Promise<StartVerdict> {
  const rows = z.array(z.unknown()).parse(await db.$queryRaw(startCheckQuery(check)));
  return verdictOf(rows[0] ?? null, check);
}

/** The verdict from the row `startCheckQuery` read (null: no such master, or no slot settings). */
export function verdictOf(read: unknown, check: StartCheck): StartVerdict {
  if (read === null) return { free: false };
  const row = ruleRow.parse(read);
  const { startsAt, durationMinutes, now } = check;
  if (!row.time_zone || !row.bookable || row.busy) return { free: false };
  const listed = computeAvailableSlots({
    timeZone: row.time_zone,
    schedule: row.schedule,
    daysOff: row.days_off.map(localDateFromDb),
    settings: {
      stepMinutes: row.step_minutes,
      bufferMinutes: row.buffer_minutes,
      minNoticeMinutes: row.min_notice_minutes,
      horizonDays: row.horizon_days,
    },
    durationMinutes,
    busy: [],
    from: startsAt,
    to: new Date(startsAt.getTime() + 1),
    now,
  });
  if (listed.length === 0) return { free: false };
  return {
    free: true,
    rule: { requireConfirmation: row.require_confirmation, confirmationDeadlineMinutes: row.confirmation_deadline_minutes },
  };
}
