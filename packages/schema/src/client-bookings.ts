import { ClientBookingFragment } from './client.ts';
import { graphql, type ResultOf } from './graphql.ts';
import { ReviewFragment } from './review.ts';

/** The caller's bookings: confirmed ones still to come, soonest first; the rest, latest first; each with the caller's review. */
export const ClientBookingsQuery = graphql(
  `
    query ClientBookings($first: Int) {
      clientProfile {
        id
        upcomingBookings(first: $first) {
          edges {
            node {
              ...ClientBookingFields
              reviewableUntil
              review {
                ...ReviewFields
              }
            }
          }
        }
        pastBookings(first: $first) {
          edges {
            node {
              ...ClientBookingFields
              reviewableUntil
              review {
                ...ReviewFields
              }
            }
          }
        }
      }
    }
  `,
  [ClientBookingFragment, ReviewFragment],
);

/** A booking in the caller's list: as `ClientBookingFragment`, with the review and until when one may be left. */
export type ListedClientBooking = ResultOf<typeof ClientBookingsQuery>['clientProfile']['upcomingBookings']['edges'][number]['node'];
