import { graphql, type ResultOf } from './graphql.ts';
import { PhotoFragment } from './media.ts';
import { ReviewFragment } from './review.ts';

/**
 * A master's public page: who, where, in which zone, what they offer, their work, their rating
 * and the latest reviews (the rest a page at a time with `MasterPageReviewsQuery`).
 */
export const PublicMasterQuery = graphql(
  `
  query PublicMaster($id: ID!) {
    master(id: $id) {
      id
      displayName
      about
      address
      addressVisibility
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
      photos(first: 12) {
        edges {
          node {
            ...PhotoFields
          }
        }
      }
      reviews(first: 3) {
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
      city {
        id
        name
        timeZone
        currency
      }
      services {
        id
        name
        description
        price {
          amountMinor
          currency
        }
        durationMinutes
        service {
          id
          name
          category
        }
      }
    }
  }
`,
  [PhotoFragment, ReviewFragment],
);

export type PublicMaster = NonNullable<ResultOf<typeof PublicMasterQuery>['master']>;
