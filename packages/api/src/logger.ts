import { pino, type Logger } from 'pino';

/**
 * Structured JSON logs. Credentials and personal data never reach them: the paths below
 * are censored wherever they appear in a logged object.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'zapis-api' },
    redact: {
      paths: [
        'authorization',
        '*.authorization',
        'headers.authorization',
        '*.headers.authorization',
        'initData',
        'initDataRaw',
        '*.initDataRaw',
        'phone',
        '*.phone',
        'clientPhone',
        '*.clientPhone',
        'firstName',
        '*.firstName',
        'lastName',
        '*.lastName',
        'clientName',
        '*.clientName',
        'token',
        '*.token',
      ],
      censor: '[redacted]',
    },
  });
}
