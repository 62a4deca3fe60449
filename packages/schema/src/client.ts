import { BookingMoveFragment } from './booking-move.ts';
import { graphql, type ResultOf } from './graphql.ts';

/**
 * What the client's screens need from their own profile: the booking form's defaults, the language
 * the app shows, and the profile screen's contacts, bot messages and consents in force.
 */
export const ClientProfileFragment = graphql(`
  fragment ClientProfileFields on ClientProfile @_unmask {
    id
    firstName
    phone
    preferredChannels
    language
    notifications {
      bookingUpdates
      reminders
      waitlistOffers
      reviewRequests
    }
    consents {
      kind
      textVersion
      grantedAt
    }
  }
`);

export type ClientProfile = ResultOf<typeof ClientProfileFragment>;

/** A booking as its client sees it, with times in the master's zone. */
export const ClientBookingFragment = graphql(
  `
  fragment ClientBookingFields on ClientBooking @_unmask {
    id
    status
    startsAt
    endsAt
    localStart
    localEnd
    localDate
    timeZone
    masterId
    masterName
    address
    mapLinks {
      yandex
      twoGis
      google
    }
    masterTelegramUrl
    calendarPath
    price {
      amountMinor
      currency
    }
    serviceName
    clientName
    clientPhone
    comment
    cancellableUntil
    cancelledBy
    masterServiceId
    releasesAt
    moves {
      ...BookingMoveFields
    }
    service {
      id
      name
    }
  }
`,
  [BookingMoveFragment],
);

export type ClientBooking = ResultOf<typeof ClientBookingFragment>;

/** Called when the client app opens: creates or refreshes the caller's client profile. */
export const UpsertClientMutation = graphql(
  `
    mutation UpsertClient {
      upsertClient {
        ...ClientProfileFields
      }
    }
  `,
  [ClientProfileFragment],
);

export const ClientProfileQuery = graphql(
  `
    query ClientProfile {
      clientProfile {
        ...ClientProfileFields
      }
    }
  `,
  [ClientProfileFragment],
);

/** The client moves their booking to a start from `availableSlots(…, reschedulingBookingId)`; the master is told through the bot. */
export const MoveMyBookingMutation = graphql(`
  mutation MoveMyBooking($input: RescheduleBookingInput!) {
    rescheduleBooking(input: $input) {
      id
      startsAt
    }
  }
`);
