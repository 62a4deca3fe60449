import { builder } from '../../builder.js';
import { currentMasterOf } from '../../context.js';
import { MasterProfileRef } from './master.types.js';

builder.queryField('masterProfile', (t) =>
  t.prismaField({
    type: MasterProfileRef,
    description: "The caller's master profile, draft or active. MASTER_NOT_REGISTERED (403) without one.",
    authScopes: { master: true },
    resolve: async (query, _root, _args, context) => {
      const { id } = await currentMasterOf(context);
      return context.prisma.master.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
