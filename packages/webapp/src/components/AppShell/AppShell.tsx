import { useLocation, useNavigate, type RouteSectionProps } from '@solidjs/router';
import { Show, createEffect, on, onMount } from 'solid-js';
import { t } from '../../i18n/index.ts';
import { markReady, useBackButton } from '../../init.ts';
import { switchTestUser } from '../../launch.ts';
import { isRootPath } from '../../routes.tsx';
import { useSession } from '../../session.ts';
import './AppShell.css';

/** Layout of every route: safe-area insets, Telegram's back button and the dev user switch. */
export function AppShell(props: RouteSectionProps) {
  const session = useSession();
  useTelegramBackNavigation();
  onMount(markReady);

  return (
    <div class="app-shell">
      <main class="app-shell__content">{props.children}</main>
      <Show when={session.testUser}>
        <footer class="app-shell__footer">
          <button type="button" class="button button--link" onClick={switchTestUser}>
            {t().testUsers.switchUser}
          </button>
        </footer>
      </Show>
    </div>
  );
}

/**
 * Telegram's back button on nested routes. It goes back through the pages opened inside the app;
 * a nested page opened straight from a link goes up to its parent instead of leaving the app.
 */
function useTelegramBackNavigation(): void {
  const location = useLocation();
  const navigate = useNavigate();
  let pagesOpenedInApp = 0;
  let pressedBack = false;

  createEffect(
    on(
      () => location.pathname,
      () => {
        if (pressedBack) pressedBack = false;
        else pagesOpenedInApp += 1;
      },
      { defer: true },
    ),
  );

  useBackButton(
    () => !isRootPath(location.pathname),
    () => {
      pressedBack = true;
      if (pagesOpenedInApp > 0) {
        pagesOpenedInApp -= 1;
        navigate(-1);
      } else {
        navigate(location.pathname.replace(/\/[^/]+\/?$/, '') || '/', { replace: true });
      }
    },
  );
}
