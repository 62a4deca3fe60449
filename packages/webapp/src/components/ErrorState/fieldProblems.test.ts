import { CombinedError } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { errorExtension, fieldProblems, retryAfterSeconds } from './fieldProblems.ts';

function badInput(extensions: Record<string, unknown>): CombinedError {
  return new CombinedError({ graphQLErrors: [{ message: 'Invalid input.', extensions: { code: 'BAD_USER_INPUT', ...extensions } }] });
}

describe('fieldProblems', () => {
  it('makes paths relative to the step, whether or not they start with input', () => {
    const error = badInput({
      fields: [
        { path: 'input.schedule.days.0.intervals.1', message: 'Overlap.' },
        { path: 'schedule.days.2.intervals.0.end', message: 'Too late.' },
        { path: 'input.schedule', message: 'Add a day.' },
      ],
    });
    expect(fieldProblems(error, 'schedule')).toEqual({
      'days.0.intervals.1': 'Overlap.',
      'days.2.intervals.0.end': 'Too late.',
      '': 'Add a day.',
    });
  });

  it('keeps paths of other inputs, and the first message of a field', () => {
    const error = badInput({ fields: [{ path: 'code', message: 'Wrong code.' }, { path: 'code', message: 'Again.' }, { bogus: true }] });
    expect(fieldProblems(error, 'phone')).toEqual({ code: 'Wrong code.' });
    expect(fieldProblems(badInput({}))).toEqual({});
  });

  it('reads extensions such as retryAfterSeconds', () => {
    const error = new CombinedError({
      graphQLErrors: [{ message: 'Wait.', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 42, reason: 'RESEND_COOLDOWN' } }],
    });
    expect(retryAfterSeconds(error)).toBe(42);
    expect(errorExtension(error, 'reason')).toBe('RESEND_COOLDOWN');
    expect(retryAfterSeconds(badInput({}))).toBeUndefined();
  });
});
