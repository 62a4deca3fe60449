import { A, useLocation, useNavigate, useSearchParams } from '@solidjs/router';
import { createQuery, useClient } from '@urql/solid';
import { type CalendarBooking, type DayOff, MasterCalendarQuery, type MasterProfile, UnblockTimeMutation } from '@zapis/schema';
import { createMemo, createSignal, For, Match, Show, Switch } from 'solid-js';
import { BookingSheet } from '../../components/BookingSheet/BookingSheet.tsx';
import { dayLabel } from '../../components/DateSelect/DateSelect.tsx';
import { ErrorState } from '../../components/ErrorState/ErrorState.tsx';
import { saveErrorMessage } from '../../components/ErrorState/errorMessage.ts';
import { LineIcon } from '../../components/LineIcon/LineIcon.tsx';
import { Loading } from '../../components/Loading/Loading.tsx';
import { ForActiveMaster } from '../../components/MasterProfileProvider/MasterProfileProvider.tsx';
import { Notice } from '../../components/Notice/Notice.tsx';
import { StepButton } from '../../components/StepButton/StepButton.tsx';
import { formatMoney } from '../../format/money.ts';
import { locale } from '../../i18n/index.ts';
import { tm } from '../../i18n/master.ts';
import { notifyHaptic, useMainButton } from '../../init.ts';
import { DAYS_OFF_PATH } from '../../navigation.ts';
import {
  addDays,
  type CalendarDate,
  formatCalendarDate,
  isCalendarDate,
  startOfWeek,
  todayIn,
  weekOf,
  zonedTimeToUtc,
} from '../../time/calendarDate.ts';
import { utcOffset } from '../../time/utcOffset.ts';
import { agendaByDate, type CalendarEntry, workingHoursOn } from './calendarEntries.ts';
import './MasterCalendarPage.css';

/** What a page that sends the master back to the calendar wants said there. */
export interface CalendarLocationState {
  notice?: 'published' | 'bookingAdded' | 'timeBlocked';
}

type CalendarSearch = { date?: string; view?: string };

/**
 * `/master/calendar?date=YYYY-MM-DD&view=day|week`: the master's bookings and blocked time, by
 * day or by week, in the master's own time zone (never the device's).
 */
export function MasterCalendarPage() {
  return <ForActiveMaster>{(master) => <Calendar profile={master().profile} timeZone={master().timeZone} />}</ForActiveMaster>;
}

function Calendar(props: { profile: MasterProfile; timeZone: string }) {
  const client = useClient();
  const navigate = useNavigate();
  const location = useLocation<CalendarLocationState>();
  const [search, setSearch] = useSearchParams<CalendarSearch>();
  const [selected, setSelected] = createSignal<CalendarBooking>();
  const [message, setMessage] = createSignal<{ tone: 'success' | 'error'; text: string } | undefined>(
    location.state?.notice ? { tone: 'success', text: tm().calendar[location.state.notice] } : undefined,
  );

  const today = () => todayIn(props.timeZone);
  const daysOff = createMemo(() => new Map(props.profile.daysOff.map((dayOff) => [dayOff.date, dayOff])));
  const date = (): CalendarDate => (isCalendarDate(search.date) ? search.date : today());
  const view = () => (search.view === 'week' ? 'week' : 'day');
  const monday = () => startOfWeek(date());
  const days = () => weekOf(monday());

  const [calendar, refetch] = createQuery({
    query: MasterCalendarQuery,
    variables: () => ({
      from: zonedTimeToUtc(monday(), '00:00', props.timeZone).toISOString(),
      to: zonedTimeToUtc(addDays(monday(), 7), '00:00', props.timeZone).toISOString(),
    }),
    requestPolicy: 'cache-and-network',
  });
  const data = () => calendar.data?.masterCalendar;
  const agenda = createMemo(() => {
    const current = data();
    return current ? agendaByDate(days(), current.bookings, current.timeBlocks) : undefined;
  });
  const bookingsOn = (day: CalendarDate) =>
    agenda()
      ?.get(day)
      ?.filter((entry) => entry.kind === 'booking' && entry.booking.status !== 'CANCELLED').length ?? 0;

  const go = (next: Partial<{ date: CalendarDate; view: 'day' | 'week' }>) => {
    setMessage(undefined);
    setSearch({ date: next.date ?? date(), view: next.view ?? view() }, { replace: true });
  };
  const step = (direction: 1 | -1) => go({ date: addDays(date(), view() === 'week' ? 7 * direction : direction) });
  const reload = () => refetch({ requestPolicy: 'network-only' });

  const unblock = async (timeBlockId: string) => {
    const result = await client.mutation(UnblockTimeMutation, { input: { timeBlockId } }).toPromise();
    if (result.error) {
      notifyHaptic('error');
      setMessage({ tone: 'error', text: saveErrorMessage(result.error) });
      return;
    }
    notifyHaptic('success');
    setMessage({ tone: 'success', text: tm().calendar.unblocked });
    reload();
  };

  useMainButton({
    text: () => tm().calendar.addBooking,
    visible: () => !selected(),
    onClick: () => navigate(`/master/calendar/new?date=${date()}`),
  });

  const weekTitle = () => {
    const first = days()[0]!;
    const last = days()[6]!;
    const sameMonth = first.slice(0, 7) === last.slice(0, 7);
    const from = formatCalendarDate(first, locale(), sameMonth ? { day: 'numeric' } : { day: 'numeric', month: 'short' });
    return `${from} – ${formatCalendarDate(last, locale(), { day: 'numeric', month: 'short' })}`;
  };

  return (
    <section class="calendar">
      <header class="calendar__header">
        <div class="calendar__heading">
          <h1 class="calendar__title">{tm().calendar.title}</h1>
          <p class="calendar__zone">
            {tm().calendar.timeZone(props.profile.city?.name ?? props.timeZone, utcOffset(props.timeZone, locale()))}
          </p>
        </div>
        <A href="/master/stats" class="calendar__settings" aria-label={tm().calendar.stats}>
          <LineIcon>
            <path d="M4 20h16M7 16v-4M12 16V6M17 16v-7" />
          </LineIcon>
        </A>
        <A href={DAYS_OFF_PATH} class="calendar__settings" aria-label={tm().calendar.daysOff}>
          <LineIcon>
            <rect x="3.5" y="5" width="17" height="15.5" rx="2.5" />
            <path d="M8 3v4M16 3v4M3.5 10h17M9.5 13.5l5 5M14.5 13.5l-5 5" />
          </LineIcon>
        </A>
        <A href="/master/settings" class="calendar__settings" aria-label={tm().calendar.settings}>
          <LineIcon>
            <path d="M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6Z" />
            <path d="M19.4 15a1.65 1.65 0 0 0 .33 1.82l.06.06a2 2 0 1 1-2.83 2.83l-.06-.06a1.65 1.65 0 0 0-1.82-.33 1.65 1.65 0 0 0-1 1.51V21a2 2 0 1 1-4 0v-.09a1.65 1.65 0 0 0-1.08-1.51 1.65 1.65 0 0 0-1.82.33l-.06.06a2 2 0 1 1-2.83-2.83l.06-.06a1.65 1.65 0 0 0 .33-1.82 1.65 1.65 0 0 0-1.51-1H3a2 2 0 1 1 0-4h.09a1.65 1.65 0 0 0 1.51-1.08 1.65 1.65 0 0 0-.33-1.82l-.06-.06a2 2 0 1 1 2.83-2.83l.06.06a1.65 1.65 0 0 0 1.82.33H9a1.65 1.65 0 0 0 1-1.51V3a2 2 0 1 1 4 0v.09a1.65 1.65 0 0 0 1 1.51 1.65 1.65 0 0 0 1.82-.33l.06-.06a2 2 0 1 1 2.83 2.83l-.06.06a1.65 1.65 0 0 0-.33 1.82V9a1.65 1.65 0 0 0 1.51 1H21a2 2 0 1 1 0 4h-.09a1.65 1.65 0 0 0-1.51 1Z" />
          </LineIcon>
        </A>
      </header>

      <Show when={!props.profile.isActive}>
        <Notice tone="info">
          {tm().settings.hiddenHint} <A href="/master/settings">{tm().calendar.settings}</A>
        </Notice>
      </Show>
      <Show when={message()}>{(shown) => <Notice tone={shown().tone}>{shown().text}</Notice>}</Show>

      <div class="segmented" role="radiogroup" aria-label={tm().calendar.title}>
        <button type="button" role="radio" class="segmented__option" aria-checked={view() === 'day'} onClick={() => go({ view: 'day' })}>
          {tm().calendar.day}
        </button>
        <button type="button" role="radio" class="segmented__option" aria-checked={view() === 'week'} onClick={() => go({ view: 'week' })}>
          {tm().calendar.week}
        </button>
      </div>

      <div class="calendar__nav">
        <StepButton
          direction="previous"
          label={view() === 'week' ? tm().calendar.previousWeek : tm().calendar.previousDay}
          onClick={() => step(-1)}
        />
        <div class="calendar__nav-label" aria-live="polite">
          {view() === 'week' ? weekTitle() : dayLabel(date(), today())}
        </div>
        <StepButton direction="next" label={view() === 'week' ? tm().calendar.nextWeek : tm().calendar.nextDay} onClick={() => step(1)} />
      </div>

      <div class="calendar__week" role="tablist">
        <For each={days()}>
          {(day) => (
            <button
              type="button"
              role="tab"
              class="calendar__weekday"
              aria-selected={view() === 'day' && day === date()}
              data-today={day === today()}
              data-off={daysOff().has(day)}
              onClick={() => go({ date: day, view: 'day' })}
            >
              <span class="calendar__weekday-name">{formatCalendarDate(day, locale(), { weekday: 'short' })}</span>
              <span class="calendar__weekday-number">{Number(day.slice(8))}</span>
              <span class="calendar__weekday-dots" role="img" aria-label={tm().calendar.bookingsCount(bookingsOn(day))}>
                <Show when={bookingsOn(day) > 0}>{bookingsOn(day)}</Show>
              </span>
            </button>
          )}
        </For>
      </div>

      <Switch>
        <Match when={agenda()}>
          {(byDate) => (
            <Show
              when={view() === 'week'}
              fallback={
                <DayAgenda
                  date={date()}
                  dayOff={daysOff().get(date())}
                  entries={byDate().get(date()) ?? []}
                  profile={props.profile}
                  onOpen={setSelected}
                  onUnblock={unblock}
                />
              }
            >
              <div class="calendar__week-agenda">
                <Show when={days().every((day) => (byDate().get(day) ?? []).length === 0)}>
                  <p class="calendar__empty">{tm().calendar.emptyWeek}</p>
                </Show>
                <For each={days()}>
                  {(day) => (
                    <section class="calendar__week-day" data-today={day === today()} data-off={daysOff().has(day)}>
                      <button type="button" class="calendar__week-day-header" onClick={() => go({ date: day, view: 'day' })}>
                        <span>{dayLabel(day, today())}</span>
                        <span class="hint">
                          {daysOff().has(day)
                            ? tm().calendar.closedDayShort
                            : workingHoursOn(props.profile.schedule, day) || tm().schedule.dayOff}
                        </span>
                      </button>
                      <EntryList entries={byDate().get(day) ?? []} onOpen={setSelected} onUnblock={unblock} compact />
                    </section>
                  )}
                </For>
              </div>
            </Show>
          )}
        </Match>
        <Match when={calendar.error}>{(error) => <ErrorState error={error()} onRetry={reload} />}</Match>
        <Match when={calendar.fetching}>
          <Loading />
        </Match>
      </Switch>

      <A href={`/master/calendar/block?date=${date()}`} class="button button--secondary calendar__block">
        <svg
          viewBox="0 0 24 24"
          width="20"
          height="20"
          fill="none"
          stroke="currentColor"
          stroke-width="2"
          stroke-linecap="round"
          stroke-linejoin="round"
          aria-hidden="true"
        >
          <circle cx="12" cy="12" r="9" />
          <path d="M5.6 5.6l12.8 12.8" />
        </svg>
        {tm().calendar.blockTime}
      </A>

      <Show when={selected()}>
        {(booking) => (
          <BookingSheet
            booking={booking()}
            masterId={props.profile.id}
            timeZone={props.timeZone}
            today={today()}
            daysOff={props.profile.daysOff.map((dayOff) => dayOff.date)}
            onClose={() => setSelected(undefined)}
            onChanged={(text) => {
              setSelected(undefined);
              setMessage({ tone: 'success', text });
              reload();
            }}
          />
        )}
      </Show>
    </section>
  );
}

interface DayAgendaProps {
  date: CalendarDate;
  /** The master took this day off: no client can book it. */
  dayOff: DayOff | undefined;
  entries: CalendarEntry[];
  profile: MasterProfile;
  onOpen: (booking: CalendarBooking) => void;
  onUnblock: (timeBlockId: string) => void;
}

function DayAgenda(props: DayAgendaProps) {
  const hours = () => workingHoursOn(props.profile.schedule, props.date);
  return (
    <div class="calendar__day">
      <Show
        when={props.dayOff}
        fallback={<p class="calendar__hours">{hours() ? tm().calendar.workingHours(hours()) : tm().calendar.dayOff}</p>}
      >
        {(dayOff) => (
          <A href={DAYS_OFF_PATH} class="calendar__closed">
            <span>{tm().calendar.closedDay}</span>
            <Show when={dayOff().note}>{(note) => <span class="calendar__closed-note">{note()}</span>}</Show>
          </A>
        )}
      </Show>
      <Show when={props.entries.length > 0} fallback={<p class="calendar__empty">{tm().calendar.empty}</p>}>
        <EntryList entries={props.entries} onOpen={props.onOpen} onUnblock={props.onUnblock} />
      </Show>
    </div>
  );
}

interface EntryListProps {
  entries: CalendarEntry[];
  onOpen: (booking: CalendarBooking) => void;
  onUnblock: (timeBlockId: string) => void;
  compact?: boolean;
}

function EntryList(props: EntryListProps) {
  return (
    <ul class="calendar__entries" data-compact={props.compact}>
      <For each={props.entries}>
        {(entry) => (
          <li>
            {entry.kind === 'booking' ? (
              <BookingCard entry={entry} onOpen={props.onOpen} />
            ) : (
              <BlockCard entry={entry} onUnblock={props.onUnblock} />
            )}
          </li>
        )}
      </For>
    </ul>
  );
}

/** Where a booking stands with the client's confirmation, when the master asks for one or the client gave it. */
function confirmation(booking: CalendarBooking): 'awaiting' | 'confirmed' | undefined {
  if (booking.releasesAt) return 'awaiting';
  return booking.clientConfirmedAt ? 'confirmed' : undefined;
}

function BookingCard(props: { entry: Extract<CalendarEntry, { kind: 'booking' }>; onOpen: (booking: CalendarBooking) => void }) {
  const booking = () => props.entry.booking;
  const details = () =>
    [booking().serviceName, booking().price ? formatMoney(booking().price!, locale()) : undefined].filter(Boolean).join(' · ');
  return (
    <button type="button" class="calendar__entry calendar__booking" data-status={booking().status} onClick={() => props.onOpen(booking())}>
      <span class="calendar__times">
        <span class="calendar__start">{props.entry.start}</span>
        <span class="calendar__end">{props.entry.end}</span>
      </span>
      <span class="calendar__entry-text">
        <span class="calendar__client">{booking().clientName || tm().calendar.noName}</span>
        <span class="calendar__details">{details()}</span>
      </span>
      <Show
        when={booking().status !== 'CONFIRMED'}
        fallback={
          <Show when={confirmation(booking())}>
            {(shown) => (
              <span class="calendar__badge" data-confirmation={shown()}>
                {shown() === 'awaiting' ? tm().calendar.awaiting : tm().calendar.clientConfirmed}
              </span>
            )}
          </Show>
        }
      >
        <span class="calendar__badge" data-status={booking().status}>
          {tm().calendar.status[booking().status]}
        </span>
      </Show>
    </button>
  );
}

function BlockCard(props: { entry: Extract<CalendarEntry, { kind: 'block' }>; onUnblock: (timeBlockId: string) => void }) {
  return (
    <div class="calendar__entry calendar__blocked">
      <span class="calendar__times">
        <span class="calendar__start">{props.entry.start}</span>
        <span class="calendar__end">{props.entry.end}</span>
      </span>
      <span class="calendar__entry-text">
        <span class="calendar__client">{tm().calendar.blocked}</span>
        <Show when={props.entry.block.reason}>{(reason) => <span class="calendar__details">{reason()}</span>}</Show>
      </span>
      <button type="button" class="link-button calendar__unblock" onClick={() => props.onUnblock(props.entry.block.id)}>
        {tm().calendar.unblock}
      </button>
    </div>
  );
}
