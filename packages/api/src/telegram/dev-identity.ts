import { randomBytes, randomInt } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { DEMO_CLIENT_TELEGRAM_ID, DEMO_MASTER_TELEGRAM_ID } from '../demo/demo-data.js';
import type { Env } from '../env.js';
import { jsonResponse } from '../json-response.js';
import { signInitData, type TelegramInitUser } from './init-data.js';

/**
 * Development identities: without a real bot token, and never in production, the server
 * signs init data with a random token that lives only in this process, so the mini-app can
 * be tried in a plain browser as a test user.
 */

export type TestUserKey = 'master' | 'client' | 'new';

interface TestUser {
  key: TestUserKey;
  description: string;
  user: (languageCode: string) => TelegramInitUser;
}

/** Ids of "new" test users: far from real-looking ids and from the demo people. */
const NEW_USER_ID_RANGE = [8_000_000_000, 8_999_999_999] as const;

const testUsers: TestUser[] = [
  {
    key: 'master',
    description: 'Anna, an active demo master (Moscow, nails)',
    user: (language_code) => ({
      id: DEMO_MASTER_TELEGRAM_ID,
      first_name: 'Анна',
      last_name: 'Смирнова',
      username: 'anna_nails_demo',
      language_code,
    }),
  },
  {
    key: 'client',
    description: 'Maria, a demo client',
    user: (language_code) => ({
      id: DEMO_CLIENT_TELEGRAM_ID,
      first_name: 'Мария',
      last_name: 'Иванова',
      username: 'maria_client_demo',
      language_code,
    }),
  },
  {
    key: 'new',
    description: 'A new Telegram user, neither master nor client (a fresh id each time)',
    user: (language_code) => ({
      id: randomInt(NEW_USER_ID_RANGE[0], NEW_USER_ID_RANGE[1]),
      first_name: language_code === 'en' ? 'Newcomer' : 'Новичок',
      language_code,
    }),
  },
];

export interface BotIdentity {
  botToken: string;
  /** Present only when the token is the random development one. */
  devIdentity?: DevIdentity;
}

export interface DevIdentity {
  signFor(key: TestUserKey, languageCode?: string): { initDataRaw: string; user: TelegramInitUser };
}

/** The bot token requests are verified with, and development identities when allowed. */
export function resolveBotIdentity(env: Pick<Env, 'TELEGRAM_BOT_TOKEN' | 'isProduction'>): BotIdentity {
  if (env.TELEGRAM_BOT_TOKEN) return { botToken: env.TELEGRAM_BOT_TOKEN };
  if (env.isProduction) throw new Error('TELEGRAM_BOT_TOKEN is required in production');
  const botToken = `0:dev-${randomBytes(24).toString('base64url')}`;
  return {
    botToken,
    devIdentity: {
      signFor(key, languageCode = 'ru') {
        const testUser = testUsers.find((candidate) => candidate.key === key);
        if (!testUser) throw new Error(`Unknown test user ${key}`);
        const user = testUser.user(languageCode === 'en' ? 'en' : 'ru');
        // Telegram clients always send an Ed25519 `signature`, and the Mini Apps SDK refuses
        // init data without one. Only Telegram can make a real one; random bytes stand in.
        const signature = randomBytes(64).toString('base64url');
        return { initDataRaw: signInitData({ user, chatType: 'sender', signature }, botToken), user };
      },
    },
  };
}

/** `GET /dev/test-users` and `POST /dev/init-data`; not registered at all without a DevIdentity. */
export function useDevIdentityRoutes(devIdentity: DevIdentity): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname === '/dev/test-users' && request.method === 'GET') {
        endResponse(
          jsonResponse({
            users: testUsers.map(({ key, description, user }) => {
              const sample = user('ru');
              return {
                key,
                description,
                telegramId: key === 'new' ? null : String(sample.id),
                languageCode: sample.language_code ?? null,
                firstName: sample.first_name,
                lastName: sample.last_name ?? null,
                username: sample.username ?? null,
              };
            }),
          }),
        );
        return;
      }
      if (url.pathname === '/dev/init-data' && request.method === 'POST') {
        const body = (await request.json().catch(() => null)) as { key?: unknown; languageCode?: unknown } | null;
        const key = body?.key;
        if (key !== 'master' && key !== 'client' && key !== 'new') {
          endResponse(jsonResponse({ error: 'key must be one of master, client, new' }, 400));
          return;
        }
        const languageCode = body?.languageCode === 'en' ? 'en' : 'ru';
        const { initDataRaw, user } = devIdentity.signFor(key, languageCode);
        endResponse(jsonResponse({ initDataRaw, telegramId: String(user.id) }));
      }
    },
  };
}
