import { isAsyncIterable, type Plugin } from '@envelop/core';
import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors.js';

function withCode(error: GraphQLError, code: ErrorCode): GraphQLError {
  if (error.extensions?.code) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}

/**
 * Requests that never start executing — variables that do not coerce (`startsAt: "tomorrow at
 * ten"`, an unknown enum value, a required variable missing) — come back from the executor as
 * errors without data and without a code. They are the caller's input, so they carry
 * BAD_USER_INPUT; the HTTP status stays the executor's 400. Documents that do not validate
 * carry GRAPHQL_VALIDATION_FAILED from Yoga; those that do not parse get it here.
 */
export function useTypedRequestErrors(): Plugin {
  return {
    onParse() {
      return ({ result }) => {
        // Yoga calls a document that does not parse GRAPHQL_PARSE_FAILED; to clients it is a
        // document that does not validate, the one code PRODUCT.md names for it (status stays 400).
        if (result instanceof GraphQLError && (!result.extensions.code || result.extensions.code === 'GRAPHQL_PARSE_FAILED')) {
          (result.extensions as Record<string, unknown>).code = ErrorCode.GRAPHQL_VALIDATION_FAILED;
        }
      };
    },
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result) || 'data' in result || !result.errors?.length) return;
          setResult({ ...result, errors: result.errors.map((error) => withCode(error, ErrorCode.BAD_USER_INPUT)) });
        },
      };
    },
  };
}
