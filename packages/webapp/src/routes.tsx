import { Navigate, type RouteDefinition } from '@solidjs/router';
import { ClientPage } from './pages/ClientPage/ClientPage.tsx';
import { HomePage } from './pages/HomePage/HomePage.tsx';
import { MasterPage } from './pages/MasterPage/MasterPage.tsx';

/** Pages the bot opens directly; everything below them is nested and gets a back button. */
const ROOT_PATHS = new Set(['/', '/master', '/client']);

export function isRootPath(pathname: string): boolean {
  return ROOT_PATHS.has(pathname.replace(/(.)\/$/, '$1'));
}

export const routes: RouteDefinition[] = [
  { path: '/', component: HomePage },
  { path: '/master', component: MasterPage },
  { path: '/client', component: ClientPage },
  { path: '*', component: () => <Navigate href="/" /> },
];
