import { createSignal } from 'solid-js';
import { en } from './en.ts';
import { type Dictionary, ru } from './ru.ts';

export type Locale = 'ru' | 'en';

const dictionaries: Record<Locale, Dictionary> = { ru, en };

const [locale, setLocale] = createSignal<Locale>('ru');

export { locale };

/** English for `en*` language codes, Russian (the primary market) for everything else. */
export function resolveLocale(languageCode: string | null | undefined): Locale {
  return languageCode?.toLowerCase().startsWith('en') ? 'en' : 'ru';
}

export function applyLocale(next: Locale): void {
  setLocale(next);
  document.documentElement.lang = next;
}

/** The current dictionary; reading it inside JSX re-renders texts when the locale changes. */
export function t(): Dictionary {
  return dictionaries[locale()];
}
