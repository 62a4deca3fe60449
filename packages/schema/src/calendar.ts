import { graphql, type ResultOf } from './graphql.ts';

export const CalendarBookingFragment = graphql(`
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
  }
`);

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
