import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.js';
import { currentMasterOf } from '../../context.js';
import { BlockTimeInput, UnblockTimeInput } from './calendar.inputs.js';
import { blockTime, unblockTime } from './calendar.service.js';
import { TimeBlockRef } from './calendar.types.js';

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
}));
