import { describe, expect, it } from 'vitest';
import { clocksDiffer, wallClockAt } from './masterTime.ts';

describe('wallClockAt', () => {
  it("reads an instant on the master's wall clock, not the device's", () => {
    expect(wallClockAt('2026-03-10T20:30:00Z', 'Asia/Tbilisi')).toEqual({ date: '2026-03-11', time: '00:30' });
    expect(wallClockAt('2026-03-10T20:30:00Z', 'America/New_York')).toEqual({ date: '2026-03-10', time: '16:30' });
    expect(wallClockAt(new Date('2026-03-10T06:05:00Z'), 'Europe/Moscow')).toEqual({ date: '2026-03-10', time: '09:05' });
  });

  it('follows daylight saving in the master zone', () => {
    expect(wallClockAt('2026-03-28T12:00:00Z', 'Europe/Belgrade').time).toBe('13:00');
    expect(wallClockAt('2026-03-30T12:00:00Z', 'Europe/Belgrade').time).toBe('14:00');
  });
});

describe('clocksDiffer', () => {
  it('compares offsets at a moment, not zone names', () => {
    const winter = new Date('2026-01-15T12:00:00Z');
    const summer = new Date('2026-07-15T12:00:00Z');
    expect(clocksDiffer('Europe/Moscow', 'Europe/Simferopol', winter)).toBe(false);
    expect(clocksDiffer('Asia/Tbilisi', 'Europe/Moscow', winter)).toBe(true);
    // Belgrade is one hour behind Moscow in summer and two in winter, but never the same.
    expect(clocksDiffer('Europe/Belgrade', 'Europe/Moscow', summer)).toBe(true);
    // London and Lisbon share their clock all year.
    expect(clocksDiffer('Europe/London', 'Europe/Lisbon', summer)).toBe(false);
  });
});
