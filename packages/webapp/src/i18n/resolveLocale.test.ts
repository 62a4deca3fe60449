import { describe, expect, it } from 'vitest';
import { resolveLocale } from './index.ts';

describe('resolveLocale', () => {
  it('chooses English for any en* language code', () => {
    expect(resolveLocale('en')).toBe('en');
    expect(resolveLocale('en-US')).toBe('en');
    expect(resolveLocale('EN-gb')).toBe('en');
  });

  it('chooses Russian for every other or missing language code', () => {
    expect(resolveLocale('ru')).toBe('ru');
    expect(resolveLocale('uk')).toBe('ru');
    expect(resolveLocale('de')).toBe('ru');
    expect(resolveLocale('')).toBe('ru');
    expect(resolveLocale(undefined)).toBe('ru');
    expect(resolveLocale(null)).toBe('ru');
  });
});
