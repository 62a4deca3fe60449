import { Navigate, type RouteDefinition } from '@solidjs/router';
import { MasterProfileProvider } from './components/MasterProfileProvider/MasterProfileProvider.tsx';
import { ClientPage } from './pages/ClientPage/ClientPage.tsx';
import { HomePage } from './pages/HomePage/HomePage.tsx';
import { MasterBlockTimePage } from './pages/MasterBlockTimePage/MasterBlockTimePage.tsx';
import { MasterCalendarPage } from './pages/MasterCalendarPage/MasterCalendarPage.tsx';
import { MasterNewBookingPage } from './pages/MasterNewBookingPage/MasterNewBookingPage.tsx';
import { MasterPage } from './pages/MasterPage/MasterPage.tsx';
import { MasterRegisterPage } from './pages/MasterRegisterPage/MasterRegisterPage.tsx';
import { MasterSettingsPage } from './pages/MasterSettingsPage/MasterSettingsPage.tsx';
import { MasterSettingsSectionPage } from './pages/MasterSettingsSectionPage/MasterSettingsSectionPage.tsx';

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
      { path: '*', component: () => <Navigate href="/master" /> },
    ],
  },
  { path: '/client', component: ClientPage },
  { path: '*', component: () => <Navigate href="/" /> },
];
