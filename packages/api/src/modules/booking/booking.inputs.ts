import { z } from 'zod';
import { builder } from '../../builder.js';
import { globalIdOf } from '../../global-id.js';
import { optionalText, phoneSchema, wholeMinute } from '../../validation.js';
import { ContactChannelEnum } from '../client/client.types.js';
import { BookingOutcomeEnum } from './booking.types.js';

const CHANNELS = ['TELEGRAM', 'PHONE', 'WHATSAPP', 'SMS'] as const;

const ShareContactInput = builder.inputType('ShareContactWithPartnersInput', {
  fields: (t) => ({
    textVersion: t.string({ description: 'The version of the consent text shown to the client, e.g. "2025-01".' }),
  }),
});

/** A key per attempt, chosen by the app (a UUID, say). */
const idempotencyKey = z
  .string()
  .trim()
  .regex(/^[\w-]{8,64}$/, '8 to 64 letters, digits, "-" or "_".');

const textVersion = z
  .string()
  .trim()
  .regex(/^[\w.-]{1,32}$/, 'Letters, digits, ".", "-" or "_", at most 32.');

export const CreateBookingInput = builder
  .inputType('CreateBookingInput', {
    fields: (t) => ({
      masterServiceId: t.id({ description: "One of the master's services (`Master.services`)." }),
      startsAt: t.field({ type: 'DateTime', description: 'A start from `availableSlots`.' }),
      clientName: t.string({ description: 'The name the master sees; also saved to your profile.' }),
      clientPhone: t.string({ description: 'Any common notation; Russian numbers may start with 8. Saved to your profile.' }),
      preferredChannels: t.field({ type: [ContactChannelEnum], description: 'In order of preference; saved to your profile.' }),
      comment: t.string({ required: false, description: 'A note for the master.' }),
      shareContactWithPartners: t.field({
        type: ShareContactInput,
        required: false,
        description: 'Agrees to share your contact data with partners, to this version of the text.',
      }),
      idempotencyKey: t.string({
        description: 'A new key per booking attempt (e.g. a UUID); retrying with the same key returns the same booking.',
      }),
    }),
  })
  .validate(
    z.object({
      masterServiceId: globalIdOf('MasterService'),
      startsAt: z.date(),
      clientName: z.string().trim().min(1, 'Enter your name.').max(100),
      clientPhone: phoneSchema,
      preferredChannels: z
        .array(z.enum(CHANNELS))
        .min(1, 'Choose how the master may contact you.')
        .max(CHANNELS.length)
        .refine((channels) => new Set(channels).size === channels.length, 'A channel is listed twice.'),
      comment: z
        .string()
        .trim()
        .max(500)
        .nullish()
        .transform((value) => value || null),
      shareContactWithPartners: z
        .object({ textVersion })
        .nullish()
        .transform((value) => value ?? null),
      idempotencyKey,
    }),
  );

export const CreateManualBookingInput = builder
  .inputType('CreateManualBookingInput', {
    fields: (t) => ({
      masterServiceId: t.id({ description: 'One of your own active services (`masterProfile.services`).' }),
      startsAt: t.field({ type: 'DateTime', description: "The end follows from the service's duration." }),
      clientName: t.string(),
      clientPhone: t.string({ required: false, description: 'Any common notation; Russian numbers may start with 8.' }),
      comment: t.string({ required: false }),
    }),
  })
  .validate(
    z.object({
      masterServiceId: globalIdOf('MasterService'),
      startsAt: wholeMinute,
      clientName: z.string().trim().min(1, "Enter the client's name.").max(100),
      clientPhone: z
        .preprocess((value) => (typeof value === 'string' && value.trim() === '' ? null : value), phoneSchema.nullish())
        .transform((phone) => phone ?? null),
      comment: optionalText(500),
    }),
  );

export const CancelBookingInput = builder
  .inputType('CancelBookingInput', {
    fields: (t) => ({
      bookingId: t.id(),
      reason: t.string({ required: false }),
    }),
  })
  .validate(z.object({ bookingId: globalIdOf('Booking'), reason: optionalText(500) }));

export const SetBookingOutcomeInput = builder
  .inputType('SetBookingOutcomeInput', {
    fields: (t) => ({
      bookingId: t.id(),
      outcome: t.field({ type: BookingOutcomeEnum }),
    }),
  })
  .validate(z.object({ bookingId: globalIdOf('Booking'), outcome: z.enum(['COMPLETED', 'NO_SHOW']) }));

export const RescheduleBookingInput = builder
  .inputType('RescheduleBookingInput', {
    fields: (t) => ({
      bookingId: t.id(),
      startsAt: t.field({
        type: 'DateTime',
        description:
          "The new start. The booking's client: a start from `availableSlots(…, reschedulingBookingId)`. Its master: any " +
          'time free of other bookings and blocked time.',
      }),
      masterServiceId: t.id({
        required: false,
        description:
          "Another of the master's services to move to (its duration and price apply); left out: the booking's own, " +
          'with the length and price it was booked at.',
      }),
      idempotencyKey: t.string({
        description: 'A new key per move attempt (e.g. a UUID); retrying with the same key moves the booking once.',
      }),
    }),
  })
  .validate(
    z.object({
      bookingId: globalIdOf('Booking'),
      startsAt: wholeMinute,
      masterServiceId: globalIdOf('MasterService')
        .nullish()
        .transform((id) => id ?? null),
      idempotencyKey,
    }),
  );
