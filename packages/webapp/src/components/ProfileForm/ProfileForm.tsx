import { createSignal, createUniqueId, Show, untrack } from 'solid-js';
import { tm } from '../../i18n/master.ts';
import type { Problems } from '../ErrorState/fieldProblems.ts';
import { Field } from '../Field/Field.tsx';
import { type Checked, type StepFormProps, useFormSubmit } from '../Form/useFormSubmit.ts';
import { Notice } from '../Notice/Notice.tsx';
import './ProfileForm.css';

export interface ProfileInput {
  displayName: string;
  about: string;
}

const ABOUT_MAX = 1000;

/** The name clients see and a few words about the master; edited in settings only. */
export function ProfileForm(props: StepFormProps<ProfileInput>) {
  const [displayName, setDisplayName] = createSignal(untrack(() => props.profile?.displayName ?? ''));
  const [about, setAbout] = createSignal(untrack(() => props.profile?.about ?? ''));
  const nameId = createUniqueId();
  const aboutId = createUniqueId();

  const form = useFormSubmit({
    scope: '',
    label: () => props.submitLabel,
    check: (): Checked<ProfileInput> => {
      const problems: Problems = {};
      const name = displayName().trim();
      if (name.length < 2 || name.length > 80) problems.displayName = tm().validation.displayName;
      if (about().trim().length > ABOUT_MAX) problems.about = tm().validation.about;
      return Object.keys(problems).length > 0 ? { problems } : { input: { displayName: name, about: about().trim() } };
    },
    save: (input) => props.save(input),
  });

  return (
    <div class="profile-form">
      <Field label={tm().profileForm.displayName} for={nameId} error={form.problem('displayName')}>
        <input
          id={nameId}
          class="input"
          type="text"
          autocomplete="name"
          maxLength={80}
          value={displayName()}
          aria-invalid={Boolean(form.problem('displayName'))}
          onInput={(event) => {
            setDisplayName(event.currentTarget.value);
            form.clearProblem('displayName');
          }}
        />
      </Field>
      <Field label={tm().profileForm.about} for={aboutId} hint={`${about().length} / ${ABOUT_MAX}`} error={form.problem('about')}>
        <textarea
          id={aboutId}
          class="input"
          rows={5}
          maxLength={ABOUT_MAX}
          placeholder={tm().profileForm.aboutPlaceholder}
          value={about()}
          aria-invalid={Boolean(form.problem('about'))}
          onInput={(event) => {
            setAbout(event.currentTarget.value);
            form.clearProblem('about');
          }}
        />
      </Field>
      <Show when={form.failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>
    </div>
  );
}
