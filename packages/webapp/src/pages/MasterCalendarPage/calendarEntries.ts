import type { CalendarBooking, CalendarTimeBlock, MasterProfile } from '@zapis/schema';
import { addDays, type CalendarDate, isoWeekday, wallClock } from '../../time/calendarDate.ts';

/** One line of a day's agenda, its times on the master's wall clock ("HH:MM", "24:00" at midnight after). */
export type CalendarEntry =
  | { kind: 'booking'; booking: CalendarBooking; start: string; end: string }
  | { kind: 'block'; block: CalendarTimeBlock; start: string; end: string };

/**
 * The agenda of each of `dates`, by start time. Everything is placed by the local date and time
 * the API computed in the master's zone; a block over several days shows on each of them.
 */
export function agendaByDate(
  dates: CalendarDate[],
  bookings: readonly CalendarBooking[],
  blocks: readonly CalendarTimeBlock[],
): Map<CalendarDate, CalendarEntry[]> {
  const agenda = new Map<CalendarDate, CalendarEntry[]>(dates.map((date) => [date, []]));
  for (const booking of bookings) {
    const start = wallClock(booking.localStart);
    const end = wallClock(booking.localEnd);
    agenda.get(booking.localDate)?.push({
      kind: 'booking',
      booking,
      start: start.time,
      end: end.date === start.date ? end.time : '24:00',
    });
  }
  for (const block of blocks) {
    const start = wallClock(block.localStart);
    const end = wallClock(block.localEnd);
    const lastDate = end.time === '00:00' ? addDays(end.date, -1) : end.date;
    for (let date = start.date; date <= lastDate; date = addDays(date, 1)) {
      agenda.get(date)?.push({
        kind: 'block',
        block,
        start: date === start.date ? start.time : '00:00',
        end: date === end.date ? end.time : '24:00',
      });
    }
  }
  for (const entries of agenda.values()) {
    entries.sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));
  }
  return agenda;
}

/** The working hours the schedule sets for a date's weekday: "10:00–14:00, 15:00–19:00", or "" on a day off. */
export function workingHoursOn(schedule: MasterProfile['schedule'], date: CalendarDate): string {
  const day = schedule.find((scheduled) => scheduled.weekday === isoWeekday(date));
  return (day?.intervals ?? []).map((interval) => `${interval.start}–${interval.end}`).join(', ');
}
