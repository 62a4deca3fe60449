import { createQuery } from '@urql/solid';
import { type ResultOf, ServicesQuery } from '@zapis/schema';
import { createMemo, For, Match, Show, Switch, untrack } from 'solid-js';
import { createStore } from 'solid-js/store';
import { formatDuration } from '../../format/duration.ts';
import { parseRubles, rublesInput } from '../../format/money.ts';
import { locale, t } from '../../i18n/index.ts';
import { tm } from '../../i18n/master.ts';
import { ErrorState } from '../ErrorState/ErrorState.tsx';
import type { Problems } from '../ErrorState/fieldProblems.ts';
import { FieldError } from '../Field/Field.tsx';
import { type Checked, type ServicesInput, type StepFormProps, useFormSubmit } from '../Form/useFormSubmit.ts';
import { Loading } from '../Loading/Loading.tsx';
import { Notice } from '../Notice/Notice.tsx';
import './ServicesForm.css';

type CatalogService = ResultOf<typeof ServicesQuery>['services']['edges'][number]['node'];

interface Offer {
  selected: boolean;
  /** As typed, in rubles. */
  price: string;
  durationMinutes: number;
}

const DURATIONS = [15, 30, 45, 60, 75, 90, 105, 120, 150, 180, 210, 240, 300, 360, 420, 480];

/** The catalogue services the master offers, each with a price in rubles and a duration. */
export function ServicesForm(props: StepFormProps<ServicesInput>) {
  const [catalog, refetch] = createQuery({ query: ServicesQuery, variables: () => ({ first: 100 }) });
  const [offers, setOffers] = createStore<Record<string, Offer>>(
    Object.fromEntries(
      untrack(() => props.profile?.services ?? [])
        .filter((offered) => offered.isActive)
        .map((offered) => [
          offered.service.id,
          { selected: true, price: rublesInput(offered.priceMinor, locale()), durationMinutes: offered.durationMinutes },
        ]),
    ),
  );

  const services = () => catalog.data?.services.edges.map((edge) => edge.node);
  const categories = createMemo(() => {
    const groups = new Map<string, CatalogService[]>();
    for (const service of services() ?? []) groups.set(service.category, [...(groups.get(service.category) ?? []), service]);
    return [...groups.entries()];
  });
  const offerOf = (service: CatalogService): Offer =>
    offers[service.id] ?? { selected: false, price: '', durationMinutes: service.defaultDurationMinutes };
  const selectedCount = () => Object.values(offers).filter((offer) => offer.selected).length;

  const form = useFormSubmit({
    scope: 'services',
    label: () => props.submitLabel,
    check: (): Checked<ServicesInput> => {
      const problems: Problems = {};
      const chosen = Object.entries(offers).filter(([, offer]) => offer.selected);
      if (chosen.length === 0) problems[''] = tm().validation.noService;
      const input = chosen.map(([serviceId, offer]) => {
        const priceMinor = parseRubles(offer.price);
        if (priceMinor === undefined || priceMinor > 100_000_000) problems[`${serviceId}.price`] = tm().validation.price;
        return { serviceId, priceMinor: priceMinor ?? 0, durationMinutes: offer.durationMinutes };
      });
      return Object.keys(problems).length > 0 ? { problems } : { input: { services: input } };
    },
    save: (input) => props.save(input),
    problemPath: (path, input) => {
      const match = /^services\.(\d+)(?:\.(\w+))?/.exec(path);
      const serviceId = match && input.services[Number(match[1])]?.serviceId;
      if (!serviceId) return '';
      if (match[2] === 'priceMinor') return `${serviceId}.price`;
      if (match[2] === 'durationMinutes') return `${serviceId}.duration`;
      return serviceId;
    },
  });

  const update = (service: CatalogService, change: Partial<Offer>) => {
    setOffers(service.id, { ...offerOf(service), ...change });
    form.clearProblem('');
  };

  return (
    <div class="services">
      <Switch>
        <Match when={services()}>
          <Show when={categories().length > 0} fallback={<p class="hint">{tm().services.empty}</p>}>
            <For each={categories()}>
              {([category, list]) => (
                <section class="services__category">
                  <h2 class="field__label">{t().catalog.categories[category] ?? category}</h2>
                  <ul class="card services__list">
                    <For each={list}>
                      {(service) => (
                        <ServiceRow
                          service={service}
                          offer={offerOf(service)}
                          problem={(field) => form.problem(field ? `${service.id}.${field}` : service.id)}
                          onChange={(change) => {
                            update(service, change);
                            if ('price' in change) form.clearProblem(`${service.id}.price`);
                            if ('durationMinutes' in change) form.clearProblem(`${service.id}.duration`);
                          }}
                        />
                      )}
                    </For>
                  </ul>
                </section>
              )}
            </For>
          </Show>
        </Match>
        <Match when={catalog.error}>
          {(error) => <ErrorState error={error()} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
        </Match>
        <Match when={catalog.fetching}>
          <Loading />
        </Match>
      </Switch>
      <p class="services__count" aria-live="polite">
        {tm().services.selected(selectedCount())}
      </p>
      <FieldError message={form.problem('')} />
      <Show when={form.failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>
    </div>
  );
}

interface ServiceRowProps {
  service: CatalogService;
  offer: Offer;
  problem: (field?: 'price' | 'duration') => string | undefined;
  onChange: (change: Partial<Offer>) => void;
}

function ServiceRow(props: ServiceRowProps) {
  const durations = () =>
    [...new Set([...DURATIONS, props.offer.durationMinutes, props.service.defaultDurationMinutes])].sort((a, b) => a - b);
  const priceId = `price-${props.service.id}`;
  const durationId = `duration-${props.service.id}`;
  const invalid = () => Boolean(props.problem('price') ?? props.problem('duration') ?? props.problem());

  return (
    <li class="services__item" data-selected={props.offer.selected} data-invalid={invalid() ? 'true' : undefined}>
      <button
        type="button"
        role="checkbox"
        class="services__toggle"
        aria-checked={props.offer.selected}
        onClick={() => props.onChange({ selected: !props.offer.selected })}
      >
        <span class="services__check" aria-hidden="true" />
        <span class="services__name">{props.service.name}</span>
        <span class="services__usual">{tm().services.usually(formatDuration(props.service.defaultDurationMinutes, locale()))}</span>
      </button>
      <Show when={props.offer.selected}>
        <div class="services__details">
          <label class="services__detail" for={priceId}>
            <span class="services__detail-label">{tm().services.price}</span>
            <span class="services__price">
              <input
                id={priceId}
                class="input"
                type="text"
                inputmode="decimal"
                autocomplete="off"
                placeholder="2500"
                value={props.offer.price}
                aria-invalid={Boolean(props.problem('price'))}
                onInput={(event) => props.onChange({ price: event.currentTarget.value })}
              />
              <span class="services__currency" aria-hidden="true">
                ₽
              </span>
            </span>
          </label>
          <label class="services__detail" for={durationId}>
            <span class="services__detail-label">{tm().services.duration}</span>
            <select
              id={durationId}
              class="input"
              value={props.offer.durationMinutes}
              aria-invalid={Boolean(props.problem('duration'))}
              onChange={(event) => props.onChange({ durationMinutes: Number(event.currentTarget.value) })}
            >
              <For each={durations()}>{(minutes) => <option value={minutes}>{formatDuration(minutes, locale())}</option>}</For>
            </select>
          </label>
        </div>
        <FieldError message={props.problem('price') ?? props.problem('duration') ?? props.problem()} />
      </Show>
    </li>
  );
}
