import type { JSX, ParentProps } from 'solid-js';
import { openLinkInTelegram } from '../../init.ts';

interface ExternalLinkProps {
  href: string;
  class?: string;
  'aria-label'?: string;
}

/** A link out of the app: Telegram opens it where it has a client to do so, the browser elsewhere. */
export function ExternalLink(props: ParentProps<ExternalLinkProps>) {
  const open: JSX.EventHandler<HTMLAnchorElement, MouseEvent> = (event) => {
    if (openLinkInTelegram(props.href)) event.preventDefault();
  };
  return (
    <a href={props.href} class={props.class} aria-label={props['aria-label']} target="_blank" rel="noopener noreferrer" onClick={open}>
      {props.children}
    </a>
  );
}
