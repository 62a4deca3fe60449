// Times of a master's bookings and free slots are shown on the master's wall clock, whatever the
// device's zone; these helpers read that clock and tell whether it differs from the device's.
import { type CalendarDate, todayIn } from '../../time/calendarDate.ts';
import { utcOffset } from '../../time/utcOffset.ts';

/** The device's own IANA time zone. */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The date and "HH:MM" (24-hour) an instant shows on the wall clock of `timeZone`. */
export function wallClockAt(instant: string | Date, timeZone: string): { date: CalendarDate; time: string } {
  const at = new Date(instant);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return { date: todayIn(timeZone, at), time };
}

/** Whether clocks in the two zones show different times at `at`: same offset, same clock, whatever the names. */
export function clocksDiffer(timeZone: string, otherZone: string, at: Date = new Date()): boolean {
  return utcOffset(timeZone, 'en', at) !== utcOffset(otherZone, 'en', at);
}
