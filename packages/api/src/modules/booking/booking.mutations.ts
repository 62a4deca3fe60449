import { builder } from '../../builder.js';
import { telegramViewer } from '../../context.js';
import { ClientBookingRef } from '../client/client.types.js';
import { CreateBookingInput } from './booking.inputs.js';
import { createClientBooking } from './booking.service.js';

builder.mutationField('createBooking', (t) =>
  t.prismaField({
    type: ClientBookingRef,
    description:
      "Books one of a master's services at a start from `availableSlots` (source CLIENT), saving your name, phone and " +
      'preferred channels to your profile (created if you have none). SLOT_UNAVAILABLE when the start is not free (or ' +
      'the master cannot be booked), with `extensions.nearestSlots`: up to 3 free starts closest to it, ISO 8601. ' +
      'A retry with the same idempotencyKey returns the booking already made.',
    authScopes: { telegramUser: true },
    args: { input: t.arg({ type: CreateBookingInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await createClientBooking(context.prisma, telegramViewer(context), input, new Date(), context.notifications);
      return context.prisma.booking.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
