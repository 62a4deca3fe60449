import { builder } from '../../builder.js';
import {
  GrantConsentInput,
  RecordInterestInput,
  UpdateClientContactsInput,
  UpdateClientPreferencesInput,
  WithdrawConsentInput,
} from './client.inputs.js';
import {
  grantConsent,
  recordViewerInterest,
  updateClientContacts,
  updateClientPreferences,
  upsertClient,
  withdrawConsent,
} from './client.service.js';
import { ClientProfileRef, ServiceInterestRef } from './client.types.js';

builder.mutationFields((t) => ({
  upsertClient: t.withAuth({ telegramUser: true }).prismaField({
    type: ClientProfileRef,
    description:
      'Called when the client app opens: creates the client profile from the verified Telegram user, or refreshes ' +
      'its Telegram name, username, language and last seen time. Never touches phone or preferred channels. ' +
      'After `eraseMyData` it starts a new, minimal profile.',
    resolve: async (query, _root, _args, context) => {
      const id = await upsertClient(context.prisma, context.viewer);
      return context.prisma.client.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  updateClientContacts: t.withAuth({ client: true }).prismaField({
    type: ClientProfileRef,
    description: 'Edits your name, phone and preferred contact channels. Existing bookings keep the details they were made with.',
    args: { input: t.arg({ type: UpdateClientContactsInput }) },
    resolve: async (query, _root, { input }, context) => {
      const { id } = context.client;
      await updateClientContacts(context.prisma, id, input);
      return context.prisma.client.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  grantConsent: t.withAuth({ client: true }).prismaField({
    type: ClientProfileRef,
    description: 'Agrees to a version of a consent text. A new version replaces the one in force; the same version changes nothing.',
    args: { input: t.arg({ type: GrantConsentInput }) },
    resolve: async (query, _root, { input }, context) => {
      const { id } = context.client;
      await grantConsent(context.prisma, id, input);
      return context.prisma.client.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  withdrawConsent: t.withAuth({ client: true }).prismaField({
    type: ClientProfileRef,
    description: 'Withdraws a consent; it stays in `consentHistory` with the time of withdrawal. Idempotent.',
    args: { input: t.arg({ type: WithdrawConsentInput }) },
    resolve: async (query, _root, { input }, context) => {
      const { id } = context.client;
      await withdrawConsent(context.prisma, id, input.kind);
      return context.prisma.client.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  recordInterest: t.withAuth({ telegramUser: true }).prismaField({
    type: ServiceInterestRef,
    description:
      "Records that you looked at a service: in a city you searched, or at a master's. Creates your minimal client " +
      'profile if you have none yet. Anonymous visitors are refused (401) and record nothing.',
    args: { input: t.arg({ type: RecordInterestInput }) },
    resolve: async (query, _root, { input }, context) => {
      const key = await recordViewerInterest(context.prisma, context.viewer, input);
      return context.prisma.clientServiceInterest.findUniqueOrThrow({ ...query, where: { clientId_serviceId_cityId: key } });
    },
  }),

  updateClientPreferences: t.withAuth({ client: true }).prismaField({
    type: ClientProfileRef,
    description:
      'Which bot messages you get (each kind on or off; the bot checks when it sends) and the language of the app and ' +
      "the bot (null: Telegram's).",
    args: { input: t.arg({ type: UpdateClientPreferencesInput }) },
    resolve: async (query, _root, { input }, context) => {
      await updateClientPreferences(context.prisma, context.client.id, input);
      return context.prisma.client.findUniqueOrThrow({ ...query, where: { id: context.client.id } });
    },
  }),
}));
