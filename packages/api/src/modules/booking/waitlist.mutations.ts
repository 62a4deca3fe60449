import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.js';
import { answerOf } from './booking.service.js';
import { ClientBookingRef } from './booking.types.js';
import { ClaimWaitlistOfferInput, JoinWaitlistInput, LeaveWaitlistInput } from './waitlist.inputs.js';
import { claimWaitlistOffer, joinWaitlist, leaveWaitlist } from './waitlist.service.js';
import { WaitlistEntryRef } from './waitlist.types.js';

const LeaveWaitlistPayload = builder.objectRef<{ entryId: string }>('LeaveWaitlistPayload').implement({
  fields: (t) => ({ entryId: t.exposeID('entryId', { description: 'The entry that ended.' }) }),
});

builder.mutationFields((t) => ({
  joinWaitlist: t.withAuth({ telegramUser: true }).prismaField({
    type: WaitlistEntryRef,
    description:
      "Waits for a freed time of one of a master's services: on some days (in the master's time zone, up to the end of " +
      'their booking horizon) or any time in the next days. When time frees up, the first in line whose wish it answers ' +
      'gets it through the bot, held for them alone for a few minutes (`offer`); not taken, it goes to the next. Joining ' +
      'again for the same service replaces the wish (at the end of the line). BAD_USER_INPUT for days out of range ' +
      '(reason DATE_OUT_OF_RANGE), a master or service that cannot be booked (NOT_BOOKABLE) or too many waitlists at ' +
      'once (TOO_MANY_ENTRIES). Your client profile is created if you have none.',
    args: { input: t.arg({ type: JoinWaitlistInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await joinWaitlist(context.prisma, context.viewer, input, new Date(), context.notifications);
      return context.prisma.waitlistEntry.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  leaveWaitlist: t.withAuth({ client: true }).field({
    type: LeaveWaitlistPayload,
    description:
      'Leaves a waitlist; a time it held goes to the next in line. Leaving again changes nothing. FORBIDDEN for an entry ' +
      'that is not yours.',
    args: { input: t.arg({ type: LeaveWaitlistInput }) },
    resolve: async (_root, { input }, context) => {
      await leaveWaitlist(context.prisma, context.client.id, input.entryId, new Date(), context.notifications);
      return { entryId: encodeGlobalID('WaitlistEntry', input.entryId) };
    },
  }),

  claimWaitlistOffer: t.withAuth({ client: true }).prismaField({
    type: ClientBookingRef,
    description:
      'Books the time a waitlist offer holds for you, as `createBooking` would (with the name, phone and channels you ' +
      "joined with); the same booking as the bot's «Беру» button. BAD_USER_INPUT when the offer is no longer held " +
      '(reason OFFER_EXPIRED or OFFER_WITHDRAWN), FORBIDDEN for an offer that is not yours, SLOT_UNAVAILABLE when the ' +
      'time cannot be booked any more. A retry with the same idempotencyKey returns the booking already made.',
    args: { input: t.arg({ type: ClaimWaitlistOfferInput }) },
    resolve: async (query, _root, { input }, context) => {
      const { id, booking } = await claimWaitlistOffer(context.prisma, context.client.id, input, new Date(), context.notifications);
      return answerOf(booking, query) ?? context.prisma.booking.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
