import { builder } from '../../builder.js';
import { currentMasterOf, telegramViewer } from '../../context.js';
import { SaveOnboardingStepInput, UpdateMasterSettingsInput } from './master.inputs.js';
import { activateMaster, type OnboardingStepInput, saveOnboardingStep, updateMasterSettings } from './master.service.js';
import { MasterProfileRef } from './master.types.js';

builder.mutationFields((t) => ({
  saveOnboardingStep: t.prismaField({
    type: MasterProfileRef,
    description:
      'Saves one step of the registration wizard; the first save creates the draft profile. ' +
      'Returns the profile with per-step completion.',
    authScopes: { telegramUser: true },
    args: { input: t.arg({ type: SaveOnboardingStepInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await saveOnboardingStep(context.prisma, telegramViewer(context), input as OnboardingStepInput);
      return context.prisma.master.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  activateMaster: t.prismaField({
    type: MasterProfileRef,
    description: 'Publishes the profile once every step is complete (BAD_USER_INPUT names the missing ones). Idempotent.',
    authScopes: { master: true },
    resolve: async (query, _root, _args, context) => {
      const { id } = await currentMasterOf(context);
      await activateMaster(context.prisma, id);
      return context.prisma.master.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  updateMasterSettings: t.prismaField({
    type: MasterProfileRef,
    description: 'Edits the profile with the same rules as onboarding; `active` hides or shows it.',
    authScopes: { master: true },
    args: { input: t.arg({ type: UpdateMasterSettingsInput }) },
    resolve: async (query, _root, { input }, context) => {
      const { id } = await currentMasterOf(context);
      await updateMasterSettings(context.prisma, id, {
        displayName: input.displayName ?? undefined,
        about: input.about,
        phone: input.phone ?? undefined,
        location: input.location ?? undefined,
        schedule: input.schedule ?? undefined,
        slots: input.slots ?? undefined,
        services: input.services ?? undefined,
        active: input.active ?? undefined,
      });
      return context.prisma.master.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
