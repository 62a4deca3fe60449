import { builder } from '../../builder.js';
import type { SegmentContact, SegmentKind } from '../analytics/segments.service.js';
import { ContactChannelEnum } from '../client/client.types.js';
import type { SegmentMember, SegmentSize } from './segment-pull.service.js';

export const SegmentKindEnum = builder.enumType('SegmentKind', {
  description: 'Which clients of a service in a city a segment holds.',
  values: {
    BOOKED: { description: 'Clients with bookings of the service there that are not cancelled; recency is the latest booking.' },
    INTERESTED: {
      description:
        'Clients who looked at the service there (searched it, opened a master’s service) and never booked it; recency is the last look.',
    },
    ANY: { description: 'Both; recency is the later of the latest booking and the last look.' },
  } as const satisfies Record<SegmentKind, unknown>,
});

export const SegmentFilterInput = builder.inputType('SegmentFilter', {
  fields: (t) => ({
    serviceId: t.id({ description: 'A catalogue `Service` id the key was granted.' }),
    cityId: t.id({ description: 'A `City` id the key was granted.' }),
    kind: t.field({ type: SegmentKindEnum, defaultValue: 'ANY' }),
    activeSince: t.field({ type: 'DateTime', required: false, description: 'Only members whose recency is at or after this time.' }),
    minBookings: t.int({ required: false, description: 'Only members with at least this many bookings of the service there.' }),
  }),
});

export const SegmentContactRef = builder.objectRef<SegmentContact>('SegmentContact').implement({
  description: 'How to reach a member: only for clients whose consent to share it with partners is in force.',
  fields: (t) => ({
    name: t.string({
      nullable: true,
      resolve: (contact) => [contact.firstName, contact.lastName].filter(Boolean).join(' ') || null,
    }),
    phone: t.exposeString('phone', { nullable: true, description: 'E.164.' }),
    preferredChannels: t.field({ type: [ContactChannelEnum], resolve: (contact) => contact.preferredChannels }),
  }),
});

export const SegmentMemberRef = builder.objectRef<SegmentMember>('SegmentMember').implement({
  description: 'A client in a segment, under a pseudonymous id.',
  fields: (t) => ({
    id: t.exposeID('id', {
      description: 'Stable for your partner account, different for every other partner; not a global id of ours.',
    }),
    bookingsCount: t.exposeInt('bookingsCount', { description: 'Bookings of the service in the city that are not cancelled.' }),
    lastBookedAt: t.expose('lastBookedAt', { type: 'DateTime', nullable: true, description: 'When the latest of them was made.' }),
    firstSeenAt: t.expose('firstSeenAt', { type: 'DateTime', nullable: true, description: 'First look at the service there.' }),
    lastSeenAt: t.expose('lastSeenAt', { type: 'DateTime', nullable: true, description: 'Latest look at the service there.' }),
    contact: t.field({
      type: SegmentContactRef,
      nullable: true,
      description: 'Null unless the client consented to share contact data with partners and has not withdrawn it.',
      resolve: (member) => member.contact,
    }),
  }),
});

export const SegmentSizeRef = builder.objectRef<SegmentSize>('SegmentSize').implement({
  fields: (t) => ({
    size: t.exposeInt('size', { nullable: true, description: 'Null when withheld.' }),
    withheld: t.exposeBoolean('withheld', {
      description: 'The segment is smaller than `minimumCohortSize`: neither its size nor its members are given out.',
    }),
    minimumCohortSize: t.exposeInt('minimumCohortSize'),
  }),
});
