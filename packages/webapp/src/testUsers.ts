// Development identities offered by the API outside production (`/dev/*` answers 404 there).
import type { Locale } from './i18n/index.ts';

export type TestUserKey = 'master' | 'client' | 'new';

/** The part of a `GET /dev/test-users` entry that the picker shows. */
export interface TestUser {
  key: TestUserKey;
  firstName: string;
  lastName: string | null;
  username: string | null;
  description: string;
}

export interface TestUserChoice {
  key: TestUserKey;
  languageCode: Locale;
}

const CHOICE_KEY = 'zapis/test-user';

/** The test users the API offers, or `undefined` when it offers none (production). */
export async function fetchTestUsers(): Promise<TestUser[] | undefined> {
  try {
    const response = await fetch('/dev/test-users', { headers: { Accept: 'application/json' } });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { users?: TestUser[] };
    return body.users?.length ? body.users : undefined;
  } catch {
    return undefined;
  }
}

/** Init data signed by the API for the chosen test user. */
export async function requestTestInitData(choice: TestUserChoice): Promise<string> {
  const response = await fetch('/dev/init-data', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(choice),
  });
  if (!response.ok) throw new Error(`POST /dev/init-data answered ${response.status}`);
  const { initDataRaw } = (await response.json()) as { initDataRaw: string };
  return initDataRaw;
}

export function rememberedTestUser(): TestUserChoice | undefined {
  const stored = sessionStorage.getItem(CHOICE_KEY);
  if (!stored) return undefined;
  try {
    return JSON.parse(stored) as TestUserChoice;
  } catch {
    return undefined;
  }
}

export function rememberTestUser(choice: TestUserChoice): void {
  sessionStorage.setItem(CHOICE_KEY, JSON.stringify(choice));
}

export function forgetTestUser(): void {
  sessionStorage.removeItem(CHOICE_KEY);
}
