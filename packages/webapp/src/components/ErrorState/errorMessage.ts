import type { CombinedError } from '@urql/core';
import { formatWait } from '../../format/duration.ts';
import { locale, t } from '../../i18n/index.ts';
import { errorCode } from './errorCode.ts';
import { fieldProblems, retryAfterSeconds } from './fieldProblems.ts';

/** What to tell the user when saving failed: the error code's message, with the wait if there is one. */
export function saveErrorMessage(error: CombinedError): string {
  const code = errorCode(error);
  if (code === 'RATE_LIMITED') {
    const wait = retryAfterSeconds(error);
    return wait ? t().errors.rateLimitedFor(formatWait(wait, locale())) : t().errors.RATE_LIMITED;
  }
  if (code === 'BAD_USER_INPUT' && Object.keys(fieldProblems(error)).length > 0) return t().errors.checkFields;
  if (code === 'GENERIC') return t().errors.saveFailed;
  return t().errors[code];
}
