import { previousScreen, wizardPath, wizardScreenOf } from './onboarding.ts';

/** Pages with nothing to go back to: those the bot opens, and where `/master` lands. */
const ROOT_PATHS = new Set(['/', '/master', '/client', '/master/calendar', '/master/register']);

/** Parents that are not the path one segment up. */
const PARENTS: Record<string, string> = { '/master/settings': '/master/calendar' };

/**
 * Where Telegram's back button leads from a page: the previous wizard step, a page's parent,
 * or nowhere (the button is hidden) on root pages and the wizard's first step.
 */
export function parentPath(pathname: string): string | undefined {
  const path = pathname.replace(/(.)\/$/, '$1');
  if (ROOT_PATHS.has(path)) return undefined;
  const wizard = /^\/master\/register\/([^/]+)$/.exec(path);
  if (wizard) {
    const screen = wizardScreenOf(wizard[1]);
    const previous = screen && previousScreen(screen);
    return previous && wizardPath(previous);
  }
  return PARENTS[path] ?? (path.replace(/\/[^/]+$/, '') || '/');
}
