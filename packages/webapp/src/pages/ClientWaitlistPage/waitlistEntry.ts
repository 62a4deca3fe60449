import type { WaitlistEntry } from '@zapis/schema';
import { type CalendarDate, todayIn } from '../../time/calendarDate.ts';

/** What an entry waits for: those days, or any time until a day (both in the master's zone). */
export function wishDates(
  entry: Pick<WaitlistEntry, 'dates' | 'until' | 'timeZone'>,
): { kind: 'days'; dates: CalendarDate[] } | { kind: 'until'; until: CalendarDate } {
  if (entry.dates && entry.dates.length > 0) return { kind: 'days', dates: [...entry.dates].sort() };
  // The wish ends at an instant; the last day it covers is the one that instant is in, or the day
  // before when it ends at midnight.
  const lastMoment = new Date(Date.parse(entry.until) - 1);
  return { kind: 'until', until: todayIn(entry.timeZone, lastMoment) };
}

/** Whole seconds an offer is still held for, from `now` (milliseconds); 0 once it is over. */
export function heldFor(expiresAt: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(expiresAt) - now) / 1000));
}
