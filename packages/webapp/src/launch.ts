import {
  forgetTelegramLaunch,
  hasLaunchParams,
  hasLaunchParamsInUrl,
  mockTelegramForTestUser,
  startTelegram,
  type TelegramSession,
} from './init.ts';
import { deepLinkPath } from './navigation.ts';
import {
  fetchTestUsers,
  forgetTestUser,
  rememberedTestUser,
  rememberTestUser,
  requestTestInitData,
  type TestUser,
  type TestUserChoice,
} from './testUsers.ts';

export type Launch =
  | { kind: 'telegram'; session: TelegramSession; testUser: boolean }
  | { kind: 'pick-test-user'; users: TestUser[] }
  | { kind: 'outside-telegram' };

/** Decides how the app was opened: from Telegram, as a development test user, or neither. */
export async function resolveLaunch(): Promise<Launch> {
  // A launch URL always wins over a test user remembered in this tab.
  if (hasLaunchParamsInUrl()) forgetTestUser();

  const remembered = rememberedTestUser();
  if (remembered) {
    try {
      return await signInAsTestUser(remembered);
    } catch (error) {
      console.warn('The remembered test user could not sign in again', error);
      endTestUserSession();
    }
  }

  if (hasLaunchParams()) {
    const freshLaunch = hasLaunchParamsInUrl();
    const session = await startTelegram();
    // Only a launch follows its link: a reload stays on the page it shows.
    if (freshLaunch) followDeepLink(session.startParam);
    return { kind: 'telegram', session, testUser: false };
  }
  const users = await fetchTestUsers();
  return users ? { kind: 'pick-test-user', users } : { kind: 'outside-telegram' };
}

/**
 * Signs in as a development test user. The API signs fresh init data on every page load, so a
 * remembered choice never runs into the server's init data age limit.
 */
export async function signInAsTestUser(choice: TestUserChoice): Promise<Launch> {
  const initDataRaw = await requestTestInitData(choice);
  mockTelegramForTestUser(initDataRaw);
  rememberTestUser(choice);
  return { kind: 'telegram', session: await startTelegram(), testUser: true };
}

/** Drops the test user and reloads, so that the picker is shown for the current page. */
export function switchTestUser(): void {
  endTestUserSession();
  window.location.reload();
}

/** Opens the page a `startapp` link leads to, before the router reads the address. */
function followDeepLink(startParam: string | undefined): void {
  const target = deepLinkPath(window.location.pathname, startParam);
  if (target) window.history.replaceState(window.history.state, '', `${target}${window.location.search}${window.location.hash}`);
}

function endTestUserSession(): void {
  forgetTestUser();
  forgetTelegramLaunch();
}
