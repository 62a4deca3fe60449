import { builder } from '../../builder.js';
import { CancelBookingInput, CreateBookingInput, CreateManualBookingInput, SetBookingOutcomeInput } from './booking.inputs.js';
import { type Canceller, cancelBooking, createClientBooking, createManualBooking, setBookingOutcome } from './booking.service.js';
import { BookingRef, ClientBookingRef } from './booking.types.js';

builder.mutationField('createBooking', (t) =>
  t.withAuth({ telegramUser: true }).prismaField({
    type: ClientBookingRef,
    description:
      "Books one of a master's services at a start from `availableSlots` (source CLIENT), saving your name, phone and " +
      'preferred channels to your profile (created if you have none). SLOT_UNAVAILABLE when the start is not free (or ' +
      'the master cannot be booked), with `extensions.nearestSlots`: up to 3 free starts closest to it, ISO 8601. ' +
      'A retry with the same idempotencyKey returns the booking already made.',
    args: { input: t.arg({ type: CreateBookingInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await createClientBooking(context.prisma, context.viewer, input, new Date(), context.notifications);
      return context.prisma.booking.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationFields((t) => ({
  createManualBooking: t.withAuth({ $all: { master: true, activeMaster: true } }).prismaField({
    type: BookingRef,
    description:
      "Books a client by hand (source MASTER) for one of your services; the end follows from the service's duration. " +
      'SLOT_UNAVAILABLE over another booking or blocked time; working hours do not limit it.',
    args: { input: t.arg({ type: CreateManualBookingInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await createManualBooking(context.prisma, context.master.id, input, context.notifications);
      return context.prisma.booking.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  cancelBooking: t.prismaField({
    type: BookingRef,
    description:
      "Cancels a booking, freeing its time: as its master at any time; as its client until the master's cancellation " +
      'cutoff before the start (later: BAD_USER_INPUT). Cancelling again changes nothing. ' +
      "A client's cancelled booking no longer counts in their booking statistics.",
    authScopes: { $any: { client: true, $all: { master: true, activeMaster: true } } },
    args: { input: t.arg({ type: CancelBookingInput }) },
    resolve: async (query, _root, { input }, context) => {
      const [master, client] = await Promise.all([context.currentMaster(), context.currentClient()]);
      const cancellers: Canceller[] = [
        ...(master?.status === 'ACTIVE' ? [{ kind: 'MASTER' as const, masterId: master.id }] : []),
        ...(client ? [{ kind: 'CLIENT' as const, clientId: client.id }] : []),
      ];
      await cancelBooking(context.prisma, cancellers, input.bookingId, input.reason, new Date(), context.notifications);
      return context.prisma.booking.findUniqueOrThrow({ ...query, where: { id: input.bookingId } });
    },
  }),

  setBookingOutcome: t.withAuth({ $all: { master: true, activeMaster: true } }).prismaField({
    type: BookingRef,
    description:
      'Marks a booking that has started as completed or no-show (and may correct that later). A completed booking of a ' +
      'client asks the client, through the bot, to review it.',
    args: { input: t.arg({ type: SetBookingOutcomeInput }) },
    resolve: async (query, _root, { input }, context) => {
      await setBookingOutcome(context.prisma, context.master.id, input.bookingId, input.outcome, new Date(), context.notifications);
      return context.prisma.booking.findUniqueOrThrow({ ...query, where: { id: input.bookingId } });
    },
  }),
}));
