import { addDays, type CalendarDate, formatCalendarDate, isCalendarDate, startOfWeek } from '../../time/calendarDate.ts';

/** The longest period the API answers for at once (`masterStats`). */
export const MAX_PERIOD_DAYS = 92;

export type PeriodKind = 'week' | 'month' | 'custom';

export interface Period {
  kind: PeriodKind;
  from: CalendarDate;
  /** Included. */
  to: CalendarDate;
}

function monthOf(date: CalendarDate): Period {
  const from = `${date.slice(0, 7)}-01`;
  const nextMonth = addDays(from, 32).slice(0, 7);
  return { kind: 'month', from, to: addDays(`${nextMonth}-01`, -1) };
}

/** Days from `from` to `to`, both counted. */
export function daysIn(period: { from: CalendarDate; to: CalendarDate }): number {
  return Math.round((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000) + 1;
}

/**
 * The period the page's address asks for (`?period=week|month|custom&date=…` or `&from=…&to=…`),
 * around the master's today when it names no date: the current month by default.
 */
export function periodOf(search: { period?: string; date?: string; from?: string; to?: string }, today: CalendarDate): Period {
  const date = isCalendarDate(search.date) ? search.date : today;
  if (search.period === 'week') {
    const from = startOfWeek(date);
    return { kind: 'week', from, to: addDays(from, 6) };
  }
  if (search.period === 'custom') {
    const from = isCalendarDate(search.from) ? search.from : addDays(today, -29);
    const to = isCalendarDate(search.to) && search.to >= from ? search.to : addDays(from, 29);
    return { kind: 'custom', from, to: daysIn({ from, to }) > MAX_PERIOD_DAYS ? addDays(from, MAX_PERIOD_DAYS - 1) : to };
  }
  return monthOf(date);
}

/** The week or month before (-1) or after (1): a date in it. */
export function shifted(period: Period, direction: 1 | -1): CalendarDate {
  if (period.kind === 'week') return addDays(period.from, 7 * direction);
  return direction === 1 ? addDays(period.to, 1) : addDays(period.from, -1);
}

/** "March 2030", "12 – 18 Mar", "1 Mar – 15 Apr 2030". */
export function periodTitle(period: Period, locale: string): string {
  if (period.kind === 'month') {
    const title = formatCalendarDate(period.from, locale, { month: 'long', year: 'numeric' });
    return title.charAt(0).toUpperCase() + title.slice(1);
  }
  const sameMonth = period.from.slice(0, 7) === period.to.slice(0, 7);
  const from = formatCalendarDate(period.from, locale, sameMonth ? { day: 'numeric' } : { day: 'numeric', month: 'short' });
  return `${from} – ${formatCalendarDate(period.to, locale, { day: 'numeric', month: 'short', year: 'numeric' })}`;
}
