import { describe, expect, it } from 'vitest';
import { dayToShow, groupByLocalDate, localDaysRange, upcomingDates } from './dateStrip.ts';

describe('the date strip', () => {
  it('lists consecutive local dates across month and year ends', () => {
    expect(upcomingDates('2026-12-30', 4)).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(upcomingDates('2028-02-28', 2)).toEqual(['2028-02-28', '2028-02-29']);
  });

  it("bounds whole local days in the master's zone, whatever the device's", () => {
    expect(localDaysRange('2026-03-10', 14, 'Asia/Vladivostok')).toEqual({
      from: '2026-03-09T14:00:00.000Z',
      to: '2026-03-23T14:00:00.000Z',
    });
  });

  it('keeps the length of local days across a daylight-saving change', () => {
    // Belgrade moves to summer time on 29 March 2026: the range ends at local midnight, UTC+2.
    expect(localDaysRange('2026-03-28', 2, 'Europe/Belgrade')).toEqual({
      from: '2026-03-27T23:00:00.000Z',
      to: '2026-03-29T22:00:00.000Z',
    });
  });

  it('groups slots by their local date in order', () => {
    const slots = [
      { localDate: '2026-03-10', at: '10:00' },
      { localDate: '2026-03-10', at: '11:00' },
      { localDate: '2026-03-12', at: '09:00' },
    ];
    const byDate = groupByLocalDate(slots);
    expect([...byDate.keys()]).toEqual(['2026-03-10', '2026-03-12']);
    expect(byDate.get('2026-03-10')?.map((slot) => slot.at)).toEqual(['10:00', '11:00']);
  });

  it('shows the day asked for, else the first day with something, else the first', () => {
    const dates = ['2026-03-10', '2026-03-11', '2026-03-12'];
    const byDate = new Map([['2026-03-11', [1]]]);
    expect(dayToShow(dates, byDate, '2026-03-12')).toBe('2026-03-12');
    expect(dayToShow(dates, byDate, '2026-04-01')).toBe('2026-03-11');
    expect(dayToShow(dates, byDate)).toBe('2026-03-11');
    expect(dayToShow(dates, new Map())).toBe('2026-03-10');
    expect(dayToShow([], new Map())).toBeUndefined();
  });
});
