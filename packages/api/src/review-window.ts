/**
 * How long after a visit its client may review it. Shared by the review rules (modules/review)
 * and the bot's review request (modules/notifications), which sits below the review module.
 */
export const REVIEW_WINDOW_DAYS = 30;

const DAY_MS = 24 * 60 * 60_000;

/** The last moment a booking that ended at `endsAt` may be reviewed. */
export function reviewWindowEnd(endsAt: Date): Date {
  return new Date(endsAt.getTime() + REVIEW_WINDOW_DAYS * DAY_MS);
}
