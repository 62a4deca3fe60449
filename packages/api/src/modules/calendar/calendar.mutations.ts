import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.js';
import { currentMasterOf } from '../../context.js';
import {
  BlockTimeInput,
  CancelBookingInput,
  CreateManualBookingInput,
  SetBookingOutcomeInput,
  UnblockTimeInput,
} from './calendar.inputs.js';
import { blockTime, type Canceller, cancelBooking, createManualBooking, setBookingOutcome, unblockTime } from './calendar.service.js';
import { BookingRef, TimeBlockRef } from './calendar.types.js';

builder.mutationFields((t) => ({
  blockTime: t.prismaField({
    type: TimeBlockRef,
    description: 'Takes time out of the calendar. SLOT_UNAVAILABLE over a booking that is not cancelled.',
    authScopes: { $all: { master: true, activeMaster: true } },
    args: { input: t.arg({ type: BlockTimeInput }) },
    resolve: async (query, _root, { input }, context) => {
      const masterId = (await currentMasterOf(context)).id;
      const id = await blockTime(context.prisma, masterId, input);
      return context.prisma.timeBlock.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  unblockTime: t.id({
    description: 'Removes one of your time blocks; returns its id.',
    authScopes: { $all: { master: true, activeMaster: true } },
    args: { input: t.arg({ type: UnblockTimeInput }) },
    resolve: async (_root, { input }, context) => {
      const masterId = (await currentMasterOf(context)).id;
      await unblockTime(context.prisma, masterId, input.timeBlockId);
      return encodeGlobalID('TimeBlock', input.timeBlockId);
    },
  }),

  createManualBooking: t.prismaField({
    type: BookingRef,
    description:
      "Books a client by hand (source MASTER) for one of your services; the end follows from the service's duration. " +
      'SLOT_UNAVAILABLE over another booking or blocked time; working hours do not limit it.',
    authScopes: { $all: { master: true, activeMaster: true } },
    args: { input: t.arg({ type: CreateManualBookingInput }) },
    resolve: async (query, _root, { input }, context) => {
      const masterId = (await currentMasterOf(context)).id;
      const id = await createManualBooking(context.prisma, masterId, input, context.notifications);
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

  setBookingOutcome: t.prismaField({
    type: BookingRef,
    description: 'Marks a booking that has started as completed or no-show (and may correct that later).',
    authScopes: { $all: { master: true, activeMaster: true } },
    args: { input: t.arg({ type: SetBookingOutcomeInput }) },
    resolve: async (query, _root, { input }, context) => {
      const masterId = (await currentMasterOf(context)).id;
      await setBookingOutcome(context.prisma, masterId, input.bookingId, input.outcome);
      return context.prisma.booking.findUniqueOrThrow({ ...query, where: { id: input.bookingId } });
    },
  }),
}));
