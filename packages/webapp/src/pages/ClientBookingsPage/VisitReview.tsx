import type { CombinedError } from '@urql/core';
import { useClient } from '@urql/solid';
import { AddReviewTextMutation, LeaveReviewMutation, type ListedClientBooking } from '@zapis/schema';
import { createSignal, createUniqueId, Match, Show, Switch } from 'solid-js';
import { saveErrorMessage } from '../../components/ErrorState/errorMessage.ts';
import { errorExtension } from '../../components/ErrorState/fieldProblems.ts';
import { Field, FieldError } from '../../components/Field/Field.tsx';
import { missingDataError } from '../../components/Form/useFormSubmit.ts';
import { Notice } from '../../components/Notice/Notice.tsx';
import { StarPicker } from '../../components/Rating/StarPicker.tsx';
import { ReviewItem } from '../../components/ReviewItem/ReviewItem.tsx';
import { Sheet } from '../../components/Sheet/Sheet.tsx';
import { tc } from '../../i18n/client.ts';
import { locale } from '../../i18n/index.ts';
import { notifyHaptic } from '../../init.ts';
import { mayAddText } from './reviewWindow.ts';
import '../../components/Form/Form.css';

/** The API's limit. */
const TEXT_MAX = 1000;

interface VisitReviewProps {
  booking: ListedClientBooking;
  /** Something the client did changed the booking's review: what to say, and the list to fetch again. */
  onChanged: (message: string) => void;
  /** The API refused for good (say, the bot's rating came first): why, and the list to fetch again. */
  onRefused: (message: string) => void;
}

/** The client's review of a visit: offered while the visit may be rated, shown once it is, its text added once. */
export function VisitReview(props: VisitReviewProps) {
  const [open, setOpen] = createSignal<'review' | 'text'>();
  const now = new Date();
  const until = () => {
    const value = props.booking.reviewableUntil;
    return value && new Date(value) > now ? value : undefined;
  };
  const untilText = (value: string) => new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'long' }).format(new Date(value));

  return (
    <Switch>
      <Match when={props.booking.review}>
        {(review) => (
          <div class="client-bookings__review">
            <ReviewItem review={review()} heading={tc().visitReview.yours} />
            <Show when={mayAddText(review(), props.booking.endsAt, now)}>
              <button type="button" class="button button--secondary client-bookings__review-action" onClick={() => setOpen('text')}>
                {tc().visitReview.addText}
              </button>
            </Show>
            <Show when={open() === 'text'}>
              <AddTextSheet
                reviewId={review().id}
                onClose={() => setOpen(undefined)}
                onDone={(message) => {
                  setOpen(undefined);
                  props.onChanged(message);
                }}
                onRefused={(message) => {
                  setOpen(undefined);
                  props.onRefused(message);
                }}
              />
            </Show>
          </div>
        )}
      </Match>
      <Match when={until()}>
        {(value) => (
          <div class="client-bookings__rate">
            <p class="client-bookings__cutoff">{tc().visitReview.rateUntil(untilText(value()))}</p>
            <button type="button" class="button client-bookings__review-action" onClick={() => setOpen('review')}>
              {tc().visitReview.rate}
            </button>
            <Show when={open() === 'review'}>
              <ReviewSheet
                booking={props.booking}
                onClose={() => setOpen(undefined)}
                onDone={(message) => {
                  setOpen(undefined);
                  props.onChanged(message);
                }}
                onRefused={(message) => {
                  setOpen(undefined);
                  props.onRefused(message);
                }}
              />
            </Show>
          </div>
        )}
      </Match>
    </Switch>
  );
}

/** The plain sentence for a refused review or text. */
function refusal(error: CombinedError): { message: string; final: boolean } {
  const reason = errorExtension(error, 'reason');
  const known = typeof reason === 'string' ? tc().visitReview.refusals[reason] : undefined;
  return known ? { message: known, final: true } : { message: saveErrorMessage(error), final: false };
}

interface SheetProps {
  onClose: () => void;
  onDone: (message: string) => void;
  onRefused: (message: string) => void;
}

function ReviewSheet(props: SheetProps & { booking: ListedClientBooking }) {
  const client = useClient();
  const ids = { stars: createUniqueId(), text: createUniqueId() };
  const [stars, setStars] = createSignal<number>();
  const [text, setText] = createSignal('');
  const [problem, setProblem] = createSignal<string>();
  const [failure, setFailure] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  const send = async () => {
    const rating = stars();
    if (!rating) {
      setProblem(tc().visitReview.chooseStars);
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const input = { bookingId: props.booking.id, rating, text: text().trim() || null };
      const result = await client.mutation(LeaveReviewMutation, { input }).toPromise();
      if (!result.data) {
        notifyHaptic('error');
        const refused = refusal(result.error ?? missingDataError());
        if (refused.final) props.onRefused(refused.message);
        else setFailure(refused.message);
        return;
      }
      notifyHaptic('success');
      props.onDone(tc().visitReview.sent);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Sheet title={tc().visitReview.title} onClose={() => props.onClose()}>
      <p class="hint">{[props.booking.serviceName, props.booking.masterName].filter(Boolean).join(' · ')}</p>
      <div class="field" data-invalid={problem() ? 'true' : undefined}>
        <span class="field__label" id={ids.stars}>
          {tc().visitReview.stars}
        </span>
        <StarPicker
          labelledBy={ids.stars}
          value={stars()}
          invalid={Boolean(problem())}
          onChange={(value) => {
            setStars(value);
            setProblem(undefined);
          }}
        />
        <FieldError message={problem()} />
      </div>
      <Field label={tc().visitReview.text} for={ids.text} hint={tc().visitReview.textHint}>
        <textarea
          id={ids.text}
          class="input"
          rows={4}
          maxLength={TEXT_MAX}
          placeholder={tc().visitReview.textPlaceholder}
          value={text()}
          onInput={(event) => setText(event.currentTarget.value)}
        />
      </Field>
      <p class="hint">{tc().visitReview.published}</p>
      <Show when={failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>
      <button type="button" class="button" disabled={busy()} aria-busy={busy()} onClick={() => void send()}>
        {tc().visitReview.send}
      </button>
    </Sheet>
  );
}

function AddTextSheet(props: SheetProps & { reviewId: string }) {
  const client = useClient();
  const id = createUniqueId();
  const [text, setText] = createSignal('');
  const [problem, setProblem] = createSignal<string>();
  const [failure, setFailure] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  const send = async () => {
    const value = text().trim();
    if (!value) {
      setProblem(tc().visitReview.addTextRequired);
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const result = await client.mutation(AddReviewTextMutation, { input: { reviewId: props.reviewId, text: value } }).toPromise();
      if (!result.data) {
        notifyHaptic('error');
        const refused = refusal(result.error ?? missingDataError());
        if (refused.final) props.onRefused(refused.message);
        else setFailure(refused.message);
        return;
      }
      notifyHaptic('success');
      props.onDone(tc().visitReview.textAdded);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Sheet title={tc().visitReview.addTextTitle} onClose={() => props.onClose()}>
      <Field label={tc().visitReview.text} for={id} hint={tc().visitReview.addTextHint} error={problem()}>
        <textarea
          id={id}
          class="input"
          rows={4}
          maxLength={TEXT_MAX}
          placeholder={tc().visitReview.textPlaceholder}
          value={text()}
          aria-invalid={Boolean(problem())}
          onInput={(event) => {
            setText(event.currentTarget.value);
            setProblem(undefined);
          }}
        />
      </Field>
      <Show when={failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>
      <button type="button" class="button" disabled={busy()} aria-busy={busy()} onClick={() => void send()}>
        {tc().visitReview.sendText}
      </button>
    </Sheet>
  );
}
