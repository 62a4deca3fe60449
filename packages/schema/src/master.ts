import { DayOffFragment } from './day-off.ts';
import { graphql, type ResultOf } from './graphql.ts';
import { PhotoFragment } from './media.ts';

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

/** Everything the master's screens show: onboarding progress, every step's data, the photos and the rating. */
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
      requireConfirmation
      confirmationDeadlineMinutes
    }
    daysOff {
      ...DayOffFields
    }
    services {
      ...MasterServiceFields
    }
    avatar {
      ...PhotoFields
    }
    photos(first: 12) {
      edges {
        node {
          ...PhotoFields
        }
      }
    }
    rating {
      average
      count
    }
  }
`,
  [MasterServiceFragment, PhotoFragment, DayOffFragment],
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

/** Puts the portfolio in a new order: every photo of it, once each. */
export const ReorderMasterPhotosMutation = graphql(
  `
    mutation ReorderMasterPhotos($input: ReorderMasterPhotosInput!) {
      reorderMasterPhotos(input: $input) {
        ...MasterProfileFields
      }
    }
  `,
  [MasterProfileFragment],
);
