import { describe, expect, it } from 'vitest';
import { channelsWithTelegram, MAX_DAYS, toggleDate, wishInput } from './waitlistWish.ts';

describe('a waitlist wish', () => {
  it('keeps chosen days in calendar order, adds and removes them, and stops at the most the API takes', () => {
    expect(toggleDate(['2030-01-03'], '2030-01-01')).toEqual(['2030-01-01', '2030-01-03']);
    expect(toggleDate(['2030-01-01', '2030-01-03'], '2030-01-01')).toEqual(['2030-01-03']);
    const full = Array.from({ length: MAX_DAYS }, (_, day) => `2030-01-${String(day + 1).padStart(2, '0')}`);
    expect(toggleDate(full, '2030-01-20')).toEqual(full);
  });

  it('is the input joinWaitlist takes: days, or days from now, and nothing without a day', () => {
    expect(wishInput({ kind: 'days', dates: ['2030-01-02'] })).toEqual({ dates: ['2030-01-02'] });
    expect(wishInput({ kind: 'within', days: 7 })).toEqual({ withinDays: 7 });
    expect(wishInput({ kind: 'days', dates: [] })).toBeUndefined();
  });

  it('always reaches the client through Telegram, where offers come, keeping their order', () => {
    expect(channelsWithTelegram(['PHONE', 'TELEGRAM'], 'TELEGRAM')).toEqual(['PHONE', 'TELEGRAM']);
    expect(channelsWithTelegram(['PHONE'], 'TELEGRAM')).toEqual(['PHONE', 'TELEGRAM']);
  });
});
