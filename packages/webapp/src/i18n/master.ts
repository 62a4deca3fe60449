import type { MasterTexts } from './master.ru.ts';
import { roleTexts } from './roleTexts.ts';

/** The master's texts (see ./roleTexts.ts): `tm()` on the master's pages and the components only they use. */
export const tm = roleTexts<MasterTexts>('master', {
  ru: () => import('./master.ru.ts').then((module) => module.masterRu),
  en: () => import('./master.en.ts').then((module) => module.masterEn),
});
