import { locale } from './index.ts';
import { masterStatsEn } from './masterStats.en.ts';
import { type MasterStatsTexts, masterStatsRu } from './masterStats.ru.ts';

/** The statistics screen's texts, in the current locale; only that screen (a chunk of its own) reads them. */
export function tms(): MasterStatsTexts {
  return locale() === 'en' ? masterStatsEn : masterStatsRu;
}
