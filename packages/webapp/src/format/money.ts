import type { Locale } from '../i18n/index.ts';

/** A price in kopecks as people read it: "2 500 ₽", with kopecks only when there are any. */
export function formatRubles(priceMinor: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
    style: 'currency',
    currency: 'RUB',
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: priceMinor % 100 === 0 ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(priceMinor / 100);
}

/** The rubles typed into a price field ("2 500", "2500,50", "1 990.5") in kopecks; undefined when it is not a price. */
export function parseRubles(text: string): number | undefined {
  const compact = text.replace(/[\s\u00a0\u202f₽]/g, '').replace(',', '.');
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(compact);
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** Kopecks back in the way a price field shows them: "2500", "2500,50" / "2500.50". */
export function rublesInput(priceMinor: number, locale: Locale): string {
  const rubles = Math.floor(priceMinor / 100);
  const kopecks = priceMinor % 100;
  if (kopecks === 0) return String(rubles);
  return `${rubles}${locale === 'ru' ? ',' : '.'}${String(kopecks).padStart(2, '0')}`;
}
