import type { RouteDefinition } from '@solidjs/router';
import { Redirect } from './components/Redirect/Redirect.tsx';
import { tm } from './i18n/master.ts';
import { lazyPage } from './lazyPage.tsx';
import { roleLayout } from './roleLayout.tsx';

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

/**
 * The master's pages, a chunk of its own that routes.tsx loads on the first visit to /master: a
 * client's launch downloads none of the master's routes, so a new master page adds nothing to it.
 */
export const masterRoutes: RouteDefinition = {
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
};
