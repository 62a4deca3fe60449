import type { RouteDefinition, RouteSectionProps } from '@solidjs/router';
import { type Component, lazy } from 'solid-js';
import { ErrorState } from './components/ErrorState/ErrorState.tsx';
import { Redirect } from './components/Redirect/Redirect.tsx';
import { HomePage } from './pages/HomePage/HomePage.tsx';

/**
 * A route component whose code is a chunk of its own, downloaded when the route first matches (or
 * a link to it is touched or hovered): a client never downloads the master's pages, nor a master
 * the client's. Should the chunk fail to load (the connection dropped, or a deploy replaced the
 * app's files since it opened), the page says so and offers a reload.
 */
function lazyRoute(load: () => Promise<Component<RouteSectionProps>>) {
  return lazy(() =>
    load().then(
      (component) => ({ default: component }),
      (error: unknown) => {
        console.error('A page of the app could not be loaded', error);
        return { default: PageLoadFailed };
      },
    ),
  );
}

function PageLoadFailed() {
  return <ErrorState onRetry={() => window.location.reload()} />;
}

const MasterProfileProvider = lazyRoute(() =>
  import('./components/MasterProfileProvider/MasterProfileProvider.tsx').then((module) => module.MasterProfileProvider),
);
const MasterPage = lazyRoute(() => import('./pages/MasterPage/MasterPage.tsx').then((module) => module.MasterPage));
const MasterRegisterPage = lazyRoute(() =>
  import('./pages/MasterRegisterPage/MasterRegisterPage.tsx').then((module) => module.MasterRegisterPage),
);
const MasterCalendarPage = lazyRoute(() =>
  import('./pages/MasterCalendarPage/MasterCalendarPage.tsx').then((module) => module.MasterCalendarPage),
);
const MasterNewBookingPage = lazyRoute(() =>
  import('./pages/MasterNewBookingPage/MasterNewBookingPage.tsx').then((module) => module.MasterNewBookingPage),
);
const MasterBlockTimePage = lazyRoute(() =>
  import('./pages/MasterBlockTimePage/MasterBlockTimePage.tsx').then((module) => module.MasterBlockTimePage),
);
const MasterSettingsPage = lazyRoute(() =>
  import('./pages/MasterSettingsPage/MasterSettingsPage.tsx').then((module) => module.MasterSettingsPage),
);
const MasterSettingsSectionPage = lazyRoute(() =>
  import('./pages/MasterSettingsSectionPage/MasterSettingsSectionPage.tsx').then((module) => module.MasterSettingsSectionPage),
);

const ClientProfileProvider = lazyRoute(() =>
  import('./components/ClientProfileProvider/ClientProfileProvider.tsx').then((module) => module.ClientProfileProvider),
);
const ClientPage = lazyRoute(() => import('./pages/ClientPage/ClientPage.tsx').then((module) => module.ClientPage));
const ClientBookingsPage = lazyRoute(() =>
  import('./pages/ClientBookingsPage/ClientBookingsPage.tsx').then((module) => module.ClientBookingsPage),
);
const ClientMasterPage = lazyRoute(() => import('./pages/ClientMasterPage/ClientMasterPage.tsx').then((module) => module.ClientMasterPage));
const ClientBookingPage = lazyRoute(() =>
  import('./pages/ClientBookingPage/ClientBookingPage.tsx').then((module) => module.ClientBookingPage),
);

export const routes: RouteDefinition[] = [
  { path: '/', component: HomePage },
  {
    path: '/master',
    component: MasterProfileProvider,
    children: [
      { path: '/', component: MasterPage },
      { path: '/register/:step?', component: MasterRegisterPage },
      { path: '/calendar', component: MasterCalendarPage },
      { path: '/calendar/new', component: MasterNewBookingPage },
      { path: '/calendar/block', component: MasterBlockTimePage },
      { path: '/settings', component: MasterSettingsPage },
      { path: '/settings/:section', component: MasterSettingsSectionPage },
      { path: '*', component: () => <Redirect href="/master" /> },
    ],
  },
  {
    path: '/client',
    component: ClientProfileProvider,
    children: [
      { path: '/', component: ClientPage },
      { path: '/bookings', component: ClientBookingsPage },
      // The back button leads from a master's page one segment up: back to the search.
      { path: '/masters', component: () => <Redirect href="/client" /> },
      { path: '/masters/:id', component: ClientMasterPage },
      { path: '/masters/:id/book', component: ClientBookingPage },
      { path: '*', component: () => <Redirect href="/client" /> },
    ],
  },
  { path: '*', component: () => <Redirect href="/" /> },
];
