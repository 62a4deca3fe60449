import { A } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { CitiesQuery, type MasterSearchResult, SearchMastersQuery, ServicesQuery } from '@zapis/schema';
import { createEffect, createSignal, createUniqueId, For, Match, Show, Switch } from 'solid-js';
import { CityPicker } from '../../components/CityPicker/CityPicker.tsx';
import { useClientProfile } from '../../components/ClientProfileProvider/ClientProfileProvider.tsx';
import { dayLabel } from '../../components/DateSelect/DateSelect.tsx';
import { ErrorState } from '../../components/ErrorState/ErrorState.tsx';
import { Loading } from '../../components/Loading/Loading.tsx';
import { Page } from '../../components/Page/Page.tsx';
import { ServicePicker } from '../../components/ServicePicker/ServicePicker.tsx';
import { Sheet } from '../../components/Sheet/Sheet.tsx';
import { clocksDiffer, deviceTimeZone } from '../../components/ZoneNote/masterTime.ts';
import { formatDuration } from '../../format/duration.ts';
import { formatRubles } from '../../format/money.ts';
import { tc } from '../../i18n/client.ts';
import { locale, t } from '../../i18n/index.ts';
import { reportStage } from '../../monitoring.ts';
import { masterPath } from '../../navigation.ts';
import { useSession } from '../../session.ts';
import { addDays, type CalendarDate, isCalendarDate, todayIn, wallClock } from '../../time/calendarDate.ts';
import { utcOffset } from '../../time/utcOffset.ts';
import { browserStorage, loadSearchChoice, saveSearchChoice, telegramUserIdOf } from './searchChoice.ts';
import './ClientPage.css';

/** Masters per page of results; "show more" asks for the next page. */
const PAGE_SIZE = 10;

interface SearchFilter {
  cityId: string;
  serviceId: string;
  date?: CalendarDate;
}

/** `/client`: find masters by city and service (the last choice is remembered), optionally on a day. */
export function ClientPage() {
  const session = useSession();
  const userId = telegramUserIdOf(session.initDataRaw);
  const storage = browserStorage();
  const remembered = storage ? loadSearchChoice(storage, userId) : {};
  const [cityId, setCityId] = createSignal(remembered.cityId);
  const [serviceId, setServiceId] = createSignal(remembered.serviceId);
  const [date, setDate] = createSignal<CalendarDate>();
  const [picking, setPicking] = createSignal<'city' | 'service'>();
  const ids = { cities: createUniqueId(), services: createUniqueId(), when: createUniqueId() };

  createEffect(() => {
    const choice = { cityId: cityId(), serviceId: serviceId() };
    if (storage) saveSearchChoice(storage, userId, choice);
  });

  // The pickers ask for the same catalogues: these answers come from urql's cache.
  const [cities] = createQuery({ query: CitiesQuery, variables: () => ({ first: 100 }) });
  const [services] = createQuery({ query: ServicesQuery, variables: () => ({ first: 100 }) });
  const city = () => cities.data?.cities.edges.find((edge) => edge.node.id === cityId())?.node;
  const service = () => services.data?.services.edges.find((edge) => edge.node.id === serviceId())?.node;
  const today = () => todayIn(city()?.timeZone ?? deviceTimeZone());

  const filter = (): SearchFilter | undefined => {
    const [chosenCity, chosenService] = [city(), service()];
    return chosenCity && chosenService ? { cityId: chosenCity.id, serviceId: chosenService.id, date: date() } : undefined;
  };
  // A new filter starts the results over from the first page.
  const filterKey = () => {
    const current = filter();
    return current && JSON.stringify(current);
  };

  const greeting = () => (session.firstName ? tc().client.greeting(session.firstName) : tc().client.greetingAnonymous);

  return (
    <Page title={greeting()} subtitle={tc().client.intro}>
      <A href="/client/bookings" class="card client__bookings-link">
        <svg
          viewBox="0 0 24 24"
          width="22"
          height="22"
          fill="none"
          stroke="currentColor"
          stroke-width="1.9"
          stroke-linecap="round"
          stroke-linejoin="round"
          aria-hidden="true"
        >
          <rect x="3.5" y="5" width="17" height="15" rx="3" />
          <path d="M3.5 10h17M8 3v4M16 3v4M9 14.5l2 2 4-4" />
        </svg>
        <span class="client__bookings-text">{tc().client.myBookings}</span>
        <Chevron />
      </A>

      <Show when={city()}>
        <div class="card client__choices">
          <Show when={city()}>
            {(chosen) => (
              <button type="button" class="client__choice" onClick={() => setPicking('city')}>
                <span class="client__choice-label" id={ids.cities}>
                  {tc().client.cities}
                </span>
                <span class="client__choice-value">{chosen().name}</span>
                <span class="client__choice-change">{tc().client.change}</span>
              </button>
            )}
          </Show>
          <Show when={city() && service()}>
            <button type="button" class="client__choice" onClick={() => setPicking('service')}>
              <span class="client__choice-label" id={ids.services}>
                {tc().client.service}
              </span>
              <span class="client__choice-value">{service()!.name}</span>
              <span class="client__choice-change">{tc().client.change}</span>
            </button>
          </Show>
        </div>
      </Show>

      <Show when={!city()}>
        <div class="section">
          <h2 class="section__header" id={ids.cities}>
            {tc().client.chooseCity}
          </h2>
          <CityPicker
            labelledBy={ids.cities}
            selectedId={cityId()}
            onSelect={(chosen) => setCityId(chosen.id)}
            emptyText={tc().client.noCities}
          />
        </div>
      </Show>
      <Show when={city() && !service()}>
        <div class="section">
          <h2 class="section__header" id={ids.services}>
            {tc().client.chooseService}
          </h2>
          <ServicePicker labelledBy={ids.services} selectedId={serviceId()} onSelect={(chosen) => setServiceId(chosen.id)} />
        </div>
      </Show>

      <Show when={filter()}>
        <div class="section">
          <h2 class="section__header" id={ids.when}>
            {tc().client.when}
          </h2>
          <DateFilter labelledBy={ids.when} today={today()} value={date()} onChange={setDate} />
        </div>
        <div class="section">
          <h2 class="section__header">{tc().client.masters}</h2>
          <Show when={filterKey()} keyed>
            {(_key) => <SearchResults filter={filter()!} serviceName={service()?.name ?? ''} today={today()} />}
          </Show>
        </div>
      </Show>

      <Show when={picking() === 'city'}>
        <Sheet title={tc().client.chooseCity} onClose={() => setPicking(undefined)}>
          <CityPicker
            labelledBy={ids.cities}
            selectedId={cityId()}
            onSelect={(chosen) => {
              setCityId(chosen.id);
              setPicking(undefined);
            }}
          />
        </Sheet>
      </Show>
      <Show when={picking() === 'service'}>
        <Sheet title={tc().client.chooseService} onClose={() => setPicking(undefined)}>
          <ServicePicker
            labelledBy={ids.services}
            selectedId={serviceId()}
            onSelect={(chosen) => {
              setServiceId(chosen.id);
              setPicking(undefined);
            }}
          />
        </Sheet>
      </Show>
    </Page>
  );
}

interface DateFilterProps {
  labelledBy: string;
  /** Today in the searched city. */
  today: CalendarDate;
  value: CalendarDate | undefined;
  onChange: (date: CalendarDate | undefined) => void;
}

/** Any day, today, tomorrow, or a day picked from the calendar. */
function DateFilter(props: DateFilterProps) {
  const tomorrow = () => addDays(props.today, 1);
  const [otherDay, setOtherDay] = createSignal(false);
  const isOther = () => otherDay() || (props.value !== undefined && props.value !== props.today && props.value !== tomorrow());
  const choose = (date: CalendarDate | undefined) => {
    setOtherDay(false);
    props.onChange(date);
  };

  return (
    <div class="client__dates">
      <div class="chips client__date-chips" role="radiogroup" aria-labelledby={props.labelledBy}>
        <button
          type="button"
          role="radio"
          class="chip"
          aria-checked={props.value === undefined && !otherDay()}
          onClick={() => choose(undefined)}
        >
          {tc().client.anyDay}
        </button>
        <button
          type="button"
          role="radio"
          class="chip"
          aria-checked={props.value === props.today && !otherDay()}
          onClick={() => choose(props.today)}
        >
          {t().dates.today}
        </button>
        <button
          type="button"
          role="radio"
          class="chip"
          aria-checked={props.value === tomorrow() && !otherDay()}
          onClick={() => choose(tomorrow())}
        >
          {t().dates.tomorrow}
        </button>
        <button type="button" role="radio" class="chip" aria-checked={isOther()} onClick={() => setOtherDay(true)}>
          {tc().client.otherDay}
        </button>
      </div>
      <Show when={isOther()}>
        <input
          class="input client__date-input"
          type="date"
          aria-label={tc().client.otherDay}
          min={props.today}
          max={addDays(props.today, 365)}
          value={props.value ?? ''}
          onChange={(event) => {
            const value = event.currentTarget.value;
            props.onChange(isCalendarDate(value) ? value : undefined);
          }}
        />
      </Show>
    </div>
  );
}

interface SearchResultsProps {
  filter: SearchFilter;
  serviceName: string;
  today: CalendarDate;
}

/** Page after page of results: each "show more" adds the next page under the ones shown. */
function SearchResults(props: SearchResultsProps) {
  const [pages, setPages] = createSignal<(string | undefined)[]>([undefined]);
  return (
    <div class="client__results">
      <For each={pages()}>
        {(after, index) => (
          <ResultsPage
            {...props}
            after={after}
            first={index() === 0}
            last={index() === pages().length - 1}
            onMore={(cursor) => setPages((shown) => [...shown, cursor])}
          />
        )}
      </For>
    </div>
  );
}

interface ResultsPageProps extends SearchResultsProps {
  after: string | undefined;
  first: boolean;
  last: boolean;
  onMore: (cursor: string) => void;
}

function ResultsPage(props: ResultsPageProps) {
  const clientProfile = useClientProfile();
  const [results, refetch] = createQuery({
    query: SearchMastersQuery,
    variables: () => ({
      filter: { cityId: props.filter.cityId, serviceId: props.filter.serviceId, date: props.filter.date ?? null },
      first: PAGE_SIZE,
      after: props.after ?? null,
    }),
    // After `upsertClient`: the API records a client's interest in what they search for.
    pause: () => !clientProfile.settled(),
    requestPolicy: 'cache-and-network',
  });
  const edges = () => results.data?.searchMasters.edges ?? [];
  const pageInfo = () => results.data?.searchMasters.pageInfo;
  // One `search` a filter: a new one mounts new results, and only the first page's fresh answer
  // (not urql's cached copy shown meanwhile, nor a refresh later) counts.
  let reported = false;
  createEffect(() => {
    const data = results.data;
    if (reported || !props.first || !data || results.fetching || results.stale) return;
    reported = true;
    const found = data.searchMasters.edges;
    reportStage('search', {
      dateFilter: props.filter.date !== undefined,
      results: found.length,
      withFreeTime: found.filter((result) => result.nextFreeSlot).length,
      hasMore: data.searchMasters.pageInfo.hasNextPage,
    });
  });
  const empty = () => (props.filter.date ? tc().client.noMastersOnDate(dayLabel(props.filter.date, props.today)) : tc().client.noMasters);

  return (
    <Switch fallback={<Loading />}>
      <Match when={results.data}>
        <Show when={edges().length > 0 || !props.first} fallback={<p class="hint client__empty">{empty()}</p>}>
          <ul class="client__masters">
            <For each={edges()}>
              {(result) => (
                <li>
                  <MasterCard result={result} serviceName={props.serviceName} date={props.filter.date} />
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={props.last && pageInfo()?.hasNextPage && pageInfo()?.endCursor}>
          {(cursor) => (
            <button type="button" class="button button--secondary client__more" onClick={() => props.onMore(cursor())}>
              {tc().client.loadMore}
            </button>
          )}
        </Show>
      </Match>
      <Match when={results.error}>
        {(error) => <ErrorState error={error()} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      </Match>
    </Switch>
  );
}

function MasterCard(props: { result: MasterSearchResult; serviceName: string; date: CalendarDate | undefined }) {
  const master = () => props.result.node;
  const href = () => {
    const query = new URLSearchParams({ service: props.result.offer.id });
    if (props.date) query.set('date', props.date);
    return `${masterPath(master().id)}?${query.toString()}`;
  };
  const nextSlot = () => {
    const slot = props.result.nextFreeSlot;
    if (!slot) return undefined;
    const clock = wallClock(slot.localStart);
    const at = new Date(slot.startsAt);
    const zone = clocksDiffer(master().timeZone, deviceTimeZone(), at)
      ? tc().client.masterClock(utcOffset(master().timeZone, locale(), at))
      : undefined;
    return { when: `${dayLabel(clock.date, todayIn(master().timeZone))}, ${clock.time}`, zone };
  };

  return (
    <A href={href()} class="card client__master">
      <span class="avatar" aria-hidden="true">
        {master().displayName.trim().charAt(0).toUpperCase()}
      </span>
      <span class="client__master-text">
        <span class="client__master-name">{master().displayName}</span>
        <Show when={master().address}>{(address) => <span class="hint">{address()}</span>}</Show>
        <span class="client__master-offer">
          {props.serviceName} · {formatDuration(props.result.offer.durationMinutes, locale())} ·{' '}
          <strong>{formatRubles(props.result.offer.priceMinor, locale())}</strong>
        </span>
        <Show
          when={nextSlot()}
          fallback={
            <span class="client__master-slot" data-free="false">
              {tc().client.noFreeTime}
            </span>
          }
        >
          {(slot) => (
            <span class="client__master-slot" data-free="true">
              {tc().client.nextSlot}: <strong>{slot().when}</strong>
              <Show when={slot().zone}>{(zone) => <span class="hint"> ({zone()})</span>}</Show>
            </span>
          )}
        </Show>
      </span>
      <Chevron />
    </A>
  );
}

function Chevron() {
  return (
    <svg
      class="client__chevron"
      viewBox="0 0 24 24"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      stroke-width="2.2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
    >
      <path d="m9 5 7 7-7 7" />
    </svg>
  );
}
