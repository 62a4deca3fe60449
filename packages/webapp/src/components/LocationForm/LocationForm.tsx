import { createSignal, createUniqueId, For, Show, untrack } from 'solid-js';
import { currencySign } from '../../format/money.ts';
import { locale } from '../../i18n/index.ts';
import { tm } from '../../i18n/master.ts';
import { CityPicker } from '../CityPicker/CityPicker.tsx';
import type { Problems } from '../ErrorState/fieldProblems.ts';
import { Field, FieldError } from '../Field/Field.tsx';
import { type Checked, type LocationInput, type StepFormProps, useFormSubmit } from '../Form/useFormSubmit.ts';
import { Notice } from '../Notice/Notice.tsx';
import './LocationForm.css';

type Visibility = NonNullable<LocationInput['addressVisibility']>;

const VISIBILITIES: readonly Visibility[] = ['FULL', 'AREA'];

/** The form's own words for the fields the API refuses. */
const API_PROBLEMS: Partial<Record<string, () => string>> = {
  cityId: () => tm().validation.city,
  address: () => tm().validation.address,
  area: () => tm().validation.area,
};

/**
 * The city (which sets the master's time zone and currency), the address clients come to, and
 * what clients see of it before they book: all of it, or only an area.
 */
export function LocationForm(props: StepFormProps<LocationInput>) {
  const saved = untrack(() => props.profile);
  const [cityId, setCityId] = createSignal(saved?.city?.id);
  const [currency, setCurrency] = createSignal(saved?.city?.currency);
  const [address, setAddress] = createSignal(saved?.address ?? '');
  const [visibility, setVisibility] = createSignal<Visibility>(saved?.addressVisibility ?? 'FULL');
  const [area, setArea] = createSignal(saved?.area ?? '');
  const ids = { city: createUniqueId(), address: createUniqueId(), visibility: createUniqueId(), area: createUniqueId() };
  let addressInput: HTMLInputElement | undefined;

  /** Moving to a city with another currency keeps the amounts: the master should know before saving. */
  const currencyChange = () => {
    const [from, to] = [saved?.city?.currency, currency()];
    if (!from || !to || from === to || (saved?.services.length ?? 0) === 0) return undefined;
    return tm().location.currencyChange(currencySign(from, locale()), currencySign(to, locale()));
  };

  const form = useFormSubmit({
    scope: 'location',
    label: () => props.submitLabel,
    check: (): Checked<LocationInput> => {
      const problems: Problems = {};
      const chosen = cityId();
      if (!chosen) problems.cityId = tm().validation.city;
      if (address().trim().length < 3) problems.address = tm().validation.address;
      if (visibility() === 'AREA' && area().trim().length < 2) problems.area = tm().validation.area;
      if (!chosen || Object.keys(problems).length > 0) return { problems };
      return {
        input: { cityId: chosen, address: address().trim(), addressVisibility: visibility(), area: area().trim() || null },
      };
    },
    save: (input) => props.save(input),
    problemMessage: (path) => API_PROBLEMS[path]?.(),
  });

  const choose = (id: string, cityCurrency: string) => {
    const firstChoice = cityId() === undefined;
    setCityId(id);
    setCurrency(cityCurrency);
    form.clearProblem('cityId');
    if (firstChoice && !address()) addressInput?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };

  return (
    <div class="location">
      <div class="field" data-invalid={form.problem('cityId') ? 'true' : undefined}>
        <h2 class="field__label" id={ids.city}>
          {tm().location.city}
        </h2>
        <CityPicker labelledBy={ids.city} selectedId={cityId()} onSelect={(city) => choose(city.id, city.currency)} />
        <FieldError message={form.problem('cityId')} />
        <Show when={currencyChange()}>{(text) => <Notice tone="info">{text()}</Notice>}</Show>
      </div>

      <Field label={tm().location.address} for={ids.address} hint={tm().location.addressHint} error={form.problem('address')}>
        <input
          ref={addressInput}
          id={ids.address}
          class="input"
          type="text"
          autocomplete="street-address"
          maxLength={200}
          placeholder={tm().location.addressPlaceholder}
          value={address()}
          aria-invalid={Boolean(form.problem('address'))}
          onInput={(event) => {
            setAddress(event.currentTarget.value);
            form.clearProblem('address');
          }}
        />
      </Field>

      <div class="field">
        <h2 class="field__label" id={ids.visibility}>
          {tm().location.visibility}
        </h2>
        <div class="card location__visibility" role="radiogroup" aria-labelledby={ids.visibility}>
          <For each={VISIBILITIES}>
            {(option) => (
              <button
                type="button"
                role="radio"
                class="location__option"
                aria-checked={visibility() === option}
                onClick={() => {
                  setVisibility(option);
                  form.clearProblem('area');
                }}
              >
                <span class="location__radio" aria-hidden="true" />
                <span class="location__option-text">
                  <span class="location__option-title">{option === 'FULL' ? tm().location.full : tm().location.area}</span>
                  <span class="location__option-hint">{option === 'FULL' ? tm().location.fullHint : tm().location.areaHint}</span>
                </span>
              </button>
            )}
          </For>
        </div>
      </div>

      <Show when={visibility() === 'AREA'}>
        <Field label={tm().location.areaLabel} for={ids.area} error={form.problem('area')}>
          <input
            id={ids.area}
            class="input"
            type="text"
            autocomplete="off"
            maxLength={100}
            placeholder={tm().location.areaPlaceholder}
            value={area()}
            aria-invalid={Boolean(form.problem('area'))}
            onInput={(event) => {
              setArea(event.currentTarget.value);
              form.clearProblem('area');
            }}
          />
        </Field>
      </Show>
      <Show when={form.failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>
    </div>
  );
}
