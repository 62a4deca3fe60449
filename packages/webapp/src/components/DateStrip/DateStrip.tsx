import { For } from 'solid-js';
import { locale } from '../../i18n/index.ts';
import { type CalendarDate, formatCalendarDate } from '../../time/calendarDate.ts';
import { dayLabel } from '../DateSelect/DateSelect.tsx';
import './DateStrip.css';

interface DateStripProps {
  dates: CalendarDate[];
  /** Today on the wall clock the dates belong to. */
  today: CalendarDate;
  selected: CalendarDate | undefined;
  /** Whether a day has anything to offer; days without are shown dimmed. */
  hasSlots: (date: CalendarDate) => boolean;
  label: string;
  onSelect: (date: CalendarDate) => void;
}

/** A row of days to scroll through sideways, one of them chosen. */
export function DateStrip(props: DateStripProps) {
  return (
    <div class="date-strip" role="radiogroup" aria-label={props.label}>
      <For each={props.dates}>
        {(date) => (
          <button
            type="button"
            role="radio"
            class="date-strip__day"
            aria-checked={date === props.selected}
            aria-label={dayLabel(date, props.today)}
            data-empty={!props.hasSlots(date)}
            data-today={date === props.today}
            ref={(button) => {
              if (date === props.selected) queueMicrotask(() => button.scrollIntoView({ block: 'nearest', inline: 'center' }));
            }}
            onClick={() => props.onSelect(date)}
          >
            <span class="date-strip__weekday">{formatCalendarDate(date, locale(), { weekday: 'short' })}</span>
            <span class="date-strip__number">{Number(date.slice(8))}</span>
            <span class="date-strip__month">{formatCalendarDate(date, locale(), { month: 'short' }).replace('.', '')}</span>
          </button>
        )}
      </For>
    </div>
  );
}
