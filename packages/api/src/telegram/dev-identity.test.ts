import { describe, expect, it } from 'vitest';
import { createTestApp, graphql, TEST_BOT_TOKEN, type TestApp } from '../../test/app.js';
import { rowsOfTelegramUser } from '../../test/factories.js';
import { request } from '../../test/http.js';
import { DEMO_CLIENT_TELEGRAM_ID, DEMO_MASTER_TELEGRAM_ID } from '../demo/demo-data.js';
import { loadEnv } from '../env.js';
import { type BotIdentity, resolveBotIdentity } from './dev-identity.js';

const ME = '{ me { telegramId firstName locale isMaster masterStatus isClient } }';

interface Me {
  telegramId: string;
  firstName: string;
  locale: 'RU' | 'EN';
  isMaster: boolean;
  masterStatus: string | null;
  isClient: boolean;
}

/** `me` for raw init data, sent as the mini-app sends it. */
function meWith(app: TestApp, initDataRaw: string) {
  return graphql<{ me: Me }>(app, ME, { authorization: `tma ${initDataRaw}` });
}

function devBot(): BotIdentity & Required<Pick<BotIdentity, 'devIdentity'>> {
  const bot = resolveBotIdentity({ isProduction: false });
  if (!bot.devIdentity) throw new Error('expected development identities without a bot token');
  return { ...bot, devIdentity: bot.devIdentity };
}

describe('development without a bot token', () => {
  it('has development identities, each with its own random token', () => {
    const first = resolveBotIdentity({ isProduction: false });
    const second = resolveBotIdentity({ isProduction: false });

    expect(first.devIdentity).toBeDefined();
    expect(second.devIdentity).toBeDefined();
    expect(first.botToken).not.toBe(second.botToken);
    expect(first.botToken).not.toBe(TEST_BOT_TOKEN);
  });

  it('signs init data the app verifies: master and client are the demo people', async () => {
    const bot = devBot();
    const app = createTestApp({ bot });

    const master = await meWith(app, bot.devIdentity.signFor('master').initDataRaw);
    const client = await meWith(app, bot.devIdentity.signFor('client', 'en').initDataRaw);

    expect(master.status).toBe(200);
    expect(master.errors).toBeUndefined();
    expect(master.data!.me).toMatchObject({ telegramId: String(DEMO_MASTER_TELEGRAM_ID), firstName: 'Анна', locale: 'RU' });
    expect(client.errors).toBeUndefined();
    expect(client.data!.me).toMatchObject({ telegramId: String(DEMO_CLIENT_TELEGRAM_ID), firstName: 'Мария', locale: 'EN' });
  });

  it('signs a fresh, unknown user for "new" each time, and reading `me` creates nothing', async () => {
    const bot = devBot();
    const app = createTestApp({ bot });

    const first = bot.devIdentity.signFor('new');
    const second = bot.devIdentity.signFor('new');
    expect(first.user.id).not.toBe(second.user.id);

    for (const { initDataRaw, user } of [first, second]) {
      const response = await meWith(app, initDataRaw);
      expect(response.errors).toBeUndefined();
      expect(response.data!.me).toEqual({
        telegramId: String(user.id),
        firstName: 'Новичок',
        locale: 'RU',
        isMaster: false,
        masterStatus: null,
        isClient: false,
      });
      expect(await rowsOfTelegramUser(user.id)).toEqual({ users: 0, masters: 0, clients: 0, events: 0 });
    }
  });

  it('rejects init data signed by another process’s development token', async () => {
    const signer = devBot();
    const app = createTestApp({ bot: devBot() });

    const response = await meWith(app, signer.devIdentity.signFor('master').initDataRaw);

    expect(response.status).toBe(401);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lists the test users at GET /dev/test-users', async () => {
    const response = await request(createTestApp({ bot: devBot() }), '/dev/test-users');

    expect(response.status).toBe(200);
    const { users } = JSON.parse(response.text) as { users: { key: string; telegramId: string | null }[] };
    expect(users.map((user) => [user.key, user.telegramId])).toEqual([
      ['master', String(DEMO_MASTER_TELEGRAM_ID)],
      ['client', String(DEMO_CLIENT_TELEGRAM_ID)],
      ['new', null],
    ]);
  });

  it('signs init data at POST /dev/init-data, and refuses an unknown key with 400', async () => {
    const app = createTestApp({ bot: devBot() });
    const post = (body: string) =>
      request(app, '/dev/init-data', { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    const signed = await post(JSON.stringify({ key: 'master', languageCode: 'en' }));
    expect(signed.status).toBe(200);
    const { initDataRaw, telegramId } = JSON.parse(signed.text) as { initDataRaw: string; telegramId: string };
    expect(telegramId).toBe(String(DEMO_MASTER_TELEGRAM_ID));
    const me = await meWith(app, initDataRaw);
    expect(me.data!.me).toMatchObject({ telegramId, locale: 'EN' });

    for (const body of [JSON.stringify({ key: 'admin' }), JSON.stringify({}), 'not json']) {
      const refused = await post(body);
      expect(refused.status).toBe(400);
      expect(refused.text).not.toContain('initDataRaw');
    }
  });

  it('fills the GraphiQL headers with init data for the demo master', async () => {
    const bot = devBot();
    const app = createTestApp({ bot });

    const page = await request(app, '/graphql', { headers: { accept: 'text/html' } });

    const initDataRaw = /tma ([^"\\\s]+hash=[0-9a-f]{64})/.exec(page.text)?.[1];
    expect(initDataRaw).toBeDefined();
    const me = await meWith(app, initDataRaw!);
    expect(me.data!.me.telegramId).toBe(String(DEMO_MASTER_TELEGRAM_ID));
  });
});

describe('with a real bot token', () => {
  const bot = resolveBotIdentity({ TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN, isProduction: false });
  const app = createTestApp({ bot });

  it('has no development identities', () => {
    expect(bot).toEqual({ botToken: TEST_BOT_TOKEN });
  });

  it('does not serve /dev/test-users or /dev/init-data', async () => {
    const users = await request(app, '/dev/test-users');
    const initData = await request(app, '/dev/init-data', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'master' }),
    });

    for (const response of [users, initData]) {
      expect(response.status).not.toBe(200);
      expect(response.text).not.toMatch(/initDataRaw|hash=|anna_nails_demo|700000001/);
    }
  });

  it('rejects init data signed by a development identity with 401 UNAUTHENTICATED', async () => {
    const forged = devBot().devIdentity.signFor('master').initDataRaw;

    const response = await meWith(app, forged);

    expect(response.status).toBe(401);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('shows a placeholder, not signed init data, in GraphiQL', async () => {
    const page = await request(app, '/graphql', { headers: { accept: 'text/html' } });

    expect(page.status).toBe(200);
    expect(page.text).toContain('query Me');
    expect(page.text).not.toMatch(/auth_date=\d|hash=[0-9a-f]/);
  });
});

describe('production', () => {
  it('refuses to start without a bot token', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/TELEGRAM_BOT_TOKEN/);
    expect(() => resolveBotIdentity({ isProduction: true })).toThrow(/TELEGRAM_BOT_TOKEN/);
  });

  it('with a token: no development routes, GraphiQL and introspection off by default', async () => {
    const env = loadEnv({ NODE_ENV: 'production', TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN });
    expect(env).toMatchObject({ isProduction: true, graphiql: false, introspection: false });
    const bot = resolveBotIdentity(env);
    expect(bot.devIdentity).toBeUndefined();
    const app = createTestApp({ env: { NODE_ENV: 'production' }, bot });

    const users = await request(app, '/dev/test-users');
    const initData = await request(app, '/dev/init-data', { method: 'POST', body: JSON.stringify({ key: 'master' }) });
    const graphiql = await request(app, '/graphql', { headers: { accept: 'text/html' } });
    const introspection = await graphql(app, '{ __schema { queryType { name } } }');

    expect(users.status).not.toBe(200);
    expect(initData.status).not.toBe(200);
    expect(initData.text).not.toContain('initDataRaw');
    expect(graphiql.status).not.toBe(200);
    expect(graphiql.text).not.toContain('query Cities');
    expect(introspection.data ?? null).toBeNull();
    expect(introspection.errors?.[0]?.message).toMatch(/introspection has been disabled/);
  });
});
