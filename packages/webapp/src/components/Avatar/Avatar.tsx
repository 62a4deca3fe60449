import { Show } from 'solid-js';
import './Avatar.css';

interface AvatarProps {
  /** Whose avatar: the first letter of the name stands in while there is no photo. */
  name: string;
  /** The photo's thumbnail, when there is one. */
  url: string | null | undefined;
  class?: string;
}

/** A master's round photo, or the first letter of their name without one. Decoration: the name is always beside it. */
export function Avatar(props: AvatarProps) {
  return (
    <span class={props.class ? `avatar ${props.class}` : 'avatar'} data-photo={Boolean(props.url)} aria-hidden="true">
      <Show when={props.url} fallback={props.name.trim().charAt(0).toUpperCase()}>
        {(url) => <img class="avatar__image" src={url()} alt="" decoding="async" />}
      </Show>
    </span>
  );
}
