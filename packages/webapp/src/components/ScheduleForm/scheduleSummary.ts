import type { MasterProfile } from '@zapis/schema';
import { weekdayNames } from '../../time/calendarDate.ts';

/**
 * The week in one line, runs of days with the same hours together:
 * "Mon–Fri 10:00–19:00 · Sat 11:00–14:00, 15:00–18:00".
 */
export function scheduleSummary(schedule: MasterProfile['schedule'], locale: string): string {
  const names = weekdayNames(locale, 'short');
  const hoursOf = (weekday: number) =>
    (schedule.find((day) => day.weekday === weekday)?.intervals ?? []).map((interval) => `${interval.start}–${interval.end}`).join(', ');

  const runs: { first: number; last: number; hours: string }[] = [];
  for (let weekday = 1; weekday <= 7; weekday += 1) {
    const hours = hoursOf(weekday);
    if (!hours) continue;
    const previous = runs.at(-1);
    if (previous && previous.last === weekday - 1 && previous.hours === hours) previous.last = weekday;
    else runs.push({ first: weekday, last: weekday, hours });
  }
  return runs
    .map(({ first, last, hours }) => {
      const days = first === last ? names[first - 1] : `${names[first - 1]}${last - first > 1 ? '–' : ', '}${names[last - 1]}`;
      return `${days} ${hours}`;
    })
    .join(' · ');
}
