import type { ClientTexts } from './client.ru.ts';
import { roleTexts } from './roleTexts.ts';

/** The client's texts (see ./roleTexts.ts): `tc()` on the client's pages and the components only they use. */
export const tc = roleTexts<ClientTexts>('client', {
  ru: () => import('./client.ru.ts').then((module) => module.clientRu),
  en: () => import('./client.en.ts').then((module) => module.clientEn),
});
