import { graphql } from './graphql.ts';

export const CitiesQuery = graphql(`
  query Cities($first: Int) {
    cities(first: $first) {
      edges {
        node {
          id
          name
          slug
          timeZone
        }
      }
    }
  }
`);

export const ServicesQuery = graphql(`
  query Services($first: Int, $category: String) {
    services(first: $first, category: $category) {
      edges {
        node {
          id
          name
          slug
          category
          defaultDurationMinutes
        }
      }
    }
  }
`);
