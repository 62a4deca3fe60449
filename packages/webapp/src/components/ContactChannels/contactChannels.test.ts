import { describe, expect, it } from 'vitest';
import { toggleChannel } from './contactChannels.ts';

describe('contact channels', () => {
  it('keeps the channels in the order they were ticked', () => {
    expect(toggleChannel([], 'WHATSAPP')).toEqual(['WHATSAPP']);
    expect(toggleChannel(['WHATSAPP'], 'TELEGRAM')).toEqual(['WHATSAPP', 'TELEGRAM']);
    expect(toggleChannel(['WHATSAPP', 'TELEGRAM', 'SMS'], 'TELEGRAM')).toEqual(['WHATSAPP', 'SMS']);
  });
});
