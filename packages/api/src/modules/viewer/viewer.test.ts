import { describe, expect, it } from 'vitest';
import { createTestApp, graphql, initDataFor, telegramUser } from '../../../test/app.js';
import { createClient, createMaster, rowsOfTelegramUser } from '../../../test/factories.js';
import { signInitData } from '../../telegram/init-data.js';

const app = createTestApp();
const ME = /* GraphQL */ `
  query Me {
    me {
      telegramId
      firstName
      lastName
      username
      languageCode
      locale
      startParam
      isMaster
      masterStatus
      isClient
    }
  }
`;

describe('me', () => {
  it('answers with the verified Telegram user', async () => {
    const user = telegramUser({ first_name: 'Ann', last_name: 'Lee', username: 'ann', language_code: 'en' });
    const response = await graphql(app, ME, { authorization: `tma ${initDataFor(user, { startParam: 'm_abc' })}` });
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data?.me).toEqual({
      telegramId: String(user.id),
      firstName: 'Ann',
      lastName: 'Lee',
      username: 'ann',
      languageCode: 'en',
      locale: 'EN',
      startParam: 'm_abc',
      isMaster: false,
      masterStatus: null,
      isClient: false,
    });
  });

  it('tells masters and clients from stored data', async () => {
    const active = await createMaster();
    const draft = await createMaster({ status: 'DRAFT' });
    const archived = await createMaster({ status: 'ARCHIVED' });
    const client = await createClient();
    const erased = await createClient({ erased: true });
    const flags = async (user: ReturnType<typeof telegramUser>) =>
      ((await graphql(app, ME, { as: user })).data?.me as Record<string, unknown>) ?? {};

    expect(await flags(active.user)).toMatchObject({ isMaster: true, masterStatus: 'ACTIVE', isClient: false });
    expect(await flags(draft.user)).toMatchObject({ isMaster: true, masterStatus: 'DRAFT' });
    expect(await flags(archived.user)).toMatchObject({ isMaster: false, masterStatus: 'ARCHIVED' });
    expect(await flags(client.user)).toMatchObject({ isMaster: false, isClient: true });
    expect(await flags(erased.user)).toMatchObject({ isClient: false });
  });

  it('needs an identity: anonymous callers get 401 UNAUTHENTICATED', async () => {
    const response = await graphql(app, ME);
    expect(response.status).toBe(401);
    expect(response.data).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('Authorization: tma <initData>', () => {
  const user = telegramUser();
  const now = Date.now();
  const valid = initDataFor(user);
  const hash = new URLSearchParams(valid).get('hash')!;
  const refused: Record<string, string> = {
    forged: `tma ${valid.replace(/hash=[0-9a-f]+/, `hash=${hash.replace(/^./, hash[0] === 'a' ? 'b' : 'a')}`)}`,
    'tampered user': `tma ${valid.replace(encodeURIComponent(String(user.id)), encodeURIComponent(String(user.id + 1)))}`,
    expired: `tma ${initDataFor(user, { authDate: new Date(now - 25 * 60 * 60 * 1000) })}`,
    'future-dated': `tma ${initDataFor(user, { authDate: new Date(now + 60 * 60 * 1000) })}`,
    'other bot': `tma ${signInitData({ user }, '987654321:ANOTHER-bot-token_abcdefghijklmnop')}`,
    malformed: 'tma %%%not-init-data',
    'duplicated field': `tma ${valid}&auth_date=${Math.floor(now / 1000)}`,
    'empty tma': 'tma ',
    'other scheme': `Bearer ${valid}`,
  };

  it.each(Object.entries(refused))('refuses %s init data with 401 and writes nothing', async (_name, authorization) => {
    const response = await graphql(app, ME, { authorization });
    expect(response.status).toBe(401);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(response.errors)).not.toMatch(/\bat \w+ \(|stack/);
    expect(await rowsOfTelegramUser(user.id)).toEqual({ users: 0, masters: 0, clients: 0, events: 0 });
  });

  it('refuses bad credentials even on public fields rather than treating the caller as anonymous', async () => {
    const response = await graphql(app, '{ cities(first: 1) { edges { node { id } } } }', {
      authorization: refused.forged,
    });
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('accepts the same init data unchanged', async () => {
    const response = await graphql(app, ME, { authorization: `tma ${valid}` });
    expect(response.status).toBe(200);
    expect((response.data!.me as { telegramId: string }).telegramId).toBe(String(user.id));
  });

  it('honours the configured maximum age', async () => {
    const strict = createTestApp({ env: { INIT_DATA_MAX_AGE_SECONDS: '60' } });
    const twoMinutesOld = initDataFor(user, { authDate: new Date(Date.now() - 120_000) });
    expect((await graphql(strict, ME, { authorization: `tma ${twoMinutesOld}` })).status).toBe(401);
    expect((await graphql(app, ME, { authorization: `tma ${twoMinutesOld}` })).status).toBe(200);
  });
});
