import type { Funnel } from './funnelApi.ts';

export interface FunnelStep {
  label: string;
  count: number;
  /** This step's count as a share of the step before (undefined for the first, or after a zero). */
  ofPrevious?: number;
}

type Day = Funnel['days'][number];
type DayCount = Exclude<keyof Day, 'date' | 'stages'>;

const sum = (funnel: Funnel, field: DayCount) => funnel.days.reduce((total, day) => total + day[field], 0);
export const stageTotal = (funnel: Funnel, stage: string) => funnel.stageTotals.find((total) => total.stage === stage)?.count ?? 0;

function chain(steps: { label: string; count: number }[]): FunnelStep[] {
  return steps.map((step, index) => {
    const previous = steps[index - 1]?.count;
    return { ...step, ofPrevious: previous ? step.count / previous : undefined };
  });
}

/** Masters: a draft created, every onboarding step saved, the profile activated for the first time. */
export const registrationSteps = (funnel: Funnel) =>
  chain([
    { label: 'Registrations started', count: sum(funnel, 'registrationsStarted') },
    { label: 'All steps saved', count: sum(funnel, 'onboardingsFinished') },
    { label: 'Activated (completed)', count: sum(funnel, 'registrationsCompleted') },
  ]);

/** Clients: the app opened, a search, a master's slots viewed (WebApp stages), a booking made (the database). */
export const clientSteps = (funnel: Funnel) =>
  chain([
    { label: 'App opens', count: stageTotal(funnel, 'app_opened') },
    { label: 'Searches', count: stageTotal(funnel, 'search') },
    { label: 'Slot views', count: stageTotal(funnel, 'slot_viewed') },
    { label: 'Bookings by clients', count: sum(funnel, 'clientBookings') },
  ]);

/** The stages in the order the app walks them (the API lists them so), each as a share of the one before on the path. */
export const stageSteps = (funnel: Funnel): FunnelStep[] => {
  const path = ['app_opened', 'auth_ok', 'search', 'slot_viewed', 'booking_created'];
  return funnel.stageTotals.map(({ stage, count }) => {
    const before = path.indexOf(stage) > 0 ? stageTotal(funnel, path[path.indexOf(stage) - 1]!) : 0;
    return { label: stage, count, ofPrevious: before ? count / before : undefined };
  });
};

export const totalOf = sum;
