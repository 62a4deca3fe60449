import { For } from 'solid-js';
import { locale, t } from '../../i18n/index.ts';
import { addDays, type CalendarDate, formatCalendarDate } from '../../time/calendarDate.ts';

/**
 * "Today, 11 March", "Tue, 12 March", "Mon, 5 January 2031" — relative to the master's today;
 * with `month: 'short'` for narrow places.
 */
export function dayLabel(date: CalendarDate, today: CalendarDate, month: 'long' | 'short' = 'long'): string {
  const sameYear = date.slice(0, 4) === today.slice(0, 4);
  const dayMonth = formatCalendarDate(date, locale(), { day: 'numeric', month, ...(sameYear ? {} : { year: 'numeric' }) });
  const relative = {
    [today]: t().dates.today,
    [addDays(today, 1)]: t().dates.tomorrow,
    [addDays(today, -1)]: t().dates.yesterday,
  }[date];
  if (relative) return `${relative}, ${dayMonth}`;
  const weekday = formatCalendarDate(date, locale(), { weekday: 'short' });
  return `${weekday.charAt(0).toUpperCase()}${weekday.slice(1)}, ${dayMonth}`;
}

interface DateSelectProps {
  value: CalendarDate;
  /** The master's today; the list runs from `daysBefore` (a week by default) before it to `daysAhead` after. */
  today: CalendarDate;
  daysAhead: number;
  daysBefore?: number;
  id?: string;
  onChange: (date: CalendarDate) => void;
}

/** A day from a list around today, named the way people say it. */
export function DateSelect(props: DateSelectProps) {
  const dates = () => {
    const before = props.daysBefore ?? 7;
    const around = Array.from({ length: props.daysAhead + before + 1 }, (_, index) => addDays(props.today, index - before));
    return around.includes(props.value) ? around : [...around, props.value].sort();
  };
  return (
    <select id={props.id} class="input" value={props.value} onChange={(event) => props.onChange(event.currentTarget.value)}>
      <For each={dates()}>{(date) => <option value={date}>{dayLabel(date, props.today, 'short')}</option>}</For>
    </select>
  );
}
