import type { UpdateClientContactsMutation, VariablesOf } from '@zapis/schema';
import type { ContactChannel } from '../../components/ContactChannels/contactChannels.ts';

export type ProfileContacts = VariablesOf<typeof UpdateClientContactsMutation>['input'];

/** What is wrong with the contacts, by the input's field. */
export type ProfileContactsProblem = 'firstName' | 'phone' | 'preferredChannels';

export interface ProfileContactsDraft {
  name: string;
  phone: string;
  channels: readonly ContactChannel[];
}

/**
 * The contacts as `updateClientContacts` takes them (an empty phone removes it), or the fields to fix
 * first. Which channels need a phone is the API's rule: it refuses them without one, and says where.
 */
export function checkProfileContacts(draft: ProfileContactsDraft): { contacts: ProfileContacts } | { problems: ProfileContactsProblem[] } {
  const problems: ProfileContactsProblem[] = [];
  const name = draft.name.trim();
  const phone = draft.phone.trim();
  if (!name) problems.push('firstName');
  if (phone && phone.replace(/\D/g, '').length < 10) problems.push('phone');
  if (draft.channels.length === 0) problems.push('preferredChannels');
  if (problems.length > 0) return { problems };
  return { contacts: { firstName: name, phone: phone || null, preferredChannels: [...draft.channels] } };
}
