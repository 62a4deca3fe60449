import { describe, expect, it } from 'vitest';
import { formatDays, formatDuration } from './duration.ts';
import { formatRubles, parseRubles, rublesInput } from './money.ts';
import { formatPhone } from './phone.ts';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('money', () => {
  it('reads rubles the way people type them', () => {
    expect(parseRubles('2500')).toBe(250_000);
    expect(parseRubles('2 500')).toBe(250_000);
    expect(parseRubles('2\u00a0500 ₽')).toBe(250_000);
    expect(parseRubles('2500,5')).toBe(250_050);
    expect(parseRubles('1990.99')).toBe(199_099);
    expect(parseRubles('0')).toBe(0);
  });

  it('refuses what is not a price', () => {
    for (const text of ['', ' ', '-5', '12,345', 'abc', '1.2.3', '1e3']) expect(parseRubles(text)).toBeUndefined();
  });

  it('shows kopecks only when there are any', () => {
    expect(plain(formatRubles(250_000, 'ru'))).toBe('2 500 ₽');
    expect(plain(formatRubles(250_050, 'ru'))).toBe('2 500,50 ₽');
    expect(formatRubles(250_000, 'en')).toBe('₽2,500');
    expect(rublesInput(250_000, 'ru')).toBe('2500');
    expect(rublesInput(250_005, 'ru')).toBe('2500,05');
    expect(parseRubles(rublesInput(250_005, 'en'))).toBe(250_005);
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
