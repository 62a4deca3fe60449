import { graphql, type ResultOf } from './graphql.ts';

/** A published review as a master's page shows it, with the master's reply. */
export const ReviewFragment = graphql(`
  fragment ReviewFields on Review @_unmask {
    id
    authorName
    createdAt
    rating
    text
    reply
    repliedAt
  }
`);

export type Review = ResultOf<typeof ReviewFragment>;

/** A master's published reviews, latest first, a page at a time: "more" on the master's page. */
export const MasterPageReviewsQuery = graphql(
  `
    query MasterPageReviews($id: ID!, $first: Int, $after: String) {
      master(id: $id) {
        id
        reviews(first: $first, after: $after) {
          edges {
            node {
              ...ReviewFields
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  `,
  [ReviewFragment],
);

/** The client reviews a completed visit of theirs: stars, and a text if they like. */
export const LeaveReviewMutation = graphql(
  `
    mutation LeaveReview($input: LeaveReviewInput!) {
      leaveReview(input: $input) {
        ...ReviewFields
      }
    }
  `,
  [ReviewFragment],
);

/** The text of a review left with stars alone (the bot's buttons), once. */
export const AddReviewTextMutation = graphql(
  `
    mutation AddReviewText($input: AddReviewTextInput!) {
      addReviewText(input: $input) {
        ...ReviewFields
      }
    }
  `,
  [ReviewFragment],
);

/** A review of the master's visit as the master sees it: where it stands, the visit, the reply and any report. */
export const ReceivedReviewFragment = graphql(`
  fragment ReceivedReviewFields on MasterReview @_unmask {
    id
    authorName
    createdAt
    rating
    text
    reply
    repliedAt
    status
    reportedAt
    reportReason
    decidedAt
    booking {
      id
      localStart
      serviceName
    }
  }
`);

export type ReceivedReview = ResultOf<typeof ReceivedReviewFragment>;

/** The master's rating and every review of their visits, latest first, a page at a time. */
export const ReceivedReviewsQuery = graphql(
  `
    query ReceivedReviews($first: Int, $after: String) {
      masterProfile {
        id
        rating {
          average
          count
        }
        reviews(first: $first, after: $after) {
          edges {
            node {
              ...ReceivedReviewFields
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  `,
  [ReceivedReviewFragment],
);

export const ReplyToReviewMutation = graphql(
  `
    mutation ReplyToReview($input: ReplyToReviewInput!) {
      replyToReview(input: $input) {
        ...ReceivedReviewFields
      }
    }
  `,
  [ReceivedReviewFragment],
);

export const ReportReviewMutation = graphql(
  `
    mutation ReportReview($input: ReportReviewInput!) {
      reportReview(input: $input) {
        ...ReceivedReviewFields
      }
    }
  `,
  [ReceivedReviewFragment],
);
