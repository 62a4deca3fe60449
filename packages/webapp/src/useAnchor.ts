import { useLocation } from '@solidjs/router';
import { onMount } from 'solid-js';

/**
 * Brings a part of the page into view once it is shown, when the address ends in its `#id` (a link to
 * that part); the router's own jump comes too early for a page whose parts follow its data.
 */
export function useAnchor(id: string, element: () => HTMLElement | undefined): void {
  const location = useLocation();
  onMount(() => {
    if (location.hash !== `#${id}`) return;
    requestAnimationFrame(() => element()?.scrollIntoView({ block: 'start' }));
  });
}
