import { encodeGlobalID } from '@pothos/plugin-relay';

/** What deep links to the bot are built from. */
export interface BotLinks {
  /** Without "@". */
  botUsername: string;
  /** The Mini App's short name (BotFather /newapp); without it, links open the bot's main Mini App. */
  miniAppName?: string;
}

export interface MasterShareLinks {
  /** Opens the master's page in the mini-app straight away: `t.me/<bot>/<app>?startapp=m_<id>`. */
  miniApp: string;
  /** Opens the chat with the bot, which answers with a button to the master's page: `t.me/<bot>?start=m_<id>`. */
  bot: string;
}

/** Start parameters (`start`, `startapp`) allow A–Z, a–z, 0–9, _ and -, up to 64 characters: a UUID fits. */
const MASTER_PAYLOAD = /^m_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The start parameter that leads to a master's page. */
export function masterStartPayload(masterId: string): string {
  return `m_${masterId}`;
}

/** The master's database id from a `/start` or `startapp` payload, if it is one. */
export function masterIdFromPayload(payload: string): string | undefined {
  return MASTER_PAYLOAD.exec(payload.trim())?.[1]?.toLowerCase();
}

export function masterShareLinks(links: BotLinks, masterId: string): MasterShareLinks {
  const payload = masterStartPayload(masterId);
  const bot = `https://t.me/${links.botUsername}`;
  return {
    miniApp: `${links.miniAppName ? `${bot}/${links.miniAppName}` : bot}?startapp=${payload}`,
    bot: `${bot}?start=${payload}`,
  };
}

/** A page of the mini-app: `path` ("master/calendar") under WEBAPP_URL, whatever path that has itself. */
export function webAppUrl(base: string, path: string): string {
  return new URL(path.replace(/^\/+/, ''), base.endsWith('/') ? base : `${base}/`).toString();
}

/** The master's public page in the client app: the global id the API and the app use, percent-encoded as the app does. */
export function masterPagePath(masterId: string): string {
  return `client/masters/${encodeURIComponent(encodeGlobalID('Master', masterId))}`;
}
