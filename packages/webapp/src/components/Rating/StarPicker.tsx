import { For } from 'solid-js';
import { t } from '../../i18n/index.ts';
import './StarPicker.css';

const STARS = [1, 2, 3, 4, 5];

interface StarPickerProps {
  /** The id of what names the group ("Your rating"). */
  labelledBy: string;
  value: number | undefined;
  onChange: (stars: number) => void;
  invalid?: boolean;
}

/**
 * One to five stars, as a radio group: a tap picks a star and the ones before it; the arrow keys
 * move the choice, and Tab reaches the group once (the WAI-ARIA radio group pattern).
 */
export function StarPicker(props: StarPickerProps) {
  let group: HTMLDivElement | undefined;
  const choose = (stars: number) => {
    props.onChange(stars);
    group?.querySelector<HTMLButtonElement>(`[data-stars="${stars}"]`)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const step =
      event.key === 'ArrowRight' || event.key === 'ArrowUp' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowDown' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    choose(Math.min(5, Math.max(1, (props.value ?? 0) + step)));
  };

  return (
    <div
      ref={group}
      class="star-picker"
      role="radiogroup"
      aria-labelledby={props.labelledBy}
      aria-invalid={props.invalid}
      onKeyDown={onKeyDown}
    >
      <For each={STARS}>
        {(stars) => (
          <button
            type="button"
            role="radio"
            class="star-picker__star"
            data-stars={stars}
            data-lit={stars <= (props.value ?? 0)}
            aria-checked={stars === props.value}
            aria-label={t().rating.stars(stars)}
            tabIndex={stars === (props.value ?? 1) ? 0 : -1}
            onClick={() => choose(stars)}
          >
            <svg viewBox="0 0 24 24" width="36" height="36" aria-hidden="true">
              <path d="M12 2.6l2.85 6.05 6.6.78-4.88 4.55 1.3 6.55L12 17.25l-5.87 3.28 1.3-6.55L2.55 9.43l6.6-.78z" />
            </svg>
          </button>
        )}
      </For>
    </div>
  );
}
