import { useClient } from '@urql/solid';
import { EraseMyDataMutation } from '@zapis/schema';
import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { useClientProfile } from '../../components/ClientProfileProvider/ClientProfileProvider.tsx';
import { saveErrorMessage } from '../../components/ErrorState/errorMessage.ts';
import { missingDataError } from '../../components/Form/useFormSubmit.ts';
import { Notice } from '../../components/Notice/Notice.tsx';
import { Sheet } from '../../components/Sheet/Sheet.tsx';
import { tcp } from '../../i18n/clientProfile.ts';
import { notifyHaptic } from '../../init.ts';

interface EraseDataProps {
  /** Whether the confirmation is open (the page hides Telegram's main button meanwhile). */
  confirming: boolean;
  onConfirming: (confirming: boolean) => void;
}

/** "Erase my data", behind a confirmation that says exactly what goes and what stays. */
export function EraseData(props: EraseDataProps) {
  const titleId = createUniqueId();
  return (
    <section class="section" aria-labelledby={titleId}>
      <h2 class="section__header" id={titleId}>
        {tcp().erase.title}
      </h2>
      <div class="card profile__card">
        <p class="hint">{tcp().erase.hint}</p>
        <button type="button" class="button button--destructive" onClick={() => props.onConfirming(true)}>
          {tcp().erase.button}
        </button>
      </div>
      <Show when={props.confirming}>
        <EraseSheet onClose={() => props.onConfirming(false)} />
      </Show>
    </section>
  );
}

function EraseSheet(props: { onClose: () => void }) {
  const client = useClient();
  const clientProfile = useClientProfile();
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();

  const erase = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const result = await client.mutation(EraseMyDataMutation, {}).toPromise();
      if (result.error || !result.data) {
        notifyHaptic('error');
        setFailure(saveErrorMessage(result.error ?? missingDataError()));
        return;
      }
      notifyHaptic('success');
      clientProfile.erased();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Sheet title={tcp().erase.sheetTitle} onClose={props.onClose}>
      <div class="profile__erase">
        <h3 class="profile__erase-title">{tcp().erase.removedTitle}</h3>
        <ul class="profile__erase-list">
          <For each={tcp().erase.removed}>{(item) => <li>{item}</li>}</For>
        </ul>
        <h3 class="profile__erase-title">{tcp().erase.keptTitle}</h3>
        <ul class="profile__erase-list">
          <For each={tcp().erase.kept}>{(item) => <li>{item}</li>}</For>
        </ul>
        <p>{tcp().erase.upcoming}</p>
        <p>{tcp().erase.after}</p>
        <p class="profile__erase-final">{tcp().erase.irreversible}</p>
      </div>
      <Show when={failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>
      <div class="profile__erase-actions">
        <button type="button" class="button button--secondary" onClick={() => props.onClose()}>
          {tcp().erase.keep}
        </button>
        <button type="button" class="button profile__erase-confirm" disabled={busy()} aria-busy={busy()} onClick={() => void erase()}>
          {tcp().erase.confirm}
        </button>
      </div>
    </Sheet>
  );
}
