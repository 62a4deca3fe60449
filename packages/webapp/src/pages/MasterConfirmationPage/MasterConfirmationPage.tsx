import { useNavigate } from '@solidjs/router';
import { useClient } from '@urql/solid';
import { type MasterProfile, UpdateMasterSettingsMutation } from '@zapis/schema';
import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { missingDataError, useFormSubmit } from '../../components/Form/useFormSubmit.ts';
import { ForActiveMaster, useMasterProfile } from '../../components/MasterProfileProvider/MasterProfileProvider.tsx';
import { Notice } from '../../components/Notice/Notice.tsx';
import { Page } from '../../components/Page/Page.tsx';
import { formatDuration } from '../../format/duration.ts';
import { locale } from '../../i18n/index.ts';
import { tm } from '../../i18n/master.ts';
import { notifyHaptic } from '../../init.ts';
import type { SettingsLocationState } from '../MasterSettingsPage/MasterSettingsPage.tsx';
import '../../components/Field/Field.css';
import '../../components/Form/Form.css';
import './MasterConfirmationPage.css';

/** How long before the start an unconfirmed booking is released: the API takes 60–1320 minutes. */
const DEADLINES = [60, 120, 180, 360, 720, 1320];

/** `/master/settings/confirmation`: whether clients must confirm through the reminder, and by when. */
export function MasterConfirmationPage() {
  return <ForActiveMaster>{(master) => <ConfirmationForm profile={master().profile} />}</ForActiveMaster>;
}

function ConfirmationForm(props: { profile: MasterProfile }) {
  const client = useClient();
  const navigate = useNavigate();
  const master = useMasterProfile();
  const saved = props.profile.slotSettings;
  const [required, setRequired] = createSignal(saved?.requireConfirmation ?? false);
  const [deadline, setDeadline] = createSignal(saved?.confirmationDeadlineMinutes ?? 180);
  const ids = { required: createUniqueId(), deadline: createUniqueId() };
  const choices = () => (DEADLINES.includes(deadline()) ? DEADLINES : [...DEADLINES, deadline()].sort((a, b) => a - b));
  const duration = (minutes: number) => formatDuration(minutes, locale());

  const form = useFormSubmit({
    scope: 'confirmation',
    label: () => tm().settings.save,
    check: () => ({ input: { requireConfirmation: required(), confirmationDeadlineMinutes: deadline() } }),
    save: async (confirmation) => {
      const result = await client.mutation(UpdateMasterSettingsMutation, { input: { confirmation } }).toPromise();
      const profile = result.data?.updateMasterSettings;
      if (!profile) return { ok: false, error: result.error ?? missingDataError() };
      notifyHaptic('success');
      master.update(profile);
      navigate('/master/settings', { replace: true, state: { saved: true } satisfies SettingsLocationState });
      return { ok: true };
    },
  });

  return (
    <Page title={tm().confirmation.title} subtitle={tm().confirmation.hint}>
      <div class="form">
        <div class="form__switch-row">
          <span id={ids.required}>{tm().confirmation.require}</span>
          <button
            type="button"
            role="switch"
            class="switch"
            aria-checked={required()}
            aria-labelledby={ids.required}
            onClick={() => setRequired(!required())}
          />
        </div>
        <Show when={required()} fallback={<p class="hint confirmation__text">{tm().confirmation.off}</p>}>
          <fieldset class="confirmation__deadline" data-invalid={form.problem('confirmationDeadlineMinutes') ? 'true' : undefined}>
            <legend class="confirmation__label" id={ids.deadline}>
              {tm().confirmation.deadline}
            </legend>
            <div class="chips" role="radiogroup" aria-labelledby={ids.deadline}>
              <For each={choices()}>
                {(choice) => (
                  <button type="button" role="radio" class="chip" aria-checked={choice === deadline()} onClick={() => setDeadline(choice)}>
                    {duration(choice)}
                  </button>
                )}
              </For>
            </div>
            <p class={form.problem('confirmationDeadlineMinutes') ? 'field__error' : 'field__hint'}>
              {form.problem('confirmationDeadlineMinutes') ?? tm().confirmation.deadlineHint}
            </p>
          </fieldset>
          <div class="card confirmation__explained">
            <p>{tm().confirmation.how(duration(deadline()))}</p>
            <p class="hint">{tm().confirmation.spared}</p>
          </div>
        </Show>
        <p class="hint confirmation__text">{tm().confirmation.when}</p>
        <Show when={form.failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>
      </div>
    </Page>
  );
}
