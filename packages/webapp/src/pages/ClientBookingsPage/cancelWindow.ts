import type { CombinedError } from '@urql/core';

/** Until when a client may cancel a booking in the app, and whether that is still ahead. */
export interface CancelWindow {
  until: Date;
  open: boolean;
}

/**
 * The client's cancellation window at `now`: open up to `cancellableUntil` included (the API
 * refuses only after it), closed from then on. None for a booking that is not confirmed, which
 * has no `cancellableUntil`.
 */
export function cancelWindow(cancellableUntil: string | null | undefined, now: Date): CancelWindow | undefined {
  if (!cancellableUntil) return undefined;
  const until = new Date(cancellableUntil);
  if (Number.isNaN(until.getTime())) return undefined;
  return { until, open: now.getTime() <= until.getTime() };
}

/** `setTimeout` fires at once for longer delays. */
const MAX_TIMER_DELAY = 2 ** 31 - 1;

/**
 * How long to wait before looking at an open window again so that it shows closed just after
 * `until`; at most what a timer can wait, after which it simply looks again.
 */
export function closesIn(until: Date, now: Date): number {
  return Math.min(Math.max(until.getTime() - now.getTime() + 1, 0), MAX_TIMER_DELAY);
}

/**
 * A refusal of `cancelBooking` because the master's cutoff has passed (`extensions.reason`
 * CANCELLATION_CUTOFF), with the cutoff in minutes when the API gave it; undefined for any other error.
 */
export function cutoffRefusal(error: CombinedError): { cutoffMinutes: number | undefined } | undefined {
  const refusal = error.graphQLErrors.find((graphQLError) => graphQLError.extensions.reason === 'CANCELLATION_CUTOFF');
  if (!refusal) return undefined;
  const cutoff = refusal.extensions.cutoffMinutes;
  return { cutoffMinutes: typeof cutoff === 'number' && Number.isInteger(cutoff) && cutoff > 0 ? cutoff : undefined };
}
