/** A waitlist offer's «Беру» button carries the offer (64 bytes at most: this is 50). */
export function waitlistCallbackData(offerId: string): string {
  return `waitlist:take:${offerId}`;
}

export const WAITLIST_CALLBACK = /^waitlist:take:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
