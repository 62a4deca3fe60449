import { type RouteSectionProps, useLocation, useNavigate } from '@solidjs/router';
import { createEffect, on, onMount, Show, Suspense } from 'solid-js';
import { t } from '../../i18n/index.ts';
import { isSimulatedTelegram, markReady, useBackButton } from '../../init.ts';
import { switchTestUser } from '../../launch.ts';
import { parentPath } from '../../navigation.ts';
import { useSession } from '../../session.ts';
import { Loading } from '../Loading/Loading.tsx';
import { SimulatedTelegramButtons } from '../SimulatedTelegramButtons/SimulatedTelegramButtons.tsx';
import './AppShell.css';

/**
 * Layout of every route: safe-area insets, Telegram's back button and the dev user switch. The
 * master's and the client's pages load lazily: until a page's code is in, the loading state shows
 * (on the first screen; later, the router keeps the page being left until the next one is ready).
 */
export function AppShell(props: RouteSectionProps) {
  const session = useSession();
  useTelegramBackNavigation();
  onMount(markReady);

  return (
    <div class="app-shell">
      <main class="app-shell__content">
        <Suspense fallback={<Loading />}>{props.children}</Suspense>
      </main>
      <Show when={session.testUser}>
        <footer class="app-shell__footer">
          <button type="button" class="button button--link" onClick={switchTestUser}>
            {t().testUsers.switchUser}
          </button>
        </footer>
      </Show>
      <Show when={isSimulatedTelegram()}>
        <SimulatedTelegramButtons />
      </Show>
    </div>
  );
}

/**
 * Telegram's back button on pages that have a parent (see `parentPath`). It goes back in history
 * when the parent is the page we came from, so that the parent keeps its state; otherwise (a page
 * opened straight from a link) it replaces the page with its parent instead of leaving the app.
 */
function useTelegramBackNavigation(): void {
  const location = useLocation();
  const navigate = useNavigate();
  let previousPath: string | undefined;

  createEffect(
    on(
      () => location.pathname,
      (_current, previous) => {
        previousPath = previous;
      },
    ),
  );

  useBackButton(
    () => parentPath(location.pathname) !== undefined,
    () => {
      const parent = parentPath(location.pathname);
      if (parent === undefined) return;
      if (parent === previousPath) navigate(-1);
      else navigate(parent, { replace: true });
    },
  );
}
