import { builder } from '../../builder.js';
import { MAX_DETAILS_BYTES, recordWebAppEvent, type StoredWebAppEvent, WEBAPP_STAGES, webAppEventSchema } from './webapp-events.service.js';

export const LogWebAppEventInput = builder
  .inputType('LogWebAppEventInput', {
    description: 'One stage the mini-app reached; the same fields as `POST /debug/webapp-event`.',
    fields: (t) => ({
      stage: t.string({ description: `One of: ${WEBAPP_STAGES.join(', ')}. Anything else is BAD_USER_INPUT.` }),
      platform: t.string({
        required: false,
        description: "Telegram's platform code from the launch parameters (ios, android, tdesktop…).",
      }),
      appVersion: t.string({ required: false, description: "The mini-app's version." }),
      path: t.string({ required: false, description: 'The app path the stage happened on, without query: /master/register/phone.' }),
      details: t.field({
        type: 'JSON',
        required: false,
        description:
          `A flat object of at most 10 short values (${MAX_DETAILS_BYTES} bytes in all), e.g. {"step": "SCHEDULE"}. ` +
          'Never personal data: keys such as phone or name are refused, long digit runs are blanked.',
      }),
    }),
  })
  .validate(webAppEventSchema);

export const WebAppEventRef = builder.objectRef<StoredWebAppEvent>('WebAppEvent').implement({
  description: 'A stored WebApp stage event.',
  fields: (t) => ({
    stage: t.exposeString('stage'),
    platform: t.exposeString('platform', { nullable: true }),
    appVersion: t.exposeString('appVersion', { nullable: true }),
    path: t.exposeString('path', { nullable: true }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: 'When the server received it.' }),
    identified: t.exposeBoolean('identified', { description: 'Whether the verified Telegram user was attached.' }),
  }),
});

builder.mutationField('logWebAppEvent', (t) =>
  t.field({
    type: WebAppEventRef,
    description:
      'Records a stage of the mini-app so that drop-offs show (`funnel`, `zapis_webapp_events_total`). Open to anyone; ' +
      'the verified Telegram user is attached when the request carries init data. Limited per address: RATE_LIMITED.',
    args: { input: t.arg({ type: LogWebAppEventInput }) },
    resolve: async (_root, { input }, context) => {
      await context.webAppEventLimiter.admit(context.clientAddress);
      const telegramId = context.viewer.kind === 'telegram' ? context.viewer.telegramId : null;
      return recordWebAppEvent(context.prisma, input, telegramId);
    },
  }),
);
