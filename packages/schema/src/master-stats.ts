import { graphql, type ResultOf } from './graphql.ts';

export const MasterStatsQuery = graphql(`
  query MasterStats($from: String!, $to: String!) {
    masterStats(from: $from, to: $to) {
      from
      to
      timeZone
      currency
      bookings
      completed
      noShows
      cancelled
      lateCancellations
      revenue {
        amountMinor
        currency
      }
      workingMinutes
      bookedMinutes
      utilisation
      noShowRate
      lateCancellationRate
      newClients
      returningClients
      days {
        date
        bookings
        completed
        revenue {
          amountMinor
          currency
        }
      }
      topServices {
        masterServiceId
        name
        bookings
        revenue {
          amountMinor
          currency
        }
      }
      weekdays {
        weekday
        bookings
      }
      hours {
        hour
        bookings
      }
    }
  }
`);

export type MasterStats = ResultOf<typeof MasterStatsQuery>['masterStats'];
