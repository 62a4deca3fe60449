import { PORTFOLIO_PATHS, previousScreen, wizardPath, wizardScreenOf } from './onboarding.ts';

/** Pages with nothing to go back to: those the bot opens, and where `/master` lands. */
const ROOT_PATHS = new Set(['/', '/master', '/client', '/master/calendar', '/master/register']);

/** Parents that are not the path one segment up. */
const PARENTS: [RegExp, string][] = [
  [/^\/master\/settings$/, '/master/calendar'],
  // A master's page is reached from the search; there is no list of masters of its own.
  [/^\/client\/masters\/[^/]+$/, '/client'],
  // A draft's portfolio is a side trip from the wizard's review, not a step of it.
  [new RegExp(`^${PORTFOLIO_PATHS.draft}$`), wizardPath('ACTIVATE')],
];

/**
 * Where Telegram's back button leads from a page: the previous wizard step, a page's parent,
 * or nowhere (the button is hidden) on root pages and the wizard's first step.
 */
export function parentPath(pathname: string): string | undefined {
  const path = pathname.replace(/(.)\/$/, '$1');
  if (ROOT_PATHS.has(path)) return undefined;
  const special = PARENTS.find(([pattern]) => pattern.test(path));
  if (special) return special[1];
  const wizard = /^\/master\/register\/([^/]+)$/.exec(path);
  if (wizard) {
    const screen = wizardScreenOf(wizard[1]);
    const previous = screen && previousScreen(screen);
    return previous && wizardPath(previous);
  }
  return path.replace(/\/[^/]+$/, '') || '/';
}

/** Where a link with `startapp=m_<id>` leads: the page of master <id> (a database id; the page takes the global one). */
const MASTER_START_PARAM = /^m_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** Pages a deep link may replace: where Telegram opens the app when a link names no page of its own. */
const DEEP_LINK_LANDINGS = new Set(['/', '/client']);

/**
 * The page a fresh launch should show instead of `pathname`: the master's page for a master's
 * link (`start_param` `m_<id>`) opened at the app's root or the client home; otherwise none.
 */
export function deepLinkPath(pathname: string, startParam: string | undefined): string | undefined {
  const masterId = MASTER_START_PARAM.exec(startParam ?? '')?.[1];
  if (!masterId || !DEEP_LINK_LANDINGS.has(pathname.replace(/(.)\/$/, '$1'))) return undefined;
  return masterPath(btoa(`Master:${masterId.toLowerCase()}`));
}

/** A master's page: the id in the path is a global id, percent-encoded since base64 may hold "/" and "+". */
export function masterPath(masterId: string): string {
  return `/client/masters/${encodeURIComponent(masterId)}`;
}

/** The master's days off: marking them, and the bookings left on them (reached from the calendar and from settings). */
export const DAYS_OFF_PATH = '/master/calendar/days-off';

/** The client's profile screen. */
export const CLIENT_PROFILE_PATH = '/client/profile';

/** The waitlists the client is on, with the times held for them. */
export const CLIENT_WAITLIST_PATH = '/client/waitlist';

/** Joining a master's waitlist for one of their services, a day already chosen when the client was looking at it. */
export function masterWaitlistPath(masterId: string, offerId: string | undefined, date: string | undefined): string {
  const query = new URLSearchParams();
  if (offerId) query.set('service', offerId);
  if (date) query.set('date', date);
  const search = query.toString();
  return `${masterPath(masterId)}/waitlist${search ? `?${search}` : ''}`;
}

/** Parts of pages that links open the page at (`#<id>`): the profile's partner consent, a master's free time. */
export const ANCHORS = { partnerConsent: 'partner-consent', freeTime: 'free-time' } as const;

/** A master's page with one of their services chosen, opened at its free time: booking them again. */
export function masterFreeTimePath(masterId: string, offerId: string | undefined): string {
  const query = offerId ? `?${new URLSearchParams({ service: offerId }).toString()}` : '';
  return `${masterPath(masterId)}${query}#${ANCHORS.freeTime}`;
}
