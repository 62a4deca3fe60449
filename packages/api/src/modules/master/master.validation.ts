import { z } from 'zod';
import { globalIdOf } from '../../global-id.js';

/**
 * Validation of the master's data, shared by onboarding and settings. Each schema turns
 * client input into the shape the service stores (E.164 phone, minutes after midnight).
 */

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

export const locationSchema = z.object({
  cityId: globalIdOf('City'),
  address: z.string().trim().min(3, 'Enter the address clients come to.').max(200),
});

export const servicesSchema = z
  .object({
    services: z
      .array(
        z.object({
          serviceId: globalIdOf('Service'),
          priceMinor: z.number().int().min(0).max(100_000_000),
          durationMinutes: z.number().int().min(5, 'At least 5 minutes.').max(480, 'At most 8 hours.'),
        }),
      )
      .min(1, 'Offer at least one service.')
      .max(50),
  })
  .superRefine(({ services }, ctx) => {
    const seen = new Set<string>();
    services.forEach((service, index) => {
      if (seen.has(service.serviceId)) {
        ctx.addIssue({ code: 'custom', message: 'This service is listed twice.', path: ['services', index, 'serviceId'] });
      }
      seen.add(service.serviceId);
    });
  });

export type ScheduleInput = z.output<typeof scheduleSchema>;
export type SlotsInput = z.output<typeof slotsSchema>;
export type LocationInput = z.output<typeof locationSchema>;
export type ServicesInput = z.output<typeof servicesSchema>;
