import type { MasterProfile } from '@zapis/schema';
import { minutesOfDay, timeOfDay } from '../../time/calendarDate.ts';
import type { Problems } from '../ErrorState/fieldProblems.ts';
import type { ScheduleInput } from '../Form/useFormSubmit.ts';

/** "HH:MM"; the end of the day is "24:00", as the API writes it. */
export interface IntervalDraft {
  start: string;
  end: string;
}

export interface DayDraft {
  weekday: number;
  working: boolean;
  intervals: IntervalDraft[];
}

export interface ScheduleMessages {
  time: string;
  endAfterStart: string;
  overlap: string;
  noWorkingDay: string;
}

const DEFAULT_INTERVAL: IntervalDraft = { start: '10:00', end: '19:00' };

/** The week as the editor shows it: a saved schedule, or Monday to Friday 10:00–19:00 for a newcomer. */
export function scheduleDraft(schedule: MasterProfile['schedule'] | undefined): DayDraft[] {
  const saved = schedule?.some((day) => day.intervals.length > 0);
  return Array.from({ length: 7 }, (_, index) => {
    const weekday = index + 1;
    if (!saved) return { weekday, working: weekday <= 5, intervals: weekday <= 5 ? [{ ...DEFAULT_INTERVAL }] : [] };
    const intervals = schedule?.find((day) => day.weekday === weekday)?.intervals ?? [];
    return {
      weekday,
      working: intervals.length > 0,
      intervals: intervals.map((interval) => ({ start: interval.start, end: interval.end })),
    };
  });
}

/** A sensible next interval after the day's last one, or undefined when the day is full. */
export function nextInterval(intervals: IntervalDraft[]): IntervalDraft | undefined {
  const last = intervals.at(-1);
  if (!last) return { ...DEFAULT_INTERVAL };
  if (!END.test(last.end) || minutesOfDay(last.end) > 23 * 60) return undefined;
  const start = Math.min(minutesOfDay(last.end) + 60, 23 * 60);
  return { start: timeOfDay(start), end: timeOfDay(Math.min(start + 3 * 60, 24 * 60)) };
}

const START = /^([01]\d|2[0-3]):[0-5]\d$/;
const END = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/**
 * The schedule to send — every weekday, days off with no intervals, so that the API's
 * "days.N" is weekday N + 1 — or the problems found, by that same path.
 */
export function checkSchedule(days: DayDraft[], messages: ScheduleMessages): { input: ScheduleInput } | { problems: Problems } {
  const problems: Problems = {};
  days.forEach((day, dayIndex) => {
    if (!day.working) return;
    const parsed = day.intervals.map((interval, index) => {
      const path = `days.${dayIndex}.intervals.${index}`;
      if (!START.test(interval.start)) problems[`${path}.start`] = messages.time;
      if (!END.test(interval.end)) problems[`${path}.end`] = messages.time;
      const start = START.test(interval.start) ? minutesOfDay(interval.start) : Number.NaN;
      const end = END.test(interval.end) ? minutesOfDay(interval.end) : Number.NaN;
      if (start >= end) problems[`${path}.end`] = messages.endAfterStart;
      return { start, end, index };
    });
    const valid = parsed.filter((interval) => interval.start < interval.end).sort((a, b) => a.start - b.start);
    for (let i = 1; i < valid.length; i += 1) {
      if (valid[i]!.start < valid[i - 1]!.end) problems[`days.${dayIndex}.intervals.${valid[i]!.index}`] = messages.overlap;
    }
  });
  if (!days.some((day) => day.working && day.intervals.length > 0)) problems.days = messages.noWorkingDay;
  if (Object.keys(problems).length > 0) return { problems };
  return {
    input: {
      days: days.map((day) => ({
        weekday: day.weekday,
        intervals: day.working ? day.intervals.map((interval) => ({ ...interval })) : [],
      })),
    },
  };
}
