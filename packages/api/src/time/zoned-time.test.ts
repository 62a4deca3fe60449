import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  isoWeekdayOf,
  isoWeekdayOfDate,
  isValidTimeZone,
  localDateFromDb,
  localDateOf,
  localDateToDb,
  localDayClock,
  localDayInUtc,
  localMinutesOf,
  toLocalIso,
  zonedToUtc,
} from './zoned-time.js';

// EU clocks change on the last Sundays of March and October: in 2030 on 31 March
// (02:00 → 03:00) and 27 October (03:00 → 02:00). Vladivostok keeps UTC+10 all year.
const BELGRADE = 'Europe/Belgrade';
const BERLIN = 'Europe/Berlin';
const VLADIVOSTOK = 'Asia/Vladivostok';
const at = (iso: string) => new Date(iso);

describe('zonedToUtc', () => {
  it('reads wall-clock time with the offset in force on that day', () => {
    expect(zonedToUtc('2030-03-30', 10 * 60, BELGRADE)).toEqual(at('2030-03-30T09:00:00Z'));
    expect(zonedToUtc('2030-03-31', 10 * 60, BELGRADE)).toEqual(at('2030-03-31T08:00:00Z'));
    expect(zonedToUtc('2030-10-26', 10 * 60, BELGRADE)).toEqual(at('2030-10-26T08:00:00Z'));
    expect(zonedToUtc('2030-10-27', 10 * 60, BELGRADE)).toEqual(at('2030-10-27T09:00:00Z'));
    expect(zonedToUtc('2030-03-31', 9 * 60 + 30, VLADIVOSTOK)).toEqual(at('2030-03-30T23:30:00Z'));
  });

  it('moves a time in the spring-forward gap forward by the gap', () => {
    expect(zonedToUtc('2030-03-31', 2 * 60 + 30, BERLIN)).toEqual(at('2030-03-31T01:30:00Z'));
    expect(toLocalIso(zonedToUtc('2030-03-31', 2 * 60 + 30, BERLIN), BERLIN)).toBe('2030-03-31T03:30:00+02:00');
  });

  it('takes the earlier occurrence of a time repeated when clocks go back', () => {
    expect(zonedToUtc('2030-10-27', 2 * 60 + 30, BERLIN)).toEqual(at('2030-10-27T00:30:00Z'));
    expect(zonedToUtc('2030-10-27', 3 * 60, BERLIN)).toEqual(at('2030-10-27T02:00:00Z'));
  });

  it('treats 24:00 as the next midnight', () => {
    expect(zonedToUtc('2030-12-31', 1440, VLADIVOSTOK)).toEqual(at('2030-12-31T14:00:00Z'));
    expect(localDateOf(zonedToUtc('2030-12-31', 1440, VLADIVOSTOK), VLADIVOSTOK)).toBe('2031-01-01');
  });

  it('refuses impossible dates, minutes and zones', () => {
    expect(() => zonedToUtc('2030-02-30', 0, BERLIN)).toThrow(RangeError);
    expect(() => zonedToUtc('30.03.2030', 0, BERLIN)).toThrow(RangeError);
    expect(() => zonedToUtc('2030-03-30', 1441, BERLIN)).toThrow(RangeError);
    expect(() => zonedToUtc('2030-03-30', 10.5, BERLIN)).toThrow(RangeError);
    expect(() => zonedToUtc('2030-03-30', 600, 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('instant → local time', () => {
  it('shows the offset of the moment, before and after each change', () => {
    expect(toLocalIso(at('2030-03-31T00:59:00Z'), BELGRADE)).toBe('2030-03-31T01:59:00+01:00');
    expect(toLocalIso(at('2030-03-31T01:00:00Z'), BELGRADE)).toBe('2030-03-31T03:00:00+02:00');
    expect(toLocalIso(at('2030-10-27T00:30:00Z'), BELGRADE)).toBe('2030-10-27T02:30:00+02:00');
    expect(toLocalIso(at('2030-10-27T01:30:00Z'), BELGRADE)).toBe('2030-10-27T02:30:00+01:00');
    expect(toLocalIso(at('2030-06-01T12:00:00.250Z'), VLADIVOSTOK)).toBe('2030-06-01T22:00:00.250+10:00');
  });

  it('gives the local date, minutes and ISO weekday, which may differ from UTC', () => {
    // Sunday 31 March 2030, 23:30 UTC is already Monday morning in Vladivostok.
    const instant = at('2030-03-31T23:30:00Z');
    expect(localDateOf(instant, VLADIVOSTOK)).toBe('2030-04-01');
    expect(localMinutesOf(instant, VLADIVOSTOK)).toBe(9 * 60 + 30);
    expect(isoWeekdayOf(instant, VLADIVOSTOK)).toBe(1);
    expect(localDateOf(instant, BELGRADE)).toBe('2030-04-01');
    expect(localMinutesOf(instant, BELGRADE)).toBe(1 * 60 + 30);
    expect(isoWeekdayOf(instant, BELGRADE)).toBe(1);
    expect(isoWeekdayOf(instant, 'America/New_York')).toBe(7);
    expect(localMinutesOf(at('2030-03-31T21:59:00Z'), BELGRADE)).toBe(23 * 60 + 59);
  });

  it('refuses an unknown zone or an invalid instant', () => {
    expect(() => toLocalIso(at('2030-01-01T00:00:00Z'), 'Europe/Atlantis')).toThrow(RangeError);
    expect(() => localDateOf(new Date(Number.NaN), BERLIN)).toThrow(RangeError);
  });
});

describe('localDayInUtc', () => {
  it('spans 23 hours on the spring-forward day and 25 on the fall-back day', () => {
    const spring = localDayInUtc('2030-03-31', BELGRADE);
    expect(spring).toEqual({ start: at('2030-03-30T23:00:00Z'), end: at('2030-03-31T22:00:00Z') });
    const autumn = localDayInUtc('2030-10-27', BELGRADE);
    expect(autumn).toEqual({ start: at('2030-10-26T22:00:00Z'), end: at('2030-10-27T23:00:00Z') });
    expect((autumn.end.getTime() - autumn.start.getTime()) / 3_600_000).toBe(25);
  });

  it('starts the day ten hours before UTC midnight in Vladivostok', () => {
    expect(localDayInUtc('2030-03-31', VLADIVOSTOK)).toEqual({
      start: at('2030-03-30T14:00:00Z'),
      end: at('2030-03-31T14:00:00Z'),
    });
  });
});

describe('isValidTimeZone', () => {
  it.each(['Europe/Moscow', 'Asia/Vladivostok', 'America/Argentina/Buenos_Aires', 'UTC', 'Etc/GMT+3'])('accepts %s', (zone) => {
    expect(isValidTimeZone(zone)).toBe(true);
  });

  it.each(['', 'Europe/Atlantis', '+03:00', 'UTC+3', 'Moscow', '../etc/passwd'])('refuses %j', (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });
});

describe('localDayClock', () => {
  const everyMinute = Array.from({ length: 1441 }, (_, minute) => minute);

  it.each([
    ['an ordinary day', '2030-03-30', BERLIN],
    ['the spring-forward day', '2030-03-31', BERLIN],
    ['the fall-back day', '2030-10-27', BERLIN],
    ['a day in a zone without changes', '2030-03-31', VLADIVOSTOK],
  ])('converts like zonedToUtc on %s', (_name, date, zone) => {
    const clock = localDayClock(date, zone);
    for (const minute of everyMinute) expect(clock.toUtc(minute)).toEqual(zonedToUtc(date, minute, zone));
  });

  it('leaves out the times the clock skips, and nothing else', () => {
    const spring = localDayClock('2030-03-31', BERLIN);
    const skipped = everyMinute.slice(0, 1440).filter((minute) => spring.toUtcIfShown(minute) === null);
    expect(skipped).toEqual(everyMinute.slice(120, 180));
    expect(spring.toUtcIfShown(119)).toEqual(at('2030-03-31T00:59:00Z'));
    expect(spring.toUtcIfShown(180)).toEqual(at('2030-03-31T01:00:00Z'));
  });

  it('gives a repeated time once, at its earlier occurrence', () => {
    const autumn = localDayClock('2030-10-27', BERLIN);
    expect(autumn.toUtcIfShown(2 * 60 + 30)).toEqual(at('2030-10-27T00:30:00Z'));
    expect(autumn.toUtcIfShown(3 * 60)).toEqual(at('2030-10-27T02:00:00Z'));
    const shown = everyMinute.slice(0, 1440).map((minute) => autumn.toUtcIfShown(minute));
    expect(shown.every((instant) => instant !== null)).toBe(true);
    expect(new Set(shown.map((instant) => instant!.getTime())).size).toBe(1440);
  });

  it('shows every time of an ordinary day once', () => {
    const clock = localDayClock('2030-06-01', 'Asia/Kathmandu');
    expect(clock.toUtcIfShown(0)).toEqual(at('2030-05-31T18:15:00Z'));
    expect(clock.toUtcIfShown(1439)).toEqual(at('2030-06-01T18:14:00Z'));
  });

  it('refuses minutes outside the day', () => {
    expect(() => localDayClock('2030-03-30', BERLIN).toUtcIfShown(1440)).toThrow(RangeError);
    expect(() => localDayClock('2030-03-31', BERLIN).toUtcIfShown(-1)).toThrow(RangeError);
    expect(() => localDayClock('2030-03-30', BERLIN).toUtc(1441)).toThrow(RangeError);
  });
});

describe('calendar dates', () => {
  it('adds days across months, years and clock changes', () => {
    expect(addDays('2030-03-30', 1)).toBe('2030-03-31');
    expect(addDays('2030-03-31', 1)).toBe('2030-04-01');
    expect(addDays('2030-12-31', 1)).toBe('2031-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('knows the weekday of a date', () => {
    expect(isoWeekdayOfDate('2030-03-31')).toBe(7);
    expect(isoWeekdayOfDate('2030-04-01')).toBe(1);
  });

  it('reads and writes PostgreSQL date columns as the same date in any zone', () => {
    expect(localDateToDb('2030-03-31')).toEqual(at('2030-03-31T00:00:00Z'));
    expect(localDateFromDb(at('2030-03-31T00:00:00Z'))).toBe('2030-03-31');
  });
});

const HOUR = 3_600_000;

/** Zones whose clock changes test the conversions: DST north and south, 30- and 45-minute offsets, Lord Howe's 30-minute DST, none. */
const CLOCK_CHANGE_ZONES = [
  'UTC',
  'Europe/Berlin',
  'Europe/Moscow',
  'America/Santiago',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Pacific/Chatham',
];

describe('toLocalIso and localDateOf', () => {
  it('agree with Luxon around every clock change of many zones, for instants with and without milliseconds', () => {
    for (const zone of CLOCK_CHANGE_ZONES) {
      const luxonZone = IANAZone.create(zone); // as the conversions before their fast path
      const instants: number[] = [Date.UTC(1901, 5, 1, 12), Date.UTC(1955, 2, 27, 1, 30), Date.UTC(2400, 9, 1, 0, 15, 30, 250)];
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2028, 0, 1); t += HOUR) {
        if (t % (37 * HOUR) === 0) instants.push(t + 1234);
        if (luxonZone.offset(t) === luxonZone.offset(t + HOUR)) continue;
        // Every minute from two hours before a change to two hours after it, and a millisecond either side.
        for (let m = t - 2 * HOUR; m < t + 3 * HOUR; m += 60_000) instants.push(m, m - 1, m + 1);
      }
      for (const t of instants) {
        const local = DateTime.fromMillis(t, { zone: luxonZone });
        expect(toLocalIso(new Date(t), zone), `${zone} ${t}`).toBe(local.toISO({ suppressMilliseconds: true }));
        expect(localDateOf(new Date(t), zone), `${zone} ${t}`).toBe(local.toISODate());
      }
    }
  });
});

describe('wall clock ↔ instant without Luxon on the hot path', () => {
  /** Luxon's reading, as zonedToUtc made it before its fast path: the earliest of the possible instants. */
  function luxonZonedToUtc(date: string, minutes: number, zone: string): number {
    const day = DateTime.fromISO(date, { zone: 'UTC' }).plus({ minutes });
    const wallClock = DateTime.fromObject(
      { year: day.year, month: day.month, day: day.day, hour: day.hour, minute: day.minute },
      { zone: IANAZone.create(zone) },
    );
    return Math.min(...wallClock.getPossibleOffsets().map((candidate) => candidate.toMillis()));
  }

  it('agrees with Luxon for every wall-clock minute around every clock change of many zones, and on ordinary days', () => {
    for (const zone of CLOCK_CHANGE_ZONES) {
      const luxonZone = IANAZone.create(zone);
      const dates = new Set<string>(['2026-01-15', '2026-07-04', '2027-12-31', '1999-02-28', '2024-02-29']);
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2028, 0, 1); t += HOUR) {
        if (luxonZone.offset(t) === luxonZone.offset(t + HOUR)) continue;
        const local = DateTime.fromMillis(t, { zone: luxonZone });
        dates.add(local.toISODate()!);
        dates.add(local.minus({ days: 1 }).toISODate()!);
      }
      for (const date of dates) {
        for (let minutes = 0; minutes <= 24 * 60; minutes += 5) {
          expect(zonedToUtc(date, minutes, zone).getTime(), `${zone} ${date} +${minutes}`).toBe(luxonZonedToUtc(date, minutes, zone));
        }
      }
    }
  });

  it('gives the local minutes and weekday Luxon gives, around every clock change', () => {
    for (const zone of CLOCK_CHANGE_ZONES) {
      const luxonZone = IANAZone.create(zone);
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2028, 0, 1); t += HOUR) {
        const change = luxonZone.offset(t) !== luxonZone.offset(t + HOUR);
        if (!change && t % (53 * HOUR) !== 0) continue;
        for (let m = t - 2 * HOUR; m < t + 3 * HOUR; m += (change ? 1 : 30) * 60_000) {
          const local = DateTime.fromMillis(m, { zone: luxonZone });
          expect(localMinutesOf(new Date(m), zone), `${zone} ${m}`).toBe(local.hour * 60 + local.minute);
          expect(isoWeekdayOf(new Date(m), zone), `${zone} ${m}`).toBe(local.weekday);
        }
      }
    }
  });

  it('does calendar arithmetic as Luxon does, leap years and years below 100 included', () => {
    for (const date of ['2024-02-28', '2023-02-28', '1900-02-28', '2000-02-28', '0099-12-31', '2030-12-31', '2030-03-30']) {
      for (const days of [-400, -1, 0, 1, 2, 366]) {
        expect(addDays(date, days), `${date} ${days}`).toBe(DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate());
      }
      expect(isoWeekdayOfDate(date)).toBe(DateTime.fromISO(date, { zone: 'UTC' }).weekday);
    }
    expect(() => addDays('2030-02-29', 1)).toThrow(RangeError);
    expect(() => localDateFromDb(new Date(Number.NaN))).toThrow(RangeError);
  });
});
