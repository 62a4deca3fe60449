import type { CombinedError } from '@urql/core';
import { createQuery, useClient } from '@urql/solid';
import { AvailableSlotsQuery, type ClientBooking, MoveMyBookingMutation } from '@zapis/schema';
import { createMemo, createSignal, For, Match, on, Show, Switch } from 'solid-js';
import { BookingDetails } from '../../components/BookingDetails/BookingDetails.tsx';
import { dayLabel } from '../../components/DateSelect/DateSelect.tsx';
import { DateStrip } from '../../components/DateStrip/DateStrip.tsx';
import { dayToShow, groupByLocalDate, localDaysRange, upcomingDates } from '../../components/DateStrip/dateStrip.ts';
import { ErrorState } from '../../components/ErrorState/ErrorState.tsx';
import { errorCode } from '../../components/ErrorState/errorCode.ts';
import { saveErrorMessage } from '../../components/ErrorState/errorMessage.ts';
import { missingDataError } from '../../components/Form/useFormSubmit.ts';
import { Loading } from '../../components/Loading/Loading.tsx';
import { Notice } from '../../components/Notice/Notice.tsx';
import { Sheet } from '../../components/Sheet/Sheet.tsx';
import { wallClockAt } from '../../components/ZoneNote/masterTime.ts';
import { formatDuration } from '../../format/duration.ts';
import { tc } from '../../i18n/client.ts';
import { locale, t } from '../../i18n/index.ts';
import { newIdempotencyKey } from '../../idempotencyKey.ts';
import { notifyHaptic } from '../../init.ts';
import { type CalendarDate, todayIn, wallClock } from '../../time/calendarDate.ts';
import { nearestSlotsOf } from '../ClientBookingPage/bookingDraft.ts';
import { cutoffRefusal } from './cancelWindow.ts';
import './MoveSheet.css';

/** As far ahead as booking offers: two weeks of the master's days. */
const DAYS_AHEAD = 14;

/** A booking its client may move: one kept with the master's own service, which `availableSlots` takes. */
export type MovableBooking = ClientBooking & { masterServiceId: string };

interface MoveSheetProps {
  booking: MovableBooking;
  /** How the booking's time reads in the list, with the master's clock note. */
  currentTime: string;
  clockNote: string | undefined;
  onClose: () => void;
  /** Moved to `startsAt` (an ISO instant). */
  onMoved: (startsAt: string) => void;
  /** The cutoff passed while the sheet was open: the list should show it. */
  onTooLate: () => void;
}

/**
 * The client moves a booking as they booked it: a day from the strip, then one of the free starts
 * the API offers for this very booking (its own time counts as free), the old and the new time side
 * by side before they confirm.
 */
export function MoveSheet(props: MoveSheetProps) {
  const client = useClient();
  const zone = props.booking.timeZone;
  const today = todayIn(zone);
  const dates = upcomingDates(today, DAYS_AHEAD);
  const range = localDaysRange(today, DAYS_AHEAD, zone);

  const [slots, refetchSlots] = createQuery({
    query: AvailableSlotsQuery,
    variables: () => ({
      masterId: props.booking.masterId,
      masterServiceId: props.booking.masterServiceId,
      reschedulingBookingId: props.booking.id,
      ...range,
    }),
    requestPolicy: 'network-only',
  });
  // Its own start is offered too (its time counts as free): moving there would change nothing.
  const free = createMemo(() => (slots.data?.availableSlots ?? []).filter((slot) => slot.startsAt !== props.booking.startsAt));
  const byDate = createMemo(() => groupByLocalDate(free()));
  const [wanted, setWanted] = createSignal<CalendarDate>(wallClock(props.booking.localStart).date);
  const day = () => dayToShow(dates, byDate(), byDate().has(wanted()) ? wanted() : undefined);
  const daySlots = () => byDate().get(day() ?? '') ?? [];

  const [start, setStart] = createSignal<string>();
  // One key per chosen start: a retry of the same move moves once; another start is another move.
  const idempotencyKey = createMemo(on(start, () => newIdempotencyKey()));
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();
  const [nearest, setNearest] = createSignal<string[]>([]);
  const [tooLate, setTooLate] = createSignal(false);

  const label = (instant: string) => {
    const clock = wallClockAt(instant, zone);
    return `${dayLabel(clock.date, today)}, ${clock.time}`;
  };
  const choose = (instant: string) => {
    setStart(instant);
    setWanted(wallClockAt(instant, zone).date);
    setFailure(undefined);
    setNearest([]);
  };

  const refusal = (error: CombinedError): string => {
    const cutoff = cutoffRefusal(error);
    if (cutoff) {
      setTooLate(true);
      props.onTooLate();
      return cutoff.cutoffMinutes
        ? tc().clientBookings.moveTooLateBefore(formatDuration(cutoff.cutoffMinutes, locale()))
        : tc().clientBookings.moveTooLate;
    }
    if (errorCode(error) === 'SLOT_UNAVAILABLE') {
      const refused = start();
      // Nothing is chosen until the client picks again: one of the nearest, or another time.
      setStart(undefined);
      setNearest(nearestSlotsOf(error).filter((slot) => slot !== refused && slot !== props.booking.startsAt));
      refetchSlots({ requestPolicy: 'network-only' });
      return tc().clientBookings.moveSlotTaken;
    }
    return saveErrorMessage(error);
  };

  const move = async () => {
    const startsAt = start();
    if (!startsAt) return;
    setBusy(true);
    setFailure(undefined);
    setNearest([]);
    try {
      const input = { bookingId: props.booking.id, startsAt, idempotencyKey: idempotencyKey() };
      const result = await client.mutation(MoveMyBookingMutation, { input }).toPromise();
      if (!result.data) {
        notifyHaptic('error');
        setFailure(refusal(result.error ?? missingDataError()));
        return;
      }
      notifyHaptic('success');
      props.onMoved(startsAt);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Sheet title={tc().clientBookings.moveTitle} onClose={props.onClose}>
      <BookingDetails
        rows={[
          { label: tc().clientBookings.moveNow, value: props.currentTime, note: props.clockNote },
          {
            label: tc().clientBookings.moveTo,
            value: (
              <span class="move-sheet__new" data-chosen={Boolean(start())}>
                {start() ? label(start()!) : tc().clientBookings.moveChoose}
              </span>
            ),
          },
          { label: tc().clientBooking.service, value: props.booking.serviceName ?? '' },
        ]}
      />

      <Show
        when={!tooLate()}
        fallback={
          <>
            <Show when={failure()}>{(text) => <Notice tone="error">{text()}</Notice>}</Show>
            <button type="button" class="button button--secondary" onClick={() => props.onClose()}>
              {t().common.close}
            </button>
          </>
        }
      >
        <DateStrip
          dates={dates}
          today={today}
          selected={day()}
          label={tc().clientBookings.moveDay}
          hasSlots={(date) => (byDate().get(date)?.length ?? 0) > 0}
          onSelect={setWanted}
        />
        <Switch fallback={<Loading />}>
          <Match when={slots.error}>
            {(error) => <ErrorState error={error()} onRetry={() => refetchSlots({ requestPolicy: 'network-only' })} />}
          </Match>
          <Match when={slots.data}>
            <Show
              when={daySlots().length > 0}
              fallback={
                <p class="hint move-sheet__empty">
                  {byDate().size > 0 ? tc().clientBookings.moveNoSlotsOnDay : tc().clientBookings.moveNoSlots}
                </p>
              }
            >
              <div class="move-sheet__slots" role="radiogroup" aria-label={dayLabel(day()!, today)}>
                <For each={daySlots()}>
                  {(slot) => (
                    <button
                      type="button"
                      role="radio"
                      class="chip move-sheet__slot"
                      aria-checked={slot.startsAt === start()}
                      onClick={() => choose(slot.startsAt)}
                    >
                      {wallClock(slot.localStart).time}
                    </button>
                  )}
                </For>
              </div>
            </Show>
          </Match>
        </Switch>

        <Show when={failure()}>{(text) => <Notice tone="error">{text()}</Notice>}</Show>
        <Show when={nearest().length > 0}>
          <p class="hint">{tc().clientBookings.moveNearest}</p>
          <div class="move-sheet__nearest">
            <For each={nearest()}>
              {(slot) => (
                <button type="button" class="button button--secondary" onClick={() => choose(slot)}>
                  {label(slot)}
                </button>
              )}
            </For>
          </div>
        </Show>

        <p class="hint">{tc().clientBookings.moveHint}</p>
        <div class="move-sheet__actions">
          <button type="button" class="button button--secondary" onClick={() => props.onClose()}>
            {t().common.cancel}
          </button>
          <button type="button" class="button move-sheet__confirm" disabled={!start() || busy()} onClick={() => void move()}>
            {tc().clientBookings.moveConfirm}
          </button>
        </div>
      </Show>
    </Sheet>
  );
}
