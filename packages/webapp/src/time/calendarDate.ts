// Dates and times on the master's wall clock. A calendar date is a plain "YYYY-MM-DD" string;
// the browser's own time zone is never used, only the zone the API names.

/** A calendar date, "YYYY-MM-DD". */
export type CalendarDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtcMidnight(date: CalendarDate): Date {
  const match = DATE.exec(date);
  if (!match) throw new Error(`Not a calendar date: ${date}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

function fromUtcMidnight(value: Date): CalendarDate {
  return value.toISOString().slice(0, 10);
}

export function isCalendarDate(value: string | undefined): value is CalendarDate {
  return value !== undefined && DATE.test(value) && fromUtcMidnight(toUtcMidnight(value)) === value;
}

/** Wall-clock date and time of an instant in a time zone. */
function clockAt(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute'), second: part('second') };
}

/** Today's date on the wall clock of `timeZone`. */
export function todayIn(timeZone: string, now: Date = new Date()): CalendarDate {
  const { year, month, day } = clockAt(now, timeZone);
  return fromUtcMidnight(new Date(Date.UTC(year, month - 1, day)));
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const value = toUtcMidnight(date);
  value.setUTCDate(value.getUTCDate() + days);
  return fromUtcMidnight(value);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
  return ((toUtcMidnight(date).getUTCDay() + 6) % 7) + 1;
}

/** The Monday of the week the date falls in. */
export function startOfWeek(date: CalendarDate): CalendarDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** The seven dates of the week starting on `monday`. */
export function weekOf(monday: CalendarDate): CalendarDate[] {
  return Array.from({ length: 7 }, (_, index) => addDays(monday, index));
}

/**
 * The instant at which the wall clock of `timeZone` shows `date` and `time` ("HH:MM"). A time
 * skipped by a daylight-saving jump resolves to the instant just after the jump.
 */
export function zonedTimeToUtc(date: CalendarDate, time: string, timeZone: string): Date {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const day = toUtcMidnight(date);
  const asIfUtc = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hours, minutes);
  const offsetAt = (instant: number) => {
    const clock = clockAt(new Date(instant), timeZone);
    return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second) - instant;
  };
  const first = asIfUtc - offsetAt(asIfUtc);
  const second = asIfUtc - offsetAt(first);
  return new Date(Math.max(first, second));
}

/** Formats a calendar date in the UI language without any time zone shifting it. */
export function formatCalendarDate(date: CalendarDate, locale: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(toUtcMidnight(date));
}

/** Localised weekday names, Monday first. */
export function weekdayNames(locale: string, style: 'long' | 'short' = 'long'): string[] {
  // 2024-01-01 was a Monday.
  return weekOf('2024-01-01').map((date) => formatCalendarDate(date, locale, { weekday: style }));
}

/** "HH:MM" → minutes after midnight ("24:00" → 1440). */
export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

/** Minutes after midnight → "HH:MM" (1440 → "24:00"). */
export function timeOfDay(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Times of day every `step` minutes, from `from` to `to` included (minutes after midnight). */
export function timesOfDay(from: number, to: number, step: number): string[] {
  return Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, index) => timeOfDay(from + index * step));
}

/**
 * The date and time an ISO string with an offset shows — the API's local times in the master's
 * zone: "2030-03-31T10:00:00+02:00" → 2030-03-31, 10:00, whatever the device's zone.
 */
export function wallClock(localIso: string): { date: CalendarDate; time: string } {
  return { date: localIso.slice(0, 10), time: localIso.slice(11, 16) };
}
