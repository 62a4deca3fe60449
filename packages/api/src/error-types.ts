import { builder } from './builder.js';
import { ErrorCode } from './errors.js';

export const ErrorCodeEnum = builder.enumType('ErrorCode', {
  values: Object.values(ErrorCode),
  description: 'Stable codes of expected failures; also used in `extensions.code`.',
});

/** An expected failure returned as data by fields that declare it (`errors: { types: [...] }`). */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const ErrorInterface = builder.interfaceRef<DomainError>('Error').implement({
  fields: (t) => ({
    code: t.expose('code', { type: ErrorCodeEnum }),
    message: t.exposeString('message'),
  }),
});
