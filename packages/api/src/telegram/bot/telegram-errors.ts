import { GrammyError, HttpError } from 'grammy';

export interface TelegramFailure {
  /** Telegram's error code; absent when Telegram was not reached. */
  code?: number;
  /** Safe to log and store: never the request's payload (names, message texts). */
  description: string;
  /** Telegram refused for good (bot blocked, chat not found, bad request): trying again will not help. */
  permanent: boolean;
}

/**
 * What went wrong in a Bot API call, without the call's payload: grammY's errors carry the
 * payload (message texts with people's names), so they are never logged as they are.
 */
export function telegramFailure(error: unknown): TelegramFailure {
  if (error instanceof GrammyError) {
    return {
      code: error.error_code,
      description: `${error.method}: ${error.error_code} ${error.description}`,
      permanent: error.error_code === 400 || error.error_code === 403,
    };
  }
  if (error instanceof HttpError) return { description: error.message, permanent: false };
  return { description: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error', permanent: false };
}
