import { describe, expect, it } from 'vitest';
import { parentPath } from './navigation.ts';

describe('parentPath', () => {
  it('hides the back button where there is nothing to go back to', () => {
    for (const path of ['/', '/master', '/master/', '/client', '/master/calendar', '/master/register', '/master/register/phone']) {
      expect(parentPath(path)).toBeUndefined();
    }
  });

  it('goes back through the wizard one step at a time', () => {
    expect(parentPath('/master/register/location')).toBe('/master/register/phone');
    expect(parentPath('/master/register/activate')).toBe('/master/register/services');
  });

  it('goes from settings to the calendar, and from a settings section to settings', () => {
    expect(parentPath('/master/settings')).toBe('/master/calendar');
    expect(parentPath('/master/settings/schedule')).toBe('/master/settings');
    expect(parentPath('/client/masters')).toBe('/client');
  });
});
