import { describe, expect, it } from 'vitest';
import { utcOffset } from './utcOffset.ts';

describe('utcOffset', () => {
  const winter = new Date('2026-01-15T12:00:00Z');

  it('labels a time zone with its offset at the given moment', () => {
    expect(utcOffset('Europe/Moscow', 'en', winter)).toBe('GMT+3');
    expect(utcOffset('Asia/Yekaterinburg', 'ru', winter)).toBe('GMT+5');
  });

  it('falls back to the zone name when the zone is unknown', () => {
    expect(utcOffset('Mars/Olympus_Mons', 'en', winter)).toBe('Mars/Olympus_Mons');
  });
});
