import { clientProfileEn } from './clientProfile.en.ts';
import { type ClientProfileTexts, clientProfileRu } from './clientProfile.ru.ts';
import { locale } from './index.ts';

/**
 * The profile screen's texts, in the current locale. Only that screen (a chunk of its own) reads
 * them; both languages come with it, since switching the language is one of the things it does.
 */
export function tcp(): ClientProfileTexts {
  return locale() === 'en' ? clientProfileEn : clientProfileRu;
}
