import type { PrismaClient } from '../generated/prisma/client.js';
import { markPhoneVerified } from '../modules/phone/phone.service.js';
import { retryingTransaction } from '../transactions.js';
import { phoneSchema } from '../validation.js';

/** The parts of a Bot API `Contact` (a message's `contact` field) this handler reads. */
export interface SharedContact {
  phone_number: string;
  /** The contact's Telegram user id, when the contact is a Telegram user. */
  user_id?: number;
}

export type ContactVerificationResult =
  | { status: 'verified'; masterId: string; phone: string }
  /** The contact is not the sender's own (someone else's card, or no user id): nothing written. */
  | { status: 'not_own_contact' }
  /** The sender has no master profile, or only an archived one: nothing written. */
  | { status: 'no_master' }
  | { status: 'invalid_phone' };

/**
 * Telegram gives a user's own number in international form, usually without the "+"
 * ("79123456789"); read it that way first, and only then as people write numbers locally
 * ("8 912 345-67-89").
 */
export function phoneFromContact(phoneNumber: string): string | null {
  const raw = phoneNumber.trim();
  const readings = raw.startsWith('+') ? [raw] : [`+${raw.replace(/\D/g, '')}`, raw];
  for (const reading of readings) {
    const parsed = phoneSchema.safeParse(reading);
    if (parsed.success) return parsed.data;
  }
  return null;
}

/**
 * A contact shared with the bot verifies the sender's phone, but only when it is the
 * sender's own contact: Telegram fills `user_id` from the account the number belongs to,
 * so a forwarded card or a typed-in contact cannot vouch for anyone.
 */
export async function verifyPhoneFromContact(
  prisma: PrismaClient,
  { senderId, contact, now = new Date() }: { senderId: number | bigint; contact: SharedContact; now?: Date },
): Promise<ContactVerificationResult> {
  if (contact.user_id === undefined || BigInt(contact.user_id) !== BigInt(senderId)) return { status: 'not_own_contact' };
  const phone = phoneFromContact(contact.phone_number);
  if (!phone) return { status: 'invalid_phone' };

  return retryingTransaction(prisma, async (tx) => {
    const master = await tx.master.findUnique({ where: { telegramId: BigInt(senderId) }, select: { id: true, status: true } });
    if (!master || master.status === 'ARCHIVED') return { status: 'no_master' } as const;
    await markPhoneVerified(tx, { masterId: master.id, phone, method: 'TELEGRAM_CONTACT', now });
    return { status: 'verified', masterId: master.id, phone } as const;
  });
}
