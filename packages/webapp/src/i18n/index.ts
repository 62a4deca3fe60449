import { batch, createSignal } from 'solid-js';
import { sharedEn } from './shared.en.ts';
import { type SharedTexts, sharedRu } from './shared.ru.ts';

export type Locale = 'ru' | 'en';

const shared: Record<Locale, SharedTexts> = { ru: sharedRu, en: sharedEn };

const [locale, setLocale] = createSignal<Locale>('ru');
const [chosenLocale, setChosenLocale] = createSignal<Locale>();

/**
 * The app's language; `chosenLocale` is the one the client chose in the app over Telegram's (their
 * profile's `language`), undefined while they follow Telegram: the API is then asked for it by name.
 */
export { chosenLocale, locale };

/** English for `en*` language codes, Russian (the primary market) for everything else. */
export function resolveLocale(languageCode: string | null | undefined): Locale {
  return languageCode?.toLowerCase().startsWith('en') ? 'en' : 'ru';
}

export function applyLocale(next: Locale): void {
  setLocale(next);
  document.documentElement.lang = next;
}

/**
 * The client's choice of language over Telegram's, or Telegram's again (`choice` undefined: the
 * app shows `telegramLocale`). The caller loads the role's texts in the language first.
 */
export function chooseLocale(choice: Locale | undefined, telegramLocale: Locale): void {
  batch(() => {
    setChosenLocale(choice);
    applyLocale(choice ?? telegramLocale);
  });
}

/**
 * The texts every screen may show, in the current locale; reading them inside JSX re-renders
 * texts when the locale changes. A role's own texts are `tc()` (./client.ts) and `tm()` (./master.ts).
 */
export function t(): SharedTexts {
  return shared[locale()];
}
