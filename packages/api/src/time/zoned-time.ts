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

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Area/Location names and the few bare names (UTC); never offsets such as "+03:00". */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** Whether `zone` names an IANA time zone this runtime knows (Europe/Moscow, Asia/Vladivostok, UTC). */
export function isValidTimeZone(zone: string): boolean {
  return ZONE_NAME.test(zone) && IANAZone.isValidZone(zone);
}

function zoneOf(zone: string): IANAZone {
  if (!isValidTimeZone(zone)) throw new RangeError(`Unknown time zone: ${zone}`);
  return IANAZone.create(zone);
}

function inZone(instant: Date, zone: string): DateTime {
  const local = DateTime.fromJSDate(instant, { zone: zoneOf(zone) });
  if (!local.isValid) throw new RangeError(`Not a valid instant: ${String(instant)}`);
  return local;
}

function parseLocalDate(date: LocalDate): DateTime {
  const parsed = LOCAL_DATE.test(date) ? DateTime.fromISO(date, { zone: 'UTC' }) : null;
  if (!parsed?.isValid) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  return parsed;
}

/**
 * The instant at `minutes` after local midnight of `date` in `zone`. `minutes` may be
 * 1440 (24:00, the end of the day), which is midnight of the next day.
 */
export function zonedToUtc(date: LocalDate, minutes: number, zone: string): Date {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > MINUTES_PER_DAY) {
    throw new RangeError(`Minutes after midnight must be 0–${MINUTES_PER_DAY}: ${minutes}`);
  }
  const day = parseLocalDate(date).plus({ minutes });
  const wallClock = DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: day.hour, minute: day.minute },
    { zone: zoneOf(zone) },
  );
  return new Date(Math.min(...wallClock.getPossibleOffsets().map((candidate) => candidate.toMillis())));
}

/** The instant as local ISO 8601 with the zone's offset at that moment: `2030-03-31T10:00:00+02:00`. */
export function toLocalIso(instant: Date, zone: string): string {
  return inZone(instant, zone).toISO({ suppressMilliseconds: true })!;
}

/** The local calendar date of the instant in `zone`. */
export function localDateOf(instant: Date, zone: string): LocalDate {
  return inZone(instant, zone).toISODate()!;
}

/** Minutes after local midnight (0–1439) of the instant in `zone`. */
export function localMinutesOf(instant: Date, zone: string): number {
  const local = inZone(instant, zone);
  return local.hour * 60 + local.minute;
}

/** The ISO weekday (1 = Monday … 7 = Sunday) of the instant in `zone`. */
export function isoWeekdayOf(instant: Date, zone: string): number {
  return inZone(instant, zone).weekday;
}

/** A local day as UTC instants: `start` inclusive, `end` (the next local midnight) exclusive; 23 or 25 hours across DST changes. */
export function localDayInUtc(date: LocalDate, zone: string): { start: Date; end: Date } {
  return { start: zonedToUtc(date, 0, zone), end: zonedToUtc(date, MINUTES_PER_DAY, zone) };
}
