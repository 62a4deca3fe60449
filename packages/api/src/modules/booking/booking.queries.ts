import { z } from 'zod';
import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { globalIdOf } from '../../global-id.js';
import { recordInterestOfTelegramUser } from '../analytics/interest.service.js';
import { AvailableSlotRef } from './booking.types.js';
import { availableSlotsOfOffer, findPublicOffer, type SlotOffer } from './slots.service.js';

/** The longest range one `availableSlots` request may span. */
const MAX_SLOT_RANGE_DAYS = 31;
const DAY_MS = 24 * 60 * 60 * 1000;

const availableSlotsArgs = z
  .object({
    masterId: globalIdOf('Master'),
    masterServiceId: globalIdOf('MasterService'),
    from: z.date(),
    to: z.date(),
    reschedulingBookingId: globalIdOf('Booking').nullish(),
  })
  .superRefine(({ from, to }, ctx) => {
    if (from.getTime() >= to.getTime()) {
      ctx.addIssue({ code: 'custom', message: 'The end must come after the start.', path: ['to'] });
    } else if (to.getTime() - from.getTime() > MAX_SLOT_RANGE_DAYS * DAY_MS) {
      ctx.addIssue({ code: 'custom', message: `At most ${MAX_SLOT_RANGE_DAYS} days.`, path: ['to'] });
    }
  });

const MINUTE_MS = 60_000;

/**
 * The slots for moving one of the caller's bookings (as its client or its master) with this
 * master: its own time counts as free, and on its own service it keeps the length it was booked
 * with, as `rescheduleBooking` does. Anyone else's booking, or none, changes nothing.
 */
async function reschedulingView(context: Context, offer: SlotOffer, bookingId: string | null | undefined) {
  if (!bookingId) return { offer };
  const booking = await context.prisma.booking.findUnique({
    where: { id: bookingId },
    select: { masterId: true, clientId: true, masterServiceId: true, startsAt: true, endsAt: true },
  });
  if (!booking || booking.masterId !== offer.masterId) return { offer };
  const [master, client] = await Promise.all([context.currentMaster(), context.currentClient()]);
  if (master?.id !== booking.masterId && (!client || client.id !== booking.clientId)) return { offer };
  const durationMinutes = Math.round((booking.endsAt.getTime() - booking.startsAt.getTime()) / MINUTE_MS);
  return { offer: booking.masterServiceId === offer.id ? { ...offer, durationMinutes } : offer, exceptBookingId: bookingId };
}

builder.queryField('availableSlots', (t) =>
  t.field({
    type: [AvailableSlotRef],
    description:
      `Free start times in [from, to) (at most ${MAX_SLOT_RANGE_DAYS} days) for one of a master's services, by start. Public. ` +
      "From the master's weekly schedule in their time zone, slot step, the service's duration, buffer, minimum notice, " +
      'booking horizon, days off, bookings and blocked time. Empty for a master clients may not see (draft, deactivated, ' +
      "archived), and for a service that is switched off or is not this master's. For a client (after `upsertClient`), " +
      "also records their interest in the service in the master's city. With `reschedulingBookingId`, one of your own " +
      'bookings with this master, its own time counts as free (on its own service with the length it was booked with): ' +
      'the starts `rescheduleBooking` accepts from its client.',
    args: {
      masterId: t.arg.id(),
      masterServiceId: t.arg.id({ description: "One of the master's services (`Master.services`)." }),
      from: t.arg({ type: 'DateTime' }),
      to: t.arg({ type: 'DateTime' }),
      reschedulingBookingId: t.arg.id({
        required: false,
        description: 'One of your bookings with this master that you are moving; ignored for anyone else’s.',
      }),
    },
    validate: availableSlotsArgs,
    resolve: async (_root, args, context) => {
      const offer = await findPublicOffer(context.prisma, args.masterId, args.masterServiceId);
      if (!offer) return [];
      const { viewer } = context;
      const { cityId } = offer.master;
      const [view] = await Promise.all([
        reschedulingView(context, offer, args.reschedulingBookingId),
        viewer.kind === 'telegram' && cityId
          ? recordInterestOfTelegramUser(context.prisma, {
              telegramId: viewer.telegramId,
              serviceId: offer.serviceId,
              cityId,
              now: new Date(),
            })
          : undefined,
      ]);
      return availableSlotsOfOffer(context.prisma, view.offer, { ...args, exceptBookingId: view.exceptBookingId });
    },
  }),
);
