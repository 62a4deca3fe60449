import type { CombinedError } from '@urql/core';

/** Messages by field path, relative to the input the form sent. */
export type Problems = Record<string, string>;

interface FieldProblem {
  path: string;
  message: string;
}

function isFieldProblem(value: unknown): value is FieldProblem {
  const candidate = value as FieldProblem | null;
  return typeof candidate?.path === 'string' && typeof candidate.message === 'string';
}

/**
 * The field messages of a BAD_USER_INPUT (or a refused code), by path relative to `scope`:
 * the API names "input.schedule.days.0.end" or "schedule.days.0.end"; with scope "schedule"
 * both become "days.0.end", and a problem with the whole scope becomes "".
 */
export function fieldProblems(error: CombinedError, scope?: string): Problems {
  const problems: Problems = {};
  for (const graphQLError of error.graphQLErrors) {
    const fields = graphQLError.extensions.fields;
    if (!Array.isArray(fields)) continue;
    for (const field of fields.filter(isFieldProblem)) {
      let path = field.path.replace(/^input(\.|$)/, '');
      if (scope && (path === scope || path.startsWith(`${scope}.`))) path = path.slice(scope.length + 1);
      problems[path] ??= field.message;
    }
  }
  return problems;
}

/** An `extensions` entry of the first error that has it. */
export function errorExtension(error: CombinedError, key: string): unknown {
  return error.graphQLErrors.find((graphQLError) => key in graphQLError.extensions)?.extensions[key];
}

/** How long RATE_LIMITED asks to wait, in seconds. */
export function retryAfterSeconds(error: CombinedError): number | undefined {
  const value = errorExtension(error, 'retryAfterSeconds');
  return typeof value === 'number' && value > 0 ? value : undefined;
}
