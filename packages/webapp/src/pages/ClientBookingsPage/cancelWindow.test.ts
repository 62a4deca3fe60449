import { CombinedError } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { cancelWindow, closesIn, cutoffRefusal } from './cancelWindow.ts';

describe('cancelWindow', () => {
  const until = '2026-03-12T04:00:00.000Z';

  it('is open up to the moment itself, as the API checks, and closed after it', () => {
    expect(cancelWindow(until, new Date('2026-03-11T20:00:00Z'))).toEqual({ until: new Date(until), open: true });
    expect(cancelWindow(until, new Date(until))).toEqual({ until: new Date(until), open: true });
    expect(cancelWindow(until, new Date('2026-03-12T04:00:00.001Z'))).toEqual({ until: new Date(until), open: false });
  });

  it('is none for a booking that is not confirmed, or a value that is no instant', () => {
    expect(cancelWindow(null, new Date())).toBeUndefined();
    expect(cancelWindow(undefined, new Date())).toBeUndefined();
    expect(cancelWindow('soon', new Date())).toBeUndefined();
  });
});

describe('closesIn', () => {
  it('waits until just after the window closes', () => {
    const until = new Date('2026-03-12T04:00:00Z');
    const now = new Date('2026-03-12T03:59:00Z');
    expect(closesIn(until, now)).toBe(60_001);
    expect(cancelWindow(until.toISOString(), new Date(now.getTime() + closesIn(until, now)))?.open).toBe(false);
    // Already closed: look again at once.
    expect(closesIn(until, new Date('2026-03-12T05:00:00Z'))).toBe(0);
  });

  it('never asks a timer to wait longer than it can (it would fire at once, again and again)', () => {
    expect(closesIn(new Date('2026-06-01T00:00:00Z'), new Date('2026-03-01T00:00:00Z'))).toBe(2 ** 31 - 1);
  });
});

describe('cutoffRefusal', () => {
  const refused = (extensions: Record<string, unknown>, message = 'The master accepts cancellations up to 120 minutes before the start.') =>
    new CombinedError({ graphQLErrors: [{ message, extensions: { code: 'BAD_USER_INPUT', ...extensions } }] });

  it('reads the reason, not the message, with the cutoff', () => {
    expect(cutoffRefusal(refused({ reason: 'CANCELLATION_CUTOFF', cutoffMinutes: 10_080 }, 'Anything at all'))).toEqual({
      cutoffMinutes: 10_080,
    });
    expect(cutoffRefusal(refused({ reason: 'CANCELLATION_CUTOFF' }))).toEqual({ cutoffMinutes: undefined });
    expect(cutoffRefusal(refused({ reason: 'CANCELLATION_CUTOFF', cutoffMinutes: '120' }))).toEqual({ cutoffMinutes: undefined });
  });

  it('is undefined for other refusals, even with the same words', () => {
    expect(cutoffRefusal(refused({ fields: [{ path: 'bookingId', message: 'This booking has already taken place.' }] }))).toBeUndefined();
    expect(cutoffRefusal(new CombinedError({ networkError: new Error('offline') }))).toBeUndefined();
  });
});
