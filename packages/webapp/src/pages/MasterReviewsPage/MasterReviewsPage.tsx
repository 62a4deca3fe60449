import type { CombinedError } from '@urql/core';
import { createQuery, useClient } from '@urql/solid';
import { type ReceivedReview, ReceivedReviewsQuery, ReplyToReviewMutation, ReportReviewMutation } from '@zapis/schema';
import { createMemo, createSignal, createUniqueId, For, Match, Show, Switch } from 'solid-js';
import { ErrorState } from '../../components/ErrorState/ErrorState.tsx';
import { saveErrorMessage } from '../../components/ErrorState/errorMessage.ts';
import { errorExtension } from '../../components/ErrorState/fieldProblems.ts';
import { Field } from '../../components/Field/Field.tsx';
import { missingDataError } from '../../components/Form/useFormSubmit.ts';
import { Loading } from '../../components/Loading/Loading.tsx';
import { ForActiveMaster } from '../../components/MasterProfileProvider/MasterProfileProvider.tsx';
import { Notice } from '../../components/Notice/Notice.tsx';
import { Page } from '../../components/Page/Page.tsx';
import { formatAverage, Stars } from '../../components/Rating/Rating.tsx';
import { ReviewItem } from '../../components/ReviewItem/ReviewItem.tsx';
import { Sheet } from '../../components/Sheet/Sheet.tsx';
import { locale, t } from '../../i18n/index.ts';
import { tm } from '../../i18n/master.ts';
import { notifyHaptic } from '../../init.ts';
import { formatCalendarDate, wallClock } from '../../time/calendarDate.ts';
import '../../components/Form/Form.css';
import './MasterReviewsPage.css';

/** Reviews a page; "show more" asks for the next one. */
const PAGE_SIZE = 20;
/** The API's limits. */
const REPLY_MAX = 1000;
const REASON_MAX = 500;

/** `/master/settings/reviews`: the rating, every review with where it stands, replies and reports. */
export function MasterReviewsPage() {
  return <ForActiveMaster>{() => <Reviews />}</ForActiveMaster>;
}

function Reviews() {
  const [pages, setPages] = createSignal<(string | undefined)[]>([undefined]);
  return (
    <Page title={tm().reviews.title}>
      <For each={pages()}>
        {(after, index) => (
          <ReviewsPage
            after={after}
            first={index() === 0}
            last={index() === pages().length - 1}
            onMore={(cursor) => setPages((shown) => [...shown, cursor])}
          />
        )}
      </For>
    </Page>
  );
}

interface ReviewsPageProps {
  after: string | undefined;
  first: boolean;
  last: boolean;
  onMore: (cursor: string) => void;
}

function ReviewsPage(props: ReviewsPageProps) {
  // A reply or a report changes a review (and the rating): urql asks for the pages again.
  const [page, refetch] = createQuery({
    query: ReceivedReviewsQuery,
    variables: () => ({ first: PAGE_SIZE, after: props.after ?? null }),
    requestPolicy: 'cache-and-network',
  });
  const data = () => page.data?.masterProfile;
  // Keyed by id, so that a card keeps what it shows (an open reply, a notice) when the page is fetched again.
  const reviews = createMemo(() => new Map((data()?.reviews.edges ?? []).map((edge) => [edge.node.id, edge.node])));
  const ids = createMemo(() => [...reviews().keys()], undefined, { equals: (a, b) => a.join() === b.join() });

  return (
    <Switch fallback={<Loading />}>
      <Match when={data()}>
        {(profile) => (
          <>
            <Show when={props.first}>
              <Show when={ids().length > 0} fallback={<p class="hint master-reviews__empty">{tm().reviews.empty}</p>}>
                <RatingCard average={profile().rating.average} count={profile().rating.count} />
              </Show>
            </Show>
            <ul class="master-reviews__list">
              <For each={ids()}>{(id) => <Show when={reviews().get(id)}>{(review) => <ReviewCard review={review()} />}</Show>}</For>
            </ul>
            <Show when={props.last && profile().reviews.pageInfo.hasNextPage && profile().reviews.pageInfo.endCursor}>
              {(cursor) => (
                <button type="button" class="button button--secondary master-reviews__more" onClick={() => props.onMore(cursor())}>
                  {tm().reviews.more}
                </button>
              )}
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

/** The average and count the master's page shows: published reviews only. */
function RatingCard(props: { average: number | null; count: number }) {
  return (
    <div class="card master-reviews__summary">
      <Show when={props.count > 0 && props.average} fallback={<p class="hint">{tm().reviews.noPublished}</p>}>
        {(average) => (
          <>
            <span class="master-reviews__average">{formatAverage(average(), locale())}</span>
            <span class="master-reviews__summary-text">
              <Stars value={average()} class="master-reviews__stars" />
              <span class="hint">{t().rating.reviews(props.count)}</span>
            </span>
          </>
        )}
      </Show>
    </div>
  );
}

/** The plain sentence for a refused reply or report. */
function refusal(error: CombinedError): string {
  const reason = errorExtension(error, 'reason');
  return (typeof reason === 'string' ? tm().reviews.refusals[reason] : undefined) ?? saveErrorMessage(error);
}

function ReviewCard(props: { review: ReceivedReview }) {
  const [replying, setReplying] = createSignal(false);
  const [reporting, setReporting] = createSignal(false);
  const [notice, setNotice] = createSignal<string>();
  const visitDate = () => formatCalendarDate(wallClock(props.review.booking.localStart).date, locale(), { day: 'numeric', month: 'long' });
  const canReply = () => !props.review.reply && props.review.status !== 'REMOVED';
  // An operator's decision is final: a review put back cannot be reported again.
  const canReport = () => props.review.status === 'PUBLISHED' && !props.review.decidedAt;

  return (
    <li class="card master-reviews__card" data-status={props.review.status}>
      <ReviewItem review={props.review} replyLabel={tm().reviews.yourReply}>
        <Show when={!props.review.text}>
          <p class="hint">{tm().reviews.ratingOnly}</p>
        </Show>
        <p class="master-reviews__visit">{tm().reviews.visit(props.review.booking.serviceName ?? '', visitDate())}</p>
        <div class="master-reviews__standing">
          <span class="master-reviews__status" data-status={props.review.status}>
            {tm().reviews.status[props.review.status]}
          </span>
          <Switch>
            <Match when={props.review.status === 'REPORTED'}>
              <p class="hint">{tm().reviews.reportedHint}</p>
              <Show when={props.review.reportReason}>{(reason) => <p class="hint">{tm().reviews.yourReport(reason())}</p>}</Show>
            </Match>
            <Match when={props.review.status === 'REMOVED'}>
              <p class="hint">{tm().reviews.removedHint}</p>
            </Match>
            <Match when={props.review.decidedAt}>
              <p class="hint">{tm().reviews.restoredHint}</p>
            </Match>
          </Switch>
        </div>
      </ReviewItem>
      <Show when={notice()}>{(text) => <Notice tone="success">{text()}</Notice>}</Show>
      <Show when={replying() && canReply()}>
        <ReplyForm
          review={props.review}
          onCancel={() => setReplying(false)}
          onReplied={() => {
            setReplying(false);
            setNotice(tm().reviews.replied);
          }}
        />
      </Show>
      <Show when={!replying() && (canReply() || canReport())}>
        <div class="master-reviews__actions">
          <Show when={canReply()}>
            <button
              type="button"
              class="button button--secondary master-reviews__action"
              onClick={() => {
                setNotice(undefined);
                setReplying(true);
              }}
            >
              {tm().reviews.reply}
            </button>
          </Show>
          <Show when={canReport()}>
            <button
              type="button"
              class="button button--destructive master-reviews__action"
              onClick={() => {
                setNotice(undefined);
                setReporting(true);
              }}
            >
              {tm().reviews.report}
            </button>
          </Show>
        </div>
      </Show>
      <Show when={reporting()}>
        <ReportSheet
          review={props.review}
          onClose={() => setReporting(false)}
          onReported={() => {
            setReporting(false);
            setNotice(tm().reviews.reported);
          }}
        />
      </Show>
    </li>
  );
}

function ReplyForm(props: { review: ReceivedReview; onCancel: () => void; onReplied: () => void }) {
  const client = useClient();
  const id = createUniqueId();
  const [text, setText] = createSignal('');
  const [problem, setProblem] = createSignal<string>();
  const [failure, setFailure] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  const send = async () => {
    const reply = text().trim();
    if (!reply) {
      setProblem(tm().reviews.replyRequired);
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const result = await client.mutation(ReplyToReviewMutation, { input: { reviewId: props.review.id, text: reply } }).toPromise();
      if (!result.data) {
        notifyHaptic('error');
        setFailure(refusal(result.error ?? missingDataError()));
        return;
      }
      notifyHaptic('success');
      props.onReplied();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="master-reviews__reply-form">
      <Field label={tm().reviews.yourReply} for={id} hint={tm().reviews.replyHint} error={problem()}>
        <textarea
          id={id}
          class="input"
          rows={3}
          maxLength={REPLY_MAX}
          placeholder={tm().reviews.replyPlaceholder}
          value={text()}
          aria-invalid={Boolean(problem())}
          onInput={(event) => {
            setText(event.currentTarget.value);
            setProblem(undefined);
          }}
        />
      </Field>
      <Show when={failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>
      <div class="master-reviews__actions">
        <button type="button" class="button button--secondary master-reviews__action" onClick={() => props.onCancel()}>
          {t().common.cancel}
        </button>
        <button type="button" class="button master-reviews__action" disabled={busy()} aria-busy={busy()} onClick={() => void send()}>
          {tm().reviews.sendReply}
        </button>
      </div>
    </div>
  );
}

/** Reporting says first what it does: the review leaves the page at once, until a moderator decides. */
function ReportSheet(props: { review: ReceivedReview; onClose: () => void; onReported: () => void }) {
  const client = useClient();
  const id = createUniqueId();
  const [reason, setReason] = createSignal('');
  const [problem, setProblem] = createSignal<string>();
  const [failure, setFailure] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  const send = async () => {
    const text = reason().trim();
    if (!text) {
      setProblem(tm().reviews.reportReasonRequired);
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const result = await client.mutation(ReportReviewMutation, { input: { reviewId: props.review.id, reason: text } }).toPromise();
      if (!result.data) {
        notifyHaptic('error');
        setFailure(refusal(result.error ?? missingDataError()));
        return;
      }
      notifyHaptic('success');
      props.onReported();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Sheet title={tm().reviews.reportTitle} onClose={() => props.onClose()}>
      <div class="master-reviews__report">
        <div class="card master-reviews__quoted">
          <ReviewItem review={{ ...props.review, reply: null }} />
        </div>
        <Notice tone="info">{tm().reviews.reportHint}</Notice>
        <Field label={tm().reviews.reportReason} for={id} hint={tm().reviews.reportReasonHint} error={problem()}>
          <textarea
            id={id}
            class="input"
            rows={3}
            maxLength={REASON_MAX}
            placeholder={tm().reviews.reportReasonPlaceholder}
            value={reason()}
            aria-invalid={Boolean(problem())}
            onInput={(event) => {
              setReason(event.currentTarget.value);
              setProblem(undefined);
            }}
          />
        </Field>
        <Show when={failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>
        <div class="master-reviews__actions">
          <button type="button" class="button button--secondary master-reviews__action" onClick={() => props.onClose()}>
            {t().common.cancel}
          </button>
          <button type="button" class="button master-reviews__send-report" disabled={busy()} aria-busy={busy()} onClick={() => void send()}>
            {tm().reviews.sendReport}
          </button>
        </div>
      </div>
    </Sheet>
  );
}
