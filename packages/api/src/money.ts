/**
 * Money is an amount in the minor units of its currency (ISO 4217 code): kopecks, tiyn, tetri,
 * cents. How many digits the minor unit has is what the Unicode CLDR data says (through `Intl`,
 * as the mini-app reads it too), so the API and its clients agree without a table of their own.
 */

/** Digits after the decimal point in `currency` (2 for RUB, KZT, GEL, RSD, EUR; 0 for JPY). */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** A whole amount (1500) in minor units (150 000 for RUB). */
export function toMinorUnits(amount: number, currency: string): number {
  return Math.round(amount * 10 ** minorDigits(currency));
}

/** Whether `code` is a currency `Intl` knows (an ISO 4217 code). */
export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return Intl.supportedValuesOf('currency').includes(code);
  } catch {
    return false;
  }
}
