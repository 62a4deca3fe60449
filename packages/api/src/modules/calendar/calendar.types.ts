import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.js';
import { localDateOf, toLocalIso } from '../../time/zoned-time.js';
import { BookingRef, withZone, zoneOf } from '../booking/booking.types.js';

/** Time the master took out of their working hours by hand. */
export const TimeBlockRef = builder.prismaObject('TimeBlock', {
  fields: (t) => ({
    id: t.id({ resolve: (block) => encodeGlobalID('TimeBlock', block.id) }),
    startsAt: t.expose('startsAt', { type: 'DateTime' }),
    endsAt: t.expose('endsAt', { type: 'DateTime' }),
    localStart: t.string({
      description: "Start in the master's time zone, ISO 8601 with its offset.",
      select: withZone,
      resolve: (block) => toLocalIso(block.startsAt, zoneOf(block)),
    }),
    localEnd: t.string({
      description: "End in the master's time zone, ISO 8601 with its offset.",
      select: withZone,
      resolve: (block) => toLocalIso(block.endsAt, zoneOf(block)),
    }),
    localDate: t.string({
      description: "The day the block starts on in the master's time zone, YYYY-MM-DD.",
      select: withZone,
      resolve: (block) => localDateOf(block.startsAt, zoneOf(block)),
    }),
    reason: t.exposeString('reason', { nullable: true }),
  }),
});

export interface CalendarRange {
  masterId: string;
  timeZone: string;
  from: Date;
  to: Date;
  includeCancelled: boolean;
}

/** Everything in the master's calendar that overlaps [from, to). */
export const MasterCalendarRef = builder.objectRef<CalendarRange>('MasterCalendar').implement({
  fields: (t) => ({
    timeZone: t.exposeString('timeZone', { description: "The master's IANA time zone; local times are in it." }),
    from: t.expose('from', { type: 'DateTime' }),
    to: t.expose('to', { type: 'DateTime' }),
    bookings: t.prismaField({
      type: [BookingRef],
      description: 'Bookings overlapping the range, by start time.',
      resolve: (query, range, _args, context) =>
        context.prisma.booking.findMany({
          ...query,
          where: {
            masterId: range.masterId,
            startsAt: { lt: range.to },
            endsAt: { gt: range.from },
            ...(range.includeCancelled ? {} : { status: { not: 'CANCELLED' } }),
          },
          orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
        }),
    }),
    timeBlocks: t.prismaField({
      type: [TimeBlockRef],
      description: 'Blocked time overlapping the range, by start time.',
      resolve: (query, range, _args, context) =>
        context.prisma.timeBlock.findMany({
          ...query,
          where: { masterId: range.masterId, startsAt: { lt: range.to }, endsAt: { gt: range.from } },
          orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
        }),
    }),
  }),
});
