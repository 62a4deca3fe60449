import { DateTime, IANAZone } from 'luxon';

/**
 * The one place where instants (UTC `timestamptz`, JavaScript `Date`) and wall-clock time
 * in a master's IANA time zone are converted into each other. Nothing here depends on
 * the server's own time zone.
 *
 * Wall-clock times that do not exist or exist twice (daylight saving changes) resolve as
 * Temporal's "compatible" disambiguation does: a time in a gap moves forward by the gap
 * (02:30 on a spring-forward night is 03:30), a time that repeats means its earlier
 * occurrence.
 */

/** A calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;

const MINUTES_PER_DAY = 24 * 60;
const MINUTE_MS = 60_000;

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Area/Location names and the few bare names (UTC); never offsets such as "+03:00". */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** Whether `zone` names an IANA time zone this runtime knows (Europe/Moscow, Asia/Vladivostok, UTC). */
export function isValidTimeZone(zone: string): boolean {
  return ZONE_NAME.test(zone) && IANAZone.isValidZone(zone);
}

/** Zones already checked: Luxon's check builds an Intl.DateTimeFormat each time, which is slow. */
const knownZones = new Map<string, IANAZone>();

function zoneOf(zone: string): IANAZone {
  let known = knownZones.get(zone);
  if (!known) {
    if (!isValidTimeZone(zone)) throw new RangeError(`Unknown time zone: ${zone}`);
    known = IANAZone.create(zone);
    knownZones.set(zone, known);
  }
  return known;
}

function inZone(instant: Date, zone: string): DateTime {
  const local = DateTime.fromJSDate(instant, { zone: zoneOf(zone) });
  if (!local.isValid) throw new RangeError(`Not a valid instant: ${String(instant)}`);
  return local;
}

/** Midnight UTC of a YYYY-MM-DD date, in ms; null for anything else (2030-02-30 included). */
function utcMidnightOf(value: string): number | null {
  if (!LOCAL_DATE.test(value)) return null;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year); // Date.UTC reads years 0–99 as 1900–1999
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date.getTime() : null;
}

/** Whether `value` is a real calendar date written YYYY-MM-DD (no 2030-02-30). */
export function isLocalDate(value: string): value is LocalDate {
  return utcMidnightOf(value) !== null;
}

function parseLocalDate(date: LocalDate): number {
  const midnight = utcMidnightOf(date);
  if (midnight === null) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  return midnight;
}

/** The YYYY-MM-DD of a UTC instant (years 0–9999). */
function utcDateOf(ms: number): LocalDate {
  const date = new Date(ms);
  return `${String(date.getUTCFullYear()).padStart(4, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

function checkMinutes(minutes: number, max: number) {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > max) {
    throw new RangeError(`Minutes after midnight must be 0–${max}: ${minutes}`);
  }
}

/**
 * The instant at `minutes` after local midnight of `date` in `zone`. `minutes` may be
 * 1440 (24:00, the end of the day), which is midnight of the next day.
 */
export function zonedToUtc(date: LocalDate, minutes: number, zone: string): Date {
  checkMinutes(minutes, MINUTES_PER_DAY);
  // The wall-clock time written as if it were UTC.
  const wall = parseLocalDate(date) + minutes * MINUTE_MS;
  const fast = wallClockToUtc(wall, zone);
  if (fast !== null) return new Date(fast);
  const day = DateTime.fromMillis(wall, { zone: 'UTC' });
  const wallClock = DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: day.hour, minute: day.minute },
    { zone: zoneOf(zone) },
  );
  return new Date(Math.min(...wallClock.getPossibleOffsets().map((candidate) => candidate.toMillis())));
}

const DAY_MS = MINUTES_PER_DAY * MINUTE_MS;

/**
 * The instant a wall clock in `zone` shows `wall` (written as if UTC), by the offsets of the
 * day before and the day after — a zone changes its offset at most once in between: each offset
 * that gives back an instant with that same offset is a reading of the clock. Two readings (the
 * hour repeated when clocks go back): the earlier. None (the hour skipped when they go forward):
 * the time moved forward by the gap, read with the offset before it. Null where an offset is not
 * a whole minute or the instant is out of the fast path's years: Luxon converts those.
 */
function wallClockToUtc(wall: number, zone: string): number | null {
  const before = offsetAt(wall - DAY_MS, zone);
  const after = offsetAt(wall + DAY_MS, zone);
  if (before === null || after === null) return null;
  const readings: number[] = [];
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = wall - offset * MINUTE_MS;
    const actual = offsetAt(instant, zone);
    if (actual === null) return null;
    if (actual === offset) readings.push(instant);
  }
  return readings.length > 0 ? Math.min(...readings) : wall - before * MINUTE_MS;
}

function offsetAt(ms: number, zone: string): number | null {
  return Number.isFinite(ms) ? wholeMinuteOffset(new Date(ms), zone) : null;
}

/** The instant as local ISO 8601 with the zone's offset at that moment: `2030-03-31T10:00:00+02:00`. */
export function toLocalIso(instant: Date, zone: string): string {
  const offset = wholeMinuteOffset(instant, zone);
  if (offset === null) return inZone(instant, zone).toISO({ suppressMilliseconds: true })!;
  const wallClock = new Date(instant.getTime() + offset * MINUTE_MS).toISOString(); // 2030-03-31T10:00:00.000Z
  const time = wallClock.endsWith('.000Z') ? wallClock.slice(0, 19) : wallClock.slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${time}${sign}${hours}:${minutes}`;
}

/** How long a run of UTC time the offsets below are kept for; zones change at most once within it. */
const OFFSET_SPAN_MS = 15 * MINUTE_MS;
const MAX_KEPT_SPANS = 100_000;
/** Offsets in minutes by zone and span of UTC, for spans with one offset throughout. */
const spanOffsets = new Map<string, Map<number, number>>();

/**
 * The zone's offset at the instant in minutes, for the instants whose local time the ISO forms
 * below can write by plain arithmetic (years 1000–9999, an offset of whole minutes); null for
 * others, which Luxon converts. An answer for many instants (a list of free slots) asks Luxon —
 * which formats a date with Intl for every offset — once per quarter of an hour of them.
 */
function wholeMinuteOffset(instant: Date, zone: string): number | null {
  const ms = instant.getTime();
  if (!(ms >= Date.UTC(1000, 0, 2) && ms < Date.UTC(9999, 11, 31))) return null;
  const ianaZone = zoneOf(zone);
  let spans = spanOffsets.get(zone);
  if (!spans) {
    spans = new Map();
    spanOffsets.set(zone, spans);
  }
  const span = Math.floor(ms / OFFSET_SPAN_MS);
  const kept = spans.get(span);
  if (kept !== undefined) return kept;
  const offset = ianaZone.offset(ms);
  if (!Number.isInteger(offset)) return null;
  // Kept only when the span starts and ends with it: a change within the span is looked up each time.
  if (ianaZone.offset(span * OFFSET_SPAN_MS) === offset && ianaZone.offset((span + 1) * OFFSET_SPAN_MS - 1) === offset) {
    if (spans.size >= MAX_KEPT_SPANS) spans.clear();
    spans.set(span, offset);
  }
  return offset;
}

/** The instant as people read it in `zone` ("пт, 6 декабря, 14:00", "Fri, 6 December, 14:00"): bot messages. */
export function formatLocalDateTime(instant: Date, zone: string, language: 'ru' | 'en'): string {
  return inZone(instant, zone).setLocale(language).toFormat('ccc, d MMMM, HH:mm');
}

/** The local calendar date of the instant in `zone`. */
export function localDateOf(instant: Date, zone: string): LocalDate {
  const offset = wholeMinuteOffset(instant, zone);
  if (offset === null) return inZone(instant, zone).toISODate()!;
  return new Date(instant.getTime() + offset * MINUTE_MS).toISOString().slice(0, 10);
}

/** Minutes after local midnight (0–1439) of the instant in `zone`. */
export function localMinutesOf(instant: Date, zone: string): number {
  const offset = wholeMinuteOffset(instant, zone);
  if (offset === null) {
    const local = inZone(instant, zone);
    return local.hour * 60 + local.minute;
  }
  const wall = new Date(instant.getTime() + offset * MINUTE_MS);
  return wall.getUTCHours() * 60 + wall.getUTCMinutes();
}

/** The ISO weekday (1 = Monday … 7 = Sunday) of the instant in `zone`. */
export function isoWeekdayOf(instant: Date, zone: string): number {
  const offset = wholeMinuteOffset(instant, zone);
  if (offset === null) return inZone(instant, zone).weekday;
  return new Date(instant.getTime() + offset * MINUTE_MS).getUTCDay() || 7;
}

/** A local day as UTC instants: `start` inclusive, `end` (the next local midnight) exclusive; 23 or 25 hours across DST changes. */
export function localDayInUtc(date: LocalDate, zone: string): { start: Date; end: Date } {
  return { start: zonedToUtc(date, 0, zone), end: zonedToUtc(date, MINUTES_PER_DAY, zone) };
}

/** The calendar date `days` later (earlier when negative); time zones play no part. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return utcDateOf(parseLocalDate(date) + days * DAY_MS);
}

/** The ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function isoWeekdayOfDate(date: LocalDate): number {
  return new Date(parseLocalDate(date)).getUTCDay() || 7;
}

/** A PostgreSQL `date` column as Prisma returns it (midnight UTC of that date) → the date. */
export function localDateFromDb(value: Date): LocalDate {
  if (Number.isNaN(value.getTime())) throw new RangeError(`Not a valid instant: ${String(value)}`);
  return utcDateOf(value.getTime());
}

/** The value Prisma writes to (or compares with) a PostgreSQL `date` column for this date. */
export function localDateToDb(date: LocalDate): Date {
  return new Date(parseLocalDate(date));
}

/** Wall-clock times of one local date as instants. */
export interface LocalDayClock {
  /** As `zonedToUtc(date, minutes, zone)`. */
  toUtc(minutes: number): Date;
  /**
   * The instant at which the clock shows `minutes` (0–1439), its earlier occurrence when it
   * shows that time twice; null when the clock skips it (a spring-forward gap). A grid of
   * wall-clock times (slot starts) thus leaves out times that do not exist that day instead
   * of moving them onto others.
   */
  toUtcIfShown(minutes: number): Date | null;
}

/**
 * For converting many times of one local date (a slot grid). A local day of exactly 24
 * hours has no clock change in it: one change makes it 23 or 25 hours long, and zones do
 * not change twice within a day (Luxon's own conversions assume as much). Its times are
 * then midnight plus minutes; a shorter or longer day converts each time on its own.
 */
export function localDayClock(date: LocalDate, zone: string): LocalDayClock {
  const { start, end } = localDayInUtc(date, zone);
  const midnight = start.getTime();
  if (end.getTime() - midnight === MINUTES_PER_DAY * MINUTE_MS) {
    return {
      toUtc: (minutes) => {
        checkMinutes(minutes, MINUTES_PER_DAY);
        return new Date(midnight + minutes * MINUTE_MS);
      },
      toUtcIfShown: (minutes) => {
        checkMinutes(minutes, MINUTES_PER_DAY - 1);
        return new Date(midnight + minutes * MINUTE_MS);
      },
    };
  }
  return {
    toUtc: (minutes) => zonedToUtc(date, minutes, zone),
    toUtcIfShown: (minutes) => {
      checkMinutes(minutes, MINUTES_PER_DAY - 1);
      const instant = zonedToUtc(date, minutes, zone);
      return localDateOf(instant, zone) === date && localMinutesOf(instant, zone) === minutes ? instant : null;
    },
  };
}
