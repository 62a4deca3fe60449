import { graphql } from './graphql.ts';

/** The operator dashboard (/ops): the funnel over a range of UTC days; needs the operator key in `X-Admin-Key`. */
export const FunnelQuery = graphql(`
  query Funnel($from: String!, $to: String!) {
    funnel(from: $from, to: $to) {
      from
      to
      days {
        date
        stages {
          stage
          count
        }
        registrationsStarted
        onboardingsFinished
        registrationsCompleted
        clientBookings
        masterBookings
        partnerPulls
      }
      stageTotals {
        stage
        count
      }
    }
  }
`);
