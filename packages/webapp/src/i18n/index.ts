import { createSignal } from 'solid-js';
import { sharedEn } from './shared.en.ts';
import { type SharedTexts, sharedRu } from './shared.ru.ts';

export type Locale = 'ru' | 'en';

const shared: Record<Locale, SharedTexts> = { ru: sharedRu, en: sharedEn };

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

/**
 * The texts every screen may show, in the current locale; reading them inside JSX re-renders
 * texts when the locale changes. A role's own texts are `tc()` (./client.ts) and `tm()` (./master.ts).
 */
export function t(): SharedTexts {
  return shared[locale()];
}
