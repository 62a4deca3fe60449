import { z } from 'zod';
import { builder } from '../../builder.js';
import { globalIdOf } from '../../global-id.js';
import { optionalText, wholeMinute } from '../../validation.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The longest range one calendar request (or one time block) may span. */
export const MAX_RANGE_DAYS = 62;

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
