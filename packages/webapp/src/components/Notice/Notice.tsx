import type { ParentProps } from 'solid-js';
import './Notice.css';

interface NoticeProps {
  tone: 'error' | 'success' | 'info';
}

/** A short message in the flow of a page: what went wrong, what happened, what to know. */
export function Notice(props: ParentProps<NoticeProps>) {
  return (
    <div class="notice" data-tone={props.tone} role={props.tone === 'error' ? 'alert' : 'status'}>
      <span class="notice__icon" aria-hidden="true">
        {props.tone === 'error' ? '!' : props.tone === 'success' ? '✓' : 'i'}
      </span>
      <div class="notice__text">{props.children}</div>
    </div>
  );
}
