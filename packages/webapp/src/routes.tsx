import { Navigate, type RouteDefinition } from '@solidjs/router';
import { ClientProfileProvider } from './components/ClientProfileProvider/ClientProfileProvider.tsx';
import { MasterProfileProvider } from './components/MasterProfileProvider/MasterProfileProvider.tsx';
import { ClientBookingPage } from './pages/ClientBookingPage/ClientBookingPage.tsx';
import { ClientBookingsPage } from './pages/ClientBookingsPage/ClientBookingsPage.tsx';
import { ClientMasterPage } from './pages/ClientMasterPage/ClientMasterPage.tsx';
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
  {
    path: '/client',
    component: ClientProfileProvider,
    children: [
      { path: '/', component: ClientPage },
      { path: '/bookings', component: ClientBookingsPage },
      // The back button leads from a master's page one segment up: back to the search.
      { path: '/masters', component: () => <Navigate href="/client" /> },
      { path: '/masters/:id', component: ClientMasterPage },
      { path: '/masters/:id/book', component: ClientBookingPage },
      { path: '*', component: () => <Navigate href="/client" /> },
    ],
  },
  { path: '*', component: () => <Navigate href="/" /> },
];
