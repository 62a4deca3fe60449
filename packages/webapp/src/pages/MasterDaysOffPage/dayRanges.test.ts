import { describe, expect, it } from 'vitest';
import { dayOffRanges, rangeLabel } from './dayRanges.ts';

describe('dayOffRanges', () => {
  it('joins consecutive days with the same note, and keeps apart gaps and other notes', () => {
    const days = [
      { date: '2030-03-30', note: 'Отпуск' },
      { date: '2030-03-31', note: 'Отпуск' },
      { date: '2030-04-01', note: 'Отпуск' },
      { date: '2030-04-02', note: null },
      { date: '2030-04-05', note: null },
    ];
    expect(dayOffRanges(days)).toEqual([
      { from: '2030-03-30', to: '2030-04-01', days: 3, note: 'Отпуск' },
      { from: '2030-04-02', to: '2030-04-02', days: 1, note: null },
      { from: '2030-04-05', to: '2030-04-05', days: 1, note: null },
    ]);
    expect(dayOffRanges([])).toEqual([]);
  });
});

describe('rangeLabel', () => {
  it('names one day, a range within a month and one across months, with the year only when another', () => {
    expect(rangeLabel('2030-03-12', '2030-03-12', '2030-03-01', 'en')).toBe('March 12');
    expect(rangeLabel('2030-03-12', '2030-03-20', '2030-03-01', 'ru')).toBe('12–20 марта');
    expect(rangeLabel('2030-03-28', '2030-04-03', '2030-03-01', 'ru')).toBe('28 марта – 3 апреля');
    expect(rangeLabel('2031-01-02', '2031-01-02', '2030-12-01', 'ru')).toBe('2 января 2031 г.');
  });
});
