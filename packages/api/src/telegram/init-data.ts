import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Telegram Mini App init data: verification as Telegram specifies it
 * (core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app) and signing
 * for development identities and tests.
 */

export interface TelegramInitUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  is_premium?: boolean;
  is_bot?: boolean;
  photo_url?: string;
  allows_write_to_pm?: boolean;
}

export interface VerifiedInitData {
  /** The Telegram user who opened the app; absent only for init data not from a user. */
  user?: TelegramInitUser;
  authDate: Date;
  startParam?: string;
  chatType?: string;
  chatInstance?: string;
  queryId?: string;
}

export type InitDataRejection =
  | 'MALFORMED'
  | 'DUPLICATE_FIELD'
  | 'MISSING_HASH'
  | 'MISSING_AUTH_DATE'
  | 'BAD_SIGNATURE'
  | 'EXPIRED'
  | 'FROM_THE_FUTURE';

export class InitDataError extends Error {
  constructor(readonly reason: InitDataRejection) {
    super(`Telegram init data rejected: ${reason}`);
    this.name = 'InitDataError';
  }
}

export interface VerifyOptions {
  /** Init data older than this is refused. */
  maxAgeSeconds: number;
  now?: Date;
}

/** Clocks of Telegram and of our servers drift a little; more than this is a forgery or a bug. */
const ALLOWED_CLOCK_SKEW_SECONDS = 30;
const HASH_PATTERN = /^[0-9a-f]{64}$/;

function secretKey(botToken: string): Buffer {
  return createHmac('sha256', 'WebAppData').update(botToken).digest();
}

/** `key=value` lines of every field but `hash` (`signature` included), sorted by key. */
function dataCheckString(fields: ReadonlyMap<string, string>): string {
  return [...fields]
    .filter(([key]) => key !== 'hash')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
}

/** Splits raw init data into decoded fields, refusing anything ambiguous. */
function parseFields(raw: string): Map<string, string> {
  if (raw.length === 0 || raw.length > 8192) throw new InitDataError('MALFORMED');
  const fields = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(raw)) {
    if (key.length === 0) throw new InitDataError('MALFORMED');
    if (fields.has(key)) throw new InitDataError('DUPLICATE_FIELD');
    fields.set(key, value);
  }
  return fields;
}

function parseUser(json: string | undefined): TelegramInitUser | undefined {
  if (json === undefined) return undefined;
  let user: unknown;
  try {
    user = JSON.parse(json);
  } catch {
    throw new InitDataError('MALFORMED');
  }
  if (
    typeof user !== 'object' ||
    user === null ||
    // Telegram user ids are positive; zero and negative ones belong to chats and channels, not to a person.
    !Number.isSafeInteger((user as { id?: unknown }).id) ||
    (user as { id: number }).id <= 0 ||
    typeof (user as { first_name?: unknown }).first_name !== 'string'
  ) {
    throw new InitDataError('MALFORMED');
  }
  return user as TelegramInitUser;
}

/** Checks the signature with the bot token, then age; returns the verified fields. */
export function verifyInitData(raw: string, botToken: string, options: VerifyOptions): VerifiedInitData {
  const fields = parseFields(raw);
  const hash = fields.get('hash');
  if (hash === undefined) throw new InitDataError('MISSING_HASH');
  if (!HASH_PATTERN.test(hash)) throw new InitDataError('BAD_SIGNATURE');

  const expected = createHmac('sha256', secretKey(botToken)).update(dataCheckString(fields)).digest();
  if (!timingSafeEqual(expected, Buffer.from(hash, 'hex'))) throw new InitDataError('BAD_SIGNATURE');

  const authDateText = fields.get('auth_date');
  if (authDateText === undefined) throw new InitDataError('MISSING_AUTH_DATE');
  if (!/^\d{1,12}$/.test(authDateText)) throw new InitDataError('MALFORMED');
  const authDateSeconds = Number(authDateText);
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (authDateSeconds > nowSeconds + ALLOWED_CLOCK_SKEW_SECONDS) throw new InitDataError('FROM_THE_FUTURE');
  if (nowSeconds - authDateSeconds > options.maxAgeSeconds) throw new InitDataError('EXPIRED');

  return {
    user: parseUser(fields.get('user')),
    authDate: new Date(authDateSeconds * 1000),
    startParam: fields.get('start_param'),
    chatType: fields.get('chat_type'),
    chatInstance: fields.get('chat_instance'),
    queryId: fields.get('query_id'),
  };
}

export interface InitDataToSign {
  user: TelegramInitUser;
  authDate?: Date;
  startParam?: string;
  chatType?: string;
  chatInstance?: string;
  queryId?: string;
  /** Telegram's Ed25519 signature for third-party validation; covered by the HMAC like any field. */
  signature?: string;
}

/** Produces init data as Telegram would send it, signed with `botToken`. */
export function signInitData(data: InitDataToSign, botToken: string): string {
  const fields = new Map<string, string>();
  fields.set('auth_date', String(Math.floor((data.authDate ?? new Date()).getTime() / 1000)));
  fields.set('user', JSON.stringify(data.user));
  if (data.startParam !== undefined) fields.set('start_param', data.startParam);
  if (data.chatType !== undefined) fields.set('chat_type', data.chatType);
  if (data.chatInstance !== undefined) fields.set('chat_instance', data.chatInstance);
  if (data.queryId !== undefined) fields.set('query_id', data.queryId);
  if (data.signature !== undefined) fields.set('signature', data.signature);
  const hash = createHmac('sha256', secretKey(botToken)).update(dataCheckString(fields)).digest('hex');
  const params = new URLSearchParams([...fields, ['hash', hash]]);
  // Telegram encodes spaces as %20, not as the form encoding's "+".
  return params.toString().replaceAll('+', '%20');
}
