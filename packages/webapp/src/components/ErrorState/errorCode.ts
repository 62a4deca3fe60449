import type { CombinedError } from '@urql/core';

export const API_ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'MASTER_NOT_REGISTERED',
  'BAD_USER_INPUT',
  'SLOT_UNAVAILABLE',
  'RATE_LIMITED',
] as const;

export type ErrorCode = (typeof API_ERROR_CODES)[number] | 'NETWORK' | 'GENERIC';

function isApiErrorCode(code: unknown): code is (typeof API_ERROR_CODES)[number] {
  return API_ERROR_CODES.includes(code as (typeof API_ERROR_CODES)[number]);
}

/** The first known `extensions.code` of the error; network failures and the rest are generic. */
export function errorCode(error: CombinedError): ErrorCode {
  const code = error.graphQLErrors.map((graphQLError) => graphQLError.extensions.code).find(isApiErrorCode);
  if (code) return code;
  return error.networkError && error.graphQLErrors.length === 0 ? 'NETWORK' : 'GENERIC';
}
