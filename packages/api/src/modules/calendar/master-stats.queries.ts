import { z } from 'zod';
import { builder } from '../../builder.js';
import { addDays, isLocalDate } from '../../time/zoned-time.js';
import { localDateSchema } from '../../validation.js';
import { masterStats } from './master-stats.service.js';
import { MasterStatsRef } from './master-stats.types.js';

/**
 * The longest period one request covers: a quarter. Revenue is a `Money` of 32-bit minor units,
 * and a busy master's year in tenge (or any currency of small units) would not fit.
 */
export const MAX_STATS_DAYS = 92;

const statsArgsSchema = z.object({ from: localDateSchema, to: localDateSchema }).superRefine(({ from, to }, ctx) => {
  // Zod runs this even when a date above was refused.
  if (!isLocalDate(from) || !isLocalDate(to)) return;
  if (to < from) ctx.addIssue({ code: 'custom', message: '`to` may not be before `from`.', path: ['to'] });
  else if (to >= addDays(from, MAX_STATS_DAYS)) {
    ctx.addIssue({ code: 'custom', message: `At most ${MAX_STATS_DAYS} days.`, path: ['to'] });
  }
});

builder.queryField('masterStats', (t) =>
  t.withAuth({ $all: { master: true, activeMaster: true } }).field({
    type: MasterStatsRef,
    description:
      `Your statistics for the local dates from \`from\` to \`to\` (included, at most ${MAX_STATS_DAYS} days) in your time zone. ` +
      'Active masters only.',
    args: {
      from: t.arg.string({ description: 'The first date, YYYY-MM-DD in your time zone.' }),
      to: t.arg.string({ description: 'The last date (included), YYYY-MM-DD in your time zone.' }),
    },
    validate: statsArgsSchema,
    resolve: (_root, args, context) => masterStats(context.prisma, context.master.id, args),
  }),
);
