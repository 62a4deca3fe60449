import { type Component, lazy } from 'solid-js';
import { ErrorState } from './components/ErrorState/ErrorState.tsx';

/**
 * A page whose code is a chunk of its own, downloaded when it is first shown (or, for a route, when
 * a link to it is touched or hovered). Should the chunk fail to load (the connection dropped, or a
 * deploy replaced the app's files since it opened), the page says so and offers a reload.
 */
export function lazyPage<Props extends object>(load: () => Promise<Component<Props>>) {
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

export function PageLoadFailed() {
  return <ErrorState onRetry={() => window.location.reload()} />;
}
