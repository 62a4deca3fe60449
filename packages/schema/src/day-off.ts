import { graphql, type ResultOf } from './graphql.ts';

/** One of the master's days off, with their private note. */
export const DayOffFragment = graphql(`
  fragment DayOffFields on DayOff @_unmask {
    id
    date
    note
  }
`);

export type DayOff = ResultOf<typeof DayOffFragment>;
