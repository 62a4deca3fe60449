import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import { isLocalDate, type LocalDate } from './time/zoned-time.js';

/** Input rules that several domains share. */

/** A phone number as people write it ("8 912 …" is Russian) → E.164. */
export const phoneSchema = z
  .string()
  .trim()
  .min(1, 'Enter a phone number.')
  .max(32)
  .transform((value, ctx) => {
    const parsed = parsePhoneNumberFromString(value, 'RU');
    if (!parsed?.isValid()) {
      ctx.addIssue({ code: 'custom', message: 'Not a valid phone number.' });
      return z.NEVER;
    }
    return parsed.number;
  });

/** Calendars work in whole minutes, like the schedule they come from. */
export const wholeMinute = z.date().refine((date) => date.getTime() % 60_000 === 0, 'Use a whole minute (no seconds).');

/** A calendar date written YYYY-MM-DD (no 2030-02-30). */
export const localDateSchema = z
  .string()
  .refine(isLocalDate, 'A date as YYYY-MM-DD.')
  .transform((date): LocalDate => date);

/** Blank optional text means none. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => value || null);
