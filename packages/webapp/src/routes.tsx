import type { RouteDefinition, RouteSectionProps } from '@solidjs/router';
import { type Component, createResource, Match, Switch } from 'solid-js';
import { Redirect } from './components/Redirect/Redirect.tsx';
import { tc } from './i18n/client.ts';
import { locale } from './i18n/index.ts';
import { tm } from './i18n/master.ts';
import type { RoleTexts } from './i18n/roleTexts.ts';
import { lazyPage, PageLoadFailed } from './lazyPage.tsx';
import { HomePage } from './pages/HomePage/HomePage.tsx';

/**
 * The layout of one role's pages, a lazy page that downloads the role's texts in the current
 * locale alongside its chunk, so that the role's pages read them synchronously. The locale is
 * chosen at launch; should it be one whose texts are not in when the layout renders, the layout
 * waits for them (AppShell shows the loading state meanwhile).
 */
function roleLayout(texts: RoleTexts<unknown>, load: () => Promise<Component<RouteSectionProps>>) {
  return lazyPage(() =>
    Promise.all([load(), texts.load(locale())]).then(([Layout]) => (props: RouteSectionProps) => {
      const [loaded] = createResource(locale, (current) => {
        const loading = texts.load(current);
        return loading === true ? true : loading.catch(textsLoadFailed);
      });
      return (
        <Switch>
          <Match when={loaded() === true}>
            <Layout {...props} />
          </Match>
          <Match when={loaded() === false}>
            <PageLoadFailed />
          </Match>
        </Switch>
      );
    }),
  );
}

function textsLoadFailed(error: unknown): false {
  console.error("A role's texts could not be loaded", error);
  return false;
}

const MasterProfileProvider = roleLayout(tm, () =>
  import('./components/MasterProfileProvider/MasterProfileProvider.tsx').then((module) => module.MasterProfileProvider),
);
const MasterPage = lazyPage(() => import('./pages/MasterPage/MasterPage.tsx').then((module) => module.MasterPage));
const MasterRegisterPage = lazyPage(() =>
  import('./pages/MasterRegisterPage/MasterRegisterPage.tsx').then((module) => module.MasterRegisterPage),
);
const MasterCalendarPage = lazyPage(() =>
  import('./pages/MasterCalendarPage/MasterCalendarPage.tsx').then((module) => module.MasterCalendarPage),
);
const MasterNewBookingPage = lazyPage(() =>
  import('./pages/MasterNewBookingPage/MasterNewBookingPage.tsx').then((module) => module.MasterNewBookingPage),
);
const MasterBlockTimePage = lazyPage(() =>
  import('./pages/MasterBlockTimePage/MasterBlockTimePage.tsx').then((module) => module.MasterBlockTimePage),
);
const MasterDaysOffPage = lazyPage(() =>
  import('./pages/MasterDaysOffPage/MasterDaysOffPage.tsx').then((module) => module.MasterDaysOffPage),
);
const MasterConfirmationPage = lazyPage(() =>
  import('./pages/MasterConfirmationPage/MasterConfirmationPage.tsx').then((module) => module.MasterConfirmationPage),
);
const MasterSettingsPage = lazyPage(() =>
  import('./pages/MasterSettingsPage/MasterSettingsPage.tsx').then((module) => module.MasterSettingsPage),
);
const MasterPortfolioPage = lazyPage(() =>
  import('./pages/MasterPortfolioPage/MasterPortfolioPage.tsx').then((module) => module.MasterPortfolioPage),
);
const MasterReviewsPage = lazyPage(() =>
  import('./pages/MasterReviewsPage/MasterReviewsPage.tsx').then((module) => module.MasterReviewsPage),
);
const MasterStatsPage = lazyPage(() => import('./pages/MasterStatsPage/MasterStatsPage.tsx').then((module) => module.MasterStatsPage));
const MasterSettingsSectionPage = lazyPage(() =>
  import('./pages/MasterSettingsSectionPage/MasterSettingsSectionPage.tsx').then((module) => module.MasterSettingsSectionPage),
);

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

/** Every page but the home page is a chunk of its own: a client never downloads the master's pages, nor a master the client's. */
export const routes: RouteDefinition[] = [
  { path: '/', component: HomePage },
  {
    path: '/master',
    component: MasterProfileProvider,
    children: [
      { path: '/', component: MasterPage },
      { path: '/register/:step?', component: MasterRegisterPage },
      { path: '/register/portfolio', component: MasterPortfolioPage },
      { path: '/calendar', component: MasterCalendarPage },
      { path: '/calendar/new', component: MasterNewBookingPage },
      { path: '/calendar/block', component: MasterBlockTimePage },
      { path: '/calendar/days-off', component: MasterDaysOffPage },
      { path: '/stats', component: MasterStatsPage },
      { path: '/settings', component: MasterSettingsPage },
      { path: '/settings/portfolio', component: MasterPortfolioPage },
      { path: '/settings/reviews', component: MasterReviewsPage },
      { path: '/settings/confirmation', component: MasterConfirmationPage },
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
