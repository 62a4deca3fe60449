import type { Locale } from '../../i18n/index.ts';

/**
 * Where a booking's calendar file is: `ClientBooking.calendarPath` is a path on the API, which serves
 * the app too, so the app's origin makes it absolute; its texts are Russian unless asked for English.
 */
export function calendarUrl(calendarPath: string, origin: string, locale: Locale): string {
  const url = new URL(calendarPath, origin);
  if (locale === 'en') url.searchParams.set('lang', 'en');
  return url.toString();
}
