import { addDays, type CalendarDate, zonedTimeToUtc } from '../../time/calendarDate.ts';

/** `count` consecutive dates from `today`, on the wall clock the dates belong to. */
export function upcomingDates(today: CalendarDate, count: number): CalendarDate[] {
  return Array.from({ length: count }, (_, index) => addDays(today, index));
}

/**
 * The instants that bound those dates in `timeZone`: from the start of `today` to the start of
 * the day after the last, so that a request for free time covers whole local days.
 */
export function localDaysRange(today: CalendarDate, count: number, timeZone: string): { from: string; to: string } {
  return {
    from: zonedTimeToUtc(today, '00:00', timeZone).toISOString(),
    to: zonedTimeToUtc(addDays(today, count), '00:00', timeZone).toISOString(),
  };
}

/** Items with a local date, grouped by it, each group in the given order. */
export function groupByLocalDate<Item extends { localDate: string }>(items: readonly Item[]): Map<CalendarDate, Item[]> {
  const groups = new Map<CalendarDate, Item[]>();
  for (const item of items) {
    const group = groups.get(item.localDate);
    if (group) group.push(item);
    else groups.set(item.localDate, [item]);
  }
  return groups;
}

/**
 * The day to show: the one asked for when it is among `dates`, otherwise the first that has
 * anything, otherwise the first.
 */
export function dayToShow(
  dates: readonly CalendarDate[],
  byDate: ReadonlyMap<CalendarDate, unknown[]>,
  wanted?: string,
): CalendarDate | undefined {
  if (wanted && dates.includes(wanted)) return wanted;
  return dates.find((date) => (byDate.get(date)?.length ?? 0) > 0) ?? dates[0];
}
