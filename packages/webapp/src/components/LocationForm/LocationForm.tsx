import { createSignal, createUniqueId, Show, untrack } from 'solid-js';
import { tm } from '../../i18n/master.ts';
import { CityPicker } from '../CityPicker/CityPicker.tsx';
import type { Problems } from '../ErrorState/fieldProblems.ts';
import { Field, FieldError } from '../Field/Field.tsx';
import { type Checked, type LocationInput, type StepFormProps, useFormSubmit } from '../Form/useFormSubmit.ts';
import { Notice } from '../Notice/Notice.tsx';
import './LocationForm.css';

/** The city (which sets the master's time zone) and the address clients come to. */
export function LocationForm(props: StepFormProps<LocationInput>) {
  const [cityId, setCityId] = createSignal(untrack(() => props.profile?.city?.id));
  const [address, setAddress] = createSignal(untrack(() => props.profile?.address ?? ''));
  const addressId = createUniqueId();
  let addressInput: HTMLInputElement | undefined;

  const form = useFormSubmit({
    scope: 'location',
    label: () => props.submitLabel,
    check: (): Checked<LocationInput> => {
      const problems: Problems = {};
      const chosen = cityId();
      if (!chosen) problems.cityId = tm().validation.city;
      if (address().trim().length < 3) problems.address = tm().validation.address;
      if (!chosen || Object.keys(problems).length > 0) return { problems };
      return { input: { cityId: chosen, address: address().trim() } };
    },
    save: (input) => props.save(input),
  });

  const choose = (id: string) => {
    const firstChoice = cityId() === undefined;
    setCityId(id);
    form.clearProblem('cityId');
    if (firstChoice && !address()) addressInput?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };

  return (
    <div class="location">
      <div class="field" data-invalid={form.problem('cityId') ? 'true' : undefined}>
        <h2 class="field__label" id="location-city">
          {tm().location.city}
        </h2>
        <CityPicker labelledBy="location-city" selectedId={cityId()} onSelect={(city) => choose(city.id)} />
        <FieldError message={form.problem('cityId')} />
      </div>

      <Field label={tm().location.address} for={addressId} hint={tm().location.addressHint} error={form.problem('address')}>
        <input
          ref={addressInput}
          id={addressId}
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
      <Show when={form.failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>
    </div>
  );
}
