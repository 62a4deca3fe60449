import { z } from 'zod';
import { builder } from '../../builder.js';
import { globalIdOf } from '../../global-id.js';
import { recordInterest } from '../analytics/interest.service.js';
import { AvailableSlotRef } from './booking.types.js';
import { availableSlotsOfOffer, findPublicOffer } from './slots.service.js';

/** The longest range one `availableSlots` request may span. */
const MAX_SLOT_RANGE_DAYS = 31;
const DAY_MS = 24 * 60 * 60 * 1000;

const availableSlotsArgs = z
  .object({
    masterId: globalIdOf('Master'),
    masterServiceId: globalIdOf('MasterService'),
    from: z.date(),
    to: z.date(),
  })
  .superRefine(({ from, to }, ctx) => {
    if (from.getTime() >= to.getTime()) {
      ctx.addIssue({ code: 'custom', message: 'The end must come after the start.', path: ['to'] });
    } else if (to.getTime() - from.getTime() > MAX_SLOT_RANGE_DAYS * DAY_MS) {
      ctx.addIssue({ code: 'custom', message: `At most ${MAX_SLOT_RANGE_DAYS} days.`, path: ['to'] });
    }
  });

builder.queryField('availableSlots', (t) =>
  t.field({
    type: [AvailableSlotRef],
    description:
      `Free start times in [from, to) (at most ${MAX_SLOT_RANGE_DAYS} days) for one of a master's services, by start. Public. ` +
      "From the master's weekly schedule in their time zone, slot step, the service's duration, buffer, minimum notice, " +
      'booking horizon, days off, bookings and blocked time. Empty for a master clients may not see (draft, deactivated, ' +
      "archived), and for a service that is switched off or is not this master's. For a client (after `upsertClient`), " +
      "also records their interest in the service in the master's city.",
    args: {
      masterId: t.arg.id(),
      masterServiceId: t.arg.id({ description: "One of the master's services (`Master.services`)." }),
      from: t.arg({ type: 'DateTime' }),
      to: t.arg({ type: 'DateTime' }),
    },
    validate: availableSlotsArgs,
    resolve: async (_root, args, context) => {
      const offer = await findPublicOffer(context.prisma, args.masterId, args.masterServiceId);
      if (!offer) return [];
      const client = await context.currentClient();
      if (client && offer.master.cityId) {
        await recordInterest(context.prisma, {
          clientId: client.id,
          serviceId: offer.serviceId,
          cityId: offer.master.cityId,
          now: new Date(),
        });
      }
      return availableSlotsOfOffer(context.prisma, offer, args);
    },
  }),
);
