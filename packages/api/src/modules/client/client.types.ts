import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.js';
import type { ConsentKind, ContactChannel } from '../../generated/prisma/client.js';
import { LocaleEnum } from '../viewer/viewer.types.js';
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

/** The caller's own client profile. Not a Node: it is reachable only as `clientProfile`. */
/** What the bot may send a client; the jobs that send each kind check it when they run. */
export interface NotificationChoices {
  /** Their booking is made, moved or cancelled by the master. */
  bookingUpdates: boolean;
  /** 24 h and 2 h before a visit (with the buttons to confirm or cancel). */
  reminders: boolean;
  /** A freed time from a waitlist they joined. */
  waitlistOffers: boolean;
  /** After a completed visit: how was it? */
  reviewRequests: boolean;
}

const NotificationChoicesRef = builder.objectRef<NotificationChoices>('NotificationChoices').implement({
  fields: (t) => ({
    bookingUpdates: t.exposeBoolean('bookingUpdates', { description: 'Booking made, moved, or cancelled by the master.' }),
    reminders: t.exposeBoolean('reminders', { description: '24 h and 2 h before a visit, with the buttons to confirm or cancel.' }),
    waitlistOffers: t.exposeBoolean('waitlistOffers', { description: 'A freed time from a waitlist you joined.' }),
    reviewRequests: t.exposeBoolean('reviewRequests', { description: 'After a completed visit: how was it?' }),
  }),
});

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
    notifications: t.field({
      type: NotificationChoicesRef,
      description: 'Which bot messages you get; each kind on or off.',
      select: { notifyBookingUpdates: true, notifyReminders: true, notifyWaitlistOffers: true, notifyReviewRequests: true },
      resolve: (client) => ({
        bookingUpdates: client.notifyBookingUpdates,
        reminders: client.notifyReminders,
        waitlistOffers: client.notifyWaitlistOffers,
        reviewRequests: client.notifyReviewRequests,
      }),
    }),
    language: t.field({
      type: LocaleEnum,
      nullable: true,
      description: "The app's language you chose; null: Telegram's.",
      select: { languageOverride: true },
      resolve: (client) => (client.languageOverride === 'en' ? 'EN' : client.languageOverride === 'ru' ? 'RU' : null),
    }),
    consents: t.relation('consents', {
      description: 'Consents in force now.',
      query: { where: { withdrawnAt: null }, orderBy: [{ grantedAt: 'desc' }, { id: 'asc' }] },
    }),
    consentHistory: t.relation('consents', {
      description: 'Every consent given, withdrawn ones included, latest first.',
      query: { orderBy: [{ grantedAt: 'desc' }, { id: 'asc' }], take: 100 },
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
