import type { RouteDefinition } from '@solidjs/router';
import { createSignal } from 'solid-js';
import { Redirect } from './components/Redirect/Redirect.tsx';
import { tc } from './i18n/client.ts';
import { lazyPage } from './lazyPage.tsx';
import { HomePage } from './pages/HomePage/HomePage.tsx';
import { roleLayout } from './roleLayout.tsx';

let loadingMasterRoutes: Promise<void> | undefined;

/**
 * Downloads the master's route table (masterRoutes.tsx) once and puts it in the place of the
 * stand-in below; the router then matches the same address against the master's real pages.
 * Should the download fail, the next attempt asks again.
 */
function loadMasterRoutes(): Promise<void> {
  loadingMasterRoutes ??= import('./masterRoutes.tsx').then(
    (module) => {
      setMasterArea(module.masterRoutes);
    },
    (error: unknown) => {
      loadingMasterRoutes = undefined;
      throw error;
    },
  );
  return loadingMasterRoutes;
}

/** Starts downloading the master's routes, for a launch that opens a master's page or a link about to. */
export function preloadMasterRoutes(): void {
  loadMasterRoutes().catch(() => undefined);
}

/**
 * What /master/… shows until the master's routes are in: the loading state (as any lazy page), then
 * nothing, as the router has moved on to the master's pages by then. Touching or hovering a link to
 * the master's pages starts the download already.
 */
const [masterArea, setMasterArea] = createSignal<RouteDefinition>({
  path: '/master/*',
  component: lazyPage(() => loadMasterRoutes().then(() => () => null)),
  preload: preloadMasterRoutes,
});

const ClientProfileProvider = roleLayout(tc, () =>
  import('./components/ClientProfileProvider/ClientProfileProvider.tsx').then((module) => module.ClientProfileProvider),
);
const ClientPage = lazyPage(() => import('./pages/ClientPage/ClientPage.tsx').then((module) => module.ClientPage));
const ClientBookingsPage = lazyPage(() =>
  import('./pages/ClientBookingsPage/ClientBookingsPage.tsx').then((module) => module.ClientBookingsPage),
);
const ClientProfilePage = lazyPage(() =>
  import('./pages/ClientProfilePage/ClientProfilePage.tsx').then((module) => module.ClientProfilePage),
);
const ClientMasterPage = lazyPage(() => import('./pages/ClientMasterPage/ClientMasterPage.tsx').then((module) => module.ClientMasterPage));
const ClientWaitlistPage = lazyPage(() =>
  import('./pages/ClientWaitlistPage/ClientWaitlistPage.tsx').then((module) => module.ClientWaitlistPage),
);
const ClientWaitlistJoinPage = lazyPage(() =>
  import('./pages/ClientWaitlistJoinPage/ClientWaitlistJoinPage.tsx').then((module) => module.ClientWaitlistJoinPage),
);
const ClientBookingPage = lazyPage(() =>
  import('./pages/ClientBookingPage/ClientBookingPage.tsx').then((module) => module.ClientBookingPage),
);

/**
 * Every page but the home page is a chunk of its own: a client never downloads the master's pages,
 * nor a master the client's. The master's route table is a chunk too (see `masterArea`), as most
 * launches are clients'; the client's stays here so that their first screen waits on one chunk less.
 * An accessor: the router reads it again when the master's routes arrive.
 */
export const routes = (): RouteDefinition[] => [
  { path: '/', component: HomePage },
  masterArea(),
  {
    path: '/client',
    component: ClientProfileProvider,
    children: [
      { path: '/', component: ClientPage },
      { path: '/bookings', component: ClientBookingsPage },
      { path: '/profile', component: ClientProfilePage },
      { path: '/waitlist', component: ClientWaitlistPage },
      // The back button leads from a master's page one segment up: back to the search.
      { path: '/masters', component: () => <Redirect href="/client" /> },
      { path: '/masters/:id', component: ClientMasterPage },
      { path: '/masters/:id/book', component: ClientBookingPage },
      { path: '/masters/:id/waitlist', component: ClientWaitlistJoinPage },
      { path: '*', component: () => <Redirect href="/client" /> },
    ],
  },
  { path: '*', component: () => <Redirect href="/" /> },
];
