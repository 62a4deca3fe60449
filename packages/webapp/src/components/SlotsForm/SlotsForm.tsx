import { createUniqueId, For, type JSX, Show, untrack } from 'solid-js';
import { createStore } from 'solid-js/store';
import { formatDays, formatDuration } from '../../format/duration.ts';
import { locale } from '../../i18n/index.ts';
import { tm } from '../../i18n/master.ts';
import { type SlotsInput, type StepFormProps, useFormSubmit } from '../Form/useFormSubmit.ts';
import { Notice } from '../Notice/Notice.tsx';
import '../Field/Field.css';
import './SlotsForm.css';

/** Slot steps the API accepts that people actually use (it also takes 6 and 12). */
const STEPS = [5, 10, 15, 20, 30, 60, 90, 120];
const BUFFERS = [0, 5, 10, 15, 20, 30, 45, 60];
const NOTICES = [0, 30, 60, 120, 180, 360, 720, 1440, 2880];
const HORIZONS = [7, 14, 30, 60, 90, 180];
const CANCELLATION_CUTOFFS = [0, 60, 180, 360, 720, 1440, 2880];

const DEFAULTS: Required<{ [K in keyof SlotsInput]: NonNullable<SlotsInput[K]> }> = {
  stepMinutes: 30,
  bufferMinutes: 0,
  minNoticeMinutes: 60,
  horizonDays: 30,
  cancellationCutoffMinutes: 180,
};

/** The choices, with a saved value that is not among them kept in its place. */
function withValue(choices: number[], value: number): number[] {
  return choices.includes(value) ? choices : [...choices, value].sort((a, b) => a - b);
}

/** Slot step, buffer, minimum notice, booking horizon and cancellation cut-off, as chips. */
export function SlotsForm(props: StepFormProps<SlotsInput>) {
  const saved = untrack(() => props.profile?.slotSettings);
  const [settings, setSettings] = createStore({
    stepMinutes: saved?.stepMinutes ?? DEFAULTS.stepMinutes,
    bufferMinutes: saved?.bufferMinutes ?? DEFAULTS.bufferMinutes,
    minNoticeMinutes: saved?.minNoticeMinutes ?? DEFAULTS.minNoticeMinutes,
    horizonDays: saved?.horizonDays ?? DEFAULTS.horizonDays,
    cancellationCutoffMinutes: saved?.cancellationCutoffMinutes ?? DEFAULTS.cancellationCutoffMinutes,
  });
  const form = useFormSubmit({
    scope: 'slots',
    label: () => props.submitLabel,
    check: () => ({ input: { ...settings } }),
    save: (input) => props.save(input),
  });
  const minutes = (value: number) => formatDuration(value, locale());
  const orAnyTime = (value: number) => (value === 0 ? tm().slots.anyTime : minutes(value));

  return (
    <div class="slots">
      <ChoiceGroup
        label={tm().slots.step}
        hint={tm().slots.stepHint}
        error={form.problem('stepMinutes')}
        choices={withValue(STEPS, settings.stepMinutes)}
        value={settings.stepMinutes}
        format={minutes}
        onChange={(value) => setSettings('stepMinutes', value)}
      />
      <ChoiceGroup
        label={tm().slots.buffer}
        hint={tm().slots.bufferHint}
        error={form.problem('bufferMinutes')}
        choices={withValue(BUFFERS, settings.bufferMinutes)}
        value={settings.bufferMinutes}
        format={(value) => (value === 0 ? tm().slots.noBuffer : minutes(value))}
        onChange={(value) => setSettings('bufferMinutes', value)}
      />
      <ChoiceGroup
        label={tm().slots.minNotice}
        hint={tm().slots.minNoticeHint}
        error={form.problem('minNoticeMinutes')}
        choices={withValue(NOTICES, settings.minNoticeMinutes)}
        value={settings.minNoticeMinutes}
        format={orAnyTime}
        onChange={(value) => setSettings('minNoticeMinutes', value)}
      />
      <ChoiceGroup
        label={tm().slots.horizon}
        hint={tm().slots.horizonHint}
        error={form.problem('horizonDays')}
        choices={withValue(HORIZONS, settings.horizonDays)}
        value={settings.horizonDays}
        format={(value) => formatDays(value, locale())}
        onChange={(value) => setSettings('horizonDays', value)}
      />
      <ChoiceGroup
        label={tm().slots.cancellation}
        hint={tm().slots.cancellationHint}
        error={form.problem('cancellationCutoffMinutes')}
        choices={withValue(CANCELLATION_CUTOFFS, settings.cancellationCutoffMinutes)}
        value={settings.cancellationCutoffMinutes}
        format={orAnyTime}
        onChange={(value) => setSettings('cancellationCutoffMinutes', value)}
      />
      <Show when={form.failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>
    </div>
  );
}

interface ChoiceGroupProps {
  label: string;
  hint: string;
  error: string | undefined;
  choices: number[];
  value: number;
  format: (value: number) => string;
  onChange: (value: number) => void;
}

function ChoiceGroup(props: ChoiceGroupProps): JSX.Element {
  const id = createUniqueId();
  return (
    <fieldset class="slots__group" data-invalid={props.error ? 'true' : undefined}>
      <legend class="slots__label" id={id}>
        {props.label}
      </legend>
      <div class="chips" role="radiogroup" aria-labelledby={id}>
        <For each={props.choices}>
          {(choice) => (
            <button type="button" role="radio" class="chip" aria-checked={choice === props.value} onClick={() => props.onChange(choice)}>
              {props.format(choice)}
            </button>
          )}
        </For>
      </div>
      <p class={props.error ? 'field__error' : 'field__hint'}>{props.error ?? props.hint}</p>
    </fieldset>
  );
}
