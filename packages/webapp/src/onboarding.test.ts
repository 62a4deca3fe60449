import type { MasterProfile } from '@zapis/schema';
import { describe, expect, it } from 'vitest';
import { masterHomePath, nextScreen, previousScreen, wizardPath, wizardScreenOf } from './onboarding.ts';

function profile(status: MasterProfile['status'], nextStep: MasterProfile['onboarding']['nextStep']): MasterProfile {
  return { status, onboarding: { nextStep } } as MasterProfile;
}

describe('onboarding routes', () => {
  it('sends a newcomer to the first step, a draft where it stopped, an active master to the calendar', () => {
    expect(masterHomePath(null)).toBe('/master/register/phone');
    expect(masterHomePath(profile('DRAFT', 'SCHEDULE'))).toBe('/master/register/schedule');
    expect(masterHomePath(profile('DRAFT', null))).toBe('/master/register/activate');
    expect(masterHomePath(profile('ACTIVE', null))).toBe('/master/calendar');
  });

  it('walks the screens in order and reads them back from the URL', () => {
    expect(nextScreen('PHONE')).toBe('LOCATION');
    expect(nextScreen('SERVICES')).toBe('PROFILE');
    expect(nextScreen('PROFILE')).toBe('ACTIVATE');
    expect(nextScreen('ACTIVATE')).toBeUndefined();
    expect(previousScreen('PHONE')).toBeUndefined();
    expect(previousScreen('ACTIVATE')).toBe('PROFILE');
    expect(wizardScreenOf('slots')).toBe('SLOTS');
    expect(wizardScreenOf('SLOTS')).toBeUndefined();
    expect(wizardScreenOf(undefined)).toBeUndefined();
    expect(wizardPath('ACTIVATE')).toBe('/master/register/activate');
  });
});
