import { z } from 'zod';
import { builder } from '../../builder.js';
import { globalIdOf } from '../../global-id.js';
import { localDateSchema, phoneSchema } from '../../validation.js';
import { ContactChannelEnum } from '../client/client.types.js';

const CHANNELS = ['TELEGRAM', 'PHONE', 'WHATSAPP', 'SMS'] as const;
const MAX_DATES = 14;
const MAX_WITHIN_DAYS = 30;

/** A key per attempt, chosen by the app (a UUID, say). */
const idempotencyKey = z
  .string()
  .trim()
  .regex(/^[\w-]{8,64}$/, '8 to 64 letters, digits, "-" or "_".');

export const JoinWaitlistInput = builder
  .inputType('JoinWaitlistInput', {
    description: 'Exactly one of `dates` and `withinDays`.',
    fields: (t) => ({
      masterServiceId: t.id({ description: "One of the master's services (`Master.services`), as `availableSlots` takes it." }),
      dates: t.stringList({
        required: false,
        description:
          "Local dates in the master's time zone, YYYY-MM-DD: 1–14 distinct days from today to the end of the master's booking horizon.",
      }),
      withinDays: t.int({ required: false, description: 'Or: any time from now for this many days, 1–30.' }),
      clientName: t.string({ description: 'As in `createBooking`: the booking a claim makes uses it.' }),
      clientPhone: t.string({ description: 'Any common notation; Russian numbers may start with 8.' }),
      preferredChannels: t.field({
        type: [ContactChannelEnum],
        description: 'In order of preference. Offers come through the bot: without TELEGRAM you get none.',
      }),
    }),
  })
  .validate(
    z
      .object({
        masterServiceId: globalIdOf('MasterService'),
        dates: z
          .array(localDateSchema)
          .min(1, 'Choose at least one day.')
          .max(MAX_DATES, `At most ${MAX_DATES} days.`)
          .refine((dates) => new Set(dates).size === dates.length, 'A day is listed twice.')
          .nullish()
          .transform((dates) => dates ?? null),
        withinDays: z
          .number()
          .int()
          .min(1)
          .max(MAX_WITHIN_DAYS, `At most ${MAX_WITHIN_DAYS} days.`)
          .nullish()
          .transform((days) => days ?? null),
        clientName: z.string().trim().min(1, 'Enter your name.').max(100),
        clientPhone: phoneSchema,
        preferredChannels: z
          .array(z.enum(CHANNELS))
          .min(1, 'Choose how the master may contact you.')
          .max(CHANNELS.length)
          .refine((channels) => new Set(channels).size === channels.length, 'A channel is listed twice.'),
      })
      .refine((input) => (input.dates === null) !== (input.withinDays === null), {
        message: 'Give either dates or withinDays.',
        path: ['dates'],
      }),
  );

export const LeaveWaitlistInput = builder
  .inputType('LeaveWaitlistInput', { fields: (t) => ({ entryId: t.id({ description: 'A WaitlistEntry id.' }) }) })
  .validate(z.object({ entryId: globalIdOf('WaitlistEntry') }));

export const ClaimWaitlistOfferInput = builder
  .inputType('ClaimWaitlistOfferInput', {
    fields: (t) => ({
      offerId: t.id({ description: 'A WaitlistOffer id (`WaitlistEntry.offer`).' }),
      idempotencyKey: t.string({ description: 'A new key per claim attempt (e.g. a UUID); retrying with it returns the same booking.' }),
    }),
  })
  .validate(z.object({ offerId: globalIdOf('WaitlistOffer'), idempotencyKey }));
