import { createQuery } from '@urql/solid';
import { type ResultOf, ServicesQuery } from '@zapis/schema';
import { For, Match, Show, Switch } from 'solid-js';
import { tc } from '../../i18n/client.ts';
import { t } from '../../i18n/index.ts';
import { ErrorState } from '../ErrorState/ErrorState.tsx';
import { Loading } from '../Loading/Loading.tsx';
import './ServicePicker.css';

export type CatalogService = ResultOf<typeof ServicesQuery>['services']['edges'][number]['node'];

interface ServicePickerProps {
  /** The id of the element that names the choice. */
  labelledBy: string;
  selectedId: string | undefined;
  onSelect: (service: CatalogService) => void;
}

/** The service catalogue by category, one service to choose. */
export function ServicePicker(props: ServicePickerProps) {
  const [services, refetch] = createQuery({ query: ServicesQuery, variables: () => ({ first: 100 }) });
  const categories = () => {
    const byCategory = new Map<string, CatalogService[]>();
    for (const { node } of services.data?.services.edges ?? []) {
      byCategory.set(node.category, [...(byCategory.get(node.category) ?? []), node]);
    }
    return [...byCategory.entries()];
  };

  return (
    <Switch>
      <Match when={services.data}>
        <Show when={categories().length > 0} fallback={<p class="hint service-picker__empty">{tc().client.noServices}</p>}>
          <div class="service-picker" role="radiogroup" aria-labelledby={props.labelledBy}>
            <For each={categories()}>
              {([category, list]) => (
                <div class="service-picker__category">
                  <p class="service-picker__category-name">{t().catalog.categories[category] ?? category}</p>
                  <div class="chips">
                    <For each={list}>
                      {(service) => (
                        <button
                          type="button"
                          role="radio"
                          class="chip"
                          aria-checked={service.id === props.selectedId}
                          onClick={() => props.onSelect(service)}
                        >
                          {service.name}
                        </button>
                      )}
                    </For>
                  </div>
                </div>
              )}
            </For>
          </div>
        </Show>
      </Match>
      <Match when={services.error}>
        {(error) => <ErrorState error={error()} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      </Match>
      <Match when={services.fetching}>
        <Loading />
      </Match>
    </Switch>
  );
}
