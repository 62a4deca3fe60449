import type { Locale } from '../i18n/index.ts';

/** An amount in minor units of an ISO 4217 currency, as the API gives it (`Money`). */
export interface Money {
  amountMinor: number;
  currency: string;
}

const intlLocale = (locale: Locale) => (locale === 'ru' ? 'ru-RU' : 'en-GB');

/** Digits of the currency's minor unit, as CLDR counts them (the API counts the same way): 2 for RUB, 0 for JPY. */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Signs CLDR's Russian data writes otherwise than the currency's own country does: it writes the
 * lari as «ლ», Georgia writes ₾ (the lari sign since 2014), as our masters in Tbilisi do.
 */
const OFFICIAL_SIGNS: Partial<Record<string, string>> = { GEL: '₾' };

/** A price as people read it in their language: "2 500 ₽", "45 ₾", "€30.50"; the minor unit only when there is one. */
export function formatMoney(money: Money, locale: Locale): string {
  const digits = minorDigits(money.currency);
  const scale = 10 ** digits;
  return new Intl.NumberFormat(intlLocale(locale), {
    style: 'currency',
    currency: money.currency,
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: money.amountMinor % scale === 0 ? 0 : digits,
    maximumFractionDigits: digits,
  })
    .formatToParts(money.amountMinor / scale)
    .map((part) => (part.type === 'currency' ? (OFFICIAL_SIGNS[money.currency] ?? part.value) : part.value))
    .join('');
}

/** The currency's sign on its own ("₽", "₾", "€"), for a price field's label. */
export function currencySign(currency: string, locale: Locale): string {
  const parts = new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).formatToParts(
    0,
  );
  return OFFICIAL_SIGNS[currency] ?? parts.find((part) => part.type === 'currency')?.value ?? currency;
}

/**
 * An amount typed into a price field ("2 500", "2500,50", "1 990.5", with or without the sign) in
 * minor units of `currency`; undefined when it is not a price.
 */
export function parseAmount(text: string, currency: string): number | undefined {
  const digits = minorDigits(currency);
  const compact = text
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/[^\d.,-]+$/u, '')
    .replace(/^[^\d.,-]+/u, '')
    .replace(',', '.');
  const pattern = digits > 0 ? new RegExp(`^(\\d{1,9})(?:\\.(\\d{1,${digits}}))?$`) : /^(\d{1,9})$/;
  const match = pattern.exec(compact);
  if (!match) return undefined;
  return Number(match[1]) * 10 ** digits + Number((match[2] ?? '').padEnd(digits, '0') || 0);
}

/** Minor units back in the way a price field shows them: "2500", "2500,50" / "2500.50". */
export function amountInput(amountMinor: number, currency: string, locale: Locale): string {
  const digits = minorDigits(currency);
  const scale = 10 ** digits;
  const whole = Math.floor(amountMinor / scale);
  const minor = amountMinor % scale;
  if (minor === 0) return String(whole);
  return `${whole}${locale === 'ru' ? ',' : '.'}${String(minor).padStart(digits, '0')}`;
}
