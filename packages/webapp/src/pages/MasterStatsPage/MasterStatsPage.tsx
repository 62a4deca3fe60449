import { A, useSearchParams } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { type MasterProfile, type MasterStats, MasterStatsQuery } from '@zapis/schema';
import { For, Match, Show, Switch } from 'solid-js';
import { ErrorState } from '../../components/ErrorState/ErrorState.tsx';
import { Loading } from '../../components/Loading/Loading.tsx';
import { ForActiveMaster } from '../../components/MasterProfileProvider/MasterProfileProvider.tsx';
import { StepButton } from '../../components/StepButton/StepButton.tsx';
import { formatMoney } from '../../format/money.ts';
import { locale } from '../../i18n/index.ts';
import { tms } from '../../i18n/masterStats.ts';
import { type CalendarDate, formatCalendarDate, todayIn, weekdayNames } from '../../time/calendarDate.ts';
import { BarChart } from './BarChart.tsx';
import { daysIn, MAX_PERIOD_DAYS, type PeriodKind, periodOf, periodTitle, shifted } from './period.ts';
import './MasterStatsPage.css';

type StatsSearch = { period?: string; date?: string; from?: string; to?: string };

/**
 * `/master/stats?period=week|month|custom`: the master's bookings, revenue, utilisation,
 * no-shows, clients and busiest times for a period of dates in the master's own time zone.
 */
export function MasterStatsPage() {
  return <ForActiveMaster>{(master) => <Stats profile={master().profile} timeZone={master().timeZone} />}</ForActiveMaster>;
}

function Stats(props: { profile: MasterProfile; timeZone: string }) {
  const [search, setSearch] = useSearchParams<StatsSearch>();
  const today = () => todayIn(props.timeZone);
  const period = () => periodOf(search, today());

  const [stats, refetch] = createQuery({
    query: MasterStatsQuery,
    variables: () => ({ from: period().from, to: period().to }),
    requestPolicy: 'cache-and-network',
  });

  const choose = (kind: PeriodKind) =>
    setSearch(
      kind === 'custom'
        ? { period: kind, date: undefined, from: period().from, to: period().to }
        : { period: kind, date: period().from, from: undefined, to: undefined },
      { replace: true },
    );
  const step = (direction: 1 | -1) => setSearch({ date: shifted(period(), direction) }, { replace: true });
  const setRange = (bound: 'from' | 'to', value: string) => {
    if (value) setSearch({ [bound]: value }, { replace: true });
  };

  return (
    <section class="stats">
      <header class="stats__header">
        <h1 class="stats__title">{tms().title}</h1>
        <p class="stats__zone">{tms().zone(props.profile.city?.name ?? props.timeZone)}</p>
      </header>

      <div class="segmented" role="radiogroup" aria-label={tms().title}>
        <For each={['week', 'month', 'custom'] as const}>
          {(kind) => (
            <button type="button" role="radio" class="segmented__option" aria-checked={period().kind === kind} onClick={() => choose(kind)}>
              {tms().periods[kind]}
            </button>
          )}
        </For>
      </div>

      <Show
        when={period().kind !== 'custom'}
        fallback={
          <div class="stats__range">
            <label class="stats__range-field">
              <span class="hint">{tms().from}</span>
              <input
                type="date"
                class="input"
                value={period().from}
                max={period().to}
                onChange={(event) => setRange('from', event.currentTarget.value)}
              />
            </label>
            <label class="stats__range-field">
              <span class="hint">{tms().to}</span>
              <input
                type="date"
                class="input"
                value={period().to}
                min={period().from}
                onChange={(event) => setRange('to', event.currentTarget.value)}
              />
            </label>
            <Show when={search.to && search.from && daysIn({ from: search.from, to: search.to }) > MAX_PERIOD_DAYS}>
              <p class="hint stats__range-note">{tms().rangeTooLong(MAX_PERIOD_DAYS)}</p>
            </Show>
          </div>
        }
      >
        <div class="stats__nav">
          <StepButton direction="previous" label={tms().previous} onClick={() => step(-1)} />
          <div class="stats__nav-label" aria-live="polite">
            {periodTitle(period(), locale())}
          </div>
          <StepButton direction="next" label={tms().next} onClick={() => step(1)} />
        </div>
      </Show>

      <Switch>
        <Match when={stats.data?.masterStats}>
          {(current) => (
            <Show when={current().bookings + current().cancelled > 0} fallback={<EmptyPeriod />}>
              <Figures stats={current()} />
              <Show when={current()} keyed>
                {(shown) => <Charts stats={shown} today={today()} />}
              </Show>
            </Show>
          )}
        </Match>
        <Match when={stats.error}>
          {(error) => <ErrorState error={error()} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
        </Match>
        <Match when={stats.fetching}>
          <Loading />
        </Match>
      </Switch>
    </section>
  );
}

const percent = (share: number | null | undefined) =>
  share === null || share === undefined
    ? tms().noRate
    : new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: share < 0.1 && share > 0 ? 1 : 0 }).format(share);

function Figures(props: { stats: MasterStats }) {
  const figures = () => [
    { name: 'bookings', title: tms().bookings, value: String(props.stats.bookings), hint: tms().bookingsHint },
    { name: 'completed', title: tms().completed, value: String(props.stats.completed), hint: tms().completedHint },
    { name: 'revenue', title: tms().revenue, value: formatMoney(props.stats.revenue, locale()), hint: tms().revenueHint },
    {
      name: 'utilisation',
      title: tms().utilisation,
      value: percent(props.stats.utilisation),
      hint: tms().utilisationHint(tms().hours(props.stats.bookedMinutes), tms().hours(props.stats.workingMinutes)),
    },
    { name: 'no-shows', title: tms().noShowRate, value: percent(props.stats.noShowRate), hint: tms().noShowHint(props.stats.noShows) },
    {
      name: 'late-cancellations',
      title: tms().lateCancellationRate,
      value: percent(props.stats.lateCancellationRate),
      hint: tms().lateCancellationHint(props.stats.lateCancellations),
    },
    {
      name: 'clients',
      title: tms().clients,
      value: String(props.stats.newClients + props.stats.returningClients),
      hint: tms().clientsHint(props.stats.newClients, props.stats.returningClients),
    },
  ];
  return (
    <dl class="stats__figures">
      <For each={figures()}>
        {(figure) => (
          <div class="stats__figure" data-figure={figure.name}>
            <dt class="stats__figure-title">{figure.title}</dt>
            <dd class="stats__figure-value">{figure.value}</dd>
            <dd class="stats__figure-hint">{figure.hint}</dd>
          </div>
        )}
      </For>
    </dl>
  );
}

function Charts(props: { stats: MasterStats; today: CalendarDate }) {
  const days = props.stats.days;
  const dayLabels = days.map((day) => formatCalendarDate(day.date, locale(), days.length > 7 ? { day: 'numeric' } : { weekday: 'short' }));
  const weekdays = weekdayNames(locale(), 'short');
  return (
    <>
      <section class="stats__section">
        <h2 class="stats__section-title">{tms().byDay}</h2>
        <BarChart
          labels={dayLabels}
          series={[
            { label: tms().byDayLegend.bookings, values: days.map((day) => day.bookings), tone: 'behind' },
            { label: tms().byDayLegend.completed, values: days.map((day) => day.completed), tone: 'main' },
          ]}
          description={tms().chartLabel(tms().byDay, days.map((day) => `${day.date}: ${day.bookings}`).join(', '))}
        />
        <p class="stats__legend">
          <span class="stats__key" data-tone="behind" />
          {tms().byDayLegend.bookings}
          <span class="stats__key" data-tone="main" />
          {tms().byDayLegend.completed}
        </p>
      </section>
      <section class="stats__section">
        <h2 class="stats__section-title">{tms().byWeekday}</h2>
        <BarChart
          labels={weekdays}
          height={130}
          series={[{ label: tms().bookings, values: props.stats.weekdays.map((day) => day.bookings), tone: 'main' }]}
          description={tms().chartLabel(
            tms().byWeekday,
            props.stats.weekdays.map((day) => `${weekdays[day.weekday - 1]}: ${day.bookings}`).join(', '),
          )}
        />
      </section>
      <section class="stats__section">
        <h2 class="stats__section-title">{tms().byHour}</h2>
        <BarChart
          labels={props.stats.hours.map((hour) => String(hour.hour))}
          height={130}
          series={[{ label: tms().bookings, values: props.stats.hours.map((hour) => hour.bookings), tone: 'main' }]}
          description={tms().chartLabel(
            tms().byHour,
            props.stats.hours
              .filter((hour) => hour.bookings > 0)
              .map((hour) => `${hour.hour}:00: ${hour.bookings}`)
              .join(', '),
          )}
        />
      </section>
      <Show when={props.stats.topServices.length > 0}>
        <section class="stats__section">
          <h2 class="stats__section-title">{tms().topServices}</h2>
          <ol class="stats__services">
            <For each={props.stats.topServices}>
              {(service) => (
                <li class="stats__service">
                  <span class="stats__service-name">{service.name}</span>
                  <span class="stats__service-count">{tms().serviceBookings(service.bookings)}</span>
                  <span class="stats__service-revenue">{formatMoney(service.revenue, locale())}</span>
                  <span
                    class="stats__service-bar"
                    style={{ width: `${(100 * service.bookings) / (props.stats.topServices[0]?.bookings || 1)}%` }}
                  />
                </li>
              )}
            </For>
          </ol>
        </section>
      </Show>
    </>
  );
}

function EmptyPeriod() {
  return (
    <div class="stats__empty">
      <svg
        viewBox="0 0 48 48"
        width="56"
        height="56"
        fill="none"
        stroke="currentColor"
        stroke-width="2.5"
        stroke-linecap="round"
        stroke-linejoin="round"
        aria-hidden="true"
      >
        <path d="M8 40h32M13 34V24M21 34V16M29 34v-6M37 34V20" />
      </svg>
      <h2 class="stats__empty-title">{tms().emptyTitle}</h2>
      <p class="hint">{tms().emptyText}</p>
      <A href="/master/calendar" class="button button--secondary">
        {tms().toCalendar}
      </A>
    </div>
  );
}
