import { createQuery } from '@urql/solid';
import { MasterPageReviewsQuery } from '@zapis/schema';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { t } from '../../i18n/index.ts';
import { ErrorState } from '../ErrorState/ErrorState.tsx';
import { Loading } from '../Loading/Loading.tsx';
import { RatingSummary } from '../Rating/Rating.tsx';
import { ReviewItem } from '../ReviewItem/ReviewItem.tsx';
import type { StorefrontMaster, StorefrontReview } from './publicView.ts';

/** Reviews a "more" adds at a time. */
const MORE_REVIEWS = 10;

/** The rating, the latest reviews, and "more" for the next ones, page after page. */
export function StorefrontReviews(props: { master: StorefrontMaster }) {
  const [cursors, setCursors] = createSignal<string[]>([]);
  const more = (cursor: string) => setCursors((shown) => [...shown, cursor]);
  return (
    <div class="storefront__reviews">
      <RatingSummary rating={props.master.rating} class="storefront__reviews-rating" />
      <ReviewList reviews={props.master.reviews.latest} />
      <For each={cursors()}>
        {(after, index) => <MoreReviews masterId={props.master.id} after={after} last={index() === cursors().length - 1} onMore={more} />}
      </For>
      <Show when={cursors().length === 0 && props.master.reviews.nextCursor}>
        {(cursor) => <MoreButton onClick={() => more(cursor())} />}
      </Show>
    </div>
  );
}

function ReviewList(props: { reviews: readonly StorefrontReview[] }) {
  return (
    <ul class="storefront__review-list">
      <For each={props.reviews}>
        {(review) => (
          <li class="card storefront__review">
            <ReviewItem review={review} />
          </li>
        )}
      </For>
    </ul>
  );
}

function MoreButton(props: { onClick: () => void }) {
  return (
    <button type="button" class="button button--secondary storefront__more" onClick={() => props.onClick()}>
      {t().storefront.moreReviews}
    </button>
  );
}

function MoreReviews(props: { masterId: string; after: string; last: boolean; onMore: (cursor: string) => void }) {
  const [page, refetch] = createQuery({
    query: MasterPageReviewsQuery,
    variables: () => ({ id: props.masterId, first: MORE_REVIEWS, after: props.after }),
  });
  const reviews = () => page.data?.master?.reviews;
  return (
    <Switch fallback={<Loading />}>
      <Match when={reviews()}>
        {(found) => (
          <>
            <ReviewList reviews={found().edges.map((edge) => edge.node)} />
            <Show when={props.last && found().pageInfo.hasNextPage && found().pageInfo.endCursor}>
              {(cursor) => <MoreButton onClick={() => props.onMore(cursor())} />}
            </Show>
          </>
        )}
      </Match>
      <Match when={page.error}>
        {(error) => <ErrorState error={error()} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      </Match>
    </Switch>
  );
}
