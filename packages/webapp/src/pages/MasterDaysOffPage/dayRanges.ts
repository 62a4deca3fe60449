import type { DayOff } from '@zapis/schema';
import type { Locale } from '../../i18n/index.ts';
import { addDays, type CalendarDate, formatCalendarDate } from '../../time/calendarDate.ts';

/** Consecutive days off with the same note: one vacation, shown and removed as one. */
export interface DayOffRange {
  from: CalendarDate;
  to: CalendarDate;
  days: number;
  note: string | null;
}

/** Days off (in date order, as the API lists them) joined into runs of consecutive days with the same note. */
export function dayOffRanges(daysOff: readonly Pick<DayOff, 'date' | 'note'>[]): DayOffRange[] {
  const ranges: DayOffRange[] = [];
  for (const dayOff of daysOff) {
    const last = ranges.at(-1);
    if (last && addDays(last.to, 1) === dayOff.date && last.note === (dayOff.note ?? null)) {
      last.to = dayOff.date;
      last.days += 1;
    } else {
      ranges.push({ from: dayOff.date, to: dayOff.date, days: 1, note: dayOff.note ?? null });
    }
  }
  return ranges;
}

/** "12 March", "12–20 March", "28 March – 3 April", with the year only when it is not this year's. */
export function rangeLabel(from: CalendarDate, to: CalendarDate, today: CalendarDate, locale: Locale): string {
  const year = (date: CalendarDate) => (date.slice(0, 4) === today.slice(0, 4) ? {} : { year: 'numeric' as const });
  const full = (date: CalendarDate) => formatCalendarDate(date, locale, { day: 'numeric', month: 'long', ...year(date) });
  if (from === to) return full(from);
  if (from.slice(0, 7) === to.slice(0, 7)) return `${Number(from.slice(8))}–${full(to)}`;
  return `${full(from)} – ${full(to)}`;
}
