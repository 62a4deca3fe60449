import { createSignal, createUniqueId, Show, untrack } from 'solid-js';
import { tm } from '../../i18n/master.ts';
import { AvatarPicker } from '../AvatarPicker/AvatarPicker.tsx';
import type { Problems } from '../ErrorState/fieldProblems.ts';
import { Field } from '../Field/Field.tsx';
import { type Checked, type ProfileInput, type StepFormProps, useFormSubmit } from '../Form/useFormSubmit.ts';
import { Notice } from '../Notice/Notice.tsx';
import '../Form/Form.css';
import './ProfileForm.css';

/** The API's limits (2–80 and 20–500 characters, trimmed). */
const NAME_MIN = 2;
const NAME_MAX = 80;
const ABOUT_MIN = 20;
const ABOUT_MAX = 500;

interface ProfileFormProps extends StepFormProps<ProfileInput> {
  /** Fetches the profile again once the photo changed (it is saved at once, apart from the form). */
  reload: () => Promise<unknown>;
}

/**
 * What clients see first: the photo, the public name, a few words about the master, and whether
 * clients who booked may write in Telegram.
 */
export function ProfileForm(props: ProfileFormProps) {
  const saved = untrack(() => props.profile);
  const [displayName, setDisplayName] = createSignal(saved?.displayName ?? '');
  const [about, setAbout] = createSignal(saved?.about ?? '');
  const [contactAllowed, setContactAllowed] = createSignal(saved?.telegramContactAllowed ?? false);
  const ids = { name: createUniqueId(), about: createUniqueId(), contact: createUniqueId() };

  const form = useFormSubmit({
    scope: 'profile',
    label: () => props.submitLabel,
    check: (): Checked<ProfileInput> => {
      const problems: Problems = {};
      const name = displayName().trim();
      const text = about().trim();
      if (name.length < NAME_MIN || name.length > NAME_MAX) problems.displayName = tm().validation.displayName;
      if (text.length < ABOUT_MIN || text.length > ABOUT_MAX) problems.about = tm().validation.about;
      if (Object.keys(problems).length > 0) return { problems };
      return { input: { displayName: name, about: text, telegramContactAllowed: contactAllowed() } };
    },
    save: (input) => props.save(input),
  });

  return (
    <div class="profile-form">
      {/* A photo belongs to a profile: before the first step is saved there is none to add it to. */}
      <Show when={props.profile}>{(profile) => <AvatarPicker avatar={profile().avatar} reload={props.reload} />}</Show>
      <Field
        label={tm().profileForm.displayName}
        for={ids.name}
        hint={tm().profileForm.displayNameHint}
        error={form.problem('displayName') && tm().validation.displayName}
      >
        <input
          id={ids.name}
          class="input"
          type="text"
          autocomplete="off"
          maxLength={NAME_MAX}
          placeholder={tm().profileForm.displayNamePlaceholder}
          value={displayName()}
          aria-invalid={Boolean(form.problem('displayName'))}
          onInput={(event) => {
            setDisplayName(event.currentTarget.value);
            form.clearProblem('displayName');
          }}
        />
      </Field>
      <Field
        label={tm().profileForm.about}
        for={ids.about}
        hint={tm().profileForm.aboutCount(about().trim().length, ABOUT_MAX)}
        error={form.problem('about') && tm().validation.about}
      >
        <textarea
          id={ids.about}
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
      <div class="profile-form__contact">
        <div class="form__switch-row">
          <span id={ids.contact}>{tm().profileForm.telegramContact}</span>
          <button
            type="button"
            role="switch"
            class="switch"
            aria-checked={contactAllowed()}
            aria-labelledby={ids.contact}
            onClick={() => setContactAllowed(!contactAllowed())}
          />
        </div>
        <p class="field__hint">{tm().profileForm.telegramContactHint}</p>
      </div>
      <Show when={form.failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>
    </div>
  );
}
