import type { Locale } from '../i18n/index.ts';

function unit(locale: Locale, unit: 'second' | 'minute' | 'hour' | 'day', value: number, display: 'short' | 'long' = 'short') {
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: display }).format(value);
}

/** "45 min", "1 h 30 min", "2 days" — the largest units that say it exactly. */
export function formatDuration(minutes: number, locale: Locale): string {
  if (minutes >= 1440 && minutes % 1440 === 0) return unit(locale, 'day', minutes / 1440, 'long');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return unit(locale, 'minute', rest);
  if (rest === 0) return unit(locale, 'hour', hours);
  return `${unit(locale, 'hour', hours)} ${unit(locale, 'minute', rest)}`;
}

/** "30 days", "1 day" — as long words, for the booking horizon. */
export function formatDays(days: number, locale: Locale): string {
  return unit(locale, 'day', days, 'long');
}

/** A wait as people say it: "45 s", "3 min", "2 h". */
export function formatWait(seconds: number, locale: Locale): string {
  if (seconds < 60) return unit(locale, 'second', Math.ceil(seconds));
  return formatDuration(Math.ceil(seconds / 60), locale);
}

/** A countdown on a clock face: "0:42", "4:05". */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
