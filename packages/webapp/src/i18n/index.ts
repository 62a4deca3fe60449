import { batch, createSignal } from 'solid-js';
import type { SharedTexts } from './shared.ru.ts';

export type Locale = 'ru' | 'en';

/** The shared texts, a chunk per locale: a launch downloads only the language it shows. */
const sharedLoaders: Record<Locale, () => Promise<SharedTexts>> = {
  ru: () => import('./shared.ru.ts').then((module) => module.sharedRu),
  en: () => import('./shared.en.ts').then((module) => module.sharedEn),
};
const shared: Partial<Record<Locale, SharedTexts>> = {};

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

/** Downloads the shared texts in `next`, once. */
export async function loadSharedTexts(next: Locale): Promise<void> {
  shared[next] ??= await sharedLoaders[next]();
}

/** The locale asked for last: a request whose texts arrive after a later one's does not win. */
let requested: Locale | undefined;

/** Downloads the shared texts in `next`; true when `next` is still the locale asked for last. */
async function loadRequested(next: Locale): Promise<boolean> {
  requested = next;
  await loadSharedTexts(next);
  return requested === next;
}

function showLocale(next: Locale): void {
  setLocale(next);
  document.documentElement.lang = next;
}

/** Shows the app in `next` once its shared texts are in; rejects when they cannot be downloaded. */
export async function applyLocale(next: Locale): Promise<void> {
  if (await loadRequested(next)) showLocale(next);
}

/**
 * The client's choice of language over Telegram's, or Telegram's again (`choice` undefined: the
 * app shows `telegramLocale`). The caller loads the role's texts in the language first.
 */
export async function chooseLocale(choice: Locale | undefined, telegramLocale: Locale): Promise<void> {
  const next = choice ?? telegramLocale;
  if (!(await loadRequested(next))) return;
  batch(() => {
    setChosenLocale(choice);
    showLocale(next);
  });
}

/**
 * The texts every screen may show, in the current locale; reading them inside JSX re-renders
 * texts when the locale changes. A role's own texts are `tc()` (./client.ts) and `tm()` (./master.ts).
 */
export function t(): SharedTexts {
  const texts = shared[locale()];
  if (!texts) throw new Error(`The shared texts in "${locale()}" are not loaded: the app renders once they are`);
  return texts;
}
