import { describe, expect, it } from 'vitest';
import { mayAddText } from './reviewWindow.ts';

describe('mayAddText', () => {
  const endsAt = '2030-03-01T10:00:00Z';
  const starsOnly = { text: null, reply: null };

  it('offers the text for a rating alone within 30 days of the visit', () => {
    expect(mayAddText(starsOnly, endsAt, new Date('2030-03-31T10:00:00Z'))).toBe(true);
    expect(mayAddText(starsOnly, endsAt, new Date('2030-03-31T10:00:01Z'))).toBe(false);
  });

  it('never offers it once there is a text, or once the master has replied', () => {
    const now = new Date('2030-03-02T10:00:00Z');
    expect(mayAddText({ text: 'Отлично', reply: null }, endsAt, now)).toBe(false);
    expect(mayAddText({ text: null, reply: 'Спасибо!' }, endsAt, now)).toBe(false);
  });
});
