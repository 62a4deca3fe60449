import { createQuery } from '@urql/solid';
import { CitiesQuery, type ResultOf } from '@zapis/schema';
import { For, Match, Show, Switch } from 'solid-js';
import { locale } from '../../i18n/index.ts';
import { utcOffset } from '../../time/utcOffset.ts';
import { ErrorState } from '../ErrorState/ErrorState.tsx';
import { Loading } from '../Loading/Loading.tsx';
import './CityPicker.css';

export type City = ResultOf<typeof CitiesQuery>['cities']['edges'][number]['node'];

interface CityPickerProps {
  /** The id of the element that names the list. */
  labelledBy: string;
  selectedId: string | undefined;
  onSelect: (city: City) => void;
  /** Shown instead of an empty list. */
  emptyText?: string;
}

/** The city catalogue as a single-choice list, each city with its UTC offset. */
export function CityPicker(props: CityPickerProps) {
  const [cities, refetch] = createQuery({ query: CitiesQuery, variables: () => ({ first: 100 }) });
  const cityList = () => cities.data?.cities.edges.map((edge) => edge.node);

  return (
    <Switch>
      <Match when={cityList()}>
        {(list) => (
          <Show when={list().length > 0 || !props.emptyText} fallback={<p class="hint city-picker__empty">{props.emptyText}</p>}>
            <ul class="card city-picker" role="radiogroup" aria-labelledby={props.labelledBy}>
              <For each={list()}>
                {(city) => (
                  <li>
                    <button
                      type="button"
                      role="radio"
                      class="city-picker__city"
                      aria-checked={city.id === props.selectedId}
                      onClick={() => props.onSelect(city)}
                    >
                      <span class="city-picker__name">{city.name}</span>
                      <span class="city-picker__zone">{utcOffset(city.timeZone, locale())}</span>
                      <span class="city-picker__check" aria-hidden="true" />
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
  );
}
