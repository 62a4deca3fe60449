import { createQuery, useClient } from '@urql/solid';
import { AddDaysOffMutation, type CalendarBooking, DaysOffQuery, RemoveDaysOffMutation } from '@zapis/schema';
import { createSignal, createUniqueId, For, Match, Show, Switch } from 'solid-js';
import { BookingSheet } from '../../components/BookingSheet/BookingSheet.tsx';
import { DateSelect, dayLabel } from '../../components/DateSelect/DateSelect.tsx';
import { ErrorState } from '../../components/ErrorState/ErrorState.tsx';
import { saveErrorMessage } from '../../components/ErrorState/errorMessage.ts';
import { Field } from '../../components/Field/Field.tsx';
import { type Checked, missingDataError, useFormSubmit } from '../../components/Form/useFormSubmit.ts';
import { Loading } from '../../components/Loading/Loading.tsx';
import { ForActiveMaster, useMasterProfile } from '../../components/MasterProfileProvider/MasterProfileProvider.tsx';
import { Notice } from '../../components/Notice/Notice.tsx';
import { Page } from '../../components/Page/Page.tsx';
import { locale } from '../../i18n/index.ts';
import { tm } from '../../i18n/master.ts';
import { notifyHaptic } from '../../init.ts';
import { addDays, type CalendarDate, todayIn, wallClock } from '../../time/calendarDate.ts';
import { dayOffRanges, rangeLabel } from './dayRanges.ts';
import '../../components/Form/Form.css';
import './MasterDaysOffPage.css';

/** The API takes at most this many days at once. */
const MAX_RANGE_DAYS = 92;

interface DaysOffDraft {
  from: CalendarDate;
  to: CalendarDate;
  note: string | null;
}

/** A booking left on a day off, opened to move it or to cancel it with a message. */
interface OpenBooking {
  booking: CalendarBooking;
  initial: 'move' | 'cancel';
}

/**
 * `/master/calendar/days-off`: marks a day or a vacation off, lists the days off ahead (each run of
 * them removable), and the bookings still on them, each to move or cancel with a message.
 */
export function MasterDaysOffPage() {
  return <ForActiveMaster>{(master) => <DaysOff masterId={master().profile.id} timeZone={master().timeZone} />}</ForActiveMaster>;
}

function DaysOff(props: { masterId: string; timeZone: string }) {
  const client = useClient();
  const master = useMasterProfile();
  const today = todayIn(props.timeZone);
  const [from, setFrom] = createSignal<CalendarDate>(today);
  const [several, setSeveral] = createSignal(false);
  const [to, setTo] = createSignal<CalendarDate>(addDays(today, 6));
  const [note, setNote] = createSignal('');
  const [message, setMessage] = createSignal<{ tone: 'success' | 'error'; text: string }>();
  const [open, setOpen] = createSignal<OpenBooking>();
  const ids = { from: createUniqueId(), to: createUniqueId(), note: createUniqueId(), several: createUniqueId() };

  const [daysOff, refetch] = createQuery({ query: DaysOffQuery, requestPolicy: 'cache-and-network' });
  const profile = () => daysOff.data?.masterProfile;
  const ranges = () => dayOffRanges(profile()?.daysOff ?? []);
  const label = (range: { from: CalendarDate; to: CalendarDate }) => rangeLabel(range.from, range.to, today, locale());

  /** After a change: this page's list, and the profile the calendar marks days off from. */
  const reload = () => {
    refetch({ requestPolicy: 'network-only' });
    void master.reload();
  };

  const form = useFormSubmit({
    scope: '',
    label: () => tm().daysOff.save,
    visible: () => !open(),
    check: (): Checked<DaysOffDraft> => {
      const last = several() ? to() : from();
      if (last < from()) return { problems: { to: tm().daysOff.toBeforeFrom } };
      if (several() && addDays(from(), MAX_RANGE_DAYS - 1) < last) return { problems: { to: tm().daysOff.tooLong } };
      return { input: { from: from(), to: last, note: note().trim() || null } };
    },
    save: async (input) => {
      setMessage(undefined);
      const result = await client.mutation(AddDaysOffMutation, { input }).toPromise();
      const added = result.data?.addDaysOff;
      if (!added) return { ok: false, error: result.error ?? missingDataError() };
      notifyHaptic('success');
      const text = tm().daysOff.added(label(input));
      setMessage({
        tone: 'success',
        text: added.bookings.length > 0 ? `${text} ${tm().daysOff.bookingsLeft(added.bookings.length)}` : text,
      });
      setNote('');
      reload();
      return { ok: true };
    },
  });

  const remove = async (range: { from: CalendarDate; to: CalendarDate }) => {
    setMessage(undefined);
    const result = await client.mutation(RemoveDaysOffMutation, { input: { from: range.from, to: range.to } }).toPromise();
    if (!result.data) {
      notifyHaptic('error');
      setMessage({ tone: 'error', text: saveErrorMessage(result.error ?? missingDataError()) });
      return;
    }
    notifyHaptic('success');
    setMessage({ tone: 'success', text: tm().daysOff.removed(label(range)) });
    reload();
  };

  return (
    <Page title={tm().daysOff.title} subtitle={tm().daysOff.hint}>
      <Show when={message()}>{(shown) => <Notice tone={shown().tone}>{shown().text}</Notice>}</Show>

      <Show when={(profile()?.bookingsOnDaysOff.length ?? 0) > 0}>
        <section class="section">
          <h2 class="section__header">{tm().daysOff.bookingsTitle}</h2>
          <ul class="days-off__list">
            <For each={profile()?.bookingsOnDaysOff}>
              {(booking) => (
                <li class="card days-off__booking">
                  <div class="days-off__booking-text">
                    <span class="days-off__booking-when">
                      {dayLabel(booking.localDate, today, 'short')}, {wallClock(booking.localStart).time}–{wallClock(booking.localEnd).time}
                    </span>
                    <span>{[booking.clientName || tm().calendar.noName, booking.serviceName].filter(Boolean).join(' · ')}</span>
                  </div>
                  <div class="days-off__booking-actions">
                    <button type="button" class="button button--secondary" onClick={() => setOpen({ booking, initial: 'move' })}>
                      {tm().calendar.move}
                    </button>
                    <button type="button" class="button button--destructive" onClick={() => setOpen({ booking, initial: 'cancel' })}>
                      {tm().calendar.cancelWithMessage}
                    </button>
                  </div>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>

      <div class="form">
        <Field label={tm().daysOff.from} for={ids.from}>
          <DateSelect
            id={ids.from}
            value={from()}
            today={today}
            daysBefore={0}
            daysAhead={365}
            onChange={(date) => {
              setFrom(date);
              if (to() < date) setTo(date);
              form.clearProblem('to');
            }}
          />
        </Field>
        <div class="form__switch-row">
          <span id={ids.several}>{tm().daysOff.severalDays}</span>
          <button
            type="button"
            role="switch"
            class="switch"
            aria-checked={several()}
            aria-labelledby={ids.several}
            onClick={() => {
              setSeveral(!several());
              form.clearProblem('to');
            }}
          />
        </div>
        <Show when={several()}>
          <Field label={tm().daysOff.to} for={ids.to} error={form.problem('to')}>
            <DateSelect
              id={ids.to}
              value={to()}
              today={today}
              daysBefore={0}
              daysAhead={365 + MAX_RANGE_DAYS}
              onChange={(date) => {
                setTo(date);
                form.clearProblem('to');
              }}
            />
          </Field>
        </Show>
        <Field label={tm().daysOff.note} for={ids.note} error={form.problem('note')}>
          <input
            id={ids.note}
            class="input"
            type="text"
            maxLength={200}
            placeholder={tm().daysOff.notePlaceholder}
            value={note()}
            onInput={(event) => setNote(event.currentTarget.value)}
          />
        </Field>
        <Show when={form.failure()}>{(text) => <Notice tone="error">{text()}</Notice>}</Show>
      </div>

      <section class="section">
        <h2 class="section__header">{tm().daysOff.upcomingTitle}</h2>
        <Switch fallback={<Loading />}>
          <Match when={profile()}>
            <Show when={ranges().length > 0} fallback={<p class="hint days-off__none">{tm().daysOff.none}</p>}>
              <ul class="card days-off__ranges">
                <For each={ranges()}>
                  {(range) => (
                    <li class="days-off__range">
                      <span class="days-off__range-text">
                        <span class="days-off__range-dates">{label(range)}</span>
                        <span class="hint">{[tm().daysOff.dayCount(range.days), range.note].filter(Boolean).join(' · ')}</span>
                      </span>
                      <button type="button" class="link-button days-off__remove" onClick={() => void remove(range)}>
                        {tm().daysOff.remove}
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </Match>
          <Match when={daysOff.error}>{(error) => <ErrorState error={error()} onRetry={reload} />}</Match>
        </Switch>
      </section>

      <Show when={open()}>
        {(opened) => (
          <BookingSheet
            booking={opened().booking}
            initial={opened().initial}
            masterId={props.masterId}
            timeZone={props.timeZone}
            today={today}
            daysOff={profile()?.daysOff.map((dayOff) => dayOff.date) ?? []}
            onClose={() => setOpen(undefined)}
            onChanged={(text) => {
              setOpen(undefined);
              setMessage({ tone: 'success', text });
              reload();
            }}
          />
        )}
      </Show>
    </Page>
  );
}
