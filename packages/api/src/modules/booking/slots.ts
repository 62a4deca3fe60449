import { addDays, isoWeekdayOfDate, type LocalDate, localDateOf, localDayClock } from '../../time/zoned-time.js';

/**
 * What a free slot is. `availableSlots` lists these starts, and a client's booking must be
 * one of them (`createBooking` checks a start the same way), so both go through
 * `computeAvailableSlots`.
 *
 * A start S (an instant) with the service's duration D is free when all of these hold:
 *
 * 1. Grid. The master's schedule has a working interval [s, e) (minutes after local
 *    midnight, e ≤ 24:00) on the ISO weekday of a local date d, and S is the instant when
 *    the master's clock shows d at s + k·step (k = 0, 1, …) with s + k·step < e.
 *    - A wall-clock time the clock skips (spring-forward gap) is no start that day.
 *    - A wall-clock time the clock shows twice (fall-back) is a start once, at its
 *      earlier occurrence: the repeated hour offers each time of day once, as any other
 *      day does, and nothing starts during its second pass.
 * 2. Fits the interval. S + D ≤ E, in real minutes, where E is the interval's end as
 *    `zonedToUtc(d, e)` reads it: 24:00 is the next local midnight; an end the clock
 *    shows twice means its earlier occurrence; an end the clock skips is read with the
 *    offset before the change (02:30 on a 02:00→03:00 night is 03:30), so the interval
 *    keeps its usual length. A booking over a clock change is as long as any other.
 * 3. Not a day off: d, the local date of S, is not one of the master's days off.
 * 4. Notice: S ≥ now + minNoticeMinutes.
 * 5. Horizon: d ≤ (the master's local date of `now`) + horizonDays, whole local days:
 *    with a horizon of 1, today and tomorrow can be booked, whatever the hour.
 * 6. No conflict: [S − buffer, S + D + buffer) overlaps no busy interval — a booking that
 *    is not cancelled, a time block, or time held for a waiting client (a waitlist offer in
 *    force, except for its own client's claim). The buffer is the free time kept after every
 *    booking: after the ones already there (hence S − buffer) and after this one before
 *    the next (hence S + D + buffer). Time blocks are treated like bookings. Intervals
 *    are half-open, so a booking may start exactly where a busy interval (plus buffer) ends.
 * 7. Asked for: from ≤ S < to.
 *
 * Every start is a whole minute; the result is ascending and has no duplicates (intervals
 * that overlap each other yield a start once).
 */

export interface WeeklyInterval {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes after local midnight, 0–1439. */
  startMinute: number;
  /** Minutes after local midnight, after the start, at most 1440 (24:00). */
  endMinute: number;
}

export interface SlotRules {
  stepMinutes: number;
  bufferMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
}

export interface BusyInterval {
  startsAt: Date;
  endsAt: Date;
}

export interface SlotQuery {
  /** The master's IANA time zone; schedule and days off are in it. */
  timeZone: string;
  schedule: readonly WeeklyInterval[];
  daysOff: readonly LocalDate[];
  settings: SlotRules;
  durationMinutes: number;
  /** Bookings that are not cancelled, time blocks and waitlist holds in force. */
  busy: readonly BusyInterval[];
  from: Date;
  to: Date;
  now: Date;
}

const MINUTE_MS = 60_000;

/** The free starts in [from, to), ascending, by the rules above. */
export function computeAvailableSlots(query: SlotQuery): Date[] {
  const starts = new Set<number>();
  for (const day of freeStartsByDay(query)) for (const start of day) starts.add(start);
  return [...starts].sort((a, b) => a - b).map((start) => new Date(start));
}

/**
 * The first of `computeAvailableSlots(query)`, or null, without computing the rest: the days are
 * walked in order and the walk stops at the first one with a free start (a `nextFreeSlot`).
 */
export function firstAvailableSlot(query: SlotQuery): Date | null {
  for (const day of freeStartsByDay(query)) if (day.length > 0) return new Date(Math.min(...day));
  return null;
}

/**
 * The free starts of each local date that can hold one, date by date. Every start of a date
 * comes before every start of a later one (a start is within its date's local day), but within
 * a date they are unordered and may repeat when working intervals overlap.
 */
function* freeStartsByDay(query: SlotQuery): Generator<number[]> {
  const { timeZone, settings } = query;
  const from = query.from.getTime();
  const to = query.to.getTime();
  const duration = query.durationMinutes * MINUTE_MS;
  const buffer = settings.bufferMinutes * MINUTE_MS;
  const earliest = query.now.getTime() + settings.minNoticeMinutes * MINUTE_MS;
  const daysOff = new Set(query.daysOff);
  const busy = query.busy.map((interval) => ({ start: interval.startsAt.getTime(), end: interval.endsAt.getTime() }));
  const isFree = (start: number) => busy.every((interval) => interval.end <= start - buffer || interval.start >= start + duration + buffer);

  // Local dates that can hold a start in [max(from, earliest), to). A clock change at
  // midnight can turn the date back, so one day more on each side.
  const laterOf = (a: LocalDate, b: LocalDate) => (a > b ? a : b);
  const earlierOf = (a: LocalDate, b: LocalDate) => (a < b ? a : b);
  const firstDate = addDays(laterOf(localDateOf(query.from, timeZone), localDateOf(new Date(earliest), timeZone)), -1);
  const lastAsked = addDays(localDateOf(new Date(Math.max(from, to - 1)), timeZone), 1);
  const lastDate = earlierOf(lastAsked, addDays(localDateOf(query.now, timeZone), settings.horizonDays));

  for (let date = firstDate; date <= lastDate; date = addDays(date, 1)) {
    if (daysOff.has(date)) continue;
    const weekday = isoWeekdayOfDate(date);
    const intervals = query.schedule.filter((interval) => interval.weekday === weekday);
    if (intervals.length === 0) continue;
    const clock = localDayClock(date, timeZone);
    const starts: number[] = [];
    for (const interval of intervals) {
      const intervalEnd = clock.toUtc(interval.endMinute).getTime();
      for (let minute = interval.startMinute; minute < interval.endMinute; minute += settings.stepMinutes) {
        const start = clock.toUtcIfShown(minute)?.getTime();
        if (start === undefined || start < from || start >= to || start < earliest) continue;
        if (start + duration <= intervalEnd && isFree(start)) starts.push(start);
      }
    }
    yield starts;
  }
}
