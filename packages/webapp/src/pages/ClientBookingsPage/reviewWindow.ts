/** How long after a visit its client may review it, and add a text to a rating left alone (the API's rule). */
const REVIEW_WINDOW_DAYS = 30;

/**
 * Whether a review left with stars alone may still take its text: the API answers `reviewableUntil`
 * only until the visit is reviewed, so the window is counted here from the visit's end, as the API does.
 */
export function mayAddText(review: { text: string | null; reply: string | null }, endsAt: string, now: Date): boolean {
  if (review.text !== null || review.reply !== null) return false;
  return now.getTime() <= new Date(endsAt).getTime() + REVIEW_WINDOW_DAYS * 24 * 60 * 60_000;
}
