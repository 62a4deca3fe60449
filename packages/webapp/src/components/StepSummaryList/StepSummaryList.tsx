import { A } from '@solidjs/router';
import type { MasterProfile } from '@zapis/schema';
import { For, Show } from 'solid-js';
import { formatDays, formatDuration } from '../../format/duration.ts';
import { formatPhone } from '../../format/phone.ts';
import { locale } from '../../i18n/index.ts';
import { tm } from '../../i18n/master.ts';
import { ONBOARDING_STEPS, type OnboardingStep } from '../../onboarding.ts';
import { scheduleSummary } from '../ScheduleForm/scheduleSummary.ts';
import './StepSummaryList.css';

/** One line about what a step holds, or undefined when it holds nothing yet. */
export function stepSummary(profile: MasterProfile | null, step: OnboardingStep): string | undefined {
  if (!profile) return undefined;
  switch (step) {
    case 'PHONE':
      if (!profile.phone) return undefined;
      return (profile.phoneVerified ? tm().summary.phoneVerified : tm().summary.phoneUnverified)(formatPhone(profile.phone));
    case 'LOCATION': {
      if (!profile.city) return undefined;
      // With an area, what clients see before booking comes first; the full address after it.
      if (profile.addressVisibility === 'AREA' && profile.area) {
        return [`${profile.city.name}, ${tm().summary.area(profile.area)}`, profile.address].filter(Boolean).join('; ');
      }
      return [profile.city.name, profile.address].filter(Boolean).join(', ');
    }
    case 'SCHEDULE':
      return scheduleSummary(profile.schedule, locale()) || undefined;
    case 'SLOTS': {
      const slots = profile.slotSettings;
      return slots ? tm().summary.slots(formatDuration(slots.stepMinutes, locale()), formatDays(slots.horizonDays, locale())) : undefined;
    }
    case 'SERVICES': {
      const offered = profile.services.filter((service) => service.isActive);
      return offered.length > 0 ? offered.map((service) => service.name).join(', ') : undefined;
    }
    case 'PROFILE':
      return profile.onboarding.steps.some((state) => state.step === 'PROFILE' && state.complete) ? profile.displayName : undefined;
  }
}

interface StepSummaryListProps {
  profile: MasterProfile | null;
  /** Where a row leads: the wizard's step or the settings section. */
  hrefOf: (step: OnboardingStep) => string;
}

/** Every onboarding step with what it holds and whether it is complete, each a link to edit it. */
export function StepSummaryList(props: StepSummaryListProps) {
  const complete = (step: OnboardingStep) => props.profile?.onboarding.steps.find((state) => state.step === step)?.complete ?? false;

  return (
    <ul class="card step-summary">
      <For each={ONBOARDING_STEPS}>
        {(step) => (
          <li>
            <A href={props.hrefOf(step)} class="step-summary__row" data-complete={complete(step)}>
              <span class="step-summary__status" aria-hidden="true">
                {complete(step) ? '✓' : '!'}
              </span>
              <span class="step-summary__text">
                <span class="step-summary__title">{tm().master.steps[step]}</span>
                <Show
                  when={stepSummary(props.profile, step)}
                  fallback={<span class="step-summary__missing">{tm().wizard.activation.missing}</span>}
                >
                  {(summary) => <span class="step-summary__value">{summary()}</span>}
                </Show>
              </span>
              <svg
                class="step-summary__chevron"
                viewBox="0 0 24 24"
                width="18"
                height="18"
                fill="none"
                stroke="currentColor"
                stroke-width="2.2"
                stroke-linecap="round"
                stroke-linejoin="round"
                aria-hidden="true"
              >
                <path d="m9 5 7 7-7 7" />
              </svg>
            </A>
          </li>
        )}
      </For>
    </ul>
  );
}
