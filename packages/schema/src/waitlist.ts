import { ClientBookingFragment } from './client.ts';
import { graphql, type ResultOf } from './graphql.ts';

export const WaitlistEntryFragment = graphql(`
  fragment WaitlistEntryFields on WaitlistEntry @_unmask {
    id
    masterId
    masterName
    masterServiceId
    serviceName
    dates
    until
    timeZone
    createdAt
    offer {
      id
      startsAt
      endsAt
      localDate
      localStart
      timeZone
      expiresAt
    }
  }
`);

/** A waitlist the caller is on, with the time it holds for them, if any. */
export type WaitlistEntry = ResultOf<typeof WaitlistEntryFragment>;

/** The waitlists the caller is on, the soonest wish first. */
export const ClientWaitlistQuery = graphql(
  `
    query ClientWaitlist {
      clientProfile {
        id
        waitlist {
          ...WaitlistEntryFields
        }
      }
    }
  `,
  [WaitlistEntryFragment],
);

export const JoinWaitlistMutation = graphql(
  `
    mutation JoinWaitlist($input: JoinWaitlistInput!) {
      joinWaitlist(input: $input) {
        ...WaitlistEntryFields
      }
    }
  `,
  [WaitlistEntryFragment],
);

export const LeaveWaitlistMutation = graphql(`
  mutation LeaveWaitlist($input: LeaveWaitlistInput!) {
    leaveWaitlist(input: $input) {
      entryId
    }
  }
`);

/** Books the time an offer holds; the answer is the booking, as in the caller's list. */
export const ClaimWaitlistOfferMutation = graphql(
  `
    mutation ClaimWaitlistOffer($input: ClaimWaitlistOfferInput!) {
      claimWaitlistOffer(input: $input) {
        ...ClientBookingFields
      }
    }
  `,
  [ClientBookingFragment],
);
