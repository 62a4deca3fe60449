import { describe, expect, it } from 'vitest';
import { scheduleSummary } from './scheduleSummary.ts';

const hours = (start: string, end: string) => ({ start, end });

describe('scheduleSummary', () => {
  it('groups runs of days with the same hours', () => {
    const schedule = [
      ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, intervals: [hours('10:00', '19:00')] })),
      { weekday: 6, intervals: [hours('11:00', '14:00'), hours('15:00', '18:00')] },
      { weekday: 7, intervals: [] },
    ];
    expect(scheduleSummary(schedule, 'en')).toBe('Mon–Fri 10:00–19:00 · Sat 11:00–14:00, 15:00–18:00');
  });

  it('names two neighbouring days and single days separately', () => {
    const schedule = [
      { weekday: 1, intervals: [hours('09:00', '13:00')] },
      { weekday: 2, intervals: [hours('09:00', '13:00')] },
      { weekday: 4, intervals: [hours('09:00', '13:00')] },
    ];
    expect(scheduleSummary(schedule, 'ru')).toBe('пн, вт 09:00–13:00 · чт 09:00–13:00');
    expect(scheduleSummary([], 'ru')).toBe('');
  });
});
