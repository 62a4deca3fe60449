import { A } from '@solidjs/router';
import type { CombinedError } from '@urql/core';
import { createQuery } from '@urql/solid';
import { CitiesQuery, type MasterSearchResult, type ResultOf, SearchMastersQuery, ServicesInCityQuery } from '@zapis/schema';
import { createEffect, createSignal, createUniqueId, For, Match, onCleanup, type ParentProps, Show, Switch } from 'solid-js';
import { Avatar } from '../../components/Avatar/Avatar.tsx';
import { CityPicker } from '../../components/CityPicker/CityPicker.tsx';
import { useClientProfile } from '../../components/ClientProfileProvider/ClientProfileProvider.tsx';
import { dayLabel } from '../../components/DateSelect/DateSelect.tsx';
import { ErrorState } from '../../components/ErrorState/ErrorState.tsx';
import { Loading } from '../../components/Loading/Loading.tsx';
import { Page } from '../../components/Page/Page.tsx';
import { RatingSummary } from '../../components/Rating/Rating.tsx';
import { ServicePicker } from '../../components/ServicePicker/ServicePicker.tsx';
import { Sheet } from '../../components/Sheet/Sheet.tsx';
import { clocksDiffer, deviceTimeZone } from '../../components/ZoneNote/masterTime.ts';
import { formatDuration } from '../../format/duration.ts';
import { formatMoney } from '../../format/money.ts';
import { tc } from '../../i18n/client.ts';
import { locale, t } from '../../i18n/index.ts';
import { reportStage } from '../../monitoring.ts';
import { CLIENT_PROFILE_PATH, CLIENT_WAITLIST_PATH, masterPath } from '../../navigation.ts';
import { useSession } from '../../session.ts';
import { addDays, type CalendarDate, isCalendarDate, todayIn, wallClock } from '../../time/calendarDate.ts';
import { utcOffset } from '../../time/utcOffset.ts';
import { browserStorage, loadSearchChoice, saveSearchChoice, telegramUserIdOf } from './searchChoice.ts';
import './ClientPage.css';

/** Masters per page of results; "show more" asks for the next page. */
const PAGE_SIZE = 10;
/** How long typing may pause before the search follows the text. */
const TEXT_DEBOUNCE_MS = 400;

type ServiceInCity = ResultOf<typeof ServicesInCityQuery>['servicesInCity'][number];

interface SearchFilter {
  cityId: string;
  serviceId: string;
  date?: CalendarDate;
  /** Words to find in names, descriptions, the visible address or area, and the masters' service names. */
  text?: string;
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
  const [text, setText] = createSignal('');
  const [picking, setPicking] = createSignal<'city' | 'service'>();
  const ids = { cities: createUniqueId(), services: createUniqueId(), when: createUniqueId() };

  createEffect(() => {
    const choice = { cityId: cityId(), serviceId: serviceId() };
    if (storage) saveSearchChoice(storage, userId, choice);
  });

  // The pickers ask for the same lists: these answers come from urql's cache.
  const [cities] = createQuery({ query: CitiesQuery, variables: () => ({ first: 100 }) });
  const [servicesInCity, refetchServices] = createQuery({
    query: ServicesInCityQuery,
    variables: () => ({ cityId: cityId() ?? '' }),
    pause: () => !cityId(),
  });
  const city = () => cities.data?.cities.edges.find((edge) => edge.node.id === cityId())?.node;
  // The answer for the chosen city: while another city's is still in, there is no choice yet.
  const offered = () => (servicesInCity.operation?.variables.cityId === cityId() ? servicesInCity.data?.servicesInCity : undefined);
  // A service nobody offers in the city (a remembered one, after changing the city) is no choice.
  const service = () => offered()?.find((entry) => entry.service.id === serviceId())?.service;
  const today = () => todayIn(city()?.timeZone ?? deviceTimeZone());
  /** Other services of the chosen one's category in the city: where to look when nobody is found. */
  const related = () => {
    const chosen = service();
    return (offered() ?? []).filter((entry) => chosen && entry.service.category === chosen.category && entry.service.id !== chosen.id);
  };

  const filter = (): SearchFilter | undefined => {
    const [chosenCity, chosenService] = [city(), service()];
    return chosenCity && chosenService
      ? { cityId: chosenCity.id, serviceId: chosenService.id, date: date(), text: text() || undefined }
      : undefined;
  };
  // A new filter starts the results over from the first page.
  const filterKey = () => {
    const current = filter();
    return current && JSON.stringify(current);
  };

  const greeting = () => (session.firstName ? tc().client.greeting(session.firstName) : tc().client.greetingAnonymous);

  return (
    <Page title={greeting()} subtitle={tc().client.intro}>
      <nav class="card client__links">
        <HomeLink href="/client/bookings" text={tc().client.myBookings}>
          <rect x="3.5" y="5" width="17" height="15" rx="3" />
          <path d="M3.5 10h17M8 3v4M16 3v4M9 14.5l2 2 4-4" />
        </HomeLink>
        <HomeLink href={CLIENT_WAITLIST_PATH} text={tc().client.waitlist}>
          <path d="M6.5 3.5h11M6.5 20.5h11M8 3.5c0 4.5 8 4.5 8 8.5s-8 4-8 8.5M16 3.5c0 4.5-8 4.5-8 8.5s8 4 8 8.5" />
        </HomeLink>
        <HomeLink href={CLIENT_PROFILE_PATH} text={tc().client.profile}>
          <circle cx="12" cy="8.5" r="4" />
          <path d="M4.5 20c1.2-3.6 4-5.5 7.5-5.5s6.3 1.9 7.5 5.5" />
        </HomeLink>
      </nav>

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
          <CityServicePicker
            labelledBy={ids.services}
            services={offered()}
            error={servicesInCity.error}
            onRetry={() => refetchServices({ requestPolicy: 'network-only' })}
            selectedId={serviceId()}
            onSelect={setServiceId}
          />
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
          <TextSearch value={text()} onChange={setText} />
          <Show when={filterKey()} keyed>
            {(_key) => (
              <SearchResults
                filter={filter()!}
                today={today()}
                related={related()}
                onService={setServiceId}
                onAnyDay={() => setDate(undefined)}
                onClearText={() => setText('')}
              />
            )}
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
          <CityServicePicker
            labelledBy={ids.services}
            services={offered()}
            error={servicesInCity.error}
            onRetry={() => refetchServices({ requestPolicy: 'network-only' })}
            selectedId={serviceId()}
            onSelect={(chosen) => {
              setServiceId(chosen);
              setPicking(undefined);
            }}
          />
        </Sheet>
      </Show>
    </Page>
  );
}

interface CityServicePickerProps {
  labelledBy: string;
  /** The services offered in the city, once they are in. */
  services: ServiceInCity[] | undefined;
  error: CombinedError | undefined;
  onRetry: () => void;
  selectedId: string | undefined;
  onSelect: (serviceId: string) => void;
}

/** The services masters of the city offer, by category, each with how many masters offer it. */
function CityServicePicker(props: CityServicePickerProps) {
  const counts = () => new Map((props.services ?? []).map((entry) => [entry.service.id, entry.mastersCount]));
  return (
    <Switch fallback={<Loading />}>
      <Match when={props.services}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="hint client__empty">{tc().client.noServicesInCity}</p>}>
            <p class="hint client__picker-hint">{tc().client.mastersCountHint}</p>
            <ServicePicker
              labelledBy={props.labelledBy}
              services={list().map((entry) => entry.service)}
              selectedId={props.selectedId}
              onSelect={(chosen) => props.onSelect(chosen.id)}
              badge={(chosen) => {
                const count = counts().get(chosen.id) ?? 0;
                return { text: String(count), label: tc().client.mastersCount(count) };
              }}
            />
          </Show>
        )}
      </Match>
      <Match when={props.error}>{(error) => <ErrorState error={error()} onRetry={props.onRetry} />}</Match>
    </Switch>
  );
}

/** A search field that follows the typing once it pauses (or at once on Enter). */
function TextSearch(props: { value: string; onChange: (text: string) => void }) {
  const [typed, setTyped] = createSignal(props.value);
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const commit = (next: string) => {
    clearTimeout(timer);
    const trimmed = next.trim();
    if (trimmed !== props.value) props.onChange(trimmed);
  };
  // The text can change from outside too ("search without …").
  createEffect(() => {
    if (props.value !== typed().trim()) setTyped(props.value);
  });

  return (
    <search class="client__search">
      <svg
        class="client__search-icon"
        viewBox="0 0 24 24"
        width="18"
        height="18"
        fill="none"
        stroke="currentColor"
        stroke-width="2.2"
        stroke-linecap="round"
        aria-hidden="true"
      >
        <circle cx="11" cy="11" r="6.5" />
        <path d="m16 16 4 4" />
      </svg>
      <input
        class="input client__search-input"
        type="search"
        enterkeyhint="search"
        maxLength={100}
        aria-label={tc().client.search}
        placeholder={tc().client.searchPlaceholder}
        value={typed()}
        onInput={(event) => {
          const next = event.currentTarget.value;
          setTyped(next);
          clearTimeout(timer);
          timer = setTimeout(() => commit(next), TEXT_DEBOUNCE_MS);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            commit(event.currentTarget.value);
            event.currentTarget.blur();
          }
        }}
      />
      <Show when={typed()}>
        <button
          type="button"
          class="client__search-clear"
          aria-label={tc().client.clearSearch}
          onClick={() => {
            setTyped('');
            commit('');
          }}
        >
          <svg viewBox="0 0 24 24" width="14" height="14" fill="none" stroke="currentColor" stroke-width="2.6" stroke-linecap="round">
            <path d="M6 6l12 12M18 6 6 18" />
          </svg>
        </button>
      </Show>
    </search>
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
  today: CalendarDate;
  /** Other services of the same category in the city, to offer when nobody is found. */
  related: ServiceInCity[];
  onService: (serviceId: string) => void;
  onAnyDay: () => void;
  onClearText: () => void;
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
      filter: {
        cityId: props.filter.cityId,
        serviceId: props.filter.serviceId,
        date: props.filter.date ?? null,
        text: props.filter.text ?? null,
      },
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

  return (
    <Switch fallback={<Loading />}>
      <Match when={results.data}>
        <Show when={edges().length > 0 || !props.first} fallback={<NobodyFound {...props} />}>
          <ul class="client__masters">
            <For each={edges()}>
              {(result) => (
                <li>
                  <MasterCard result={result} date={props.filter.date} />
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

/** Why the search found nobody, and what to try instead: any day, without the text, a related service. */
function NobodyFound(props: SearchResultsProps) {
  const message = () => {
    const { text, date } = props.filter;
    if (text) return tc().client.noMatches(text);
    if (date) return tc().client.noMastersOnDate(dayLabel(date, props.today));
    return tc().client.noMasters;
  };
  const hasWayOut = () => Boolean(props.filter.date || props.filter.text);
  const relatedId = createUniqueId();

  return (
    <div class="client__nobody">
      <p class="client__nobody-message">{message()}</p>
      <Show when={hasWayOut()}>
        <div class="chips">
          <Show when={props.filter.date}>
            <button type="button" class="chip client__way-out" onClick={() => props.onAnyDay()}>
              {tc().client.anyDayInstead}
            </button>
          </Show>
          <Show when={props.filter.text}>
            {(text) => (
              <button type="button" class="chip client__way-out" onClick={() => props.onClearText()}>
                {tc().client.withoutText(text())}
              </button>
            )}
          </Show>
        </div>
      </Show>
      <Show when={props.related.length > 0}>
        <p class="hint" id={relatedId}>
          {tc().client.relatedServices}
        </p>
        <ServicePicker
          labelledBy={relatedId}
          services={props.related.map((entry) => entry.service)}
          selectedId={undefined}
          onSelect={(chosen) => props.onService(chosen.id)}
          badge={(chosen) => {
            const count = props.related.find((entry) => entry.service.id === chosen.id)?.mastersCount ?? 0;
            return { text: String(count), label: tc().client.mastersCount(count) };
          }}
        />
      </Show>
    </div>
  );
}

function MasterCard(props: { result: MasterSearchResult; date: CalendarDate | undefined }) {
  const master = () => props.result.node;
  const offers = () => props.result.offers;
  const href = () => {
    // The page preselects the first of the master's services of this kind; the others are a tap away.
    const query = new URLSearchParams({ service: offers()[0]?.id ?? '' });
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
      <Avatar name={master().displayName} url={master().avatar?.thumbUrl} class="client__master-avatar" />
      <span class="client__master-text">
        <span class="client__master-name">{master().displayName}</span>
        <RatingSummary rating={master().rating} compact class="client__master-rating" />
        <Show when={master().address ?? master().area}>{(place) => <span class="hint">{place()}</span>}</Show>
        <Show
          when={offers().length === 1 && offers()[0]}
          fallback={
            <>
              <span class="client__master-offer">
                {offers()
                  .map((offer) => offer.name)
                  .join(', ')}
              </span>
              <strong class="client__master-price">{tc().client.priceFrom(formatMoney(props.result.priceFrom, locale()))}</strong>
            </>
          }
        >
          {(offer) => (
            <span class="client__master-offer">
              {offer().name} · {formatDuration(offer().durationMinutes, locale())} · <strong>{formatMoney(offer().price, locale())}</strong>
            </span>
          )}
        </Show>
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

/** One of the home screen's links: a line icon (the SVG shapes given as children), its text and a chevron. */
function HomeLink(props: ParentProps<{ href: string; text: string }>) {
  return (
    <A href={props.href} class="client__link">
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
        {props.children}
      </svg>
      <span class="client__link-text">{props.text}</span>
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
