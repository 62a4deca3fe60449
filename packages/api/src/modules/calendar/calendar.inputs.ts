import { z } from 'zod';
import { builder } from '../../builder.js';
import { globalIdOf } from '../../global-id.js';
import { phoneSchema } from '../master/master.validation.js';
import { BookingOutcomeEnum } from './calendar.types.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The longest range one calendar request (or one time block) may span. */
export const MAX_RANGE_DAYS = 62;

/** Calendars work in whole minutes, like the schedule they come from. */
const wholeMinute = z.date().refine((date) => date.getTime() % 60_000 === 0, 'Use a whole minute (no seconds).');

/** Blank optional text means none. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => value || null);

/** `end` comes after `start`, at most MAX_RANGE_DAYS later; a problem is reported on `end`. */
function checkRange(start: Date, end: Date, ctx: z.RefinementCtx, endPath: string) {
  if (start.getTime() >= end.getTime()) {
    ctx.addIssue({ code: 'custom', message: 'The end must come after the start.', path: [endPath] });
  } else if (end.getTime() - start.getTime() > MAX_RANGE_DAYS * DAY_MS) {
    ctx.addIssue({ code: 'custom', message: `At most ${MAX_RANGE_DAYS} days.`, path: [endPath] });
  }
}

export const calendarArgsSchema = z
  .object({ from: z.date(), to: z.date(), includeCancelled: z.boolean().nullish() })
  .superRefine((args, ctx) => checkRange(args.from, args.to, ctx, 'to'));

export const BlockTimeInput = builder
  .inputType('BlockTimeInput', {
    fields: (t) => ({
      startsAt: t.field({ type: 'DateTime' }),
      endsAt: t.field({ type: 'DateTime', description: `After startsAt, at most ${MAX_RANGE_DAYS} days later.` }),
      reason: t.string({ required: false, description: 'A note for the master only.' }),
    }),
  })
  .validate(
    z
      .object({ startsAt: wholeMinute, endsAt: wholeMinute, reason: optionalText(200) })
      .superRefine((input, ctx) => checkRange(input.startsAt, input.endsAt, ctx, 'endsAt')),
  );

export const UnblockTimeInput = builder
  .inputType('UnblockTimeInput', {
    fields: (t) => ({ timeBlockId: t.id() }),
  })
  .validate(z.object({ timeBlockId: globalIdOf('TimeBlock') }));

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
