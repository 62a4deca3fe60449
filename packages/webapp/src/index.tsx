import './styles.css';
import { Router } from '@solidjs/router';
import { Provider } from '@urql/solid';
import { createSignal, Match, Suspense, Switch } from 'solid-js';
import { render } from 'solid-js/web';
import { AppShell } from './components/AppShell/AppShell.tsx';
import { ErrorState } from './components/ErrorState/ErrorState.tsx';
import { Loading } from './components/Loading/Loading.tsx';
import { applyLocale, resolveLocale } from './i18n/index.ts';
import { type Launch, resolveLaunch } from './launch.ts';
import { lazyPage } from './lazyPage.tsx';
import { reportLaunch, reportStage, watchClientErrors } from './monitoring.ts';
import { preloadMasterRoutes, routes } from './routes.tsx';
import { type AppSession, SessionContext } from './session.ts';
import { createApiClient } from './urql.ts';

// Launches outside Telegram are rare (development, or a link opened in a browser): their pages load only then.
const TestUserPickerPage = lazyPage(() =>
  import('./pages/TestUserPickerPage/TestUserPickerPage.tsx').then((module) => module.TestUserPickerPage),
);
const OpenInTelegramPage = lazyPage(() =>
  import('./pages/OpenInTelegramPage/OpenInTelegramPage.tsx').then((module) => module.OpenInTelegramPage),
);

/** How the launch went: settled at once, so that it can start before the texts arrive and be read after. */
type LaunchResult = { ok: true; launch: Launch } | { ok: false; error: unknown };

function Root(props: { launching: Promise<LaunchResult> }) {
  const [launch, setLaunch] = createSignal<Launch>();
  const [failed, setFailed] = createSignal(false);

  const enter = async (next: Launch) => {
    if (next.kind === 'telegram') await applyLocale(resolveLocale(next.session.languageCode));
    if (next.kind === 'telegram') void reportLaunch(next.session);
    else if (next.kind === 'outside-telegram') void reportLaunch(undefined);
    setLaunch(next);
  };
  const launchAs = <Kind extends Launch['kind']>(kind: Kind) => {
    const current = launch();
    return current?.kind === kind ? (current as Extract<Launch, { kind: Kind }>) : undefined;
  };

  props.launching
    .then((result) => {
      if (!result.ok) throw result.error;
      return enter(result.launch);
    })
    .catch((error: unknown) => {
      console.error('The app could not start', error);
      reportStage('client_error', { source: 'launch', type: error instanceof Error ? error.name : typeof error });
      setFailed(true);
    });

  return (
    <Suspense fallback={<Loading />}>
      <Switch fallback={<Loading />}>
        <Match when={launchAs('telegram')}>
          {(telegram) => <App session={{ ...telegram().session, testUser: telegram().testUser }} />}
        </Match>
        <Match when={launchAs('pick-test-user')}>{(picker) => <TestUserPickerPage users={picker().users} onSignedIn={enter} />}</Match>
        <Match when={launchAs('outside-telegram')}>
          <OpenInTelegramPage />
        </Match>
        <Match when={failed()}>
          <ErrorState onRetry={() => window.location.reload()} />
        </Match>
      </Switch>
    </Suspense>
  );
}

function App(props: { session: AppSession }) {
  const client = createApiClient(props.session.initDataRaw);
  return (
    <SessionContext.Provider value={props.session}>
      <Provider value={client}>
        <Router root={AppShell}>{routes()}</Router>
      </Provider>
    </SessionContext.Provider>
  );
}

watchClientErrors();
// A launch on a master's page (a bot's button opens one) fetches the master's routes alongside the launch.
if (window.location.pathname.startsWith('/master')) preloadMasterRoutes();
// Telegram's answers and the texts download at the same time; the app renders once the texts are in.
const launching = resolveLaunch().then(
  (launch): LaunchResult => ({ ok: true, launch }),
  (error: unknown): LaunchResult => ({ ok: false, error }),
);
applyLocale(resolveLocale(navigator.language)).then(
  () => render(() => <Root launching={launching} />, document.getElementById('root')!),
  (error: unknown) => {
    console.error('The texts could not be loaded', error);
    reportStage('client_error', { source: 'texts', type: error instanceof Error ? error.name : typeof error });
  },
);
