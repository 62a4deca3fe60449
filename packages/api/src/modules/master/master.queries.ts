import { builder } from '../../builder.js';
import { MasterProfileRef } from './master.types.js';

builder.queryField('masterProfile', (t) =>
  t.withAuth({ master: true }).prismaField({
    type: MasterProfileRef,
    description: "The caller's master profile, draft or active. MASTER_NOT_REGISTERED (403) without one.",
    resolve: async (query, _root, _args, context) => {
      return context.prisma.master.findUniqueOrThrow({ ...query, where: { id: context.master.id } });
    },
  }),
);
