import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.js';
import type { ConsentKind, ContactChannel, Prisma } from '../../generated/prisma/client.js';
import { addBookingTimeFields, BookingActorEnum, BookingStatusEnum, withZone, zoneOf } from '../calendar/calendar.types.js';
import '../catalog/catalog.types.js';

export const ContactChannelEnum = builder.enumType('ContactChannel', {
  values: ['TELEGRAM', 'PHONE', 'WHATSAPP', 'SMS'] as const satisfies readonly ContactChannel[],
  description: 'How a client prefers to be contacted about bookings.',
});

export const ConsentKindEnum = builder.enumType('ConsentKind', {
  values: ['SHARE_CONTACT_WITH_PARTNERS'] as const satisfies readonly ConsentKind[],
});

/** A consent as the client gave it; a withdrawn one stays for the record. */
export const ClientConsentRef = builder.prismaObject('ClientConsent', {
  fields: (t) => ({
    kind: t.expose('kind', { type: ConsentKindEnum }),
    textVersion: t.exposeString('textVersion', { description: 'The version of the consent text agreed to.' }),
    grantedAt: t.expose('grantedAt', { type: 'DateTime' }),
    withdrawnAt: t.expose('withdrawnAt', { type: 'DateTime', nullable: true }),
    active: t.boolean({ resolve: (consent) => consent.withdrawnAt === null }),
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
      description: "The master's address as it is now.",
      select: { master: { select: { address: true } } },
      resolve: (booking) => booking.master.address,
    }),
    service: t.relation('service', { nullable: true }),
    priceMinor: t.exposeInt('priceMinor', { nullable: true, description: 'Price when booked, in minor units (kopecks).' }),
    currency: t.exposeString('currency', { nullable: true }),
    clientName: t.exposeString('clientName', { nullable: true, description: 'The name given for this booking.' }),
    clientPhone: t.exposeString('clientPhone', { nullable: true, description: 'The phone given for this booking, E.164.' }),
    comment: t.exposeString('comment', { nullable: true, description: 'The comment left for the master.' }),
    cancellableUntil: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        "Until when you may cancel it yourself: the start minus the master's cancellation cutoff. Null unless it is " +
        'confirmed. After it, `cancelBooking` answers BAD_USER_INPUT with `extensions.reason` CANCELLATION_CUTOFF.',
      select: { master: { select: { slotSettings: { select: { cancellationCutoffMinutes: true } } } } },
      resolve: (booking) =>
        booking.status === 'CONFIRMED'
          ? new Date(booking.startsAt.getTime() - (booking.master.slotSettings?.cancellationCutoffMinutes ?? 0) * 60_000)
          : null,
    }),
    cancelledAt: t.expose('cancelledAt', { type: 'DateTime', nullable: true }),
    cancelledBy: t.expose('cancelledBy', { type: BookingActorEnum, nullable: true }),
    cancellationReason: t.exposeString('cancellationReason', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

addBookingTimeFields(ClientBookingRef);

/** Bookings still to come: not cancelled or closed, and not over yet. Soonest first. */
export function upcomingBookingsWhere(now: Date): Prisma.BookingWhereInput {
  return { status: 'CONFIRMED', endsAt: { gt: now } };
}

/** Everything else: over, cancelled, completed or missed. Latest first. */
export function pastBookingsWhere(now: Date): Prisma.BookingWhereInput {
  return { OR: [{ status: { not: 'CONFIRMED' } }, { endsAt: { lte: now } }] };
}

const MAX_BOOKINGS_PAGE = 50;

/** The caller's own client profile. Not a Node: it is reachable only as `clientProfile`. */
export const ClientProfileRef = builder.prismaObject('Client', {
  variant: 'ClientProfile',
  fields: (t) => ({
    id: t.id({ resolve: (client) => encodeGlobalID('Client', client.id) }),
    firstName: t.exposeString('firstName', { nullable: true }),
    lastName: t.exposeString('lastName', { nullable: true }),
    username: t.exposeString('username', { nullable: true, description: 'Telegram username, without @.' }),
    languageCode: t.exposeString('languageCode', { nullable: true }),
    phone: t.exposeString('phone', { nullable: true, description: 'E.164.' }),
    preferredChannels: t.expose('preferredChannels', { type: [ContactChannelEnum] }),
    lastSeenAt: t.expose('lastSeenAt', { type: 'DateTime' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    consents: t.relation('consents', {
      description: 'Consents in force now.',
      query: { where: { withdrawnAt: null }, orderBy: [{ grantedAt: 'desc' }, { id: 'asc' }] },
    }),
    consentHistory: t.relation('consents', {
      description: 'Every consent given, withdrawn ones included, latest first.',
      query: { orderBy: [{ grantedAt: 'desc' }, { id: 'asc' }], take: 100 },
    }),
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
  }),
});

/** A service a client looked at in a city. */
export const ServiceInterestRef = builder.prismaObject('ClientServiceInterest', {
  fields: (t) => ({
    service: t.relation('service'),
    city: t.relation('city'),
    firstSeenAt: t.expose('firstSeenAt', { type: 'DateTime' }),
    lastSeenAt: t.expose('lastSeenAt', { type: 'DateTime' }),
  }),
});
