import { createQuery } from '@urql/solid';
import { CitiesQuery } from '@zapis/schema';
import { For, Match, Show, Switch, createSignal } from 'solid-js';
import { ErrorState } from '../../components/ErrorState/ErrorState.tsx';
import { Loading } from '../../components/Loading/Loading.tsx';
import { Page } from '../../components/Page/Page.tsx';
import { locale, t } from '../../i18n/index.ts';
import { useSession } from '../../session.ts';
import { utcOffset } from '../../time/utcOffset.ts';
import './ClientPage.css';

/** Placeholder of the client journey: a greeting and the city to search masters in. */
export function ClientPage() {
  const session = useSession();
  const [cities, refetch] = createQuery({ query: CitiesQuery, variables: () => ({ first: 100 }) });
  const [chosenCityId, setChosenCityId] = createSignal<string>();

  const cityList = () => cities.data?.cities.edges.map((edge) => edge.node);
  const chosenCity = () => cityList()?.find((city) => city.id === chosenCityId());
  const greeting = () =>
    session.firstName ? t().client.greeting(session.firstName) : t().client.greetingAnonymous;

  return (
    <Page title={greeting()} subtitle={t().client.intro}>
      <div class="section">
        <h2 class="section__header" id="cities-header">
          {t().client.cities}
        </h2>
        <Switch>
          <Match when={cityList()}>
            {(list) => (
              <Show when={list().length > 0} fallback={<p class="hint client__empty">{t().client.noCities}</p>}>
                <ul class="card client__cities" role="radiogroup" aria-labelledby="cities-header">
                  <For each={list()}>
                    {(city) => (
                      <li>
                        <button
                          type="button"
                          role="radio"
                          class="client__city"
                          aria-checked={city.id === chosenCityId()}
                          onClick={() => setChosenCityId(city.id)}
                        >
                          <span class="client__city-name">{city.name}</span>
                          <span class="client__city-zone">{utcOffset(city.timeZone, locale())}</span>
                          <span class="client__city-check" aria-hidden="true" />
                        </button>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            )}
          </Match>
          <Match when={cities.error}>
            {(error) => <ErrorState error={error()} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
          </Match>
          <Match when={cities.fetching}>
            <Loading />
          </Match>
        </Switch>
      </div>
      <Show when={chosenCity()}>
        {(city) => <p class="hint client__next">{t().client.cityChosen(city().name)}</p>}
      </Show>
    </Page>
  );
}
