/** A review request's buttons carry the rating and the booking (64 bytes at most: this is 45). */
export function reviewCallbackData(rating: number, bookingId: string): string {
  return `review:${rating}:${bookingId}`;
}

export const REVIEW_CALLBACK = /^review:([1-5]):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The ratings a request offers, one button each. */
export const RATINGS = [1, 2, 3, 4, 5] as const;
