import { describe, expect, it } from 'vitest';
import { heldFor, wishDates } from './waitlistEntry.ts';

describe('a waitlist entry as the client reads it', () => {
  it('waits for its days in calendar order', () => {
    expect(wishDates({ dates: ['2030-01-05', '2030-01-02'], until: '2030-01-05T21:00:00.000Z', timeZone: 'Europe/Moscow' })).toEqual({
      kind: 'days',
      dates: ['2030-01-02', '2030-01-05'],
    });
  });

  it('waits until the last day its end covers, in the master’s zone', () => {
    // Midnight in Moscow ends the 5th; a minute later already covers the 6th.
    expect(wishDates({ dates: null, until: '2030-01-05T21:00:00.000Z', timeZone: 'Europe/Moscow' })).toEqual({
      kind: 'until',
      until: '2030-01-05',
    });
    expect(wishDates({ dates: null, until: '2030-01-05T21:01:00.000Z', timeZone: 'Europe/Moscow' })).toEqual({
      kind: 'until',
      until: '2030-01-06',
    });
    expect(wishDates({ dates: null, until: '2030-01-05T21:01:00.000Z', timeZone: 'America/New_York' })).toEqual({
      kind: 'until',
      until: '2030-01-05',
    });
  });

  it('counts the hold down in whole seconds and stops at zero', () => {
    const expiresAt = '2030-01-01T10:00:00.000Z';
    expect(heldFor(expiresAt, Date.parse(expiresAt) - 90_500)).toBe(91);
    expect(heldFor(expiresAt, Date.parse(expiresAt) + 1)).toBe(0);
  });
});
