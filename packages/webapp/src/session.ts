import { createContext, useContext } from 'solid-js';
import type { TelegramSession } from './init.ts';

export interface AppSession extends TelegramSession {
  /** Signed in as a development test user rather than opened from Telegram. */
  testUser: boolean;
}

export const SessionContext = createContext<AppSession>();

export function useSession(): AppSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() needs a SessionContext.Provider');
  return session;
}
