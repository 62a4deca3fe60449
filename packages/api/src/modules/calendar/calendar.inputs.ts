import { z } from 'zod';
import { builder } from '../../builder.js';
import { globalIdOf } from '../../global-id.js';
import { addDays, type LocalDate } from '../../time/zoned-time.js';
import { localDateSchema, optionalText, wholeMinute } from '../../validation.js';

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

/** The longest stretch of days off one request adds or removes (a long vacation is a few requests). */
export const MAX_DAYS_OFF_SPAN = 92;

/** One local date, or a range of them: `to` included, `from` alone when left out. */
const daysRangeFields = { from: localDateSchema, to: localDateSchema.nullish() };

const withLastDay = <T extends { from: LocalDate; to?: LocalDate | null }>(input: T) => ({ ...input, to: input.to ?? input.from });

function checkDaysRange({ from, to }: { from: LocalDate; to: LocalDate }, ctx: z.RefinementCtx) {
  if (to < from) ctx.addIssue({ code: 'custom', message: '`to` may not be before `from`.', path: ['to'] });
  else if (to >= addDays(from, MAX_DAYS_OFF_SPAN)) {
    ctx.addIssue({ code: 'custom', message: `At most ${MAX_DAYS_OFF_SPAN} days at once.`, path: ['to'] });
  }
}

export const AddDaysOffInput = builder
  .inputType('AddDaysOffInput', {
    description: 'Whole days off in your time zone: one day, or a range such as a vacation.',
    fields: (t) => ({
      from: t.string({ description: 'The first day off, YYYY-MM-DD in your time zone: today or later.' }),
      to: t.string({
        required: false,
        description: `The last day off (included); left out: just \`from\`. At most ${MAX_DAYS_OFF_SPAN} days.`,
      }),
      note: t.string({
        required: false,
        description: 'For you only (up to 200), e.g. "Отпуск". Days already off keep theirs unless given.',
      }),
    }),
  })
  .validate(
    z
      .object({ ...daysRangeFields, note: optionalText(200) })
      .transform(withLastDay)
      .superRefine(checkDaysRange),
  );

export const RemoveDaysOffInput = builder
  .inputType('RemoveDaysOffInput', {
    description: 'Days off to work again: one day, or every day off in a range.',
    fields: (t) => ({
      from: t.string({ description: 'YYYY-MM-DD in your time zone.' }),
      to: t.string({ required: false, description: 'The last day (included); left out: just `from`.' }),
    }),
  })
  .validate(z.object(daysRangeFields).transform(withLastDay).superRefine(checkDaysRange));
