import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.js';
import {
  ArchiveMasterServiceInput,
  CreateMasterServiceInput,
  SaveOnboardingStepInput,
  UpdateMasterServiceInput,
  UpdateMasterSettingsInput,
} from './master.inputs.js';
import { activateMaster, type OnboardingStepInput, saveOnboardingStep, updateMasterSettings } from './master.service.js';
import { MasterProfileRef, MasterServiceRef } from './master.types.js';
import { archiveMasterService, createMasterService, updateMasterService } from './master-services.service.js';

builder.mutationFields((t) => ({
  saveOnboardingStep: t.withAuth({ telegramUser: true }).prismaField({
    type: MasterProfileRef,
    description:
      'Saves one step of the registration wizard; the first save creates the draft profile. ' +
      'Returns the profile with per-step completion.',
    args: { input: t.arg({ type: SaveOnboardingStepInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await saveOnboardingStep(context.prisma, context.viewer, input as OnboardingStepInput, context.notifications);
      return context.prisma.master.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  activateMaster: t.withAuth({ master: true }).prismaField({
    type: MasterProfileRef,
    description: 'Publishes the profile once every step is complete (BAD_USER_INPUT names the missing ones). Idempotent.',
    resolve: async (query, _root, _args, context) => {
      const { id } = context.master;
      await activateMaster(context.prisma, id);
      return context.prisma.master.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  updateMasterSettings: t.withAuth({ master: true }).prismaField({
    type: MasterProfileRef,
    description: 'Edits the profile with the same rules as onboarding; `active` hides or shows it.',
    args: { input: t.arg({ type: UpdateMasterSettingsInput }) },
    resolve: async (query, _root, { input }, context) => {
      const { id } = context.master;
      await updateMasterSettings(
        context.prisma,
        id,
        {
          profile: input.profile ?? undefined,
          phone: input.phone ?? undefined,
          location: input.location ?? undefined,
          schedule: input.schedule ?? undefined,
          slots: input.slots ?? undefined,
          services: input.services ?? undefined,
          confirmation: input.confirmation ?? undefined,
          active: input.active ?? undefined,
        },
        context.notifications,
      );
      return context.prisma.master.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  createMasterService: t.withAuth({ master: true }).prismaField({
    type: MasterServiceRef,
    description:
      "Adds a service of yours under a catalogue service, priced in your city's currency (your city comes first: " +
      'BAD_USER_INPUT with reason CITY_REQUIRED). Several under one catalogue service need names of their own.',
    args: { input: t.arg({ type: CreateMasterServiceInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await createMasterService(context.prisma, context.master.id, input);
      return context.prisma.masterService.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  updateMasterService: t.withAuth({ master: true }).prismaField({
    type: MasterServiceRef,
    description: 'Edits one of your services; bookings already made keep the price and duration they were made with.',
    args: { input: t.arg({ type: UpdateMasterServiceInput }) },
    resolve: async (query, _root, { input }, context) => {
      const { id, ...changes } = input;
      await updateMasterService(context.prisma, context.master.id, id, changes);
      return context.prisma.masterService.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  archiveMasterService: t.withAuth({ master: true }).id({
    description: 'Removes one of your services from your list (its bookings keep it); returns its id.',
    args: { input: t.arg({ type: ArchiveMasterServiceInput }) },
    resolve: async (_root, { input }, context) => {
      await archiveMasterService(context.prisma, context.master.id, input.id);
      return encodeGlobalID('MasterService', input.id);
    },
  }),
}));
