import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.js';
import type { OnboardingStep } from '../../generated/prisma/client.js';
import { MasterStatusEnum } from '../viewer/viewer.types.js';
import '../catalog/catalog.types.js';
import { type MasterShareLinks, masterShareLinks } from '../../telegram/bot/links.js';
import { MoneyRef } from '../catalog/money.types.js';
import { AddressVisibilityEnum } from './master.inputs.js';
import { formatLocalTime } from './master.validation.js';
import { publicMasterWhere } from './master.visibility.js';
import { ONBOARDING_STEPS } from './onboarding-steps.js';

export const OnboardingStepEnum = builder.enumType('OnboardingStep', {
  values: ONBOARDING_STEPS,
});

export const PhoneVerificationMethodEnum = builder.enumType('PhoneVerificationMethod', {
  values: ['OTP', 'TELEGRAM_CONTACT'] as const,
});

interface StepState {
  step: OnboardingStep;
  completedAt: Date | null;
}

const OnboardingStepStateRef = builder.objectRef<StepState>('OnboardingStepState').implement({
  fields: (t) => ({
    step: t.expose('step', { type: OnboardingStepEnum }),
    complete: t.boolean({ resolve: (state) => state.completedAt !== null }),
    completedAt: t.expose('completedAt', { type: 'DateTime', nullable: true }),
  }),
});

const OnboardingProgressRef = builder.objectRef<StepState[]>('OnboardingProgress').implement({
  description: 'Per-step completion of the registration wizard.',
  fields: (t) => ({
    steps: t.field({ type: [OnboardingStepStateRef], resolve: (steps) => steps }),
    missingSteps: t.field({
      type: [OnboardingStepEnum],
      resolve: (steps) => steps.filter((state) => !state.completedAt).map((state) => state.step),
    }),
    nextStep: t.field({
      type: OnboardingStepEnum,
      nullable: true,
      description: 'The first incomplete step, where the wizard resumes.',
      resolve: (steps) => steps.find((state) => !state.completedAt)?.step ?? null,
    }),
    isComplete: t.boolean({ resolve: (steps) => steps.every((state) => state.completedAt !== null) }),
  }),
});

interface DaySchedule {
  weekday: number;
  intervals: { startMinute: number; endMinute: number }[];
}

const TimeIntervalRef = builder.objectRef<{ startMinute: number; endMinute: number }>('TimeInterval').implement({
  description: "Wall-clock time in the master's time zone, HH:MM.",
  fields: (t) => ({
    start: t.string({ resolve: (interval) => formatLocalTime(interval.startMinute) }),
    end: t.string({ resolve: (interval) => formatLocalTime(interval.endMinute) }),
  }),
});

const ScheduleDayRef = builder.objectRef<DaySchedule>('ScheduleDay').implement({
  fields: (t) => ({
    weekday: t.exposeInt('weekday', { description: 'ISO weekday: 1 = Monday … 7 = Sunday.' }),
    intervals: t.field({ type: [TimeIntervalRef], resolve: (day) => day.intervals }),
  }),
});

export const SlotSettingsRef = builder.prismaObject('SlotSettings', {
  fields: (t) => ({
    stepMinutes: t.exposeInt('stepMinutes'),
    bufferMinutes: t.exposeInt('bufferMinutes'),
    minNoticeMinutes: t.exposeInt('minNoticeMinutes'),
    horizonDays: t.exposeInt('horizonDays'),
    cancellationCutoffMinutes: t.exposeInt('cancellationCutoffMinutes', {
      description: 'How long before the start a client may still cancel or move a booking.',
    }),
    requireConfirmation: t.exposeBoolean('requireConfirmation', {
      description: "Clients' bookings not confirmed through the 24 h reminder are released.",
    }),
    confirmationDeadlineMinutes: t.exposeInt('confirmationDeadlineMinutes', {
      description: 'How long before the start an unconfirmed booking is released.',
    }),
  }),
});

export const MasterServiceRef = builder.prismaObject('MasterService', {
  description:
    'A service as this master offers it, under a catalogue service (the unit clients search by): its own name, ' +
    'description, duration and price in the currency of the master’s city.',
  fields: (t) => ({
    id: t.id({ resolve: (row) => encodeGlobalID('MasterService', row.id) }),
    service: t.relation('service', { description: 'The catalogue service it belongs to.' }),
    name: t.string({
      description: "The master's own name for it, or else the catalogue service's name in the caller's language.",
      select: { name: true, service: { select: { nameRu: true, nameEn: true } } },
      resolve: (row, _args, context) => row.name ?? (context.locale === 'EN' ? row.service.nameEn : row.service.nameRu),
    }),
    ownName: t.exposeString('name', { nullable: true, description: "The master's own name for it; null: the catalogue service's." }),
    description: t.exposeString('description', { nullable: true }),
    price: t.field({
      type: MoneyRef,
      select: { priceMinor: true, currency: true },
      resolve: (row) => ({ amountMinor: row.priceMinor, currency: row.currency }),
    }),
    durationMinutes: t.exposeInt('durationMinutes'),
    isActive: t.exposeBoolean('isActive', { description: 'Offered to clients now; false: switched off for a while.' }),
  }),
});

const MasterShareLinkRef = builder.objectRef<MasterShareLinks>('MasterShareLink').implement({
  description: "Links to the master's page in the client app, for the master to share with clients.",
  fields: (t) => ({
    miniApp: t.exposeString('miniApp', { description: 'Opens the page in the mini-app straight away (`startapp=m_<id>`).' }),
    bot: t.exposeString('bot', { description: 'Opens the chat with the bot, which offers a button to the page (`start=m_<id>`).' }),
  }),
});

/** The master's own, complete view of their profile. */
export const MasterProfileRef = builder.prismaObject('Master', {
  variant: 'MasterProfile',
  fields: (t) => ({
    id: t.id({
      description: 'The same global id as the public master page.',
      resolve: (master) => encodeGlobalID('Master', master.id),
    }),
    status: t.expose('status', { type: MasterStatusEnum }),
    isActive: t.exposeBoolean('isActive', { description: 'Visible to clients.' }),
    profileCompletedAt: t.expose('profileCompletedAt', { type: 'DateTime', nullable: true }),
    displayName: t.exposeString('displayName'),
    about: t.exposeString('about', { nullable: true }),
    phone: t.exposeString('phone', { nullable: true, description: 'E.164.' }),
    phoneVerified: t.boolean({ resolve: (master) => master.phoneVerifiedAt !== null }),
    phoneVerificationMethod: t.expose('phoneVerificationMethod', { type: PhoneVerificationMethodEnum, nullable: true }),
    city: t.relation('city', { nullable: true }),
    address: t.exposeString('address', { nullable: true, description: 'The full address.' }),
    addressVisibility: t.expose('addressVisibility', { type: AddressVisibilityEnum }),
    area: t.exposeString('area', { nullable: true, description: 'What clients see instead of the address, with AREA.' }),
    telegramContactAllowed: t.exposeBoolean('telegramContactAllowed', {
      description: 'Clients who booked may write to you in Telegram.',
    }),
    timeZone: t.exposeString('timeZone', { nullable: true, description: 'IANA time zone of the city.' }),
    lastActivityAt: t.expose('lastActivityAt', { type: 'DateTime' }),
    onboarding: t.field({
      type: OnboardingProgressRef,
      select: { onboardingSteps: { select: { step: true, completedAt: true } } },
      resolve: (master) =>
        ONBOARDING_STEPS.map((step) => ({
          step,
          completedAt: master.onboardingSteps.find((row) => row.step === step)?.completedAt ?? null,
        })),
    }),
    schedule: t.field({
      type: [ScheduleDayRef],
      description: 'Working intervals per weekday, Monday first; days off have no intervals.',
      select: { scheduleIntervals: { select: { weekday: true, startMinute: true, endMinute: true } } },
      resolve: (master) =>
        [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
          weekday,
          intervals: master.scheduleIntervals
            .filter((interval) => interval.weekday === weekday)
            .sort((a, b) => a.startMinute - b.startMinute),
        })),
    }),
    slotSettings: t.relation('slotSettings', { nullable: true }),
    shareLink: t.field({
      type: MasterShareLinkRef,
      nullable: true,
      description: 'Links to your page for clients; null while clients cannot see you, or when the bot is not configured.',
      resolve: async (master, _args, context) => {
        if (!context.botLinks) return null;
        const visible = await context.prisma.master.count({ where: { id: master.id, ...publicMasterWhere } });
        return visible ? masterShareLinks(context.botLinks, master.id) : null;
      },
    }),
    services: t.relation('services', {
      description:
        'Your services in your order: offered now, and switched off for a while (`isActive` false); removed ones are not listed.',
      query: { where: { archivedAt: null }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] },
    }),
  }),
});
