import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.js';
import type { BookingActor, BookingSource, BookingStatus, Prisma } from '../../generated/prisma/client.js';
import { localDateOf, toLocalIso } from '../../time/zoned-time.js';
import '../catalog/catalog.types.js';
import { MoneyRef, moneyOf } from '../catalog/money.types.js';
import { ClientProfileRef } from '../client/client.types.js';
import '../master/master.types.js';
import { bookingCalendarPath } from './booking-calendar.js';
import { type ClientReliability, clientReliabilityLoader } from './client-reliability.js';
import type { AvailableSlot } from './slots.service.js';

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

/** One move of a booking: from which time and service to which, by whom, when. */
export const BookingMoveRef = builder.prismaObject('BookingMove', {
  description: 'A move of a booking to another time (and maybe another of the master’s services). The booking keeps its id.',
  fields: (t) => ({
    id: t.id({ resolve: (move) => encodeGlobalID('BookingMove', move.id) }),
    fromStartsAt: t.expose('fromStartsAt', { type: 'DateTime' }),
    fromEndsAt: t.expose('fromEndsAt', { type: 'DateTime' }),
    toStartsAt: t.expose('toStartsAt', { type: 'DateTime' }),
    toEndsAt: t.expose('toEndsAt', { type: 'DateTime' }),
    fromLocalStart: t.string({
      description: "The old start in the master's time zone, ISO 8601 with its offset.",
      select: { booking: { select: withZone } },
      resolve: (move) => toLocalIso(move.fromStartsAt, zoneOf(move.booking)),
    }),
    toLocalStart: t.string({
      description: "The new start in the master's time zone, ISO 8601 with its offset.",
      select: { booking: { select: withZone } },
      resolve: (move) => toLocalIso(move.toStartsAt, zoneOf(move.booking)),
    }),
    fromMasterService: t.relation('fromMasterService', { nullable: true, description: 'The service before the move.' }),
    toMasterService: t.relation('toMasterService', {
      nullable: true,
      description: 'The service after the move: another one when the move changed it.',
    }),
    movedBy: t.expose('movedBy', { type: BookingActorEnum, description: 'CLIENT or MASTER.' }),
    movedAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const ClientReliabilityRef = builder.objectRef<ClientReliability>('ClientReliability').implement({
  description:
    "How a booking's client has kept their other bookings with you (with you only) that started before this one. " +
    'A cancellation is late when the client made it within 24 hours before the start.',
  fields: (t) => ({
    visitsKept: t.exposeInt('visitsKept', { description: 'Visits that took place (completed).' }),
    lateCancellations: t.exposeInt('lateCancellations', { description: 'Cancelled by the client within 24 hours before the start.' }),
    noShows: t.exposeInt('noShows', { description: 'Marked as no-show.' }),
    released: t.exposeInt('released', { description: 'Released by the system: not confirmed in time.' }),
  }),
});

/** Every booking's history of moves, oldest first; a booking is moved a few times at most. */
const movesInOrder = { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } as const satisfies Prisma.Booking$movesArgs;

/**
 * The time an unconfirmed booking is released, while that is still ahead: confirmed (by status),
 * not confirmed by the client yet, and its master still requires confirmation.
 */
const releaseSelect = {
  releaseAt: true,
  clientConfirmedAt: true,
  status: true,
  master: { select: { slotSettings: { select: { requireConfirmation: true } } } },
} as const;

function releasesAt(booking: Prisma.BookingGetPayload<{ select: typeof releaseSelect }>): Date | null {
  const { releaseAt } = booking;
  const awaited = booking.status === 'CONFIRMED' && !booking.clientConfirmedAt && booking.master.slotSettings?.requireConfirmation;
  return awaited && releaseAt && releaseAt > new Date() ? releaseAt : null;
}

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
    price: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'The price when it was booked.',
      select: { priceMinor: true, currency: true },
      resolve: moneyOf,
    }),
    clientConfirmedAt: t.expose('clientConfirmedAt', {
      type: 'DateTime',
      nullable: true,
      description: "When the client confirmed they will come (the reminder's Confirm button); null until then, and again after a move.",
    }),
    releasesAt: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'While you require confirmation: when this booking is released (cancelled, both sides told) unless its client ' +
        "confirms through the 24 h reminder's button first. Null when nothing is awaited: confirmed, not a client's " +
        'booking, made too late for the reminder, or the client does not get Telegram messages.',
      select: releaseSelect,
      resolve: releasesAt,
    }),
    moves: t.relation('moves', { description: 'Its moves to other times, oldest first.', query: movesInOrder }),
    clientReliability: t.field({
      type: ClientReliabilityRef,
      nullable: true,
      description:
        "How this booking's client kept their earlier bookings with you. Only for the booking's master; null for a " +
        'booking without a client (entered by hand, or erased).',
      resolve: async (booking, _args, context) => {
        if (!booking.clientId || (await context.currentMaster())?.id !== booking.masterId) return null;
        return clientReliabilityLoader(context).load(booking.id);
      },
    }),
    cancelledAt: t.expose('cancelledAt', { type: 'DateTime', nullable: true }),
    cancelledBy: t.expose('cancelledBy', { type: BookingActorEnum, nullable: true }),
    cancellationReason: t.exposeString('cancellationReason', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
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

/** What the master and the client both read of a booking's service. */
function addBookingServiceName(ref: typeof BookingRef) {
  builder.prismaObjectFields(ref, (t) => ({
    serviceName: t.string({
      nullable: true,
      description: "The service as the master names it now (their own name, or the catalogue's in the caller's language).",
      select: { masterService: { select: { name: true } }, service: { select: { nameRu: true, nameEn: true } } },
      resolve: (booking, _args, context) =>
        booking.masterService?.name ??
        (booking.service ? (context.locale === 'EN' ? booking.service.nameEn : booking.service.nameRu) : null),
    }),
  }));
}

addBookingServiceName(BookingRef);

interface MapLinks {
  yandex: string;
  twoGis: string;
  google: string;
}

/** Searches for an address on the maps people use in our markets, by text (no API key). */
function mapLinks(query: string): MapLinks {
  const text = encodeURIComponent(query);
  return {
    yandex: `https://yandex.ru/maps/?text=${text}`,
    twoGis: `https://2gis.ru/search/${text}`,
    google: `https://www.google.com/maps/search/?api=1&query=${text}`,
  };
}

const MapLinksRef = builder.objectRef<MapLinks>('MapLinks').implement({
  description: 'The address searched on Yandex Maps, 2GIS and Google Maps.',
  fields: (t) => ({
    yandex: t.exposeString('yandex'),
    twoGis: t.exposeString('twoGis'),
    google: t.exposeString('google'),
  }),
});

/**
 * A booking as its client sees it: where and when, with whom, and the contact details the
 * client gave for it. Nothing about other clients, nothing the master keeps for themselves.
 */
export const ClientBookingRef = builder.prismaObject('Booking', {
  variant: 'ClientBooking',
  fields: (t) => ({
    timeZone: t.string({
      description: "The master's IANA time zone.",
      select: withZone,
      resolve: (booking) => zoneOf(booking),
    }),
    status: t.expose('status', { type: BookingStatusEnum }),
    masterId: t.id({
      description: 'Global id of the master, for their public page.',
      resolve: (booking) => encodeGlobalID('Master', booking.masterId),
    }),
    masterName: t.string({
      select: { master: { select: { displayName: true } } },
      resolve: (booking) => booking.master.displayName,
    }),
    address: t.string({
      nullable: true,
      description: "The master's full address as it is now: the client has booked, so it is theirs to see.",
      select: { master: { select: { address: true } } },
      resolve: (booking) => booking.master.address,
    }),
    mapLinks: t.field({
      type: MapLinksRef,
      nullable: true,
      description: "The address searched on maps (no map service's key needed); null when there is no address.",
      select: { master: { select: { address: true, city: { select: { nameRu: true, nameEn: true } } } } },
      resolve: (booking, _args, context) => {
        const { address, city } = booking.master;
        if (!address) return null;
        return mapLinks([address, city && (context.locale === 'EN' ? city.nameEn : city.nameRu)].filter(Boolean).join(', '));
      },
    }),
    calendarPath: t.string({
      description:
        "The booking's calendar file (.ics), for the phone's calendar: a path on this API (add its origin) that works " +
        'without the app, for this booking only. Add `&lang=en` for English.',
      resolve: (booking, _args, context) => bookingCalendarPath(context.otpSecret, booking.id),
    }),
    masterTelegramUrl: t.string({
      nullable: true,
      description: 'A link to write to the master in Telegram, when the master allows it and has a username.',
      select: { master: { select: { telegramContactAllowed: true, user: { select: { username: true } } } } },
      resolve: (booking) => {
        const { telegramContactAllowed, user } = booking.master;
        return telegramContactAllowed && user.username ? `https://t.me/${encodeURIComponent(user.username)}` : null;
      },
    }),
    service: t.relation('service', { nullable: true }),
    masterServiceId: t.id({
      nullable: true,
      description:
        "The master's service it was booked for (a `MasterService` id, as `availableSlots` takes it): to book it again " +
        'or find a new time for it. Null for a booking from before own services were kept.',
      select: { masterServiceId: true },
      resolve: (booking) => (booking.masterServiceId ? encodeGlobalID('MasterService', booking.masterServiceId) : null),
    }),
    price: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'The price when it was booked.',
      select: { priceMinor: true, currency: true },
      resolve: moneyOf,
    }),
    clientName: t.exposeString('clientName', { nullable: true, description: 'The name given for this booking.' }),
    clientPhone: t.exposeString('clientPhone', { nullable: true, description: 'The phone given for this booking, E.164.' }),
    comment: t.exposeString('comment', { nullable: true, description: 'The comment left for the master.' }),
    cancellableUntil: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        "Until when you may cancel or move it yourself: the start minus the master's cancellation cutoff. Null unless it " +
        'is confirmed. After it, `cancelBooking` and `rescheduleBooking` answer BAD_USER_INPUT with `extensions.reason` ' +
        'CANCELLATION_CUTOFF.',
      select: { master: { select: { slotSettings: { select: { cancellationCutoffMinutes: true } } } } },
      resolve: (booking) =>
        booking.status === 'CONFIRMED'
          ? new Date(booking.startsAt.getTime() - (booking.master.slotSettings?.cancellationCutoffMinutes ?? 0) * 60_000)
          : null,
    }),
    releasesAt: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'The master requires confirmation: press «Приду» in the 24 h reminder before this time, or the booking is ' +
        'released (cancelled). Null when nothing is awaited.',
      select: releaseSelect,
      resolve: releasesAt,
    }),
    moves: t.relation('moves', { description: 'Its moves to other times, oldest first.', query: movesInOrder }),
    cancelledAt: t.expose('cancelledAt', { type: 'DateTime', nullable: true }),
    cancelledBy: t.expose('cancelledBy', { type: BookingActorEnum, nullable: true }),
    cancellationReason: t.exposeString('cancellationReason', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

addBookingTimeFields(ClientBookingRef);
addBookingServiceName(ClientBookingRef);

/** Bookings still to come: not cancelled or closed, and not over yet. Soonest first. */
function upcomingBookingsWhere(now: Date): Prisma.BookingWhereInput {
  return { status: 'CONFIRMED', endsAt: { gt: now } };
}

/** Everything else: over, cancelled, completed or missed. Latest first. */
function pastBookingsWhere(now: Date): Prisma.BookingWhereInput {
  return { OR: [{ status: { not: 'CONFIRMED' } }, { endsAt: { lte: now } }] };
}

const MAX_BOOKINGS_PAGE = 50;

/** The client's own bookings, on their profile. */
builder.prismaObjectFields(ClientProfileRef, (t) => ({
  upcomingBookings: t.relatedConnection('bookings', {
    type: ClientBookingRef,
    cursor: 'id',
    defaultSize: 20,
    maxSize: MAX_BOOKINGS_PAGE,
    description: 'Confirmed bookings that are not over yet, soonest first.',
    query: () => ({ where: upcomingBookingsWhere(new Date()), orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] }),
  }),
  pastBookings: t.relatedConnection('bookings', {
    type: ClientBookingRef,
    cursor: 'id',
    defaultSize: 20,
    maxSize: MAX_BOOKINGS_PAGE,
    description: 'Bookings that are over, cancelled, completed or missed, latest first.',
    query: () => ({ where: pastBookingsWhere(new Date()), orderBy: [{ startsAt: 'desc' }, { id: 'desc' }] }),
  }),
}));

/** A time a client may book one service of a master at. */
export const AvailableSlotRef = builder.objectRef<AvailableSlot>('AvailableSlot').implement({
  description: 'A free start time for one service of a master.',
  fields: (t) => ({
    startsAt: t.expose('startsAt', { type: 'DateTime' }),
    endsAt: t.expose('endsAt', { type: 'DateTime', description: "The start plus the service's duration." }),
    localStart: t.string({
      description: "Start in the master's time zone, ISO 8601 with its offset: 2030-03-31T10:00:00+02:00.",
      resolve: (slot) => toLocalIso(slot.startsAt, slot.timeZone),
    }),
    localDate: t.string({
      description: "The master's local date of the start, YYYY-MM-DD.",
      resolve: (slot) => localDateOf(slot.startsAt, slot.timeZone),
    }),
  }),
});
