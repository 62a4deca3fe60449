import { z } from 'zod';
import { builder } from '../../builder.js';
import { globalIdOf } from '../../global-id.js';
import { phoneSchema } from '../../validation.js';
import { LocaleEnum } from '../viewer/viewer.types.js';
import { ConsentKindEnum, ContactChannelEnum } from './client.types.js';

const CHANNELS = ['TELEGRAM', 'PHONE', 'WHATSAPP', 'SMS'] as const;
const CONSENT_KINDS = ['SHARE_CONTACT_WITH_PARTNERS'] as const;

export const UpdateClientContactsInput = builder
  .inputType('UpdateClientContactsInput', {
    description: 'Omitted fields stay as they are.',
    fields: (t) => ({
      firstName: t.string({ required: false, description: 'The name masters see on your bookings.' }),
      phone: t.string({
        required: false,
        description: 'Any common notation; Russian numbers may start with 8. null or "" removes it.',
      }),
      preferredChannels: t.field({
        type: [ContactChannelEnum],
        required: false,
        description: 'In order of preference. PHONE, WHATSAPP and SMS need a phone.',
      }),
    }),
  })
  .validate(
    z.object({
      firstName: z.string().trim().min(1, 'Enter your name.').max(100).nullish(),
      phone: z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? null : value), phoneSchema.nullish()),
      preferredChannels: z
        .array(z.enum(CHANNELS))
        .max(CHANNELS.length)
        .refine((channels) => new Set(channels).size === channels.length, 'A channel is listed twice.')
        .nullish(),
    }),
  );

const NotificationChoicesInput = builder.inputType('NotificationChoicesInput', {
  description: 'Omitted kinds stay as they are.',
  fields: (t) => ({
    bookingUpdates: t.boolean({ required: false }),
    reminders: t.boolean({ required: false }),
    waitlistOffers: t.boolean({ required: false }),
    reviewRequests: t.boolean({ required: false }),
  }),
});

export const UpdateClientPreferencesInput = builder
  .inputType('UpdateClientPreferencesInput', {
    description: 'Omitted parts stay as they are.',
    fields: (t) => ({
      notifications: t.field({ type: NotificationChoicesInput, required: false }),
      language: t.field({ type: LocaleEnum, required: false, description: "The app's and the bot's language; null: Telegram's." }),
    }),
  })
  .validate(
    z.object({
      notifications: z
        .object({
          bookingUpdates: z.boolean().nullish(),
          reminders: z.boolean().nullish(),
          waitlistOffers: z.boolean().nullish(),
          reviewRequests: z.boolean().nullish(),
        })
        .nullish(),
      language: z.enum(['RU', 'EN']).nullish(),
    }),
  );

export const GrantConsentInput = builder
  .inputType('GrantConsentInput', {
    fields: (t) => ({
      kind: t.field({ type: ConsentKindEnum }),
      textVersion: t.string({ description: 'The version of the consent text shown to the client, e.g. "2025-01".' }),
    }),
  })
  .validate(
    z.object({
      kind: z.enum(CONSENT_KINDS),
      textVersion: z
        .string()
        .trim()
        .regex(/^[\w.-]{1,32}$/, 'Letters, digits, ".", "-" or "_", at most 32.'),
    }),
  );

export const WithdrawConsentInput = builder
  .inputType('WithdrawConsentInput', {
    fields: (t) => ({ kind: t.field({ type: ConsentKindEnum }) }),
  })
  .validate(z.object({ kind: z.enum(CONSENT_KINDS) }));

export const RecordInterestInput = builder
  .inputType('RecordInterestInput', {
    description:
      "The service looked at, and where: a master (their city) when a master's service was opened, " +
      'or the city searched in. Exactly one of masterId and cityId.',
    fields: (t) => ({
      serviceId: t.id({ description: 'A Service id from `services`.' }),
      masterId: t.id({ required: false, description: 'An active master offering the service.' }),
      cityId: t.id({ required: false, description: 'A City id from `cities`.' }),
    }),
  })
  .validate(
    z
      .object({
        serviceId: globalIdOf('Service'),
        masterId: globalIdOf('Master').nullish(),
        cityId: globalIdOf('City').nullish(),
      })
      .superRefine((input, ctx) => {
        if (!input.masterId === !input.cityId) {
          ctx.addIssue({ code: 'custom', message: 'Give either masterId or cityId.', path: ['cityId'] });
        }
      }),
  );
