import { CombinedError } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { errorCode } from './errorCode.ts';

function graphQLErrors(...codes: unknown[]): CombinedError {
  return new CombinedError({
    graphQLErrors: codes.map((code) => ({ message: 'failed', extensions: { code } })),
  });
}

describe('errorCode', () => {
  it('maps a known extensions.code', () => {
    expect(errorCode(graphQLErrors('MASTER_NOT_REGISTERED'))).toBe('MASTER_NOT_REGISTERED');
  });

  it('takes the first known code among several errors', () => {
    expect(errorCode(graphQLErrors('SOMETHING_ELSE', 'RATE_LIMITED'))).toBe('RATE_LIMITED');
  });

  it('falls back to a generic error for unknown codes', () => {
    expect(errorCode(graphQLErrors('INTERNAL_SERVER_ERROR'))).toBe('GENERIC');
    expect(errorCode(graphQLErrors(undefined))).toBe('GENERIC');
  });

  it('reports a network failure without GraphQL errors as a network error', () => {
    expect(errorCode(new CombinedError({ networkError: new TypeError('Failed to fetch') }))).toBe('NETWORK');
  });
});
