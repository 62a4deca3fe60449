import { describe, expect, it } from 'vitest';
import { calendarUrl } from './calendarUrl.ts';

describe('the calendar file of a booking', () => {
  const path = '/calendar/6f1c2a7e-3b7d-4c1e-9a55-0c2b8d1e4f00.ics?token=AbC-d_12';

  it('is on the app’s own origin, with the link’s token kept as it is', () => {
    expect(calendarUrl(path, 'https://zapis.example', 'ru')).toBe(`https://zapis.example${path}`);
  });

  it('asks for English texts when the app is in English', () => {
    expect(calendarUrl(path, 'http://127.0.0.1:4000', 'en')).toBe(`http://127.0.0.1:4000${path}&lang=en`);
  });
});
