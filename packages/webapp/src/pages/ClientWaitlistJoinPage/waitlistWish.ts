import type { CalendarDate } from '../../time/calendarDate.ts';

/** The choices of "any time within": days from now. */
export const WITHIN_CHOICES = [3, 7, 14] as const;

/** At most this many days may be chosen one by one (the API takes 1–14). */
export const MAX_DAYS = 14;

export type Wish = { kind: 'days'; dates: CalendarDate[] } | { kind: 'within'; days: number };

/** Adds or removes `date`, keeping the days in calendar order. */
export function toggleDate(dates: readonly CalendarDate[], date: CalendarDate): CalendarDate[] {
  if (dates.includes(date)) return dates.filter((chosen) => chosen !== date);
  if (dates.length >= MAX_DAYS) return [...dates];
  return [...dates, date].sort();
}

/** The wish as `joinWaitlist` takes it, or undefined when no day is chosen yet. */
export function wishInput(wish: Wish): { dates: CalendarDate[] } | { withinDays: number } | undefined {
  if (wish.kind === 'within') return { withinDays: wish.days };
  return wish.dates.length > 0 ? { dates: [...wish.dates] } : undefined;
}

/**
 * Offers come through the bot only: the channels a booking made from the waitlist carries are the
 * client's own, with Telegram added last when they left it out.
 */
export function channelsWithTelegram<Channel extends string>(channels: readonly Channel[], telegram: Channel): Channel[] {
  return channels.includes(telegram) ? [...channels] : [...channels, telegram];
}
