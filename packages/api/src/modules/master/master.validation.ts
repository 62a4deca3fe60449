import { z } from 'zod';
import { globalIdOf } from '../../global-id.js';

/**
 * Validation of the master's data, shared by onboarding and settings. Each schema turns
 * client input into the shape the service stores (E.164 phone, minutes after midnight).
 */

/** Blank optional text means none. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .nullish()
    .transform((value) => value || null);

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** "HH:MM" (24:00 allowed as the end of the day) → minutes after midnight. */
export const localTimeSchema = z
  .string()
  .regex(TIME, 'Use HH:MM, 00:00–24:00.')
  .transform((value) => {
    const [hours, minutes] = value.split(':').map(Number) as [number, number];
    return hours * 60 + minutes;
  });

export function formatLocalTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const intervalSchema = z
  .object({ start: localTimeSchema, end: localTimeSchema })
  .refine((interval) => interval.start < interval.end, { message: 'The end must come after the start.', path: ['end'] });

const weekdaySchema = z.object({
  weekday: z.number().int().min(1, 'Weekday 1 (Monday) … 7 (Sunday).').max(7, 'Weekday 1 (Monday) … 7 (Sunday).'),
  intervals: z.array(intervalSchema).max(12),
});

export const scheduleSchema = z.object({ days: z.array(weekdaySchema).max(7) }).superRefine(({ days }, ctx) => {
  const seen = new Set<number>();
  days.forEach((day, dayIndex) => {
    if (seen.has(day.weekday)) {
      ctx.addIssue({ code: 'custom', message: 'This weekday is given twice.', path: ['days', dayIndex, 'weekday'] });
    }
    seen.add(day.weekday);
    const sorted = day.intervals.map((interval, index) => ({ ...interval, index })).sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i += 1) {
      if (sorted[i]!.start < sorted[i - 1]!.end) {
        ctx.addIssue({
          code: 'custom',
          message: 'Working intervals of a day must not overlap.',
          path: ['days', dayIndex, 'intervals', sorted[i]!.index],
        });
      }
    }
  });
  if (!days.some((day) => day.intervals.length > 0)) {
    ctx.addIssue({ code: 'custom', message: 'Add at least one working day.', path: ['days'] });
  }
});

/** Slot steps that tile an hour, or whole half-hours: 5, 6, 10, 12, 15, 20, 30, 60, 90, 120. */
export function isAllowedSlotStep(minutes: number): boolean {
  return minutes >= 5 && minutes <= 120 && (60 % minutes === 0 || minutes % 30 === 0);
}

export const slotsSchema = z.object({
  stepMinutes: z.number().int().refine(isAllowedSlotStep, 'Slot step must be 5–120 minutes and divide an hour or be a multiple of 30.'),
  bufferMinutes: z.number().int().min(0).max(240),
  minNoticeMinutes: z
    .number()
    .int()
    .min(0)
    .max(30 * 24 * 60),
  horizonDays: z.number().int().min(1).max(365),
  cancellationCutoffMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .nullish(),
});

/** Whether clients must confirm through the 24 h reminder, and how long before the start an unconfirmed booking is released. */
export const confirmationSchema = z.object({
  requireConfirmation: z.boolean(),
  // At least an hour before the start, and at least two hours after the 24 h reminder that asks.
  confirmationDeadlineMinutes: z
    .number()
    .int()
    .min(60, 'At least 60 minutes before the start.')
    .max(22 * 60, 'At most 22 hours before the start: the 24 h reminder must leave the client time to answer.')
    .nullish(),
});

export const MAX_ABOUT_LENGTH = 500;

/** What clients see first: the public name and a short description. */
export const profileSchema = z.object({
  displayName: z.string().trim().min(2, 'At least 2 characters.').max(80, 'At most 80 characters.'),
  about: z
    .string()
    .trim()
    .min(20, 'Tell clients a little more: at least 20 characters.')
    .max(MAX_ABOUT_LENGTH, `At most ${MAX_ABOUT_LENGTH} characters.`),
  telegramContactAllowed: z.boolean().nullish(),
});

/**
 * Where clients come: the city, the full address, and what clients see of it before they book —
 * all of it, or only an area (a district, a metro station) that the master names.
 */
export const locationSchema = z
  .object({
    cityId: globalIdOf('City'),
    address: z.string().trim().min(3, 'Enter the address clients come to.').max(200),
    addressVisibility: z
      .enum(['FULL', 'AREA'])
      .nullish()
      .transform((value) => value ?? 'FULL'),
    area: optionalText(100),
  })
  .superRefine((location, ctx) => {
    if (location.addressVisibility === 'AREA' && (location.area ?? '').length < 2) {
      ctx.addIssue({ code: 'custom', message: 'Name the area or metro station clients see before booking.', path: ['area'] });
    }
  });

export const MAX_OWN_SERVICES = 50;

/** One of the master's own services: under a catalogue service, with its own name, description, duration and price. */
export const ownServiceSchema = z.object({
  serviceId: globalIdOf('Service'),
  name: optionalText(80),
  description: optionalText(500),
  priceMinor: z.number().int().min(0).max(100_000_000),
  durationMinutes: z.number().int().min(5, 'At least 5 minutes.').max(480, 'At most 8 hours.'),
});

/**
 * The whole list the services step saves: an entry with `id` edits that service of the master's,
 * one without adds a new one; the master's services left out are removed from the list. Several
 * may share a catalogue service, but then each needs a name of its own.
 */
export const servicesSchema = z
  .object({
    services: z
      .array(ownServiceSchema.extend({ id: globalIdOf('MasterService').nullish() }))
      .min(1, 'Offer at least one service.')
      .max(MAX_OWN_SERVICES, `At most ${MAX_OWN_SERVICES} services.`),
  })
  .superRefine(({ services }, ctx) => {
    const ids = new Set<string>();
    const names = new Set<string>();
    services.forEach((service, index) => {
      if (service.id) {
        if (ids.has(service.id))
          ctx.addIssue({ code: 'custom', message: 'This service is listed twice.', path: ['services', index, 'id'] });
        ids.add(service.id);
      }
      const name = `${service.serviceId}:${service.name?.toLocaleLowerCase() ?? ''}`;
      if (names.has(name)) {
        ctx.addIssue({
          code: 'custom',
          message: 'Several services of one kind need names of their own.',
          path: ['services', index, 'name'],
        });
      }
      names.add(name);
    });
  });

export type ScheduleInput = z.output<typeof scheduleSchema>;
export type SlotsInput = z.output<typeof slotsSchema>;
export type ConfirmationInput = z.output<typeof confirmationSchema>;
export type LocationInput = z.output<typeof locationSchema>;
export type ServicesInput = z.output<typeof servicesSchema>;
export type OwnServiceInput = z.output<typeof ownServiceSchema>;
export type ProfileInput = z.output<typeof profileSchema>;
