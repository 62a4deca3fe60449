import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.js';
import type { BookingActor, BookingSource, BookingStatus } from '../../generated/prisma/client.js';
import { localDateOf, toLocalIso } from '../../time/zoned-time.js';
import '../catalog/catalog.types.js';
import '../master/master.types.js';

export const BookingStatusEnum = builder.enumType('BookingStatus', {
  values: ['CONFIRMED', 'COMPLETED', 'NO_SHOW', 'CANCELLED'] as const satisfies readonly BookingStatus[],
});

export const BookingSourceEnum = builder.enumType('BookingSource', {
  values: ['CLIENT', 'MASTER'] as const satisfies readonly BookingSource[],
  description: 'Who made the booking: a client in the app, or the master by hand.',
});

export const BookingActorEnum = builder.enumType('BookingActor', {
  values: ['CLIENT', 'MASTER', 'SYSTEM'] as const satisfies readonly BookingActor[],
});

export const BookingOutcomeEnum = builder.enumType('BookingOutcome', {
  values: ['COMPLETED', 'NO_SHOW'] as const satisfies readonly BookingStatus[],
  description: 'How a booking that has started turned out.',
});

/** Calendar entries are shown in their master's time zone, which every active master has. */
export function zoneOf(entry: { master: { timeZone: string | null } }): string {
  if (!entry.master.timeZone) throw new Error('A calendar entry of a master without a time zone.');
  return entry.master.timeZone;
}

export const withZone = { master: { select: { timeZone: true } } } as const;

/** A booking as its master sees it: the client's contact details included. */
export const BookingRef = builder.prismaObject('Booking', {
  fields: (t) => ({
    durationMinutes: t.int({
      resolve: (booking) => Math.round((booking.endsAt.getTime() - booking.startsAt.getTime()) / 60_000),
    }),
    status: t.expose('status', { type: BookingStatusEnum }),
    source: t.expose('source', { type: BookingSourceEnum }),
    clientName: t.exposeString('clientName', { nullable: true }),
    clientPhone: t.exposeString('clientPhone', { nullable: true, description: 'E.164.' }),
    comment: t.exposeString('comment', { nullable: true }),
    service: t.relation('service', { nullable: true }),
    masterService: t.relation('masterService', {
      nullable: true,
      description: 'The offer as it is now; price and duration at booking time are on the booking itself.',
    }),
    priceMinor: t.exposeInt('priceMinor', { nullable: true, description: 'Price when booked, in minor units (kopecks).' }),
    currency: t.exposeString('currency', { nullable: true }),
    clientConfirmedAt: t.expose('clientConfirmedAt', {
      type: 'DateTime',
      nullable: true,
      description: "When the client confirmed they will come (the reminder's Confirm button); null until then.",
    }),
    cancelledAt: t.expose('cancelledAt', { type: 'DateTime', nullable: true }),
    cancelledBy: t.expose('cancelledBy', { type: BookingActorEnum, nullable: true }),
    cancellationReason: t.exposeString('cancellationReason', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

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

/**
 * The when of a booking, the same for the master and the client: its global id, UTC times,
 * and the master's wall clock (the only clock a booking is shown in).
 */
export function addBookingTimeFields(ref: typeof BookingRef) {
  builder.prismaObjectFields(ref, (t) => ({
    id: t.id({ resolve: (booking) => encodeGlobalID('Booking', booking.id) }),
    startsAt: t.expose('startsAt', { type: 'DateTime' }),
    endsAt: t.expose('endsAt', { type: 'DateTime' }),
    localStart: t.string({
      description: "Start in the master's time zone, ISO 8601 with its offset: 2030-03-31T10:00:00+02:00.",
      select: withZone,
      resolve: (booking) => toLocalIso(booking.startsAt, zoneOf(booking)),
    }),
    localEnd: t.string({
      description: "End in the master's time zone, ISO 8601 with its offset.",
      select: withZone,
      resolve: (booking) => toLocalIso(booking.endsAt, zoneOf(booking)),
    }),
    localDate: t.string({
      description: "The day the booking starts on in the master's time zone, YYYY-MM-DD.",
      select: withZone,
      resolve: (booking) => localDateOf(booking.startsAt, zoneOf(booking)),
    }),
  }));
}

addBookingTimeFields(BookingRef);
