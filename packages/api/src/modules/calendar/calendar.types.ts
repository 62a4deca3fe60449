import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { localDateFromDb, localDateOf, localDateToDb, toLocalIso } from '../../time/zoned-time.js';
import { BookingRef, withZone, zoneOf } from '../booking/booking.types.js';
import { MasterProfileRef } from '../master/master.types.js';
import { bookingsStartingOn, type DaysRange, rangeInUtc, upcomingDaysOff, upcomingDaysOffInUtc } from './calendar.service.js';

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

/** A whole local day the master does not work. */
export const DayOffRef = builder.prismaObject('DayOff', {
  fields: (t) => ({
    id: t.id({ resolve: (day) => encodeGlobalID('DayOff', day.id) }),
    date: t.string({ description: "YYYY-MM-DD in the master's time zone.", resolve: (day) => localDateFromDb(day.date) }),
    note: t.exposeString('reason', { nullable: true, description: 'The master’s own note; clients never see it.' }),
  }),
});

const BOOKINGS_IN_ORDER = [{ startsAt: 'asc' }, { id: 'asc' }] satisfies Prisma.BookingOrderByWithRelationInput[];

builder.prismaObjectFields(MasterProfileRef, (t) => ({
  daysOff: t.field({
    type: [DayOffRef],
    description: 'Your days off from today (in your time zone) on, in order, with your notes.',
    resolve: (master, _args, context) => (master.timeZone ? upcomingDaysOff(context.prisma, master.id, master.timeZone) : []),
  }),
  bookingsOnDaysOff: t.prismaField({
    type: [BookingRef],
    description:
      'Confirmed bookings still to come on your upcoming days off, by start: move them (`rescheduleBooking`) or cancel ' +
      'them with a message (`cancelBooking` with a reason); their clients are told through the bot either way.',
    resolve: async (query, master, _args, context) => {
      const days = master.timeZone ? await upcomingDaysOffInUtc(context.prisma, master.id, master.timeZone) : [];
      // Asked even without days off (an empty OR matches nothing): the plugin requires the query, with the
      // relations selected under it, to be used.
      return context.prisma.booking.findMany({ ...query, where: bookingsStartingOn(master.id, days), orderBy: BOOKINGS_IN_ORDER });
    },
  }),
}));

export interface AddedDaysOff extends DaysRange {
  masterId: string;
  timeZone: string;
}

export const AddDaysOffPayloadRef = builder.objectRef<AddedDaysOff>('AddDaysOffPayload').implement({
  fields: (t) => ({
    daysOff: t.prismaField({
      type: [DayOffRef],
      description: 'Every day off of the range, in order.',
      resolve: (query, added, _args, context) =>
        context.prisma.dayOff.findMany({
          ...query,
          where: { masterId: added.masterId, date: { gte: localDateToDb(added.from), lte: localDateToDb(added.to) } },
          orderBy: { date: 'asc' },
        }),
    }),
    bookings: t.prismaField({
      type: [BookingRef],
      description:
        'Confirmed bookings still to come on these days, by start: they stay until you move them (`rescheduleBooking`) ' +
        'or cancel them with a message (`cancelBooking` with a reason).',
      resolve: (query, added, _args, context) =>
        context.prisma.booking.findMany({
          ...query,
          where: bookingsStartingOn(added.masterId, [rangeInUtc(added, added.timeZone)]),
          orderBy: BOOKINGS_IN_ORDER,
        }),
    }),
  }),
});

export const RemoveDaysOffPayloadRef = builder.objectRef<{ removedDates: string[] }>('RemoveDaysOffPayload').implement({
  fields: (t) => ({
    removedDates: t.exposeStringList('removedDates', { description: 'The days that were days off and are working days again, in order.' }),
  }),
});
