import { graphql, type ResultOf } from './graphql.ts';

/** Everything the master's screens show: onboarding progress and every step's data. */
export const MasterProfileFragment = graphql(`
  fragment MasterProfileFields on MasterProfile @_unmask {
    id
    status
    isActive
    displayName
    about
    phone
    phoneVerified
    phoneVerificationMethod
    shareLink {
      miniApp
      bot
    }
    address
    timeZone
    city {
      id
      name
      timeZone
    }
    onboarding {
      isComplete
      nextStep
      missingSteps
      steps {
        step
        complete
      }
    }
    schedule {
      weekday
      intervals {
        start
        end
      }
    }
    slotSettings {
      stepMinutes
      bufferMinutes
      minNoticeMinutes
      horizonDays
      cancellationCutoffMinutes
    }
    services {
      id
      priceMinor
      durationMinutes
      isActive
      service {
        id
        name
        category
        defaultDurationMinutes
      }
    }
  }
`);

export type MasterProfile = ResultOf<typeof MasterProfileFragment>;

export const MasterProfileQuery = graphql(
  `
    query MasterProfile {
      masterProfile {
        ...MasterProfileFields
      }
    }
  `,
  [MasterProfileFragment],
);

export const SaveOnboardingStepMutation = graphql(
  `
    mutation SaveOnboardingStep($input: SaveOnboardingStepInput!) {
      saveOnboardingStep(input: $input) {
        ...MasterProfileFields
      }
    }
  `,
  [MasterProfileFragment],
);

export const ActivateMasterMutation = graphql(
  `
    mutation ActivateMaster {
      activateMaster {
        ...MasterProfileFields
      }
    }
  `,
  [MasterProfileFragment],
);

export const UpdateMasterSettingsMutation = graphql(
  `
    mutation UpdateMasterSettings($input: UpdateMasterSettingsInput!) {
      updateMasterSettings(input: $input) {
        ...MasterProfileFields
      }
    }
  `,
  [MasterProfileFragment],
);
