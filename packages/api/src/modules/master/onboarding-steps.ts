import type { OnboardingStep, Prisma } from '../../generated/prisma/client.js';

type Tx = Prisma.TransactionClient;

/** The wizard's steps, in the order the mini-app walks them; activation needs all of them. */
export const ONBOARDING_STEPS: readonly OnboardingStep[] = ['PHONE', 'LOCATION', 'SCHEDULE', 'SLOTS', 'SERVICES', 'PROFILE'];

/** A row in master_onboarding_steps means the step is complete. */
export async function markStep(tx: Tx, masterId: string, step: OnboardingStep, complete: boolean) {
  if (complete) {
    await tx.masterOnboardingStep.upsert({
      where: { masterId_step: { masterId, step } },
      create: { masterId, step },
      update: {},
    });
  } else {
    await tx.masterOnboardingStep.deleteMany({ where: { masterId, step } });
  }
}

export async function missingSteps(prisma: Tx, masterId: string): Promise<OnboardingStep[]> {
  const done = await prisma.masterOnboardingStep.findMany({ where: { masterId }, select: { step: true } });
  const doneSteps = new Set(done.map((row) => row.step));
  return ONBOARDING_STEPS.filter((step) => !doneSteps.has(step));
}
