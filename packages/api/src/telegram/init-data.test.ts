import { createHmac } from 'node:crypto';
import { isValid as tmaIsValid, sign as tmaSign } from '@tma.js/init-data-node';
import { describe, expect, it } from 'vitest';
import { publishedInitDataVectors } from '../../test/fixtures/published-init-data-vectors.js';
import { InitDataError, type InitDataRejection, signInitData, verifyInitData } from './init-data.js';

const BOT_TOKEN = '5768337691:AAH5YkoiEuPk8-FZa32hStHTqXiLPtAEhx8';
const OTHER_BOT_TOKEN = '5768337692:AAH5YkoiEuPk8-FZa32hStHTqXiLPtAEhx8';
const NOW = new Date('2026-11-26T12:00:00Z');
const options = { maxAgeSeconds: 3600, now: NOW };
const user = { id: 279058397, first_name: 'Vladislav + - ? /', last_name: 'Kibenko', language_code: 'ru' };

function rejection(raw: string, token = BOT_TOKEN, opts = options): InitDataRejection | 'ACCEPTED' {
  try {
    verifyInitData(raw, token, opts);
    return 'ACCEPTED';
  } catch (error) {
    if (error instanceof InitDataError) return error.reason;
    throw error;
  }
}

/** Replaces one field's raw (encoded) value, keeping the hash. */
function withField(raw: string, key: string, encodedValue: string): string {
  return raw
    .split('&')
    .map((pair) => (pair.startsWith(`${key}=`) ? `${key}=${encodedValue}` : pair))
    .join('&');
}

const fresh = signInitData(
  { user, authDate: new Date(NOW.getTime() - 60_000), chatType: 'private', chatInstance: '-4211', startParam: 'm_42' },
  BOT_TOKEN,
);

describe('published vectors', () => {
  // Published payloads are old; their age is checked separately below, so it is not in the way here.
  const atAuthDate = (authDate: number) => ({ maxAgeSeconds: 60, now: new Date(authDate * 1000) });

  it.each(publishedInitDataVectors.filter((vector) => vector.valid))('accepts $source', (vector) => {
    expect(rejection(vector.initDataRaw, vector.botToken, atAuthDate(vector.authDate))).toBe(
      userIsWellFormed(vector.initDataRaw) ? 'ACCEPTED' : 'MALFORMED',
    );
  });

  it.each(publishedInitDataVectors.filter((vector) => !vector.valid))('rejects $source', (vector) => {
    const reason = rejection(vector.initDataRaw, vector.botToken, atAuthDate(vector.authDate));
    expect(reason).toBe('BAD_SIGNATURE');
  });

  it('includes signature-valid vectors whose user object we refuse, and only those are refused', () => {
    const malformed = publishedInitDataVectors.filter((v) => v.valid && !userIsWellFormed(v.initDataRaw));
    expect(malformed.length).toBeLessThanOrEqual(2);
  });

  it('covers several sources, including real client data with a signature field', () => {
    const sources = new Set(publishedInitDataVectors.map((vector) => vector.source.split(' ')[0]));
    expect(sources.size).toBeGreaterThanOrEqual(3);
    expect(publishedInitDataVectors.some((v) => v.valid && v.initDataRaw.includes('signature='))).toBe(true);
  });

  it('refuses every published vector as expired at today’s date', () => {
    for (const vector of publishedInitDataVectors.filter((v) => v.valid)) {
      if (!userIsWellFormed(vector.initDataRaw)) continue;
      expect(rejection(vector.initDataRaw, vector.botToken, { maxAgeSeconds: 86_400, now: NOW })).toBe('EXPIRED');
    }
  });
});

describe('verifyInitData', () => {
  it('accepts fresh init data and returns the verified fields', () => {
    const verified = verifyInitData(fresh, BOT_TOKEN, options);
    expect(verified.user).toMatchObject(user);
    expect(verified.startParam).toBe('m_42');
    expect(verified.chatType).toBe('private');
    expect(verified.authDate).toEqual(new Date(Math.floor((NOW.getTime() - 60_000) / 1000) * 1000));
  });

  it('does not depend on field order', () => {
    const reordered = fresh.split('&').reverse().join('&');
    expect(rejection(reordered)).toBe('ACCEPTED');
  });

  it('rejects init data signed for another bot', () => {
    expect(rejection(signInitData({ user, authDate: NOW }, OTHER_BOT_TOKEN))).toBe('BAD_SIGNATURE');
    expect(rejection(fresh, OTHER_BOT_TOKEN)).toBe('BAD_SIGNATURE');
  });

  it('rejects a tampered user, start_param or auth_date', () => {
    const otherUser = encodeURIComponent(JSON.stringify({ ...user, id: 1 }));
    expect(rejection(withField(fresh, 'user', otherUser))).toBe('BAD_SIGNATURE');
    expect(rejection(withField(fresh, 'start_param', 'm_43'))).toBe('BAD_SIGNATURE');
    const authDate = Number(new URLSearchParams(fresh).get('auth_date'));
    expect(rejection(withField(fresh, 'auth_date', String(authDate + 1)))).toBe('BAD_SIGNATURE');
  });

  it('rejects an added field, a removed field and a tampered signature field', () => {
    expect(rejection(`${fresh}&query_id=AAH`)).toBe('BAD_SIGNATURE');
    expect(rejection(fresh.replace(/&?chat_instance=[^&]*/, ''))).toBe('BAD_SIGNATURE');
    const withSignature = signInitData({ user, authDate: NOW }, BOT_TOKEN);
    expect(rejection(`${withSignature}&signature=abc`)).toBe('BAD_SIGNATURE');
  });

  it('rejects a forged, truncated or non-hex hash', () => {
    const hash = new URLSearchParams(fresh).get('hash')!;
    const flipped = (hash[0] === 'a' ? 'b' : 'a') + hash.slice(1);
    expect(rejection(withField(fresh, 'hash', flipped))).toBe('BAD_SIGNATURE');
    expect(rejection(withField(fresh, 'hash', hash.slice(0, 63)))).toBe('BAD_SIGNATURE');
    expect(rejection(withField(fresh, 'hash', hash.toUpperCase()))).toBe('BAD_SIGNATURE');
    expect(rejection(withField(fresh, 'hash', 'z'.repeat(64)))).toBe('BAD_SIGNATURE');
    expect(rejection(fresh.slice(0, -10))).toBe('BAD_SIGNATURE');
  });

  it('rejects init data without a hash or with a field given twice', () => {
    expect(rejection(fresh.replace(/&?hash=[0-9a-f]+/, ''))).toBe('MISSING_HASH');
    expect(rejection(`${fresh}&start_param=m_99`)).toBe('DUPLICATE_FIELD');
    expect(rejection(`auth_date=1&${fresh}`)).toBe('DUPLICATE_FIELD');
  });

  it('rejects expired and future-dated init data, within a small clock skew', () => {
    const at = (seconds: number) => signInitData({ user, authDate: new Date(NOW.getTime() + seconds * 1000) }, BOT_TOKEN);
    expect(rejection(at(-3601))).toBe('EXPIRED');
    expect(rejection(at(-3599))).toBe('ACCEPTED');
    expect(rejection(at(3600))).toBe('FROM_THE_FUTURE');
    expect(rejection(at(31))).toBe('FROM_THE_FUTURE');
    expect(rejection(at(10))).toBe('ACCEPTED');
  });

  it('rejects malformed input', () => {
    expect(rejection('')).toBe('MALFORMED');
    expect(rejection('x'.repeat(10_000))).toBe('MALFORMED');
    expect(rejection('=abc&hash=00')).toBe('MALFORMED');
    expect(rejection('not init data')).toBe('MISSING_HASH');
    // A correctly signed payload whose user is not a Telegram user object.
    const badUser = (value: string) => {
      const raw = signInitData({ user, authDate: NOW }, BOT_TOKEN);
      const fields = new Map(new URLSearchParams(raw));
      fields.set('user', value);
      fields.delete('hash');
      return resign(fields);
    };
    expect(rejection(badUser('{not json'))).toBe('MALFORMED');
    expect(rejection(badUser('{"id":"1","first_name":"A"}'))).toBe('MALFORMED');
    expect(rejection(badUser('{"first_name":"A"}'))).toBe('MALFORMED');
    // Telegram user ids are positive: zero and negative ids are chats and channels.
    expect(rejection(badUser('{"id":0,"first_name":"A"}'))).toBe('MALFORMED');
    expect(rejection(badUser('{"id":-1001234567890,"first_name":"A"}'))).toBe('MALFORMED');
    expect(rejection(badUser('{"id":1,"first_name":"A"}'))).toBe('ACCEPTED');
  });

  it('decodes values exactly once', () => {
    // "%2541" is the text "%41" once decoded; decoding twice would turn it into "A".
    const fields = new Map<string, string>([
      ['auth_date', String(Math.floor(NOW.getTime() / 1000))],
      ['start_param', '%41'],
      ['user', JSON.stringify(user)],
    ]);
    const raw = resign(fields);
    expect(raw).toContain('start_param=%2541');
    expect(verifyInitData(raw, BOT_TOKEN, options).startParam).toBe('%41');
  });
});

describe('agreement with @tma.js/init-data-node', () => {
  it('accepts what the library signs', () => {
    const raw = tmaSign({ user: { id: 42, first_name: 'Ann', language_code: 'en' }, chat_type: 'sender' }, BOT_TOKEN, NOW);
    expect(verifyInitData(raw, BOT_TOKEN, options).user?.id).toBe(42);
  });

  it('signs what the library accepts', () => {
    expect(tmaIsValid(fresh, BOT_TOKEN, { expiresIn: 0 })).toBe(true);
    expect(tmaIsValid(fresh, OTHER_BOT_TOKEN, { expiresIn: 0 })).toBe(false);
  });
});

/** Whether the vector's `user` is an object with a numeric id and a first name, as Telegram sends it. */
function userIsWellFormed(raw: string): boolean {
  try {
    const user = JSON.parse(new URLSearchParams(raw).get('user') ?? 'null') as { id?: unknown; first_name?: unknown };
    return Number.isSafeInteger(user?.id) && (user.id as number) > 0 && typeof user?.first_name === 'string';
  } catch {
    return false;
  }
}

/** Signs arbitrary decoded fields the way Telegram does, for payloads signInitData cannot produce. */
function resign(fields: Map<string, string>): string {
  const secret = createHmac('sha256', 'WebAppData').update(BOT_TOKEN).digest();
  const check = [...fields]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
  const hash = createHmac('sha256', secret).update(check).digest('hex');
  return new URLSearchParams([...fields, ['hash', hash]]).toString();
}
