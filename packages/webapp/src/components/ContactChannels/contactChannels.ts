import type { ClientProfile } from '@zapis/schema';

export type ContactChannel = ClientProfile['preferredChannels'][number];

/** The ways a master may contact a client, in the order the forms offer them. */
export const CONTACT_CHANNELS: readonly ContactChannel[] = ['TELEGRAM', 'PHONE', 'WHATSAPP', 'SMS'];

/** Ticks or unticks a channel; ticked channels keep the order they were ticked in (the preference). */
export function toggleChannel(channels: readonly ContactChannel[], channel: ContactChannel): ContactChannel[] {
  return channels.includes(channel) ? channels.filter((other) => other !== channel) : [...channels, channel];
}
