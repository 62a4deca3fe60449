export { graphql, readFragment } from './graphql.ts';
export type { FragmentOf, ResultOf, VariablesOf } from './graphql.ts';
export { MeQuery } from './viewer.ts';
export { CitiesQuery, ServicesQuery } from './catalog.ts';
