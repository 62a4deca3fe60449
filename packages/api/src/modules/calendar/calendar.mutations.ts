import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.js';
import { AddDaysOffInput, BlockTimeInput, RemoveDaysOffInput, UnblockTimeInput } from './calendar.inputs.js';
import { addDaysOff, blockTime, calendarTimeZone, removeDaysOff, unblockTime } from './calendar.service.js';
import { AddDaysOffPayloadRef, RemoveDaysOffPayloadRef, TimeBlockRef } from './calendar.types.js';

builder.mutationFields((t) => ({
  blockTime: t.withAuth({ $all: { master: true, activeMaster: true } }).prismaField({
    type: TimeBlockRef,
    description: 'Takes time out of the calendar. SLOT_UNAVAILABLE over a booking that is not cancelled.',
    args: { input: t.arg({ type: BlockTimeInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await blockTime(context.prisma, context.master.id, input);
      return context.prisma.timeBlock.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  unblockTime: t.withAuth({ $all: { master: true, activeMaster: true } }).id({
    description: 'Removes one of your time blocks; returns its id.',
    args: { input: t.arg({ type: UnblockTimeInput }) },
    resolve: async (_root, { input }, context) => {
      await unblockTime(context.prisma, context.master.id, input.timeBlockId, context.notifications);
      return encodeGlobalID('TimeBlock', input.timeBlockId);
    },
  }),

  addDaysOff: t.withAuth({ $all: { master: true, activeMaster: true } }).field({
    type: AddDaysOffPayloadRef,
    description:
      'Takes whole days (one, or a range such as a vacation; in your time zone, from today on) out of the calendar: ' +
      'clients see no free time on them, in `availableSlots` and `searchMasters`. Bookings already on those days stay and ' +
      'are listed in the answer (and in `masterProfile.bookingsOnDaysOff`) to move or cancel.',
    args: { input: t.arg({ type: AddDaysOffInput }) },
    resolve: async (_root, { input }, context) => {
      const masterId = context.master.id;
      await addDaysOff(context.prisma, masterId, input);
      return { masterId, timeZone: await calendarTimeZone(context.prisma, masterId), from: input.from, to: input.to };
    },
  }),

  removeDaysOff: t.withAuth({ $all: { master: true, activeMaster: true } }).field({
    type: RemoveDaysOffPayloadRef,
    description: 'Makes days off working days again: every day off from `from` to `to` (in your time zone).',
    args: { input: t.arg({ type: RemoveDaysOffInput }) },
    resolve: async (_root, { input }, context) => ({
      removedDates: await removeDaysOff(context.prisma, context.master.id, input, context.notifications),
    }),
  }),
}));
