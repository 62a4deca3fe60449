import { z } from 'zod';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { addDays, type LocalDate, localDayInUtc } from '../../time/zoned-time.js';
import { toDbStage, WEBAPP_STAGES, type WebAppStageName } from './webapp-events.service.js';

/** The longest range `funnel` answers, in days: a quarter. */
export const MAX_FUNNEL_DAYS = 92;

export interface StageCount {
  stage: WebAppStageName;
  count: number;
}

export interface FunnelDay {
  /** A UTC calendar day. */
  date: LocalDate;
  /** Every stage, zeros included, in the order the app walks them. */
  stages: StageCount[];
  registrationsStarted: number;
  /** Masters whose last missing onboarding step was saved that day (every step done). */
  onboardingsFinished: number;
  registrationsCompleted: number;
  clientBookings: number;
  masterBookings: number;
  /** Segment pulls partners made (members or size), withheld ones included. */
  partnerPulls: number;
}

export interface Funnel {
  from: LocalDate;
  to: LocalDate;
  days: FunnelDay[];
  /** The stages over the whole range. */
  stageTotals: StageCount[];
}

/** Rows of the counting queries below: a day, what was counted, how many. */
const dayCounts = z.array(z.object({ day: z.string(), key: z.string(), count: z.number().int() }));
type DayCount = z.infer<typeof dayCounts>[number];

/**
 * Counts per UTC day over [from, to] (both inclusive): WebApp events by stage; master
 * registrations started (draft created, `masters.created_at`), onboardings finished (the day
 * the last of all the onboarding steps was saved, for masters who have them all now) and
 * registrations completed (first activation, `profile_completed_at`); bookings made by clients
 * and by masters (`created_at`, whatever became of them later); partners' segment pulls
 * (`segment_pulls.pulled_at`). Every day of the range is listed, empty ones too.
 */
export async function funnel(prisma: PrismaClient, from: LocalDate, to: LocalDate): Promise<Funnel> {
  const start = localDayInUtc(from, 'UTC').start;
  const end = localDayInUtc(to, 'UTC').end;
  const [events, registrations, bookings, pulls] = z.tuple([dayCounts, dayCounts, dayCounts, dayCounts]).parse(
    await Promise.all([
      prisma.$queryRaw`
      SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, stage::text AS key, count(*)::int AS count
      FROM webapp_events WHERE occurred_at >= ${start} AND occurred_at < ${end}
      GROUP BY 1, 2`,
      prisma.$queryRaw`
      SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, 'started' AS key, count(*)::int AS count
      FROM masters WHERE created_at >= ${start} AND created_at < ${end} GROUP BY 1
      UNION ALL
      SELECT to_char(profile_completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), 'completed', count(*)::int
      FROM masters WHERE profile_completed_at >= ${start} AND profile_completed_at < ${end} GROUP BY 1
      UNION ALL
      SELECT to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), 'onboarded', count(*)::int
      FROM (
        SELECT max(completed_at) AS finished_at FROM master_onboarding_steps GROUP BY master_id
        HAVING count(*) = cardinality(enum_range(NULL::"OnboardingStep"))
      ) finished
      WHERE finished_at >= ${start} AND finished_at < ${end} GROUP BY 1`,
      prisma.$queryRaw`
      SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, source::text AS key, count(*)::int AS count
      FROM bookings WHERE created_at >= ${start} AND created_at < ${end}
      GROUP BY 1, 2`,
      prisma.$queryRaw`
      SELECT to_char(pulled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, 'pulls' AS key, count(*)::int AS count
      FROM segment_pulls WHERE pulled_at >= ${start} AND pulled_at < ${end} GROUP BY 1`,
    ]),
  );

  const countOf = (rows: DayCount[], day: string, key: string) => rows.find((row) => row.day === day && row.key === key)?.count ?? 0;
  const days: FunnelDay[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    days.push({
      date,
      stages: WEBAPP_STAGES.map((stage) => ({ stage, count: countOf(events, date, toDbStage(stage)) })),
      registrationsStarted: countOf(registrations, date, 'started'),
      onboardingsFinished: countOf(registrations, date, 'onboarded'),
      registrationsCompleted: countOf(registrations, date, 'completed'),
      clientBookings: countOf(bookings, date, 'CLIENT'),
      masterBookings: countOf(bookings, date, 'MASTER'),
      partnerPulls: countOf(pulls, date, 'pulls'),
    });
  }
  const stageTotals = WEBAPP_STAGES.map((stage) => ({
    stage,
    count: events.filter((row) => row.key === toDbStage(stage)).reduce((sum, row) => sum + row.count, 0),
  }));
  return { from, to, days, stageTotals };
}
