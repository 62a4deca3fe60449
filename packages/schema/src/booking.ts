import { ClientBookingFragment } from './client.ts';
import { graphql, type ResultOf } from './graphql.ts';

/** Free starts of one of a master's services in [from, to); with `reschedulingBookingId`, the starts a booking of the caller's may move to. */
export const AvailableSlotsQuery = graphql(`
  query AvailableSlots($masterId: ID!, $masterServiceId: ID!, $from: DateTime!, $to: DateTime!, $reschedulingBookingId: ID) {
    availableSlots(
      masterId: $masterId
      masterServiceId: $masterServiceId
      from: $from
      to: $to
      reschedulingBookingId: $reschedulingBookingId
    ) {
      startsAt
      localStart
      localDate
    }
  }
`);

export type AvailableSlot = ResultOf<typeof AvailableSlotsQuery>['availableSlots'][number];

export const CreateBookingMutation = graphql(
  `
    mutation CreateBooking($input: CreateBookingInput!) {
      createBooking(input: $input) {
        ...ClientBookingFields
      }
    }
  `,
  [ClientBookingFragment],
);

/** Masters in a city offering a catalogue service, each with their avatar, rating, services of it, the lowest price and the next free start. */
export const SearchMastersQuery = graphql(`
  query SearchMasters($filter: SearchMastersFilter!, $first: Int, $after: String) {
    searchMasters(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          displayName
          address
          area
          timeZone
          avatar {
            id
            thumbUrl: url(size: THUMB)
          }
          rating {
            average
            count
          }
        }
        offers {
          id
          name
          price {
            amountMinor
            currency
          }
          durationMinutes
        }
        priceFrom {
          amountMinor
          currency
        }
        nextFreeSlot {
          startsAt
          localStart
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export type MasterSearchResult = ResultOf<typeof SearchMastersQuery>['searchMasters']['edges'][number];
