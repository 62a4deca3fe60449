import { type AuthFailure, AuthScopeFailureType, type ForbiddenResult } from '@pothos/plugin-scope-auth';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { GraphQLError } from 'graphql';

/** The stable `extensions.code` values clients switch on (PRODUCT.md). */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  MASTER_NOT_REGISTERED: 'MASTER_NOT_REGISTERED',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  SLOT_UNAVAILABLE: 'SLOT_UNAVAILABLE',
  RATE_LIMITED: 'RATE_LIMITED',
  /** A document that does not parse or validate (Yoga's code for validation; see typed-refusals.ts). */
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const httpStatus: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  MASTER_NOT_REGISTERED: 403,
  RATE_LIMITED: 429,
};

/** A GraphQL error with a stable code; Yoga answers with its HTTP status and never masks it. */
export function apiError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  const status = httpStatus[code];
  return new GraphQLError(message, {
    extensions: { ...extensions, code, ...(status ? { http: { status } } : {}) },
  });
}

/**
 * Over a rate limit: 429 with `Retry-After` (Yoga copies `extensions.http` onto the response and
 * leaves it out of the body) and `extensions.retryAfterSeconds` for GraphQL clients.
 */
export function rateLimited(message: string, retryAfterSeconds: number, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      ...extensions,
      code: ErrorCode.RATE_LIMITED,
      retryAfterSeconds,
      http: { status: 429, headers: { 'retry-after': String(retryAfterSeconds) } },
    },
  });
}

/** Input a rule refused: BAD_USER_INPUT naming the field (`path`), with any further extensions (`reason`…). */
export function badInput(path: string, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return apiError(ErrorCode.BAD_USER_INPUT, message, { ...extensions, fields: [{ path, message }] });
}

export function unauthenticated(message = 'Valid Telegram init data is required.'): GraphQLError {
  return apiError(ErrorCode.UNAUTHENTICATED, message);
}

interface ScopeContext {
  viewer: { kind: string };
}

/** What a failed `authScopes` check answers: who you are is missing, or it is not enough. */
export function scopeFailureError(context: ScopeContext, result: ForbiddenResult): GraphQLError {
  if (context.viewer.kind === 'anonymous') return unauthenticated();
  const failed = failedScopes(result.failure);
  if (failed.includes('notPartner')) {
    return apiError(ErrorCode.FORBIDDEN, 'A partner key reaches only segment, segmentSize and the catalogue.');
  }
  if (failed.includes('partner')) return apiError(ErrorCode.FORBIDDEN, 'Partner fields need a partner key (Authorization: Bearer <key>).');
  if (failed.includes('master')) return apiError(ErrorCode.MASTER_NOT_REGISTERED, 'Register as a master first.');
  if (failed.includes('activeMaster')) return apiError(ErrorCode.FORBIDDEN, 'Activate your master profile first.');
  if (failed.includes('client')) return apiError(ErrorCode.FORBIDDEN, 'Open the client app first (upsertClient).');
  if (failed.includes('operator')) return apiError(ErrorCode.FORBIDDEN, 'Operators only: send the operator key in X-Admin-Key.');
  return apiError(ErrorCode.FORBIDDEN, 'Not allowed.');
}

function failedScopes(failure: AuthFailure): string[] {
  if (failure.kind === AuthScopeFailureType.AuthScope) return [failure.scope];
  if (failure.kind === AuthScopeFailureType.AnyAuthScopes || failure.kind === AuthScopeFailureType.AllAuthScopes) {
    return failure.failures.flatMap(failedScopes);
  }
  return [];
}

export interface FieldProblem {
  path: string;
  message: string;
}

/** Input that failed validation: BAD_USER_INPUT with a message per field. */
export function validationFailureError(failure: StandardSchemaV1.FailureResult): GraphQLError {
  const fields: FieldProblem[] = failure.issues.map((issue) => ({
    path: (issue.path ?? []).map((segment) => (typeof segment === 'object' ? String(segment.key) : String(segment))).join('.'),
    message: issue.message,
  }));
  return apiError(ErrorCode.BAD_USER_INPUT, 'Invalid input.', { fields });
}
