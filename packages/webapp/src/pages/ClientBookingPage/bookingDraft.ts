import type { CombinedError } from '@urql/core';
import type { CreateBookingMutation, VariablesOf } from '@zapis/schema';
import type { ContactChannel } from '../../components/ContactChannels/contactChannels.ts';
import { errorExtension } from '../../components/ErrorState/fieldProblems.ts';

type BookingInput = VariablesOf<typeof CreateBookingMutation>['input'];

export interface ContactsDraft {
  name: string;
  phone: string;
  channels: readonly ContactChannel[];
  comment: string;
}

export type Contacts = Pick<BookingInput, 'clientName' | 'clientPhone' | 'preferredChannels' | 'comment'>;

/** What is wrong with the contacts, by the input's field; the API checks the same again. */
export type ContactsProblem = 'clientName' | 'clientPhone' | 'preferredChannels';

/** The contacts as the API takes them, or the fields to fix first. */
export function checkContacts(draft: ContactsDraft): { contacts: Contacts } | { problems: ContactsProblem[] } {
  const problems: ContactsProblem[] = [];
  const name = draft.name.trim();
  const phone = draft.phone.trim();
  if (!name) problems.push('clientName');
  if (phone.replace(/\D/g, '').length < 10) problems.push('clientPhone');
  if (draft.channels.length === 0) problems.push('preferredChannels');
  if (problems.length > 0) return { problems };
  return {
    contacts: { clientName: name, clientPhone: phone, preferredChannels: [...draft.channels], comment: draft.comment.trim() || null },
  };
}

/** The free starts a SLOT_UNAVAILABLE answer offers instead (ISO instants), earliest first. */
export function nearestSlotsOf(error: CombinedError): string[] {
  const offered = errorExtension(error, 'nearestSlots');
  if (!Array.isArray(offered)) return [];
  return offered
    .filter((start): start is string => typeof start === 'string' && !Number.isNaN(Date.parse(start)))
    .sort((a, b) => Date.parse(a) - Date.parse(b));
}
