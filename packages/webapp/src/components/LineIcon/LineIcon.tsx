import type { JSX } from 'solid-js';

/**
 * A 24×24 outline icon drawn in the text's colour (`currentColor`) with round ends: the shapes
 * inside are its strokes. Decorative: the link or button it sits in carries the label.
 */
export function LineIcon(props: { strokeWidth?: number; size?: number; children: JSX.Element }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width={props.size ?? 22}
      height={props.size ?? 22}
      fill="none"
      stroke="currentColor"
      stroke-width={props.strokeWidth ?? 1.9}
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
    >
      {props.children}
    </svg>
  );
}
