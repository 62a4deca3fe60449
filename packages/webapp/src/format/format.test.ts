import { describe, expect, it } from 'vitest';
import { formatDays, formatDuration } from './duration.ts';
import { amountInput, currencySign, formatMoney, parseAmount } from './money.ts';
import { formatPhone } from './phone.ts';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('money', () => {
  it('reads an amount the way people type it, in minor units of the currency', () => {
    expect(parseAmount('2500', 'RUB')).toBe(250_000);
    expect(parseAmount('2 500', 'RUB')).toBe(250_000);
    expect(parseAmount('2\u00a0500 ₽', 'RUB')).toBe(250_000);
    expect(parseAmount('2500,5', 'RUB')).toBe(250_050);
    expect(parseAmount('1990.99', 'RUB')).toBe(199_099);
    expect(parseAmount('45 ₾', 'GEL')).toBe(4_500);
    expect(parseAmount('€30.50', 'EUR')).toBe(3_050);
    expect(parseAmount('1500', 'JPY')).toBe(1_500);
    expect(parseAmount('0', 'RUB')).toBe(0);
  });

  it('refuses what is not a price', () => {
    for (const text of ['', ' ', '-5', '12,345', 'abc', '1.2.3', '1e3']) expect(parseAmount(text, 'RUB')).toBeUndefined();
    expect(parseAmount('15.5', 'JPY')).toBeUndefined();
  });

  it('shows a price in its own currency, the minor unit only when there is one', () => {
    expect(plain(formatMoney({ amountMinor: 250_000, currency: 'RUB' }, 'ru'))).toBe('2 500 ₽');
    expect(plain(formatMoney({ amountMinor: 250_050, currency: 'RUB' }, 'ru'))).toBe('2 500,50 ₽');
    expect(formatMoney({ amountMinor: 250_000, currency: 'RUB' }, 'en')).toBe('₽2,500');
    expect(plain(formatMoney({ amountMinor: 4_500, currency: 'GEL' }, 'ru'))).toBe('45 ₾');
    expect(plain(formatMoney({ amountMinor: 800_000, currency: 'KZT' }, 'ru'))).toBe('8 000 ₸');
    expect(formatMoney({ amountMinor: 3_050, currency: 'EUR' }, 'en')).toBe('€30.50');
    expect(currencySign('GEL', 'ru')).toBe('₾');
    expect(amountInput(250_000, 'RUB', 'ru')).toBe('2500');
    expect(amountInput(250_005, 'RUB', 'ru')).toBe('2500,05');
    expect(parseAmount(amountInput(250_005, 'RUB', 'en'), 'RUB')).toBe(250_005);
  });
});

describe('durations', () => {
  it('uses the largest exact units', () => {
    expect(formatDuration(45, 'en')).toBe('45 min');
    expect(formatDuration(90, 'en')).toBe('1 hr 30 min');
    expect(formatDuration(120, 'ru')).toBe('2 ч');
    expect(formatDuration(2880, 'en')).toBe('2 days');
    expect(formatDays(30, 'ru')).toBe('30 дней');
  });
});

describe('formatPhone', () => {
  it('groups +7 numbers and leaves others as they are', () => {
    expect(formatPhone('+79123456789')).toBe('+7 912 345-67-89');
    expect(formatPhone('+381601234567')).toBe('+381601234567');
  });
});
