import { BookingMoveFragment } from './booking-move.ts';
import { DayOffFragment } from './day-off.ts';
import { graphql, type ResultOf } from './graphql.ts';

export const CalendarBookingFragment = graphql(
  `
  fragment CalendarBookingFields on Booking @_unmask {
    id
    startsAt
    endsAt
    localStart
    localEnd
    localDate
    durationMinutes
    status
    source
    clientName
    clientPhone
    comment
    price {
      amountMinor
      currency
    }
    serviceName
    cancellationReason
    cancelledBy
    service {
      id
      name
    }
    masterService {
      id
    }
    clientConfirmedAt
    releasesAt
    clientReliability {
      visitsKept
      lateCancellations
      noShows
      released
    }
    moves {
      ...BookingMoveFields
    }
  }
`,
  [BookingMoveFragment],
);

export const CalendarTimeBlockFragment = graphql(`
  fragment CalendarTimeBlockFields on TimeBlock @_unmask {
    id
    startsAt
    endsAt
    localStart
    localEnd
    localDate
    reason
  }
`);

export type CalendarBooking = ResultOf<typeof CalendarBookingFragment>;
export type CalendarTimeBlock = ResultOf<typeof CalendarTimeBlockFragment>;

/** The master's bookings (cancelled ones included) and blocked time in [from, to). */
export const MasterCalendarQuery = graphql(
  `
    query MasterCalendar($from: DateTime!, $to: DateTime!) {
      masterCalendar(from: $from, to: $to) {
        timeZone
        bookings {
          ...CalendarBookingFields
        }
        timeBlocks {
          ...CalendarTimeBlockFields
        }
      }
    }
  `,
  [CalendarBookingFragment, CalendarTimeBlockFragment],
);

export const CreateManualBookingMutation = graphql(
  `
    mutation CreateManualBooking($input: CreateManualBookingInput!) {
      createManualBooking(input: $input) {
        ...CalendarBookingFields
      }
    }
  `,
  [CalendarBookingFragment],
);

export const CancelBookingMutation = graphql(
  `
    mutation CancelBooking($input: CancelBookingInput!) {
      cancelBooking(input: $input) {
        ...CalendarBookingFields
      }
    }
  `,
  [CalendarBookingFragment],
);

export const SetBookingOutcomeMutation = graphql(
  `
    mutation SetBookingOutcome($input: SetBookingOutcomeInput!) {
      setBookingOutcome(input: $input) {
        ...CalendarBookingFields
      }
    }
  `,
  [CalendarBookingFragment],
);

export const BlockTimeMutation = graphql(
  `
    mutation BlockTime($input: BlockTimeInput!) {
      blockTime(input: $input) {
        ...CalendarTimeBlockFields
      }
    }
  `,
  [CalendarTimeBlockFragment],
);

export const UnblockTimeMutation = graphql(`
  mutation UnblockTime($input: UnblockTimeInput!) {
    unblockTime(input: $input)
  }
`);

/** Moves a booking; as its master, to any time free of other bookings and blocked time. The client is told through the bot. */
export const RescheduleBookingMutation = graphql(
  `
    mutation RescheduleBooking($input: RescheduleBookingInput!) {
      rescheduleBooking(input: $input) {
        ...CalendarBookingFields
      }
    }
  `,
  [CalendarBookingFragment],
);

/** The master's days off from today on, and the bookings still to come on them. */
export const DaysOffQuery = graphql(
  `
    query DaysOff {
      masterProfile {
        id
        daysOff {
          ...DayOffFields
        }
        bookingsOnDaysOff {
          ...CalendarBookingFields
        }
      }
    }
  `,
  [DayOffFragment, CalendarBookingFragment],
);

export const AddDaysOffMutation = graphql(
  `
    mutation AddDaysOff($input: AddDaysOffInput!) {
      addDaysOff(input: $input) {
        daysOff {
          ...DayOffFields
        }
        bookings {
          ...CalendarBookingFields
        }
      }
    }
  `,
  [DayOffFragment, CalendarBookingFragment],
);

export const RemoveDaysOffMutation = graphql(`
  mutation RemoveDaysOff($input: RemoveDaysOffInput!) {
    removeDaysOff(input: $input) {
      removedDates
    }
  }
`);
