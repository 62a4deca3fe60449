import { builder } from '../../builder.js';
import { currentClientOf, telegramViewer } from '../../context.js';
import { GrantConsentInput, RecordInterestInput, UpdateClientContactsInput, WithdrawConsentInput } from './client.inputs.js';
import { grantConsent, recordViewerInterest, updateClientContacts, upsertClient, withdrawConsent } from './client.service.js';
import { ClientProfileRef, ServiceInterestRef } from './client.types.js';

builder.mutationFields((t) => ({
  upsertClient: t.prismaField({
    type: ClientProfileRef,
    description:
      'Called when the client app opens: creates the client profile from the verified Telegram user, or refreshes ' +
      'its Telegram name, username, language and last seen time. Never touches phone or preferred channels. ' +
      'After `eraseMyData` it starts a new, minimal profile.',
    authScopes: { telegramUser: true },
    resolve: async (query, _root, _args, context) => {
      const id = await upsertClient(context.prisma, telegramViewer(context));
      return context.prisma.client.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  updateClientContacts: t.prismaField({
    type: ClientProfileRef,
    description: 'Edits your name, phone and preferred contact channels. Existing bookings keep the details they were made with.',
    authScopes: { client: true },
    args: { input: t.arg({ type: UpdateClientContactsInput }) },
    resolve: async (query, _root, { input }, context) => {
      const { id } = await currentClientOf(context);
      await updateClientContacts(context.prisma, id, input);
      return context.prisma.client.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  grantConsent: t.prismaField({
    type: ClientProfileRef,
    description: 'Agrees to a version of a consent text. A new version replaces the one in force; the same version changes nothing.',
    authScopes: { client: true },
    args: { input: t.arg({ type: GrantConsentInput }) },
    resolve: async (query, _root, { input }, context) => {
      const { id } = await currentClientOf(context);
      await grantConsent(context.prisma, id, input);
      return context.prisma.client.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  withdrawConsent: t.prismaField({
    type: ClientProfileRef,
    description: 'Withdraws a consent; it stays in `consentHistory` with the time of withdrawal. Idempotent.',
    authScopes: { client: true },
    args: { input: t.arg({ type: WithdrawConsentInput }) },
    resolve: async (query, _root, { input }, context) => {
      const { id } = await currentClientOf(context);
      await withdrawConsent(context.prisma, id, input.kind);
      return context.prisma.client.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  recordInterest: t.prismaField({
    type: ServiceInterestRef,
    description:
      "Records that you looked at a service: in a city you searched, or at a master's. Creates your minimal client " +
      'profile if you have none yet. Anonymous visitors are refused (401) and record nothing.',
    authScopes: { telegramUser: true },
    args: { input: t.arg({ type: RecordInterestInput }) },
    resolve: async (query, _root, { input }, context) => {
      const key = await recordViewerInterest(context.prisma, telegramViewer(context), input);
      return context.prisma.clientServiceInterest.findUniqueOrThrow({ ...query, where: { clientId_serviceId_cityId: key } });
    },
  }),
}));
