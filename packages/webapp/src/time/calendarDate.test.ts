import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatCalendarDate,
  isCalendarDate,
  isoWeekday,
  minutesOfDay,
  startOfWeek,
  timeOfDay,
  timesOfDay,
  todayIn,
  wallClock,
  weekdayNames,
  zonedTimeToUtc,
} from './calendarDate.ts';

describe('calendar dates', () => {
  it('knows today on the wall clock of a zone, whatever the instant says in UTC', () => {
    const lateUtc = new Date('2026-03-10T20:30:00Z');
    expect(todayIn('UTC', lateUtc)).toBe('2026-03-10');
    expect(todayIn('Asia/Vladivostok', lateUtc)).toBe('2026-03-11');
    expect(todayIn('America/Los_Angeles', new Date('2026-03-11T05:00:00Z'))).toBe('2026-03-10');
  });

  it('steps through days, months and years', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('starts weeks on Monday', () => {
    expect(isoWeekday('2026-03-09')).toBe(1);
    expect(isoWeekday('2026-03-15')).toBe(7);
    expect(startOfWeek('2026-03-15')).toBe('2026-03-09');
    expect(startOfWeek('2026-03-09')).toBe('2026-03-09');
  });

  it('validates dates', () => {
    expect(isCalendarDate('2026-03-09')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('09.03.2026')).toBe(false);
    expect(isCalendarDate(undefined)).toBe(false);
  });

  it('formats without shifting the date to the browser zone', () => {
    expect(formatCalendarDate('2026-03-09', 'en', { day: 'numeric', month: 'long' })).toBe('March 9');
    expect(weekdayNames('ru', 'short')).toEqual(['пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс']);
  });
});

describe('zonedTimeToUtc', () => {
  it('converts a wall-clock time in a zone without daylight saving', () => {
    expect(zonedTimeToUtc('2026-03-10', '10:00', 'Asia/Vladivostok').toISOString()).toBe('2026-03-10T00:00:00.000Z');
    expect(zonedTimeToUtc('2026-03-10', '02:30', 'Asia/Vladivostok').toISOString()).toBe('2026-03-09T16:30:00.000Z');
    expect(zonedTimeToUtc('2026-07-01', '12:00', 'Europe/Moscow').toISOString()).toBe('2026-07-01T09:00:00.000Z');
  });

  it('follows daylight saving, and resolves a skipped time to just after the jump', () => {
    expect(zonedTimeToUtc('2026-07-01', '12:00', 'Europe/Belgrade').toISOString()).toBe('2026-07-01T10:00:00.000Z');
    expect(zonedTimeToUtc('2026-01-15', '12:00', 'Europe/Belgrade').toISOString()).toBe('2026-01-15T11:00:00.000Z');
    expect(zonedTimeToUtc('2026-03-29', '02:30', 'Europe/Belgrade').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('reads the wall clock of an ISO time with an offset, not the browser zone', () => {
    expect(wallClock('2030-03-31T10:05:00+02:00')).toEqual({ date: '2030-03-31', time: '10:05' });
  });

  it('converts times of day', () => {
    expect(minutesOfDay('09:30')).toBe(570);
    expect(minutesOfDay('24:00')).toBe(1440);
    expect(timeOfDay(570)).toBe('09:30');
    expect(timeOfDay(1440)).toBe('24:00');
    expect(timesOfDay(0, 60, 15)).toEqual(['00:00', '00:15', '00:30', '00:45', '01:00']);
    expect(timesOfDay(23 * 60 + 30, 24 * 60, 15)).toEqual(['23:30', '23:45', '24:00']);
  });
});
