import { describe, expect, it } from 'vitest';
import { checkProfileContacts } from './contactsDraft.ts';

describe('the profile’s contacts', () => {
  it('sends them trimmed, in the order of preference', () => {
    expect(checkProfileContacts({ name: ' Мария ', phone: ' 8 912 345-67-89 ', channels: ['WHATSAPP', 'TELEGRAM'] })).toEqual({
      contacts: { firstName: 'Мария', phone: '8 912 345-67-89', preferredChannels: ['WHATSAPP', 'TELEGRAM'] },
    });
  });

  it('removes the phone when it is left empty, whatever the channels: the API decides which need one', () => {
    expect(checkProfileContacts({ name: 'Мария', phone: '  ', channels: ['SMS'] })).toEqual({
      contacts: { firstName: 'Мария', phone: null, preferredChannels: ['SMS'] },
    });
  });

  it('names every field to fix', () => {
    expect(checkProfileContacts({ name: ' ', phone: '+7 912', channels: [] })).toEqual({
      problems: ['firstName', 'phone', 'preferredChannels'],
    });
  });
});
