import { builder } from '../../builder.js';
import { SaveOnboardingStepInput, UpdateMasterSettingsInput } from './master.inputs.js';
import { activateMaster, type OnboardingStepInput, saveOnboardingStep, updateMasterSettings } from './master.service.js';
import { MasterProfileRef } from './master.types.js';

builder.mutationFields((t) => ({
  saveOnboardingStep: t.withAuth({ telegramUser: true }).prismaField({
    type: MasterProfileRef,
    description:
      'Saves one step of the registration wizard; the first save creates the draft profile. ' +
      'Returns the profile with per-step completion.',
    args: { input: t.arg({ type: SaveOnboardingStepInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await saveOnboardingStep(context.prisma, context.viewer, input as OnboardingStepInput);
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
      await updateMasterSettings(context.prisma, id, {
        profile: input.profile ?? undefined,
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
