import { z } from 'zod';
import { builder } from '../../builder.js';
import { globalIdOf } from '../../global-id.js';
import { phoneSchema } from '../../validation.js';
import {
  confirmationSchema,
  locationSchema,
  MAX_ABOUT_LENGTH,
  ownServiceSchema,
  profileSchema,
  scheduleSchema,
  servicesSchema,
  slotsSchema,
} from './master.validation.js';

export const PhoneStepInput = builder
  .inputType('PhoneStepInput', {
    fields: (t) => ({
      phone: t.string({ description: 'Any common notation; Russian numbers may start with 8.' }),
    }),
  })
  .validate(z.object({ phone: phoneSchema }));

export const AddressVisibilityEnum = builder.enumType('AddressVisibility', {
  description: 'What clients see of your address before they book.',
  values: {
    FULL: { description: 'The full address, on your page and in search.' },
    AREA: { description: 'Only the area you name; the full address comes with the booking.' },
  },
});

export const LocationStepInput = builder
  .inputType('LocationStepInput', {
    fields: (t) => ({
      cityId: t.id({ description: 'A City id from `cities`: its time zone and currency become yours.' }),
      address: t.string({ description: 'The full address clients come to (3–200).' }),
      addressVisibility: t.field({
        type: AddressVisibilityEnum,
        required: false,
        description: 'FULL unless given. With AREA, clients see only `area` until they have booked.',
      }),
      area: t.string({ required: false, description: 'A district or metro station (2–100); required with AREA.' }),
    }),
  })
  .validate(locationSchema);

const TimeIntervalInput = builder.inputType('TimeIntervalInput', {
  fields: (t) => ({
    start: t.string({ description: 'HH:MM, local time.' }),
    end: t.string({ description: 'HH:MM, local time; 24:00 is the end of the day.' }),
  }),
});

const ScheduleDayInput = builder.inputType('ScheduleDayInput', {
  fields: (t) => ({
    weekday: t.int({ description: 'ISO weekday: 1 = Monday … 7 = Sunday.' }),
    intervals: t.field({ type: [TimeIntervalInput] }),
  }),
});

export const ScheduleStepInput = builder
  .inputType('ScheduleStepInput', {
    fields: (t) => ({
      days: t.field({ type: [ScheduleDayInput], description: 'Weekdays not listed are days off.' }),
    }),
  })
  .validate(scheduleSchema);

export const SlotsStepInput = builder
  .inputType('SlotsStepInput', {
    fields: (t) => ({
      stepMinutes: t.int({ description: '5–120, dividing an hour or a multiple of 30.' }),
      bufferMinutes: t.int({ description: 'Free time kept after each booking.' }),
      minNoticeMinutes: t.int({ description: 'How long before the start a client may still book.' }),
      horizonDays: t.int({ description: 'How many days ahead clients may book.' }),
      cancellationCutoffMinutes: t.int({
        required: false,
        description: 'How long before the start a client may still cancel or move a booking. Unchanged unless given.',
      }),
    }),
  })
  .validate(slotsSchema);

export const ConfirmationSettingsInput = builder
  .inputType('ConfirmationSettingsInput', {
    description: 'Whether clients must confirm their bookings through the bot, and by when.',
    fields: (t) => ({
      requireConfirmation: t.boolean({
        description:
          "Clients must confirm a booking with the 24 h reminder's button, or it is released `confirmationDeadlineMinutes` " +
          'before the start. Applies to bookings made or moved from then on; switching it off spares every booking at once.',
      }),
      confirmationDeadlineMinutes: t.int({
        required: false,
        description: 'How long before the start an unconfirmed booking is released: 60–1320 (22 hours). Unchanged unless given.',
      }),
    }),
  })
  .validate(confirmationSchema);

const OfferedServiceInput = builder.inputType('OfferedServiceInput', {
  description: 'One of your services. Several may share a catalogue service when each has its own name.',
  fields: (t) => ({
    id: t.id({ required: false, description: 'One of your services to edit; omit it to add a new one.' }),
    serviceId: t.id({ description: 'The catalogue Service it belongs to (from `services`): how clients find it.' }),
    name: t.string({ required: false, description: "Your own name for it (up to 80); blank: the catalogue service's name." }),
    description: t.string({ required: false, description: 'What it includes (up to 500).' }),
    priceMinor: t.int({ description: "Price in minor units of your city's currency (`City.currency`): kopecks, tiyn, tetri, cents." }),
    durationMinutes: t.int({ description: '5–480.' }),
  }),
});

export const ServicesStepInput = builder
  .inputType('ServicesStepInput', {
    fields: (t) => ({
      services: t.field({
        type: [OfferedServiceInput],
        description: 'Your whole list, in the order clients see it; your services left out are removed from it.',
      }),
    }),
  })
  .validate(servicesSchema);

export const ProfileStepInput = builder
  .inputType('ProfileStepInput', {
    description: 'What clients see first on your page and in search.',
    fields: (t) => ({
      displayName: t.string({ description: 'Your public name (2–80), e.g. "Анна — маникюр".' }),
      about: t.string({ description: `A short description for clients (20–${MAX_ABOUT_LENGTH}).` }),
      telegramContactAllowed: t.boolean({
        required: false,
        description: 'Clients who booked may write to you in Telegram (a link to your username). Unchanged unless given.',
      }),
    }),
  })
  .validate(profileSchema);

export const SaveOnboardingStepInput = builder.inputType('SaveOnboardingStepInput', {
  description: 'Exactly one step of the registration wizard.',
  isOneOf: true,
  fields: (t) => ({
    phone: t.field({ type: PhoneStepInput, required: false }),
    location: t.field({ type: LocationStepInput, required: false }),
    schedule: t.field({ type: ScheduleStepInput, required: false }),
    slots: t.field({ type: SlotsStepInput, required: false }),
    services: t.field({ type: ServicesStepInput, required: false }),
    profile: t.field({ type: ProfileStepInput, required: false }),
  }),
});

export const UpdateMasterSettingsInput = builder.inputType('UpdateMasterSettingsInput', {
  description: 'Any part of the profile; omitted parts stay as they are.',
  fields: (t) => ({
    profile: t.field({ type: ProfileStepInput, required: false }),
    phone: t.field({ type: PhoneStepInput, required: false }),
    location: t.field({ type: LocationStepInput, required: false }),
    schedule: t.field({ type: ScheduleStepInput, required: false }),
    slots: t.field({ type: SlotsStepInput, required: false }),
    services: t.field({ type: ServicesStepInput, required: false }),
    confirmation: t.field({ type: ConfirmationSettingsInput, required: false }),
    active: t.boolean({ required: false, description: 'false hides the profile from clients; true shows it again.' }),
  }),
});

export const CreateMasterServiceInput = builder
  .inputType('CreateMasterServiceInput', {
    description: 'A new service of yours, added at the end of your list.',
    fields: (t) => ({
      serviceId: t.id({ description: 'The catalogue Service it belongs to: how clients find it.' }),
      name: t.string({ required: false, description: "Your own name for it (up to 80); blank: the catalogue service's name." }),
      description: t.string({ required: false, description: 'What it includes (up to 500).' }),
      priceMinor: t.int({ description: "Price in minor units of your city's currency (`City.currency`)." }),
      durationMinutes: t.int({ description: '5–480.' }),
    }),
  })
  .validate(ownServiceSchema);

export const UpdateMasterServiceInput = builder
  .inputType('UpdateMasterServiceInput', {
    description: 'Changes to one of your services; what is not given stays as it is.',
    fields: (t) => ({
      id: t.id({ description: 'One of your MasterService ids.' }),
      serviceId: t.id({ required: false }),
      name: t.string({ required: false, description: "Blank: the catalogue service's name." }),
      description: t.string({ required: false }),
      priceMinor: t.int({ required: false }),
      durationMinutes: t.int({ required: false }),
      isActive: t.boolean({ required: false, description: 'false: not offered for a while; true: offered again.' }),
    }),
  })
  .validate(
    ownServiceSchema
      .partial()
      .extend({ id: globalIdOf('MasterService'), isActive: z.boolean().nullish() })
      .transform(({ serviceId, ...rest }) => ({ ...rest, serviceId: serviceId ?? undefined })),
  );

export const ArchiveMasterServiceInput = builder
  .inputType('ArchiveMasterServiceInput', {
    fields: (t) => ({ id: t.id({ description: 'One of your MasterService ids.' }) }),
  })
  .validate(z.object({ id: globalIdOf('MasterService') }));
