import { graphql, type ResultOf } from './graphql.ts';

/** A move of a booking to another time, on the master's clock, and who made it. */
export const BookingMoveFragment = graphql(`
  fragment BookingMoveFields on BookingMove @_unmask {
    id
    movedAt
    movedBy
    fromStartsAt
    fromLocalStart
    toStartsAt
    toLocalStart
  }
`);

export type BookingMove = ResultOf<typeof BookingMoveFragment>;
