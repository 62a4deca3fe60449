import { z } from 'zod';
import type { PrismaClient } from '../../generated/prisma/client.js';
import {
  addDays,
  isoWeekdayOfDate,
  type LocalDate,
  localDateFromDb,
  localDateToDb,
  localDayClock,
  localDayInUtc,
} from '../../time/zoned-time.js';
import { LATE_CANCELLATION_HOURS } from '../booking/client-reliability.js';

/**
 * A master's figures for a period of local dates in the master's time zone. What counts:
 *
 * - A booking belongs to the period when its start (its current start: a moved booking counts
 *   once, where it is now) falls on one of the period's local dates.
 * - `bookings`: those not cancelled (confirmed, completed, no-show); `cancelled`: cancelled by
 *   anyone; `lateCancellations`: cancelled by the client within 24 hours before the start, as
 *   client reliability counts them.
 * - Revenue: the price at booking time of completed bookings, in the master's currency (the
 *   city's); a booking priced in another currency (made before a move to another country) is left
 *   out of revenue, not converted.
 * - Working time: the weekly schedule on each local date of the period, read as the slot rules
 *   read it (wall-clock minutes in the master's zone, so a day with a clock change has an hour
 *   more or less of it), except days off and blocked time. Booked time: the part of working time
 *   that bookings not cancelled cover, so utilisation (booked / working) stays within 0–1.
 * - Clients: those with a booking (not cancelled) in the period; new when none of their bookings
 *   with this master that were not cancelled started before the period.
 *
 * Computed by one SQL statement over the bookings, after one read of the master's zone, currency,
 * schedule and days off.
 */
export interface MasterStats {
  from: LocalDate;
  to: LocalDate;
  timeZone: string;
  currency: string;
  bookings: number;
  completed: number;
  noShows: number;
  cancelled: number;
  lateCancellations: number;
  revenueMinor: number;
  bookedMinutes: number;
  workingMinutes: number;
  newClients: number;
  returningClients: number;
  days: MasterStatsDay[];
  topServices: MasterStatsService[];
  weekdays: { weekday: number; bookings: number }[];
  hours: { hour: number; bookings: number }[];
}

export interface MasterStatsDay {
  date: LocalDate;
  bookings: number;
  completed: number;
  revenueMinor: number;
}

export interface MasterStatsService {
  masterServiceId: string;
  /** The master's own name; null: the catalogue service's, in `nameRu`/`nameEn`. */
  ownName: string | null;
  nameRu: string;
  nameEn: string;
  bookings: number;
  revenueMinor: number;
}

/** A period of local dates, `to` included. */
export interface StatsPeriod {
  from: LocalDate;
  to: LocalDate;
}

/** How many services the top list holds. */
export const TOP_SERVICES = 5;

const count = z.number().int().nonnegative();

const statsRow = z.object({
  bookings: count,
  completed: count,
  no_shows: count,
  cancelled: count,
  late_cancellations: count,
  revenue_minor: count,
  booked_minutes: count,
  working_minutes: count,
  new_clients: count,
  returning_clients: count,
  days: z.array(z.object({ date: z.string(), bookings: count, completed: count, revenueMinor: count })),
  top_services: z.array(
    z.object({
      masterServiceId: z.string(),
      ownName: z.string().nullable(),
      nameRu: z.string(),
      nameEn: z.string(),
      bookings: count,
      revenueMinor: count,
    }),
  ),
  weekdays: z.array(z.object({ weekday: z.number().int().min(1).max(7), bookings: count })),
  hours: z.array(z.object({ hour: z.number().int().min(0).max(23), bookings: count })),
});

interface WeeklyInterval {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

/** The schedule's working intervals on the period's dates that are not days off, as instants. */
function workingIntervals(period: StatsPeriod, timeZone: string, schedule: readonly WeeklyInterval[], daysOff: ReadonlySet<LocalDate>) {
  const starts: Date[] = [];
  const ends: Date[] = [];
  for (let date = period.from; date <= period.to; date = addDays(date, 1)) {
    if (daysOff.has(date)) continue;
    const weekday = isoWeekdayOfDate(date);
    const clock = localDayClock(date, timeZone);
    for (const interval of schedule) {
      if (interval.weekday !== weekday) continue;
      const start = clock.toUtc(interval.startMinute);
      const end = clock.toUtc(interval.endMinute);
      if (end > start) {
        starts.push(start);
        ends.push(end);
      }
    }
  }
  return { starts, ends };
}

export async function masterStats(prisma: PrismaClient, masterId: string, period: StatsPeriod): Promise<MasterStats> {
  const master = await prisma.master.findUniqueOrThrow({
    where: { id: masterId },
    select: {
      timeZone: true,
      city: { select: { currency: true } },
      scheduleIntervals: { select: { weekday: true, startMinute: true, endMinute: true } },
      daysOff: { where: { date: { gte: localDateToDb(period.from), lte: localDateToDb(period.to) } }, select: { date: true } },
    },
  });
  const { timeZone } = master;
  const currency = master.city?.currency;
  if (!timeZone || !currency) throw new Error(`Master ${masterId} has no time zone or city.`);
  const daysOff = new Set(master.daysOff.map((day) => localDateFromDb(day.date)));
  const working = workingIntervals(period, timeZone, master.scheduleIntervals, daysOff);
  const from = localDayInUtc(period.from, timeZone).start;
  const to = localDayInUtc(period.to, timeZone).end;
  const fromDate = localDateToDb(period.from);
  const toDate = localDateToDb(period.to);

  const [row] = z.tuple([statsRow]).parse(
    await prisma.$queryRaw`
      WITH period_bookings AS (
        SELECT b.client_id, b.master_service_id, b.status, b.starts_at, b.ends_at,
          b.status = 'CANCELLED' AND b.cancelled_by = 'CLIENT'
            AND b.cancelled_at >= b.starts_at - make_interval(hours => ${LATE_CANCELLATION_HOURS}) AS late_cancellation,
          (b.starts_at AT TIME ZONE ${timeZone}) AS local_start,
          CASE WHEN b.status = 'COMPLETED' AND b.currency = ${currency} THEN b.price_minor ELSE 0 END AS revenue_minor
        FROM bookings b
        WHERE b.master_id = ${masterId}::uuid AND b.starts_at >= ${from} AND b.starts_at < ${to}
      ),
      kept AS (SELECT * FROM period_bookings WHERE status <> 'CANCELLED'),
      working AS (
        SELECT coalesce(range_agg(tstzrange(w.starts_at, w.ends_at)), '{}'::tstzmultirange)
          - coalesce((
            SELECT range_agg(tstzrange(t.starts_at, t.ends_at)) FROM time_blocks t
            WHERE t.master_id = ${masterId}::uuid AND t.starts_at < ${to} AND t.ends_at > ${from}
          ), '{}'::tstzmultirange) AS time
        FROM unnest(${working.starts}::timestamptz[], ${working.ends}::timestamptz[]) AS w(starts_at, ends_at)
      ),
      booked AS (
        SELECT coalesce((SELECT range_agg(tstzrange(k.starts_at, k.ends_at)) FROM kept k), '{}'::tstzmultirange) * working.time AS time
        FROM working
      ),
      period_clients AS (
        SELECT DISTINCT k.client_id,
          EXISTS (
            SELECT 1 FROM bookings e
            WHERE e.master_id = ${masterId}::uuid AND e.client_id = k.client_id AND e.status <> 'CANCELLED' AND e.starts_at < ${from}
          ) AS came_before
        FROM kept k WHERE k.client_id IS NOT NULL
      )
      SELECT
        (SELECT count(*) FROM kept)::int AS bookings,
        (SELECT count(*) FROM kept WHERE status = 'COMPLETED')::int AS completed,
        (SELECT count(*) FROM kept WHERE status = 'NO_SHOW')::int AS no_shows,
        (SELECT count(*) FROM period_bookings WHERE status = 'CANCELLED')::int AS cancelled,
        (SELECT count(*) FROM period_bookings WHERE late_cancellation)::int AS late_cancellations,
        (SELECT coalesce(sum(revenue_minor), 0) FROM kept)::float8 AS revenue_minor,
        (SELECT round(coalesce(sum(extract(epoch FROM upper(r) - lower(r))), 0) / 60) FROM working, unnest(working.time) AS r)::int AS working_minutes,
        (SELECT round(coalesce(sum(extract(epoch FROM upper(r) - lower(r))), 0) / 60) FROM booked, unnest(booked.time) AS r)::int AS booked_minutes,
        (SELECT count(*) FROM period_clients WHERE NOT came_before)::int AS new_clients,
        (SELECT count(*) FROM period_clients WHERE came_before)::int AS returning_clients,
        (SELECT json_agg(json_build_object('date', d.date::date, 'bookings', coalesce(x.bookings, 0),
            'completed', coalesce(x.completed, 0), 'revenueMinor', coalesce(x.revenue_minor, 0)) ORDER BY d.date)
          FROM generate_series(${fromDate}::date, ${toDate}::date, interval '1 day') AS d(date)
          LEFT JOIN (
            SELECT local_start::date AS date, count(*) AS bookings, count(*) FILTER (WHERE status = 'COMPLETED') AS completed,
              sum(revenue_minor) AS revenue_minor
            FROM kept GROUP BY 1
          ) x ON x.date = d.date::date) AS days,
        (SELECT coalesce(json_agg(json_build_object('masterServiceId', s.id, 'ownName', s.name, 'nameRu', c.name_ru,
            'nameEn', c.name_en, 'bookings', x.bookings, 'revenueMinor', x.revenue_minor)
            ORDER BY x.bookings DESC, x.revenue_minor DESC, s.id), '[]')
          FROM (
            SELECT master_service_id, count(*) AS bookings, sum(revenue_minor) AS revenue_minor FROM kept
            WHERE master_service_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 3 DESC, 1 LIMIT ${TOP_SERVICES}
          ) x
          JOIN master_services s ON s.id = x.master_service_id JOIN services c ON c.id = s.service_id) AS top_services,
        (SELECT json_agg(json_build_object('weekday', w.weekday, 'bookings', coalesce(x.bookings, 0)) ORDER BY w.weekday)
          FROM generate_series(1, 7) AS w(weekday)
          LEFT JOIN (SELECT extract(isodow FROM local_start)::int AS weekday, count(*) AS bookings FROM kept GROUP BY 1) x
            USING (weekday)) AS weekdays,
        (SELECT json_agg(json_build_object('hour', h.hour, 'bookings', coalesce(x.bookings, 0)) ORDER BY h.hour)
          FROM generate_series(0, 23) AS h(hour)
          LEFT JOIN (SELECT extract(hour FROM local_start)::int AS hour, count(*) AS bookings FROM kept GROUP BY 1) x
            USING (hour)) AS hours`,
  );

  return {
    from: period.from,
    to: period.to,
    timeZone,
    currency,
    bookings: row.bookings,
    completed: row.completed,
    noShows: row.no_shows,
    cancelled: row.cancelled,
    lateCancellations: row.late_cancellations,
    revenueMinor: row.revenue_minor,
    bookedMinutes: row.booked_minutes,
    workingMinutes: row.working_minutes,
    newClients: row.new_clients,
    returningClients: row.returning_clients,
    days: row.days,
    topServices: row.top_services,
    weekdays: row.weekdays,
    hours: row.hours,
  };
}
