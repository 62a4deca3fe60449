import { CombinedError } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { checkContacts, nearestSlotsOf } from './bookingDraft.ts';

describe('the booking form', () => {
  it('sends trimmed contacts, without an empty comment', () => {
    expect(checkContacts({ name: '  Мария ', phone: ' 8 912 345-67-89 ', channels: ['PHONE', 'TELEGRAM'], comment: '   ' })).toEqual({
      contacts: { clientName: 'Мария', clientPhone: '8 912 345-67-89', preferredChannels: ['PHONE', 'TELEGRAM'], comment: null },
    });
  });

  it('names every field to fix', () => {
    expect(checkContacts({ name: ' ', phone: '+7 912', channels: [], comment: '' })).toEqual({
      problems: ['clientName', 'clientPhone', 'preferredChannels'],
    });
    expect(checkContacts({ name: 'Anna', phone: '', channels: ['TELEGRAM'], comment: 'hi' })).toEqual({ problems: ['clientPhone'] });
  });
});

describe('SLOT_UNAVAILABLE', () => {
  const refusal = (extensions: Record<string, unknown>) =>
    new CombinedError({
      graphQLErrors: [{ message: 'This time is no longer free.', extensions: { code: 'SLOT_UNAVAILABLE', ...extensions } }],
    });

  it('offers the nearest free starts, earliest first', () => {
    expect(nearestSlotsOf(refusal({ nearestSlots: ['2030-03-31T09:00:00.000Z', '2030-03-31T07:00:00.000Z'] }))).toEqual([
      '2030-03-31T07:00:00.000Z',
      '2030-03-31T09:00:00.000Z',
    ]);
  });

  it('offers nothing when the answer has none or something else', () => {
    expect(nearestSlotsOf(refusal({ nearestSlots: [] }))).toEqual([]);
    expect(nearestSlotsOf(refusal({}))).toEqual([]);
    expect(nearestSlotsOf(refusal({ nearestSlots: [42, 'soon', '2030-03-31T07:00:00.000Z'] }))).toEqual(['2030-03-31T07:00:00.000Z']);
  });
});
