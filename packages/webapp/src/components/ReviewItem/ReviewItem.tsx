import { type JSX, Show } from 'solid-js';
import { type Locale, locale, t } from '../../i18n/index.ts';
import { ReviewStars } from '../Rating/Rating.tsx';
import './ReviewItem.css';

/** What every screen shows of a review: who, when, the stars, the text and the master's reply. */
export interface ReviewContent {
  /** "Анна С."; null once the author erased their data. */
  authorName: string | null;
  createdAt: string;
  rating: number;
  text: string | null;
  reply: string | null;
}

/** "12 марта", with the year when it is not this one. */
export function formatReviewDate(instant: string, current: Locale, now: Date = new Date()): string {
  const date = new Date(instant);
  const sameYear = date.getFullYear() === now.getFullYear();
  return new Intl.DateTimeFormat(current, { day: 'numeric', month: 'long', ...(sameYear ? {} : { year: 'numeric' }) }).format(date);
}

interface ReviewItemProps {
  review: ReviewContent;
  /** Said instead of the author's name (the client's own review: "Your review"). */
  heading?: string;
  /** Said over the reply: "Master's reply" unless given ("Your reply" to the master). */
  replyLabel?: string;
  /** Shown between the text and the reply: the review's status and what may be done with it. */
  children?: JSX.Element;
}

/** One review: the author and date, the stars, the text, the master's reply under it. */
export function ReviewItem(props: ReviewItemProps) {
  return (
    <article class="review-item">
      <header class="review-item__header">
        <span class="review-item__author">{props.heading ?? props.review.authorName ?? t().storefront.anonymous}</span>
        <time class="review-item__date" datetime={props.review.createdAt}>
          {formatReviewDate(props.review.createdAt, locale())}
        </time>
      </header>
      <ReviewStars rating={props.review.rating} />
      <Show when={props.review.text}>{(text) => <p class="review-item__text">{text()}</p>}</Show>
      {props.children}
      <Show when={props.review.reply}>
        {(reply) => (
          <div class="review-item__reply">
            <span class="review-item__reply-label">{props.replyLabel ?? t().storefront.reply}</span>
            <p class="review-item__reply-text">{reply()}</p>
          </div>
        )}
      </Show>
    </article>
  );
}
