import { A, useNavigate } from '@solidjs/router';
import type { CombinedError } from '@urql/core';
import { createQuery, useClient } from '@urql/solid';
import { CancelBookingMutation, type ClientBooking, ClientBookingsQuery, type ListedClientBooking } from '@zapis/schema';
import { createEffect, createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import { AddToCalendar } from '../../components/AddToCalendar/AddToCalendar.tsx';
import { BookingDetails } from '../../components/BookingDetails/BookingDetails.tsx';
import { BookingPlace, WriteToMaster } from '../../components/BookingPlace/BookingPlace.tsx';
import { useClientProfile } from '../../components/ClientProfileProvider/ClientProfileProvider.tsx';
import { dayLabel } from '../../components/DateSelect/DateSelect.tsx';
import { ErrorState } from '../../components/ErrorState/ErrorState.tsx';
import { saveErrorMessage } from '../../components/ErrorState/errorMessage.ts';
import { missingDataError } from '../../components/Form/useFormSubmit.ts';
import { Loading } from '../../components/Loading/Loading.tsx';
import { Notice } from '../../components/Notice/Notice.tsx';
import { Page } from '../../components/Page/Page.tsx';
import { Sheet } from '../../components/Sheet/Sheet.tsx';
import { clocksDiffer, deviceTimeZone, wallClockAt } from '../../components/ZoneNote/masterTime.ts';
import { formatDuration } from '../../format/duration.ts';
import { formatMoney } from '../../format/money.ts';
import { tc } from '../../i18n/client.ts';
import { locale, t } from '../../i18n/index.ts';
import { notifyHaptic, useMainButton } from '../../init.ts';
import { CLIENT_PROFILE_PATH, masterPath } from '../../navigation.ts';
import { formatCalendarDate, todayIn, wallClock } from '../../time/calendarDate.ts';
import { utcOffset } from '../../time/utcOffset.ts';
import { BookAgain } from './BookAgain.tsx';
import { cancelWindow, closesIn, cutoffRefusal } from './cancelWindow.ts';
import { type MovableBooking, MoveSheet } from './MoveSheet.tsx';
import { VisitReview } from './VisitReview.tsx';
import './ClientBookingsPage.css';

/** Enough for anyone's list; the API allows up to 50 a page. */
const BOOKINGS_PAGE = 50;

/** `/client/bookings`: the client's upcoming bookings, which they may cancel, and the past ones. */
export function ClientBookingsPage() {
  const navigate = useNavigate();
  const clientProfile = useClientProfile();
  const [message, setMessage] = createSignal<{ tone: 'success' | 'error'; text: string }>();
  const [cancelling, setCancelling] = createSignal<ClientBooking>();
  const [moving, setMoving] = createSignal<MovableBooking>();

  // The client's own data exists once `upsertClient` has answered.
  const [bookings, refetch] = createQuery({
    query: ClientBookingsQuery,
    variables: () => ({ first: BOOKINGS_PAGE }),
    pause: () => !clientProfile.settled(),
    requestPolicy: 'cache-and-network',
  });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const upcoming = () => bookings.data?.clientProfile.upcomingBookings.edges.map((edge) => edge.node) ?? [];
  const past = () => bookings.data?.clientProfile.pastBookings.edges.map((edge) => edge.node) ?? [];

  useMainButton({ text: () => tc().clientBookings.find, visible: () => !cancelling() && !moving(), onClick: () => navigate('/client') });

  return (
    <Page title={tc().clientBookings.title}>
      <Show when={message()}>{(shown) => <Notice tone={shown().tone}>{shown().text}</Notice>}</Show>
      <Switch fallback={<Loading />}>
        <Match when={bookings.data}>
          <Show
            when={upcoming().length + past().length > 0}
            fallback={<p class="hint client-bookings__empty">{tc().clientBookings.empty}</p>}
          >
            <BookingList title={tc().clientBookings.upcoming} bookings={upcoming()} onCancel={setCancelling} onMove={setMoving} />
            <BookingList
              title={tc().clientBookings.past}
              bookings={past()}
              review={{
                onChanged: (text) => {
                  setMessage({ tone: 'success', text });
                  reload();
                },
                onRefused: (text) => {
                  setMessage({ tone: 'error', text });
                  reload();
                },
              }}
            />
          </Show>
        </Match>
        <Match when={bookings.error}>{(error) => <ErrorState error={error()} onRetry={reload} />}</Match>
      </Switch>
      <A href={CLIENT_PROFILE_PATH} class="button button--link client-bookings__profile">
        {tc().client.profile}
      </A>

      <Show when={moving()}>
        {(booking) => (
          <MoveSheet
            booking={booking()}
            currentTime={bookingTime(booking())}
            clockNote={masterClockNote(booking())}
            onClose={() => setMoving(undefined)}
            onMoved={(startsAt) => {
              // Read before the sheet goes: its booking is gone with it.
              const text = tc().clientBookings.moved(instantLabel(startsAt, booking().timeZone));
              setMoving(undefined);
              setMessage({ tone: 'success', text });
              reload();
            }}
            onTooLate={reload}
          />
        )}
      </Show>
      <Show when={cancelling()}>
        {(booking) => (
          <CancelSheet
            booking={booking()}
            onClose={() => setCancelling(undefined)}
            onCancelled={() => {
              setCancelling(undefined);
              setMessage({ tone: 'success', text: tc().clientBookings.cancelled });
              reload();
            }}
            onTooLate={reload}
          />
        )}
      </Show>
    </Page>
  );
}

/** What a past booking's review tells the page. */
interface ReviewEvents {
  onChanged: (message: string) => void;
  onRefused: (message: string) => void;
}

interface BookingListProps {
  title: string;
  bookings: ListedClientBooking[];
  onCancel?: (booking: ClientBooking) => void;
  onMove?: (booking: MovableBooking) => void;
  review?: ReviewEvents;
}

function BookingList(props: BookingListProps) {
  return (
    <Show when={props.bookings.length > 0}>
      <section class="section">
        <h2 class="section__header">{props.title}</h2>
        <ul class="client-bookings__list">
          <For each={props.bookings}>
            {(booking) => (
              <li>
                <BookingCard booking={booking} onCancel={props.onCancel} onMove={props.onMove} review={props.review} />
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}

/** "Tomorrow, 12 March, 10:00–11:30", on the master's clock. */
function bookingTime(booking: ClientBooking): string {
  const start = wallClock(booking.localStart);
  return `${dayLabel(start.date, todayIn(booking.timeZone))}, ${start.time}–${wallClock(booking.localEnd).time}`;
}

/** "12 March, 10:00" of a local start the API gave in the master's zone: where a booking was before a move. */
function movedFromLabel(localStart: string): string {
  const clock = wallClock(localStart);
  return `${formatCalendarDate(clock.date, locale(), { day: 'numeric', month: 'long' })}, ${clock.time}`;
}

/** "Tue, 12 March, 10:00" of an instant, on the master's clock. */
function instantLabel(instant: string, timeZone: string): string {
  const clock = wallClockAt(instant, timeZone);
  return `${dayLabel(clock.date, todayIn(timeZone))}, ${clock.time}`;
}

/** A booking with the master's own service can be moved in the app; one from before own services were kept cannot. */
function movable(booking: ClientBooking): MovableBooking | undefined {
  return booking.masterServiceId ? { ...booking, masterServiceId: booking.masterServiceId } : undefined;
}

/** The master's zone at `at` (the start by default), when the device's clock shows another time. */
function masterClockNote(booking: ClientBooking, at = new Date(booking.startsAt)): string | undefined {
  return clocksDiffer(booking.timeZone, deviceTimeZone(), at)
    ? tc().client.masterClock(utcOffset(booking.timeZone, locale(), at))
    : undefined;
}

/** "12 March, 08:00 (master's time, GMT+4)": the end of the cancellation window on the master's clock. */
function cancelDeadline(booking: ClientBooking, until: Date): string {
  const clock = wallClockAt(until, booking.timeZone);
  const sameYear = clock.date.slice(0, 4) === todayIn(booking.timeZone).slice(0, 4);
  const date = formatCalendarDate(clock.date, locale(), { day: 'numeric', month: 'long', ...(sameYear ? {} : { year: 'numeric' }) });
  const note = masterClockNote(booking, until);
  return note ? `${date}, ${clock.time} (${note})` : `${date}, ${clock.time}`;
}

interface BookingCardProps {
  booking: ListedClientBooking;
  onCancel?: (booking: ClientBooking) => void;
  onMove?: (booking: MovableBooking) => void;
  review?: ReviewEvents;
}

function BookingCard(props: BookingCardProps) {
  const booking = () => props.booking;
  // The window closes while the page is open: a timer looks again just after it does.
  const [now, setNow] = createSignal(new Date());
  const cancellation = () => (props.onCancel ? cancelWindow(booking().cancellableUntil, now()) : undefined);
  createEffect(() => {
    const current = cancellation();
    if (!current?.open) return;
    const timer = setTimeout(() => setNow(new Date()), closesIn(current.until, now()));
    onCleanup(() => clearTimeout(timer));
  });
  const upcoming = () => Boolean(props.onCancel) && booking().status === 'CONFIRMED';
  const statusText = () => {
    const status = tc().clientBookings.status[booking().status];
    const by = booking().status === 'CANCELLED' && booking().cancelledBy;
    return by ? `${status} · ${tc().clientBookings.cancelledBy[by]}` : status;
  };

  return (
    <article class="card client-bookings__card" data-status={booking().status}>
      <div class="client-bookings__when">
        <span class="client-bookings__time">{bookingTime(booking())}</span>
        <Show when={masterClockNote(booking())}>{(note) => <span class="hint">{note()}</span>}</Show>
        <For each={booking().moves.slice(-2)}>
          {(move) => (
            <span class="client-bookings__moved">{tc().clientBookings.movedFrom(movedFromLabel(move.fromLocalStart), move.movedBy)}</span>
          )}
        </For>
      </div>
      <div class="client-bookings__what">
        <span class="client-bookings__service">{booking().serviceName}</span>
        <A href={masterPath(booking().masterId)} class="client-bookings__master">
          {booking().masterName}
        </A>
        <Show when={booking().address}>
          {(address) => (
            <span class="client-bookings__address">
              {/* Maps only while the visit is ahead: a past or cancelled one needs no way there. */}
              <BookingPlace address={address()} mapLinks={upcoming() ? booking().mapLinks : null} />
            </span>
          )}
        </Show>
      </div>
      <div class="client-bookings__footer">
        <span class="status-badge" data-status={booking().status}>
          {statusText()}
        </span>
        <Show when={booking().price}>{(price) => <span class="client-bookings__price">{formatMoney(price(), locale())}</span>}</Show>
      </div>
      <Show when={upcoming() && booking().releasesAt}>
        {(releasesAt) => (
          <p class="client-bookings__confirm-by">{tc().clientBookings.confirmBy(cancelDeadline(booking(), new Date(releasesAt())))}</p>
        )}
      </Show>
      <Show when={upcoming()}>
        <WriteToMaster url={booking().masterTelegramUrl} />
        <AddToCalendar booking={booking()} />
      </Show>
      <Show when={!props.onCancel}>
        <BookAgain booking={booking()} />
      </Show>
      <Show when={cancellation()}>
        {(current) => (
          <Show
            when={current().open}
            fallback={
              <p class="client-bookings__cutoff" data-open="false">
                {movable(booking()) ? tc().clientBookings.moveOrCancelClosed : tc().clientBookings.cancelClosed}
              </p>
            }
          >
            <p class="client-bookings__cutoff" data-open="true">
              {(movable(booking()) ? tc().clientBookings.moveOrCancelUntil : tc().clientBookings.cancelUntil)(
                cancelDeadline(booking(), current().until),
              )}
            </p>
            <div class="client-bookings__changes">
              <Show when={movable(booking())}>
                {(toMove) => (
                  <button type="button" class="button button--secondary client-bookings__move" onClick={() => props.onMove?.(toMove())}>
                    {tc().clientBookings.move}
                  </button>
                )}
              </Show>
              <button type="button" class="button button--destructive client-bookings__cancel" onClick={() => props.onCancel?.(booking())}>
                {tc().clientBookings.cancel}
              </button>
            </div>
          </Show>
        )}
      </Show>
      <Show when={props.review && booking().status === 'COMPLETED' ? props.review : undefined}>
        {(events) => <VisitReview booking={booking()} onChanged={events().onChanged} onRefused={events().onRefused} />}
      </Show>
    </article>
  );
}

/** Why the API refused to cancel: the master's cutoff passed (while the sheet was open), or what the code says. */
function cancelFailure(error: CombinedError): string {
  const tooLate = cutoffRefusal(error);
  if (!tooLate) return saveErrorMessage(error);
  return tooLate.cutoffMinutes
    ? tc().clientBookings.tooLateBefore(formatDuration(tooLate.cutoffMinutes, locale()))
    : tc().clientBookings.tooLate;
}

interface CancelSheetProps {
  booking: ClientBooking;
  onClose: () => void;
  onCancelled: () => void;
  /** The cutoff has passed: the list should show it. */
  onTooLate: () => void;
}

function CancelSheet(props: CancelSheetProps) {
  const client = useClient();
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();
  /** Refused past the cutoff: asking again cannot help, so only closing is offered. */
  const [tooLate, setTooLate] = createSignal(false);

  const cancel = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const result = await client.mutation(CancelBookingMutation, { input: { bookingId: props.booking.id, reason: null } }).toPromise();
      if (!result.data) {
        const error = result.error ?? missingDataError();
        notifyHaptic('error');
        setFailure(cancelFailure(error));
        if (cutoffRefusal(error)) {
          setTooLate(true);
          props.onTooLate();
        }
        return;
      }
      notifyHaptic('success');
      props.onCancelled();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Sheet title={tc().clientBookings.cancelTitle} onClose={props.onClose}>
      <BookingDetails
        rows={[
          { label: tc().clientBooking.when, value: bookingTime(props.booking), note: masterClockNote(props.booking) },
          { label: tc().clientBooking.service, value: props.booking.serviceName ?? '' },
          { label: tc().clientBooking.master, value: props.booking.masterName },
        ]}
      />
      <Show when={!tooLate()}>
        <p class="hint">{tc().clientBookings.cancelHint}</p>
      </Show>
      <Show when={failure()}>{(text) => <Notice tone="error">{text()}</Notice>}</Show>
      <Show
        when={!tooLate()}
        fallback={
          <button type="button" class="button button--secondary" onClick={() => props.onClose()}>
            {t().common.close}
          </button>
        }
      >
        <div class="client-bookings__confirm">
          <button type="button" class="button button--secondary" onClick={() => props.onClose()}>
            {tc().clientBookings.keep}
          </button>
          <button type="button" class="button client-bookings__confirm-cancel" disabled={busy()} onClick={() => void cancel()}>
            {tc().clientBookings.confirmCancel}
          </button>
        </div>
      </Show>
    </Sheet>
  );
}
