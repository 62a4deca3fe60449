import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import {
  CancelBookingInput,
  CreateBookingInput,
  CreateManualBookingInput,
  RescheduleBookingInput,
  SetBookingOutcomeInput,
} from './booking.inputs.js';
import {
  answerOf,
  type BookingRole,
  cancelBooking,
  createClientBooking,
  createManualBooking,
  setBookingOutcome,
} from './booking.service.js';
import { BookingRef, ClientBookingRef } from './booking.types.js';
import { rescheduleBooking } from './booking-move.service.js';

/** Every role the caller may change a booking in: the active master of theirs, the client of theirs. */
async function bookingRoles(context: Context): Promise<BookingRole[]> {
  const [master, client] = await Promise.all([context.currentMaster(), context.currentClient()]);
  return [
    ...(master?.status === 'ACTIVE' ? [{ kind: 'MASTER' as const, masterId: master.id }] : []),
    ...(client ? [{ kind: 'CLIENT' as const, clientId: client.id }] : []),
  ];
}

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
      const { id, booking } = await createClientBooking(context.prisma, context.viewer, input, new Date(), context.notifications);
      return answerOf(booking, query) ?? context.prisma.booking.findUniqueOrThrow({ ...query, where: { id } });
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
      await cancelBooking(context.prisma, await bookingRoles(context), input.bookingId, input.reason, new Date(), context.notifications);
      return context.prisma.booking.findUniqueOrThrow({ ...query, where: { id: input.bookingId } });
    },
  }),

  rescheduleBooking: t.prismaField({
    type: BookingRef,
    description:
      "Moves a booking to another time, and maybe another of the master's services, keeping its id and history " +
      "(`moves`): as its client until the master's cancellation cutoff before its start (later: BAD_USER_INPUT, reason " +
      'CANCELLATION_CUTOFF), onto a start `availableSlots(…, reschedulingBookingId)` lists; as its master at any time, ' +
      'onto any time free of other bookings and blocked time. SLOT_UNAVAILABLE when the time is not free (for the ' +
      'client with `extensions.nearestSlots`), and the booking stays where it was. The other side is told through the ' +
      'bot, reminders follow the new time, and a confirmation the client gave is for the old time. A retry with the ' +
      'same idempotencyKey moves nothing again (another move with a used key: reason IDEMPOTENCY_KEY_REUSED).',
    authScopes: { $any: { client: true, $all: { master: true, activeMaster: true } } },
    args: { input: t.arg({ type: RescheduleBookingInput }) },
    resolve: async (query, _root, { input }, context) => {
      const moved = await rescheduleBooking(context.prisma, await bookingRoles(context), input, new Date(), context.notifications);
      return answerOf(moved, query) ?? context.prisma.booking.findUniqueOrThrow({ ...query, where: { id: input.bookingId } });
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
