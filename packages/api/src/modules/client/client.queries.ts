import { builder } from '../../builder.js';
import { ClientProfileRef } from './client.types.js';

builder.queryField('clientProfile', (t) =>
  t.withAuth({ client: true }).prismaField({
    type: ClientProfileRef,
    description:
      "The caller's own client profile: contact details, consents, upcoming and past bookings. " +
      'FORBIDDEN until `upsertClient` has made one (and after `eraseMyData`, until it is called again).',
    resolve: async (query, _root, _args, context) => {
      return context.prisma.client.findUniqueOrThrow({ ...query, where: { id: context.client.id } });
    },
  }),
);
