import { Navigate } from '@solidjs/router';
import { Loading } from '../Loading/Loading.tsx';

/**
 * Sends the user on to `href`, showing the loading state meanwhile: the page there may have to
 * download its code first (pages load lazily), and until it has, the router keeps this view.
 */
export function Redirect(props: { href: string }) {
  return (
    <>
      <Navigate href={props.href} />
      <Loading />
    </>
  );
}
