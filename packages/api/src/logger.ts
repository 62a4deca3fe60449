import { type DestinationStream, type Logger, pino } from 'pino';
import pinoPretty from 'pino-pretty';

/** Phone numbers in free text: 10 to 15 digits, with the usual separators. */
const PHONE_IN_TEXT = /\+?\d(?:[\s()-]*\d){9,14}/g;
/** `clientName: "…"`, `"firstName":"…"`, `phone='…'`: quoted values of personal fields, as Prisma and JSON print them. */
const PERSONAL_VALUE_IN_TEXT = /(\b\w*(?:name|phone|address|comment)["']?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/gi;

/** Free text (messages, error messages and stacks, driver details) without phone numbers and personal field values. */
export function scrubText(text: string): string {
  return text.replace(PERSONAL_VALUE_IN_TEXT, '$1"[redacted]"').replace(PHONE_IN_TEXT, '[phone]');
}

/** Fields that hold names or phone numbers, censored at any depth (Telegram updates nest them deeply). */
const PERSONAL_KEYS = new Set([
  'first_name',
  'last_name',
  'username',
  'phone_number',
  'phone',
  'firstname',
  'lastname',
  'displayname',
  'clientname',
  'clientphone',
  'address',
]);

function censorPersonalKeys(value: unknown, depth = 0): unknown {
  if (depth > 8 || typeof value !== 'object' || value === null || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((item) => censorPersonalKeys(item, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      PERSONAL_KEYS.has(key.toLowerCase()) && item != null ? '[redacted]' : censorPersonalKeys(item, depth + 1),
    ]),
  );
}

function scrubStrings(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 4 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => scrubStrings(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubStrings(item, depth + 1)]));
}

/**
 * Structured JSON logs. Credentials and personal data never reach them: the paths below
 * are censored wherever they appear in a logged object, names and phone numbers at any
 * depth (PERSONAL_KEYS), and messages and errors (whose text may quote the values of a
 * failed query) lose phone numbers and personal values.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'zapis-api' },
    serializers: { err: (error: Error) => scrubStrings(pino.stdSerializers.err(error)) },
    formatters: { log: (object: Record<string, unknown>) => censorPersonalKeys(object) as Record<string, unknown> },
    hooks: {
      logMethod(this: Logger, args: Parameters<Logger['info']>, method: Logger['info']) {
        method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg)) as Parameters<Logger['info']>);
      },
    },
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
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Where the server's log goes: JSON lines on stdout (for log shippers), or, for a person at a
 * terminal, pino-pretty's readable lines. `auto` is pretty when stdout is a terminal.
 */
export function logDestination(
  format: 'json' | 'pretty' | 'auto',
  stdout: NodeJS.WriteStream = process.stdout,
): DestinationStream | undefined {
  const pretty = format === 'pretty' || (format === 'auto' && stdout.isTTY === true);
  if (!pretty) return undefined;
  return pinoPretty({
    destination: stdout,
    colorize: stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service',
    sync: true,
  });
}
