import { z } from 'zod';
import { builder } from '../../builder.js';
import { addDays, isLocalDate } from '../../time/zoned-time.js';
import { localDateSchema } from '../../validation.js';
import { type Funnel, type FunnelDay, funnel, MAX_FUNNEL_DAYS, type StageCount } from './funnel.service.js';

const StageCountRef = builder.objectRef<StageCount>('WebAppStageCount').implement({
  fields: (t) => ({
    stage: t.exposeString('stage', { description: 'A WebApp stage (see `logWebAppEvent`).' }),
    count: t.exposeInt('count'),
  }),
});

const FunnelDayRef = builder.objectRef<FunnelDay>('FunnelDay').implement({
  description: 'One UTC day of the funnel.',
  fields: (t) => ({
    date: t.exposeString('date', { description: 'YYYY-MM-DD, UTC.' }),
    stages: t.expose('stages', { type: [StageCountRef], description: 'WebApp events by stage, every stage listed, zeros included.' }),
    registrationsStarted: t.exposeInt('registrationsStarted', { description: 'Master drafts created (first onboarding save).' }),
    onboardingsFinished: t.exposeInt('onboardingsFinished', {
      description: 'Masters whose last missing onboarding step was saved that day (all steps done now), activated or not.',
    }),
    registrationsCompleted: t.exposeInt('registrationsCompleted', {
      description: 'Master profiles completed: activated for the first time (`activateMaster` sets `profile_completed_at`).',
    }),
    clientBookings: t.exposeInt('clientBookings', { description: 'Bookings made by clients in the app (cancelled later or not).' }),
    masterBookings: t.exposeInt('masterBookings', { description: 'Bookings masters entered by hand.' }),
    partnerPulls: t.exposeInt('partnerPulls', { description: "Partners' segment pulls (members or size), withheld ones included." }),
  }),
});

const FunnelRef = builder.objectRef<Funnel>('Funnel').implement({
  description: 'Where users drop off: daily counts for operators.',
  fields: (t) => ({
    from: t.exposeString('from'),
    to: t.exposeString('to'),
    days: t.expose('days', { type: [FunnelDayRef], description: 'Every day of the range, oldest first.' }),
    stageTotals: t.expose('stageTotals', { type: [StageCountRef], description: 'WebApp events by stage over the whole range.' }),
  }),
});

const funnelArgs = z.object({ from: localDateSchema, to: localDateSchema }).superRefine(({ from, to }, ctx) => {
  // Object refinements run even when a field failed: compare real dates only.
  if (!isLocalDate(from) || !isLocalDate(to)) return;
  if (from > to) ctx.addIssue({ code: 'custom', message: '`to` may not be before `from`.', path: ['to'] });
  else if (to >= addDays(from, MAX_FUNNEL_DAYS))
    ctx.addIssue({ code: 'custom', message: `At most ${MAX_FUNNEL_DAYS} days.`, path: ['to'] });
});

builder.queryField('funnel', (t) =>
  t.field({
    type: FunnelRef,
    description:
      `Operators only (the operator key in \`X-Admin-Key\`): WebApp stages, master registrations, bookings and partner pulls per UTC day ` +
      `over [from, to], both inclusive, at most ${MAX_FUNNEL_DAYS} days.`,
    authScopes: { operator: true },
    args: {
      from: t.arg.string({ description: 'First day, YYYY-MM-DD (UTC).' }),
      to: t.arg.string({ description: 'Last day, YYYY-MM-DD (UTC), included.' }),
    },
    validate: funnelArgs,
    resolve: (_root, { from, to }, context) => funnel(context.prisma, from, to),
  }),
);
