import type { MasterProfile } from '@zapis/schema';

export type OnboardingStep = NonNullable<MasterProfile['onboarding']['nextStep']>;

/** The wizard's steps in the order it walks them (the API's order). */
export const ONBOARDING_STEPS: readonly OnboardingStep[] = ['PHONE', 'LOCATION', 'SCHEDULE', 'SLOTS', 'SERVICES', 'PROFILE'];

/** A screen of the registration wizard: one per step, then the activation screen. */
export type WizardScreen = OnboardingStep | 'ACTIVATE';

const SCREENS: readonly WizardScreen[] = [...ONBOARDING_STEPS, 'ACTIVATE'];

/** How many photos a portfolio holds (the API's limit). */
export const PORTFOLIO_MAX = 12;

/** Where the portfolio is edited (optional): from the wizard's review while a draft, from settings once published. */
export const PORTFOLIO_PATHS = { draft: '/master/register/portfolio', active: '/master/settings/portfolio' } as const;

export function wizardPath(screen: WizardScreen): string {
  return `/master/register/${screen.toLowerCase()}`;
}

/** The screen a `/master/register/:step` segment names. */
export function wizardScreenOf(segment: string | undefined): WizardScreen | undefined {
  return SCREENS.find((screen) => screen.toLowerCase() === segment);
}

export function nextScreen(screen: WizardScreen): WizardScreen | undefined {
  return SCREENS[SCREENS.indexOf(screen) + 1];
}

export function previousScreen(screen: WizardScreen): WizardScreen | undefined {
  return SCREENS[SCREENS.indexOf(screen) - 1];
}

/**
 * Where `/master` sends someone: a newcomer to the first step, a draft to the first incomplete
 * step (or the activation screen), an active master to the calendar.
 */
export function masterHomePath(profile: MasterProfile | null): string {
  if (!profile) return wizardPath('PHONE');
  if (profile.status === 'ACTIVE') return '/master/calendar';
  return wizardPath(profile.onboarding.nextStep ?? 'ACTIVATE');
}
