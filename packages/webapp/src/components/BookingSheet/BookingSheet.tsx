import type { CombinedError } from '@urql/core';
import { useClient } from '@urql/solid';
import { type CalendarBooking, CancelBookingMutation, SetBookingOutcomeMutation } from '@zapis/schema';
import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { formatDuration } from '../../format/duration.ts';
import { formatMoney } from '../../format/money.ts';
import { formatPhone } from '../../format/phone.ts';
import { locale } from '../../i18n/index.ts';
import { tm } from '../../i18n/master.ts';
import { notifyHaptic } from '../../init.ts';
import { type CalendarDate, formatCalendarDate, wallClock } from '../../time/calendarDate.ts';
import { dayLabel } from '../DateSelect/DateSelect.tsx';
import { saveErrorMessage } from '../ErrorState/errorMessage.ts';
import { missingDataError } from '../Form/useFormSubmit.ts';
import { Notice } from '../Notice/Notice.tsx';
import { Sheet } from '../Sheet/Sheet.tsx';
import { wallClockAt } from '../ZoneNote/masterTime.ts';
import { MoveForm } from './MoveForm.tsx';
import '../Form/Form.css';
import './BookingSheet.css';

interface BookingSheetProps {
  booking: CalendarBooking;
  /** The master's public id, for the free starts a move offers. */
  masterId: string;
  timeZone: string;
  today: CalendarDate;
  /** The master's days off: a move onto one is allowed, and said. */
  daysOff: readonly CalendarDate[];
  /** Opens straight at moving the booking, or at cancelling it with a message. */
  initial?: 'move' | 'cancel';
  onClose: () => void;
  /** The booking changed; `message` says how. */
  onChanged: (message: string) => void;
}

type Outcome = 'COMPLETED' | 'NO_SHOW';

/** A booking's details and what the master can do with it: mark how it went, move it, or cancel it. */
export function BookingSheet(props: BookingSheetProps) {
  const client = useClient();
  const [moving, setMoving] = createSignal(props.initial === 'move' && props.booking.status === 'CONFIRMED');
  const [confirmingCancel, setConfirmingCancel] = createSignal(props.initial === 'cancel');
  const [reason, setReason] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();
  const reasonId = createUniqueId();

  const start = () => wallClock(props.booking.localStart);
  const end = () => wallClock(props.booking.localEnd);
  // Comparing instants: whether it has started does not depend on any time zone.
  const started = () => Date.parse(props.booking.startsAt) <= Date.now();
  const title = () => `${start().time}–${end().time} · ${dayLabel(start().date, props.today)}`;
  const localLabel = (localStart: string) => {
    const clock = wallClock(localStart);
    return `${dayLabel(clock.date, props.today, 'short')}, ${clock.time}`;
  };
  const movedFromLabel = (localStart: string) => {
    const clock = wallClock(localStart);
    return `${formatCalendarDate(clock.date, locale(), { day: 'numeric', month: 'long' })}, ${clock.time}`;
  };
  const instantLabel = (instant: string) => {
    const clock = wallClockAt(instant, props.timeZone);
    return `${dayLabel(clock.date, props.today, 'short')}, ${clock.time}`;
  };
  const upcoming = () => props.booking.status === 'CONFIRMED' && !started();

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
    <Sheet title={moving() ? tm().calendar.moveTitle : title()} onClose={props.onClose}>
      <Show
        when={!moving()}
        fallback={
          <MoveForm
            booking={props.booking}
            masterId={props.masterId}
            timeZone={props.timeZone}
            today={props.today}
            daysOff={props.daysOff}
            onBack={() => setMoving(false)}
            onMoved={(moved) => props.onChanged(tm().calendar.moved(localLabel(moved.localStart)))}
          />
        }
      >
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
        <Show when={props.booking.clientReliability}>
          {(record) => (
            <p class="booking-sheet__reliability">
              <Show
                when={record().visitsKept + record().lateCancellations + record().noShows + record().released > 0}
                fallback={tm().calendar.firstBooking}
              >
                <span class="booking-sheet__reliability-label">{tm().calendar.reliabilityLabel}:</span>{' '}
                {tm().calendar.reliability(record())}
              </Show>
            </p>
          )}
        </Show>
        <Show when={upcoming() && props.booking.releasesAt}>
          {(releasesAt) => (
            <p class="booking-sheet__confirmation" data-confirmed="false">
              {tm().calendar.awaitingLong(instantLabel(releasesAt()))}
            </p>
          )}
        </Show>
        <Show when={props.booking.status === 'CONFIRMED' && props.booking.clientConfirmedAt}>
          <p class="booking-sheet__confirmation" data-confirmed="true">
            {tm().calendar.confirmedLong}
          </p>
        </Show>
        <For each={props.booking.moves.slice(-3)}>
          {(move) => <p class="hint booking-sheet__moved">{tm().calendar.movedFrom(movedFromLabel(move.fromLocalStart), move.movedBy)}</p>}
        </For>

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
              <div class="booking-sheet__actions">
                <button type="button" class="button button--secondary booking-sheet__move" onClick={() => setMoving(true)}>
                  {tm().calendar.move}
                </button>
                <button type="button" class="button button--destructive" onClick={() => setConfirmingCancel(true)}>
                  {tm().calendar.cancelBooking}
                </button>
              </div>
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
            <Show when={props.booking.source === 'CLIENT'}>
              <p class="hint">{tm().calendar.cancelNotify}</p>
            </Show>
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
      </Show>
    </Sheet>
  );
}
