import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.js';
import { BlockTimeInput, UnblockTimeInput } from './calendar.inputs.js';
import { blockTime, unblockTime } from './calendar.service.js';
import { TimeBlockRef } from './calendar.types.js';

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
      await unblockTime(context.prisma, context.master.id, input.timeBlockId);
      return encodeGlobalID('TimeBlock', input.timeBlockId);
    },
  }),
}));
