export type ReminderAnswer = 'confirm' | 'cancel';

/** A reminder's buttons carry the answer and the booking (64 bytes at most: this is 52). */
export function reminderCallbackData(answer: ReminderAnswer, bookingId: string): string {
  return `reminder:${answer}:${bookingId}`;
}

export const REMINDER_CALLBACK = /^reminder:(confirm|cancel):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
