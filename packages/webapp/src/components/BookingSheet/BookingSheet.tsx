import type { CombinedError } from '@urql/core';
import { useClient } from '@urql/solid';
import { type CalendarBooking, CancelBookingMutation, SetBookingOutcomeMutation } from '@zapis/schema';
import { createSignal, createUniqueId, Show } from 'solid-js';
import { formatDuration } from '../../format/duration.ts';
import { formatMoney } from '../../format/money.ts';
import { formatPhone } from '../../format/phone.ts';
import { locale } from '../../i18n/index.ts';
import { tm } from '../../i18n/master.ts';
import { notifyHaptic } from '../../init.ts';
import { type CalendarDate, wallClock } from '../../time/calendarDate.ts';
import { dayLabel } from '../DateSelect/DateSelect.tsx';
import { saveErrorMessage } from '../ErrorState/errorMessage.ts';
import { missingDataError } from '../Form/useFormSubmit.ts';
import { Notice } from '../Notice/Notice.tsx';
import { Sheet } from '../Sheet/Sheet.tsx';
import './BookingSheet.css';

interface BookingSheetProps {
  booking: CalendarBooking;
  today: CalendarDate;
  onClose: () => void;
  /** The booking changed; `message` says how. */
  onChanged: (message: string) => void;
}

type Outcome = 'COMPLETED' | 'NO_SHOW';

/** A booking's details and what the master can do with it: mark how it went, or cancel it. */
export function BookingSheet(props: BookingSheetProps) {
  const client = useClient();
  const [confirmingCancel, setConfirmingCancel] = createSignal(false);
  const [reason, setReason] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();
  const reasonId = createUniqueId();

  const start = () => wallClock(props.booking.localStart);
  const end = () => wallClock(props.booking.localEnd);
  // Comparing instants: whether it has started does not depend on any time zone.
  const started = () => Date.parse(props.booking.startsAt) <= Date.now();
  const title = () => `${start().time}–${end().time} · ${dayLabel(start().date, props.today)}`;

  const run = async (mutation: () => Promise<{ ok: boolean; error?: CombinedError }>, message: string) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const result = await mutation();
      if (!result.ok) {
        notifyHaptic('error');
        setFailure(saveErrorMessage(result.error ?? missingDataError()));
        return;
      }
      notifyHaptic('success');
      props.onChanged(message);
    } finally {
      setBusy(false);
    }
  };

  const setOutcome = (outcome: Outcome) =>
    run(
      async () => {
        const result = await client.mutation(SetBookingOutcomeMutation, { input: { bookingId: props.booking.id, outcome } }).toPromise();
        return { ok: Boolean(result.data), error: result.error };
      },
      outcome === 'COMPLETED' ? tm().calendar.markedCompleted : tm().calendar.markedNoShow,
    );

  const cancel = () =>
    run(async () => {
      const input = { bookingId: props.booking.id, reason: reason().trim() || null };
      const result = await client.mutation(CancelBookingMutation, { input }).toPromise();
      return { ok: Boolean(result.data), error: result.error };
    }, tm().calendar.bookingCancelled);

  return (
    <Sheet title={title()} onClose={props.onClose}>
      <div class="status-badge booking-sheet__status" data-status={props.booking.status}>
        {tm().calendar.status[props.booking.status]}
        <Show when={props.booking.status === 'CANCELLED' && props.booking.cancelledBy}>
          {(by) => <span class="booking-sheet__cancelled-by"> · {tm().calendar.cancelledBy[by()]}</span>}
        </Show>
      </div>

      <dl class="card booking-sheet__details">
        <div>
          <dt>{tm().calendar.client}</dt>
          <dd>{props.booking.clientName || tm().calendar.noName}</dd>
        </div>
        <Show when={props.booking.clientPhone}>
          {(phone) => (
            <div>
              <dt>{tm().calendar.phone}</dt>
              <dd class="booking-sheet__phone">
                <span>{formatPhone(phone())}</span>
                <a class="booking-sheet__call" href={`tel:${phone()}`}>
                  {tm().calendar.call}
                </a>
              </dd>
            </div>
          )}
        </Show>
        <Show when={props.booking.serviceName}>
          {(serviceName) => (
            <div>
              <dt>{tm().calendar.service}</dt>
              <dd>
                {serviceName()} · {formatDuration(props.booking.durationMinutes, locale())}
              </dd>
            </div>
          )}
        </Show>
        <Show when={props.booking.price}>
          {(price) => (
            <div>
              <dt>{tm().calendar.price}</dt>
              <dd>{formatMoney(price(), locale())}</dd>
            </div>
          )}
        </Show>
        <Show when={props.booking.comment}>
          {(comment) => (
            <div>
              <dt>{tm().calendar.comment}</dt>
              <dd class="booking-sheet__comment">{comment()}</dd>
            </div>
          )}
        </Show>
        <Show when={props.booking.cancellationReason}>
          {(cancellation) => (
            <div>
              <dt>{tm().calendar.cancelReason}</dt>
              <dd>{cancellation()}</dd>
            </div>
          )}
        </Show>
      </dl>
      <p class="hint booking-sheet__source">{tm().calendar.source[props.booking.source]}</p>

      <Show when={started() && props.booking.status !== 'CANCELLED'}>
        <p class="hint">{tm().calendar.outcomeHint}</p>
        <div class="booking-sheet__outcomes" role="group">
          <button
            type="button"
            class="chip booking-sheet__outcome"
            aria-pressed={props.booking.status === 'COMPLETED'}
            disabled={busy()}
            onClick={() => void setOutcome('COMPLETED')}
          >
            {tm().calendar.markCompleted}
          </button>
          <button
            type="button"
            class="chip booking-sheet__outcome"
            aria-pressed={props.booking.status === 'NO_SHOW'}
            disabled={busy()}
            onClick={() => void setOutcome('NO_SHOW')}
          >
            {tm().calendar.markNoShow}
          </button>
        </div>
      </Show>

      <Show when={props.booking.status === 'CONFIRMED'}>
        <Show
          when={confirmingCancel()}
          fallback={
            <button type="button" class="button button--destructive" onClick={() => setConfirmingCancel(true)}>
              {tm().calendar.cancelBooking}
            </button>
          }
        >
          <div class="field">
            <label class="field__label" for={reasonId}>
              {tm().calendar.cancelReason}
            </label>
            <input
              id={reasonId}
              class="input"
              type="text"
              maxLength={500}
              placeholder={tm().calendar.cancelReasonPlaceholder}
              value={reason()}
              onInput={(event) => setReason(event.currentTarget.value)}
            />
          </div>
          <div class="booking-sheet__confirm">
            <button type="button" class="button button--secondary" onClick={() => setConfirmingCancel(false)}>
              {tm().calendar.keepBooking}
            </button>
            <button type="button" class="button booking-sheet__cancel" disabled={busy()} onClick={() => void cancel()}>
              {tm().calendar.confirmCancel}
            </button>
          </div>
        </Show>
      </Show>

      <Show when={failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>
    </Sheet>
  );
}
