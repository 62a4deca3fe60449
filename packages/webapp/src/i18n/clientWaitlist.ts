import { clientWaitlistEn } from './clientWaitlist.en.ts';
import { type ClientWaitlistTexts, clientWaitlistRu } from './clientWaitlist.ru.ts';
import { locale } from './index.ts';

/** The waitlist screens' texts, in the current locale; only those screens (chunks of their own) read them. */
export function tcw(): ClientWaitlistTexts {
  return locale() === 'en' ? clientWaitlistEn : clientWaitlistRu;
}
