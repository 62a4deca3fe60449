import { CombinedError } from '@urql/core';
import type { MasterProfile, UpdateMasterSettingsMutation, VariablesOf } from '@zapis/schema';
import { type Accessor, createSignal } from 'solid-js';
import { t } from '../../i18n/index.ts';
import { notifyHaptic, useMainButton } from '../../init.ts';
import { saveErrorMessage } from '../ErrorState/errorMessage.ts';
import { fieldProblems, type Problems } from '../ErrorState/fieldProblems.ts';

export type SaveResult = { ok: true } | { ok: false; error: CombinedError };

/** What the wizard and the settings give a step's form: the data, the button's label, how to save. */
export interface StepFormProps<Input> {
  profile: MasterProfile | null;
  /** "Next" in the wizard, "Save" in settings. */
  submitLabel: string;
  save: (input: Input) => Promise<SaveResult>;
}

export type Checked<Input> = { input: Input } | { problems: Problems };

interface FormSubmitOptions<Input> {
  /** The input's name in the API's field paths ("schedule" for "input.schedule.days.0…"). */
  scope: string;
  label: Accessor<string>;
  /** Checks the form before anything is sent, with messages in the user's language. */
  check: () => Checked<Input>;
  save: (input: Input) => Promise<SaveResult>;
  /** Maps a path of the API (relative to the input) to where the form shows it. */
  problemPath?: (path: string, input: Input) => string;
  /** The form's own words for a problem the API found at a (mapped) path, instead of the API's message. */
  problemMessage?: (path: string, error: CombinedError) => string | undefined;
  /** A message of the form's own for some failures, instead of the error code's. */
  failureMessage?: (error: CombinedError) => string | undefined;
  enabled?: Accessor<boolean>;
  /** Hides the main button meanwhile (a sheet over the form has buttons of its own). */
  visible?: Accessor<boolean>;
}

/** Brings the first field with a problem into view once it is rendered. */
function revealFirstProblem(): void {
  requestAnimationFrame(() => {
    document.querySelector('[data-invalid="true"]')?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  });
}

/**
 * Submitting a form with Telegram's main button: checks it, saves it (the spinner shows on the
 * button meanwhile) and shows the API's field messages next to the fields.
 */
export function useFormSubmit<Input>(options: FormSubmitOptions<Input>) {
  const [saving, setSaving] = createSignal(false);
  const [problems, setProblems] = createSignal<Problems>({});
  const [failure, setFailure] = createSignal<string>();

  const fail = (next: Problems, message: string) => {
    setProblems(next);
    setFailure(message);
    notifyHaptic('error');
    revealFirstProblem();
  };

  const submit = async () => {
    const checked = options.check();
    if ('problems' in checked) return fail(checked.problems, t().errors.checkFields);
    setSaving(true);
    setProblems({});
    setFailure(undefined);
    try {
      const result = await options.save(checked.input);
      if (result.ok) return;
      const fromApi = fieldProblems(result.error, options.scope);
      const mapped: Problems = {};
      for (const [path, message] of Object.entries(fromApi)) {
        const shownAt = options.problemPath ? options.problemPath(path, checked.input) : path;
        mapped[shownAt] = options.problemMessage?.(shownAt, result.error) ?? message;
      }
      fail(mapped, options.failureMessage?.(result.error) ?? saveErrorMessage(result.error));
    } finally {
      setSaving(false);
    }
  };

  useMainButton({
    text: options.label,
    loading: saving,
    enabled: options.enabled,
    visible: options.visible,
    onClick: () => void submit(),
  });

  return {
    saving,
    /** The message shown above the button: why the last attempt failed. */
    failure,
    problem: (path: string): string | undefined => problems()[path],
    /** Forgets a field's problem once the user changes it. */
    clearProblem(path: string) {
      if (!(path in problems())) return;
      const { [path]: _cleared, ...rest } = problems();
      setProblems(rest);
      // The message above the button was about the fields: it goes with the last of them.
      if (Object.keys(rest).length === 0) setFailure(undefined);
    },
  };
}

/** Wraps a network or GraphQL failure without data the way urql would. */
export function missingDataError(): CombinedError {
  return new CombinedError({ networkError: new Error('The API answered without data.') });
}

type SettingsInput = VariablesOf<typeof UpdateMasterSettingsMutation>['input'];
export type LocationInput = NonNullable<SettingsInput['location']>;
export type ScheduleInput = NonNullable<SettingsInput['schedule']>;
export type SlotsInput = NonNullable<SettingsInput['slots']>;
export type ServicesInput = NonNullable<SettingsInput['services']>;
export type ProfileInput = NonNullable<SettingsInput['profile']>;
