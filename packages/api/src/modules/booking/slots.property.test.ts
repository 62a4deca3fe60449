import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isAllowedSlotStep } from '../master/master.validation.js';
import { computeAvailableSlots, firstAvailableSlot, type SlotQuery } from './slots.js';

/**
 * `computeAvailableSlots` against a deliberately naive reading of the rules at the top of
 * slots.ts: walk every UTC minute of the range, read the master's clock with Luxon, and
 * check the rules one by one. It shares no code with the implementation (not even
 * zoned-time.ts), so a mistake has to be made twice, differently, to go unnoticed.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Reading {
  date: string;
  weekday: number;
  minute: number;
  /** Minutes ahead of UTC. */
  offset: number;
}

const nextDate = (date: string) => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: 1 }).toISODate()!;

function referenceSlots(query: SlotQuery): Date[] {
  const { timeZone: zone, settings } = query;
  const from = query.from.getTime();
  const to = query.to.getTime();
  const now = query.now.getTime();
  const duration = query.durationMinutes * MINUTE;
  const buffer = settings.bufferMinutes * MINUTE;

  // The master's clock at every minute from a little before the range (an earlier showing
  // of a repeated time is at most an hour back) to a little more than a day after it (the
  // end of a working interval that a start near `to` belongs to). Luxon gives the offset,
  // asked once an hour and every minute of an hour in which it changes.
  const offsetAt = (t: number) => DateTime.fromMillis(t, { zone }).offset;
  const tableStart = Math.floor(from / MINUTE) * MINUTE - 3 * HOUR;
  const readings: Reading[] = [];
  for (let hour = tableStart; hour < to + DAY + 3 * HOUR; hour += HOUR) {
    const steady = offsetAt(hour) === offsetAt(hour + HOUR - MINUTE) ? offsetAt(hour) : null;
    for (let t = hour; t < hour + HOUR; t += MINUTE) {
      const offset = steady ?? offsetAt(t);
      const wallClock = new Date(t + offset * MINUTE);
      readings.push({
        date: wallClock.toISOString().slice(0, 10),
        weekday: wallClock.getUTCDay() || 7,
        minute: wallClock.getUTCHours() * 60 + wallClock.getUTCMinutes(),
        offset,
      });
    }
  }
  const readingAt = (t: number) => readings[(t - tableStart) / MINUTE]!;
  const firstShowing = new Map<string, number>();
  readings.forEach((reading, index) => {
    const key = `${reading.date} ${reading.minute}`;
    if (!firstShowing.has(key)) firstShowing.set(key, tableStart + index * MINUTE);
  });

  // Rule 2: when the clock first shows the interval's end; if it never does (skipped), the
  // wall-clock time read with the offset in force just before the clock jumped.
  const endOf = (date: string, endMinute: number) => {
    const [day, minute] = endMinute === 1440 ? [nextDate(date), 0] : [date, endMinute];
    const shown = firstShowing.get(`${day} ${minute}`);
    if (shown !== undefined) return shown;
    const jump = readings.findIndex((r) => r.date > day || (r.date === day && r.minute > minute));
    const wallClockAsUtc = DateTime.fromISO(day, { zone: 'UTC' }).toMillis() + minute * MINUTE;
    return wallClockAsUtc - readings[jump - 1]!.offset * MINUTE;
  };
  const ends = new Map<string, number>();
  const intervalEnd = (date: string, endMinute: number) => {
    const key = `${date} ${endMinute}`;
    if (!ends.has(key)) ends.set(key, endOf(date, endMinute));
    return ends.get(key)!;
  };

  const today = DateTime.fromMillis(now, { zone }).toISODate()!;
  const lastBookable = DateTime.fromISO(today, { zone: 'UTC' }).plus({ days: settings.horizonDays }).toISODate()!;

  const slots: Date[] = [];
  for (let t = Math.ceil(from / MINUTE) * MINUTE; t < to; t += MINUTE) {
    const { date, weekday, minute } = readingAt(t);
    if (firstShowing.get(`${date} ${minute}`) !== t) continue; // the second pass of a repeated hour
    if (query.daysOff.includes(date)) continue;
    if (t < now + settings.minNoticeMinutes * MINUTE) continue;
    if (date > lastBookable) continue;
    const onGridAndFits = query.schedule.some(
      (interval) =>
        interval.weekday === weekday &&
        interval.startMinute <= minute &&
        minute < interval.endMinute &&
        (minute - interval.startMinute) % settings.stepMinutes === 0 &&
        t + duration <= intervalEnd(date, interval.endMinute),
    );
    if (!onGridAndFits) continue;
    const clash = query.busy.some((busy) => busy.startsAt.getTime() < t + duration + buffer && busy.endsAt.getTime() > t - buffer);
    if (clash) continue;
    slots.push(new Date(t));
  }
  return slots;
}

// Zones with a one-hour change at night (Berlin, New York, Sydney) or at midnight (Santiago,
// Havana), a half-hour one (Lord Howe), a non-whole-hour offset with changes (St John's),
// and fixed offsets, whole and not.
const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Australia/Sydney',
  'America/Santiago',
  'America/Havana',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'Asia/Vladivostok',
  'Europe/Moscow',
  'Asia/Kolkata',
  'Asia/Kathmandu',
] as const;

const YEARS = { from: Date.parse('2029-01-01T00:00:00Z'), to: Date.parse('2032-01-01T00:00:00Z') };

/** The instants (to the minute) at which the zone's clock changed its offset, 2029–2031. */
function clockChangesOf(zone: string): number[] {
  const offsetAt = (t: number) => DateTime.fromMillis(t, { zone }).offset;
  const changes: number[] = [];
  for (let day = YEARS.from; day < YEARS.to; day += DAY) {
    if (offsetAt(day) === offsetAt(day + DAY)) continue;
    let [before, after] = [day, day + DAY];
    while (after - before > MINUTE) {
      const middle = before + Math.floor((after - before) / MINUTE / 2) * MINUTE;
      if (offsetAt(middle) === offsetAt(before)) before = middle;
      else after = middle;
    }
    changes.push(after);
  }
  return changes;
}

const STEPS = Array.from({ length: 120 }, (_, i) => i + 1).filter(isAllowedSlotStep);
const permille = fc.integer({ min: 0, max: 1000 });
const share = (minutes: number, perMille: number) => Math.round((minutes * perMille) / 1000);

/**
 * A working interval. Its weekday and start are often those of the scenario's moment (a
 * clock change, mostly) in the master's zone, so that changes fall inside working hours.
 */
const intervalArb = fc.record({
  weekday: fc.oneof(fc.integer({ min: 1, max: 7 }), fc.constant('moment' as const)),
  start: fc.oneof(
    fc.integer({ min: 0, max: 1439 }),
    fc.record({ minutesFromMoment: fc.integer({ min: -180, max: 60 }) }),
    fc.constantFrom(0, 540, 600),
  ),
  length: fc.oneof(fc.integer({ min: 1, max: 720 }), fc.integer({ min: 120, max: 600 }), fc.constant(1440)),
});

const CLOCK_CHANGES = new Map(ZONES.map((zone) => [zone, clockChangesOf(zone)]));

/** A zone and a moment: in zones that change their clocks, mostly one of those changes. */
const zoneAndMomentArb = fc.constantFrom(...ZONES).chain((timeZone) => {
  const changes = CLOCK_CHANGES.get(timeZone)!;
  const anyMoment = fc.integer({ min: YEARS.from, max: YEARS.to });
  const moment =
    changes.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...changes), weight: 3 }, { arbitrary: anyMoment, weight: 1 }) : anyMoment;
  return fc.record({ timeZone: fc.constant(timeZone), moment });
});

const scenarioArb = fc
  .record({
    zoneAndMoment: zoneAndMomentArb,
    rangeMinutes: fc.oneof(
      fc.integer({ min: 1, max: 1440 }),
      fc.integer({ min: 1440, max: 3 * 1440 }),
      fc.integer({ min: 1440, max: 10 * 1440 }),
    ),
    // Where the moment falls in the range.
    momentAt: permille,
    fromMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: MINUTE - 1 })),
    nowMinutes: fc.integer({ min: -3 * 1440, max: 1440 }),
    nowMs: fc.integer({ min: 0, max: MINUTE - 1 }),
    schedule: fc.array(intervalArb, { minLength: 2, maxLength: 12 }),
    daysOff: fc.array(permille, { maxLength: 3 }),
    settings: fc.record({
      stepMinutes: fc.constantFrom(...STEPS),
      bufferMinutes: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 240 })),
      minNoticeMinutes: fc.oneof(
        { arbitrary: fc.constant(0), weight: 2 },
        { arbitrary: fc.integer({ min: 0, max: 24 * 60 }), weight: 2 },
        { arbitrary: fc.integer({ min: 0, max: 30 * 24 * 60 }), weight: 1 },
      ),
      horizonDays: fc.oneof(
        { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 1 },
        { arbitrary: fc.integer({ min: 1, max: 14 }), weight: 2 },
        { arbitrary: fc.integer({ min: 1, max: 365 }), weight: 2 },
      ),
    }),
    durationMinutes: fc.oneof(
      { arbitrary: fc.integer({ min: 5, max: 90 }), weight: 3 },
      { arbitrary: fc.integer({ min: 5, max: 480 }), weight: 1 },
    ),
    busy: fc.array(fc.record({ at: permille, minutes: fc.integer({ min: 1, max: 300 }), ms: fc.integer({ min: 0, max: 999 }) }), {
      maxLength: 10,
    }),
  })
  .map((s): SlotQuery => {
    const { timeZone, moment } = s.zoneAndMoment;
    const atMoment = DateTime.fromMillis(moment, { zone: timeZone });
    const schedule = s.schedule.map(({ weekday, start, length }) => {
      const startMinute =
        typeof start === 'number' ? start : Math.min(1439, Math.max(0, atMoment.hour * 60 + atMoment.minute + start.minutesFromMoment));
      return {
        weekday: weekday === 'moment' ? atMoment.weekday : weekday,
        startMinute,
        endMinute: Math.min(1440, startMinute + length),
      };
    });
    const from = Math.floor(moment / MINUTE) * MINUTE - share(s.rangeMinutes, s.momentAt) * MINUTE + s.fromMs;
    const to = from + s.rangeMinutes * MINUTE;
    // Bookings and days off from a day before the range to a day after it.
    const around = (perMille: number) => from - DAY + share(s.rangeMinutes + 2 * 1440, perMille) * MINUTE;
    return {
      timeZone,
      schedule,
      daysOff: s.daysOff.map((perMille) => DateTime.fromMillis(around(perMille), { zone: timeZone }).toISODate()!),
      settings: s.settings,
      durationMinutes: s.durationMinutes,
      busy: s.busy.map((b) => {
        const startsAt = around(b.at) + b.ms;
        return { startsAt: new Date(startsAt), endsAt: new Date(startsAt + b.minutes * MINUTE) };
      }),
      from: new Date(from),
      to: new Date(to),
      now: new Date(from + s.nowMinutes * MINUTE + s.nowMs),
    };
  });

const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

const offsetChanges = (query: SlotQuery) =>
  DateTime.fromJSDate(query.from, { zone: query.timeZone }).offset !== DateTime.fromJSDate(query.to, { zone: query.timeZone }).offset;

describe('computeAvailableSlots', () => {
  it('agrees with a minute-by-minute reading of the rules (random zones, schedules, settings, bookings)', () => {
    const runs = 200;
    let withSlots = 0;
    let acrossClockChanges = 0;
    fc.assert(
      fc.property(scenarioArb, (query) => {
        const expected = referenceSlots(query);
        expect(iso(computeAvailableSlots(query))).toEqual(iso(expected));
        expect(firstAvailableSlot(query)?.toISOString() ?? null).toBe(expected[0]?.toISOString() ?? null);
        if (expected.length > 0) withSlots += 1;
        if (expected.length > 0 && offsetChanges(query)) acrossClockChanges += 1;
      }),
      { numRuns: runs },
    );
    // Not vacuous: most scenarios have slots, and many span a clock change.
    expect(withSlots).toBeGreaterThan(runs / 5);
    expect(acrossClockChanges).toBeGreaterThan(runs / 20);
  });
});
