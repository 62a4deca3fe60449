import { graphql, type ResultOf } from './graphql.ts';

/** One of the master's own services, as the services editor shows it. */
export const MasterServiceFragment = graphql(`
  fragment MasterServiceFields on MasterService @_unmask {
    id
    name
    ownName
    description
    price {
      amountMinor
      currency
    }
    durationMinutes
    isActive
    service {
      id
      name
      category
      defaultDurationMinutes
    }
  }
`);

export type MasterService = ResultOf<typeof MasterServiceFragment>;

/** Everything the master's screens show: onboarding progress and every step's data. */
export const MasterProfileFragment = graphql(
  `
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
    addressVisibility
    area
    telegramContactAllowed
    timeZone
    city {
      id
      name
      timeZone
      currency
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
      ...MasterServiceFields
    }
  }
`,
  [MasterServiceFragment],
);

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

export const CreateMasterServiceMutation = graphql(
  `
    mutation CreateMasterService($input: CreateMasterServiceInput!) {
      createMasterService(input: $input) {
        ...MasterServiceFields
      }
    }
  `,
  [MasterServiceFragment],
);

export const UpdateMasterServiceMutation = graphql(
  `
    mutation UpdateMasterService($input: UpdateMasterServiceInput!) {
      updateMasterService(input: $input) {
        ...MasterServiceFields
      }
    }
  `,
  [MasterServiceFragment],
);

export const ArchiveMasterServiceMutation = graphql(`
  mutation ArchiveMasterService($input: ArchiveMasterServiceInput!) {
    archiveMasterService(input: $input)
  }
`);
