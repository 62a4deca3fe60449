import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.js';
import { localDateFromDb, localDateOf, toLocalIso } from '../../time/zoned-time.js';
import { ClientProfileRef } from '../client/client.types.js';
import { withZone, zoneOf } from './booking.types.js';

/**
 * The waitlist as its client sees it. Both types are Nodes by their ids, but reachable only
 * through the client's own profile and mutations: `node(id)` does not resolve them.
 */

const serviceName = { masterService: { select: { name: true, service: { select: { nameRu: true, nameEn: true } } } } } as const;

export const WaitlistOfferRef = builder.prismaObject('WaitlistOffer', {
  interfaces: [builder.nodeInterfaceRef()],
  description: 'A freed time held for you from a waitlist you joined: book it with `claimWaitlistOffer` before `expiresAt`.',
  fields: (t) => ({
    id: t.id({ resolve: (offer) => encodeGlobalID('WaitlistOffer', offer.id) }),
    startsAt: t.expose('startsAt', { type: 'DateTime' }),
    endsAt: t.expose('endsAt', { type: 'DateTime' }),
    localDate: t.string({
      description: "The master's local date of the start, YYYY-MM-DD.",
      select: withZone,
      resolve: (offer) => localDateOf(offer.startsAt, zoneOf(offer)),
    }),
    localStart: t.string({
      description: "Start in the master's time zone, ISO 8601 with its offset: 2030-03-31T10:00:00+02:00.",
      select: withZone,
      resolve: (offer) => toLocalIso(offer.startsAt, zoneOf(offer)),
    }),
    timeZone: t.string({ description: "The master's IANA time zone.", select: withZone, resolve: (offer) => zoneOf(offer) }),
    expiresAt: t.expose('expiresAt', {
      type: 'DateTime',
      description: 'Until then the time is yours alone; then it goes to the next in line.',
    }),
  }),
});

export const WaitlistEntryRef = builder.prismaObject('WaitlistEntry', {
  interfaces: [builder.nodeInterfaceRef()],
  description: "You wait for a freed time of one of a master's services; offers come one client at a time, in the order of joining.",
  fields: (t) => ({
    id: t.id({ resolve: (entry) => encodeGlobalID('WaitlistEntry', entry.id) }),
    masterId: t.id({
      description: 'Global id of the master, for their public page.',
      resolve: (entry) => encodeGlobalID('Master', entry.masterId),
    }),
    masterName: t.string({ select: { master: { select: { displayName: true } } }, resolve: (entry) => entry.master.displayName }),
    masterServiceId: t.id({ resolve: (entry) => encodeGlobalID('MasterService', entry.masterServiceId) }),
    serviceName: t.string({
      description: "The master's name for the service, or the catalogue's in your language.",
      select: serviceName,
      resolve: (entry, _args, context) =>
        entry.masterService.name ?? (context.locale === 'EN' ? entry.masterService.service.nameEn : entry.masterService.service.nameRu),
    }),
    dates: t.stringList({
      nullable: true,
      description: "The days you wait for, YYYY-MM-DD in the master's time zone; null when you wait for any time until `until`.",
      resolve: (entry) => (entry.dates.length === 0 ? null : entry.dates.map(localDateFromDb)),
    }),
    until: t.expose('until', { type: 'DateTime', description: 'When the wish ends.' }),
    timeZone: t.string({ description: "The master's IANA time zone.", select: withZone, resolve: (entry) => zoneOf(entry) }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When you joined: your place in line.' }),
    offer: t.field({
      type: WaitlistOfferRef,
      nullable: true,
      description: 'The time you hold now, if any.',
      select: (_args, _context, nestedSelection) => ({
        offers: { ...nestedSelection(true), where: { status: 'HELD', expiresAt: { gt: new Date() } }, take: 1 },
      }),
      resolve: (entry) => entry.offers[0] ?? null,
    }),
  }),
});

/** The caller's waiting entries, soonest wish first. */
builder.prismaObjectFields(ClientProfileRef, (t) => ({
  waitlist: t.relation('waitlistEntries', {
    type: WaitlistEntryRef,
    description: 'The waitlists you are on (entries still waiting), the soonest wish first.',
    query: () => ({
      where: { endedAt: null, until: { gt: new Date() } },
      orderBy: [{ wishFrom: 'asc' }, { until: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    }),
  }),
}));
