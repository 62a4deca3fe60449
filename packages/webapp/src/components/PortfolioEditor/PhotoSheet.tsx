import { useClient } from '@urql/solid';
import { DeleteMasterPhotoMutation, type MasterService, type Photo, UpdateMasterPhotoMutation } from '@zapis/schema';
import { createSignal, createUniqueId, For, Show, untrack } from 'solid-js';
import { t } from '../../i18n/index.ts';
import { tm } from '../../i18n/master.ts';
import { saveErrorMessage } from '../ErrorState/errorMessage.ts';
import { Field } from '../Field/Field.tsx';
import { missingDataError } from '../Form/useFormSubmit.ts';
import { Notice } from '../Notice/Notice.tsx';
import { Sheet } from '../Sheet/Sheet.tsx';
import '../Form/Form.css';

/** The API's limit. */
const CAPTION_MAX = 300;

interface PhotoSheetProps {
  photo: Photo;
  /** The master's services offered now: which one the photo shows. */
  services: readonly MasterService[];
  onClose: () => void;
  /** The photo was saved or deleted: what to say about it. */
  onSaved: (message: string) => Promise<void>;
}

/** One portfolio photo in a sheet: its caption and service, saved together; or deleted after a confirmation. */
export function PhotoSheet(props: PhotoSheetProps) {
  const client = useClient();
  const initial = untrack(() => props.photo);
  const [caption, setCaption] = createSignal(initial.caption ?? '');
  const [serviceId, setServiceId] = createSignal(initial.service?.id ?? '');
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();
  const [confirmingRemove, setConfirmingRemove] = createSignal(false);
  const ids = { caption: createUniqueId(), service: createUniqueId() };

  const run = async (action: () => Promise<string | undefined>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      setFailure(await action());
    } finally {
      setBusy(false);
    }
  };

  const save = () =>
    run(async () => {
      const input = { photoId: initial.id, caption: caption().trim() || null, masterServiceId: serviceId() || null };
      const result = await client.mutation(UpdateMasterPhotoMutation, { input }).toPromise();
      if (!result.data) return saveErrorMessage(result.error ?? missingDataError());
      await props.onSaved(tm().portfolio.saved);
      return undefined;
    });

  const remove = () =>
    run(async () => {
      const result = await client.mutation(DeleteMasterPhotoMutation, { input: { photoId: initial.id } }).toPromise();
      if (!result.data) return saveErrorMessage(result.error ?? missingDataError());
      await props.onSaved(tm().portfolio.removed);
      return undefined;
    });

  return (
    <Sheet title={tm().portfolio.sheetTitle} onClose={() => props.onClose()}>
      <div class="photo-sheet">
        <img class="photo-sheet__image" src={initial.thumbUrl} width={initial.width} height={initial.height} alt="" />
        <Field label={tm().portfolio.caption} for={ids.caption} hint={tm().portfolio.captionCount(caption().trim().length, CAPTION_MAX)}>
          <textarea
            id={ids.caption}
            class="input"
            rows={2}
            maxLength={CAPTION_MAX}
            placeholder={tm().portfolio.captionPlaceholder}
            value={caption()}
            onInput={(event) => setCaption(event.currentTarget.value)}
          />
        </Field>
        <Field label={tm().portfolio.service} for={ids.service} hint={tm().portfolio.serviceHint}>
          <select id={ids.service} class="input" value={serviceId()} onChange={(event) => setServiceId(event.currentTarget.value)}>
            <option value="">{tm().portfolio.noService}</option>
            <For each={props.services}>{(service) => <option value={service.id}>{service.name}</option>}</For>
          </select>
        </Field>
        <Show when={failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>
        <Show
          when={confirmingRemove()}
          fallback={
            <div class="photo-sheet__actions">
              <button type="button" class="button" disabled={busy()} aria-busy={busy()} onClick={() => void save()}>
                {tm().portfolio.save}
              </button>
              <button type="button" class="button button--destructive" disabled={busy()} onClick={() => setConfirmingRemove(true)}>
                {tm().portfolio.remove}
              </button>
            </div>
          }
        >
          <div class="photo-sheet__confirm" role="alertdialog" aria-label={tm().portfolio.remove}>
            <p>{tm().portfolio.removeConfirm}</p>
            <div class="photo-sheet__confirm-actions">
              <button type="button" class="button button--secondary" onClick={() => setConfirmingRemove(false)}>
                {t().common.cancel}
              </button>
              <button type="button" class="button photo-sheet__remove" disabled={busy()} onClick={() => void remove()}>
                {tm().portfolio.removeConfirmButton}
              </button>
            </div>
          </div>
        </Show>
      </div>
    </Sheet>
  );
}
