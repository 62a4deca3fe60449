import { Show } from 'solid-js';
import { type Locale, locale, t } from '../../i18n/index.ts';
import './Rating.css';

/** A master's rating over their published reviews; the average is null without any. */
export interface RatingValue {
  average: number | null;
  count: number;
}

/** "4,8" / "4.8": one decimal, as ratings are read. */
export function formatAverage(average: number, current: Locale): string {
  return new Intl.NumberFormat(current, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(average);
}

/** Five stars filled up to `value` (fractions too), or one star with `single`. Decoration: say the value in words beside it. */
export function Stars(props: { value: number; single?: boolean; class?: string }) {
  const fill = () => `${(Math.max(0, Math.min(5, props.value)) / 5) * 100}%`;
  return (
    <span
      class={['stars', props.class].filter(Boolean).join(' ')}
      data-single={props.single ? 'true' : undefined}
      style={{ '--stars-fill': props.single ? '100%' : fill() }}
      aria-hidden="true"
    />
  );
}

/** One review's stars, for screen readers as "4 out of 5". */
export function ReviewStars(props: { rating: number }) {
  return (
    <span class="review-stars" role="img" aria-label={t().rating.stars(props.rating)}>
      <Stars value={props.rating} />
    </span>
  );
}

/**
 * "★★★★★ 4,8 · 12 отзывов" (or, `compact`, "★ 4,8 · 12 отзывов"): nothing at all while there
 * are no published reviews.
 */
export function RatingSummary(props: { rating: RatingValue; compact?: boolean; class?: string }) {
  const average = () => (props.rating.count > 0 ? props.rating.average : null);
  return (
    <Show when={average()}>
      {(value) => (
        <span
          class={['rating', props.class].filter(Boolean).join(' ')}
          role="img"
          aria-label={t().rating.label(formatAverage(value(), locale()), props.rating.count)}
        >
          <Stars value={value()} single={props.compact} />
          <span class="rating__average">{formatAverage(value(), locale())}</span>
          <span class="rating__count">· {t().rating.reviews(props.rating.count)}</span>
        </span>
      )}
    </Show>
  );
}
