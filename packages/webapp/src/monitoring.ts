/// <reference types="vite/client" />
import { launchPlatform } from './init.ts';

/**
 * WebApp stage events: the stages the app reaches go to the API (`POST /debug/webapp-event`,
 * stored in `webapp_events`, counted in `/metrics`, summed up by the operators' `funnel`), so
 * that drop-offs show. Reporting never gets in the user's way: failures are ignored.
 *
 * `details` are a few short codes (a step, an error code), never anything the user typed and
 * never names or phone numbers: the API refuses keys such as `name` or `phone`.
 */
export type Stage =
  | 'app_opened'
  | 'auth_ok'
  | 'auth_failed'
  | 'onboarding_step_saved'
  | 'master_activated'
  | 'search'
  | 'slot_viewed'
  | 'booking_created'
  | 'booking_failed'
  | 'client_error';

export type StageDetails = Record<string, string | number | boolean | null>;

const ENDPOINT = '/debug/webapp-event';
/** Set at build time (`VITE_APP_VERSION=1.4.0 npm run build`); `dev` otherwise. */
const APP_VERSION = import.meta.env.VITE_APP_VERSION || 'dev';
/** A page that keeps failing should not flood the API: the rest of its errors are dropped. */
const MAX_CLIENT_ERRORS = 20;
const MAX_MESSAGE_LENGTH = 150;

let initDataRaw: string | undefined;
let clientErrors = 0;

function eventBody(stage: Stage, details: StageDetails | undefined): string {
  return JSON.stringify({
    stage,
    platform: launchPlatform() ?? null,
    appVersion: APP_VERSION,
    path: window.location.pathname.slice(0, 200),
    details: details ?? null,
    // sendBeacon cannot set headers: the init data identifies the user from the body instead.
    initData: initDataRaw ?? null,
  });
}

/**
 * Reports that the app reached `stage`. Sent with `navigator.sendBeacon`, which survives the
 * mini-app closing, or with `fetch` where the browser refuses the beacon.
 */
export function reportStage(stage: Stage, details?: StageDetails): void {
  if (stage === 'client_error' && ++clientErrors > MAX_CLIENT_ERRORS) return;
  const body = eventBody(stage, details);
  try {
    if (navigator.sendBeacon?.(ENDPOINT, body)) return;
  } catch {
    // falls back to fetch below
  }
  void fetch(ENDPOINT, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, keepalive: true }).catch(() => undefined);
}

/**
 * The app opened: reports `app_opened`, then `auth_ok` when the API verified the Telegram init
 * data that came with it, `auth_failed` (with the reason) when it did not or there was none.
 */
export async function reportLaunch(session: { initDataRaw: string | undefined } | undefined): Promise<void> {
  initDataRaw = session?.initDataRaw;
  if (!session) {
    reportStage('app_opened');
    reportStage('auth_failed', { reason: 'outside_telegram' });
    return;
  }
  if (!initDataRaw) {
    reportStage('app_opened');
    reportStage('auth_failed', { reason: 'no_init_data' });
    return;
  }
  try {
    const response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: eventBody('app_opened', undefined),
    });
    if (!response.ok) return;
    const { identified } = (await response.json()) as { identified?: boolean };
    if (identified) reportStage('auth_ok');
    else reportStage('auth_failed', { reason: 'not_verified' });
  } catch {
    // Monitoring must never break the app.
  }
}

/** Reports uncaught errors and unhandled promise rejections as `client_error`. */
export function watchClientErrors(): void {
  window.addEventListener('error', (event) => {
    reportStage('client_error', { source: 'error', type: errorType(event.error), message: shortMessage(event.message) });
  });
  window.addEventListener('unhandledrejection', (event) => {
    const reason: unknown = event.reason;
    reportStage('client_error', {
      source: 'rejection',
      type: errorType(reason),
      message: shortMessage(reason instanceof Error ? reason.message : String(reason)),
    });
  });
}

function errorType(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

function shortMessage(message: string | undefined): string | null {
  return message ? message.slice(0, MAX_MESSAGE_LENGTH) : null;
}
