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
          currency
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

/** The catalogue services masters of a city offer, with how many masters: what a search there can find. */
export const ServicesInCityQuery = graphql(`
  query ServicesInCity($cityId: ID!) {
    servicesInCity(cityId: $cityId) {
      mastersCount
      service {
        id
        name
        slug
        category
      }
    }
  }
`);
