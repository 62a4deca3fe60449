import type { TelegramViewer } from '../../context.js';
import { apiError, badInput, ErrorCode } from '../../errors.js';
import type { OnboardingStep, Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { retryingTransaction } from '../../transactions.js';
import { countTimeFreed, metrics } from '../monitoring/metrics.js';
import type { BookingNotifier } from '../notifications/notification-jobs.js';
import type { ConfirmationInput, LocationInput, ProfileInput, ScheduleInput, ServicesInput, SlotsInput } from './master.validation.js';
import { saveServices } from './master-services.service.js';
import { markStep, missingSteps } from './onboarding-steps.js';

type Tx = Prisma.TransactionClient;

/** Exactly one step is set (the GraphQL input is @oneOf); the others are absent or null. */
export interface OnboardingStepInput {
  phone?: { phone: string } | null;
  location?: LocationInput | null;
  schedule?: ScheduleInput | null;
  slots?: SlotsInput | null;
  services?: ServicesInput | null;
  profile?: ProfileInput | null;
}

export interface SettingsInput {
  profile?: ProfileInput;
  phone?: { phone: string };
  location?: LocationInput;
  schedule?: ScheduleInput;
  slots?: SlotsInput;
  services?: ServicesInput;
  confirmation?: ConfirmationInput;
  /** false deactivates (hidden from clients), true reactivates. */
  active?: boolean;
}

/**
 * The caller's master profile, created as a draft on the first save. An archived profile
 * (a draft cleaned up for inactivity) starts over as a fresh draft. `started`: this save
 * began a registration (a new draft, or an archived one starting over).
 */
async function ensureDraft(tx: Tx, viewer: TelegramViewer): Promise<{ id: string; started: boolean }> {
  const { user, telegramId } = viewer;
  const profile = {
    firstName: user.first_name,
    lastName: user.last_name ?? null,
    username: user.username ?? null,
    languageCode: user.language_code ?? null,
    isPremium: user.is_premium ?? false,
  };
  await tx.telegramUser.upsert({ where: { telegramId }, create: { telegramId, ...profile }, update: profile });
  const displayName = [user.first_name, user.last_name].filter(Boolean).join(' ');
  const before = await tx.master.findUnique({ where: { telegramId }, select: { id: true } });
  const master = await tx.master.upsert({
    where: { telegramId },
    create: { telegramId, displayName },
    update: {},
    select: { id: true, status: true },
  });
  if (master.status === 'ARCHIVED') {
    await tx.masterOnboardingStep.deleteMany({ where: { masterId: master.id } });
    await tx.master.update({
      where: { id: master.id },
      data: { status: 'DRAFT', isActive: false, archivedAt: null, profileCompletedAt: null, displayName },
    });
  }
  return { id: master.id, started: before === null || master.status === 'ARCHIVED' };
}

/** A new number must be verified again; the same, already verified number stays verified. */
async function savePhone(tx: Tx, masterId: string, phone: string) {
  const current = await tx.master.findUniqueOrThrow({ where: { id: masterId }, select: { phone: true, phoneVerifiedAt: true } });
  if (current.phone === phone && current.phoneVerifiedAt) return;
  await tx.master.update({
    where: { id: masterId },
    data: { phone, phoneVerifiedAt: null, phoneVerificationMethod: null },
  });
  await markStep(tx, masterId, 'PHONE', false);
}

async function saveLocation(tx: Tx, masterId: string, input: LocationInput) {
  const city = await tx.city.findFirst({
    where: { id: input.cityId, isActive: true },
    select: { id: true, timeZone: true, currency: true },
  });
  if (!city) throw badInput('input.location.cityId', 'No such city in the catalogue.');
  await tx.master.update({
    where: { id: masterId },
    data: {
      city: { connect: { id: city.id } },
      timeZone: city.timeZone,
      address: input.address,
      addressVisibility: input.addressVisibility,
      area: input.area,
    },
  });
  // Prices are in the city's currency: a master who moves to a city with another one keeps the
  // amounts, now in its currency (the settings screen says so).
  await tx.masterService.updateMany({ where: { masterId, currency: { not: city.currency } }, data: { currency: city.currency } });
  await markStep(tx, masterId, 'LOCATION', true);
}

/** Replaces the weekly schedule. Existing bookings are never touched by a schedule change. */
async function saveSchedule(tx: Tx, masterId: string, input: ScheduleInput) {
  await tx.scheduleInterval.deleteMany({ where: { masterId } });
  await tx.scheduleInterval.createMany({
    data: input.days.flatMap((day) =>
      day.intervals.map((interval) => ({
        masterId,
        weekday: day.weekday,
        startMinute: interval.start,
        endMinute: interval.end,
      })),
    ),
  });
  await markStep(tx, masterId, 'SCHEDULE', true);
}

async function saveSlots(tx: Tx, masterId: string, input: SlotsInput) {
  const settings = {
    stepMinutes: input.stepMinutes,
    bufferMinutes: input.bufferMinutes,
    minNoticeMinutes: input.minNoticeMinutes,
    horizonDays: input.horizonDays,
    ...(input.cancellationCutoffMinutes != null ? { cancellationCutoffMinutes: input.cancellationCutoffMinutes } : {}),
  };
  await tx.slotSettings.upsert({ where: { masterId }, create: { masterId, ...settings }, update: settings });
  await markStep(tx, masterId, 'SLOTS', true);
}

/** The confirmation rule lives with the slot settings, which the slots step creates. */
async function saveConfirmation(tx: Tx, masterId: string, input: ConfirmationInput) {
  const { count } = await tx.slotSettings.updateMany({
    where: { masterId },
    data: {
      requireConfirmation: input.requireConfirmation,
      ...(input.confirmationDeadlineMinutes != null ? { confirmationDeadlineMinutes: input.confirmationDeadlineMinutes } : {}),
    },
  });
  if (count === 0) throw badInput('confirmation', 'Save the slots step first.');
}

async function saveProfile(tx: Tx, masterId: string, input: ProfileInput) {
  await tx.master.update({
    where: { id: masterId },
    data: {
      displayName: input.displayName,
      about: input.about,
      ...(input.telegramContactAllowed != null ? { telegramContactAllowed: input.telegramContactAllowed } : {}),
    },
  });
  await markStep(tx, masterId, 'PROFILE', true);
}

async function applyStep(tx: Tx, masterId: string, input: OnboardingStepInput) {
  if (input.phone) return savePhone(tx, masterId, input.phone.phone);
  if (input.location) return saveLocation(tx, masterId, input.location);
  if (input.schedule) return saveSchedule(tx, masterId, input.schedule);
  if (input.slots) return saveSlots(tx, masterId, input.slots);
  if (input.services) return saveServices(tx, masterId, input.services);
  if (input.profile) return saveProfile(tx, masterId, input.profile);
  throw badInput('input', 'Name exactly one step.');
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * The schedule or the slot settings of a master clients can book were saved (or a hidden profile
 * shown again): whatever the change, the whole booking horizon from now on is handed to the
 * waitlist as freed time, in the same transaction. Only free starts are ever offered, so a
 * schedule that did not grow offers nothing new. Returns whether it was handed over.
 */
async function scheduleChanged(tx: Tx, masterId: string, notifications: BookingNotifier | undefined, now: Date): Promise<boolean> {
  if (!notifications) return false;
  const master = await tx.master.findUniqueOrThrow({
    where: { id: masterId },
    select: { status: true, isActive: true, slotSettings: { select: { horizonDays: true } } },
  });
  if (master.status !== 'ACTIVE' || !master.isActive || !master.slotSettings) return false;
  // A day more than the horizon: it counts whole local days in any zone.
  const endsAt = new Date(now.getTime() + (master.slotSettings.horizonDays + 2) * DAY_MS);
  await notifications.timeFreed(tx, [{ masterId, startsAt: now, endsAt }]);
  return true;
}

/** Saves one wizard step, creating the draft profile on the first save. Returns the master's id. */
export async function saveOnboardingStep(
  prisma: PrismaClient,
  viewer: TelegramViewer,
  input: OnboardingStepInput,
  notifications?: BookingNotifier,
) {
  const master = await retryingTransaction(prisma, async (tx) => {
    const draft = await ensureDraft(tx, viewer);
    await applyStep(tx, draft.id, input);
    await tx.master.update({ where: { id: draft.id }, data: { lastActivityAt: new Date() } });
    const freed = (input.schedule || input.slots) && (await scheduleChanged(tx, draft.id, notifications, new Date()));
    return { ...draft, freed };
  });
  // Counted once committed: a first save refused as invalid leaves no draft and starts nothing.
  if (master.started) metrics.masterRegistrationsStarted.inc();
  if (master.freed) countTimeFreed('schedule_changed');
  return master.id;
}

function incompleteError(missing: OnboardingStep[]) {
  return apiError(ErrorCode.BAD_USER_INPUT, `Complete these steps first: ${missing.join(', ')}.`, {
    missingSteps: missing,
    fields: missing.map((step) => ({ path: step.toLowerCase(), message: 'Not complete.' })),
  });
}

/** Publishes a complete profile. Idempotent: an active master stays as they are. */
export async function activateMaster(prisma: PrismaClient, masterId: string) {
  const outcome = await retryingTransaction(prisma, async (tx) => {
    const missing = await missingSteps(tx, masterId);
    if (missing.length > 0) throw incompleteError(missing);
    const master = await tx.master.findUniqueOrThrow({
      where: { id: masterId },
      select: { status: true, isActive: true, profileCompletedAt: true },
    });
    const now = new Date();
    await tx.master.update({
      where: { id: masterId },
      data: {
        status: 'ACTIVE',
        isActive: true,
        deactivatedAt: null,
        profileCompletedAt: master.profileCompletedAt ?? now,
        lastActivityAt: now,
      },
    });
    return { completed: master.profileCompletedAt === null, activated: master.status !== 'ACTIVE' || !master.isActive };
  });
  if (outcome.completed) metrics.masterRegistrationsCompleted.inc();
  if (outcome.activated) metrics.masterActivations.inc();
}

/**
 * Edits what onboarding set, validated the same way; can hide the profile and show it again. A
 * new schedule or slot settings, or the profile shown again, hand the horizon to the waitlist.
 */
export async function updateMasterSettings(prisma: PrismaClient, masterId: string, input: SettingsInput, notifications?: BookingNotifier) {
  const freed = await retryingTransaction(prisma, async (tx) => {
    const { status } = await tx.master.findUniqueOrThrow({ where: { id: masterId }, select: { status: true } });
    if (input.profile) await saveProfile(tx, masterId, input.profile);
    if (input.phone) await savePhone(tx, masterId, input.phone.phone);
    if (input.location) await saveLocation(tx, masterId, input.location);
    if (input.schedule) await saveSchedule(tx, masterId, input.schedule);
    if (input.slots) await saveSlots(tx, masterId, input.slots);
    if (input.services) await saveServices(tx, masterId, input.services);
    if (input.confirmation) await saveConfirmation(tx, masterId, input.confirmation);

    if (input.active === false) {
      await tx.master.update({ where: { id: masterId }, data: { isActive: false, deactivatedAt: new Date() } });
    } else if (input.active === true) {
      if (status !== 'ACTIVE') throw badInput('active', 'Activate the profile first (activateMaster).');
      const missing = await missingSteps(tx, masterId);
      if (missing.length > 0) throw incompleteError(missing);
      await tx.master.update({ where: { id: masterId }, data: { isActive: true, deactivatedAt: null } });
    }
    await tx.master.update({ where: { id: masterId }, data: { lastActivityAt: new Date() } });
    return (input.schedule || input.slots || input.active === true) && (await scheduleChanged(tx, masterId, notifications, new Date()));
  });
  if (freed) countTimeFreed('schedule_changed');
}
