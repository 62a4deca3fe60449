import { useClient } from '@urql/solid';
import { DeleteMasterPhotoMutation, type Photo } from '@zapis/schema';
import { createSignal, createUniqueId, onCleanup, Show } from 'solid-js';
import { t } from '../../i18n/index.ts';
import { tm } from '../../i18n/master.ts';
import { notifyHaptic } from '../../init.ts';
import { saveErrorMessage } from '../ErrorState/errorMessage.ts';
import { missingDataError } from '../Form/useFormSubmit.ts';
import { Notice } from '../Notice/Notice.tsx';
import { PhotoPicker } from '../PhotoUpload/PhotoPicker.tsx';
import { uploadPhoto } from '../PhotoUpload/photoUpload.ts';
import './AvatarPicker.css';

interface AvatarPickerProps {
  /** The avatar now; null without one. */
  avatar: Photo | null;
  /** Fetches the profile again after a change. */
  reload: () => Promise<unknown>;
}

type Busy = 'uploading' | 'removing';

/**
 * The master's photo on their page and in search: optional, but asked for in a friendly way, with
 * the circle clients will see. Each change is saved at once (the rest of the form waits for its button).
 */
export function AvatarPicker(props: AvatarPickerProps) {
  const client = useClient();
  const titleId = createUniqueId();
  const [busy, setBusy] = createSignal<Busy>();
  const [confirmingRemove, setConfirmingRemove] = createSignal(false);
  const [message, setMessage] = createSignal<{ tone: 'success' | 'error'; text: string }>();
  // The chosen photo shows in the circle while it uploads.
  const [localPreview, setLocalPreview] = createSignal<string>();
  const dropPreview = () => {
    const url = localPreview();
    if (url) URL.revokeObjectURL(url);
    setLocalPreview(undefined);
  };
  onCleanup(dropPreview);

  const shown = () => localPreview() ?? props.avatar?.thumbUrl;

  const upload = async ([file]: File[]) => {
    if (!file) return;
    setMessage(undefined);
    setConfirmingRemove(false);
    setLocalPreview(URL.createObjectURL(file));
    setBusy('uploading');
    try {
      const result = await uploadPhoto(client, file, 'AVATAR');
      if (!result.ok) {
        notifyHaptic('error');
        setMessage({ tone: 'error', text: result.message });
        return;
      }
      await props.reload();
      notifyHaptic('success');
      setMessage({ tone: 'success', text: tm().avatar.uploaded });
    } finally {
      dropPreview();
      setBusy(undefined);
    }
  };

  const remove = async () => {
    const avatar = props.avatar;
    if (!avatar) return;
    setMessage(undefined);
    setBusy('removing');
    try {
      const result = await client.mutation(DeleteMasterPhotoMutation, { input: { photoId: avatar.id } }).toPromise();
      if (!result.data) {
        notifyHaptic('error');
        setMessage({ tone: 'error', text: saveErrorMessage(result.error ?? missingDataError()) });
        return;
      }
      await props.reload();
      notifyHaptic('success');
      setConfirmingRemove(false);
      setMessage({ tone: 'success', text: tm().avatar.removed });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section class="card avatar-picker" aria-labelledby={titleId} aria-busy={Boolean(busy())}>
      <div class="avatar-picker__main">
        <span class="avatar-picker__circle" data-photo={Boolean(shown())}>
          <Show
            when={shown()}
            fallback={
              <svg
                viewBox="0 0 24 24"
                width="30"
                height="30"
                fill="none"
                stroke="currentColor"
                stroke-width="1.8"
                stroke-linecap="round"
                stroke-linejoin="round"
                aria-hidden="true"
              >
                <path d="M4 8.5A2.5 2.5 0 0 1 6.5 6h1.3l1.4-2h5.6l1.4 2h1.3A2.5 2.5 0 0 1 20 8.5v8a2.5 2.5 0 0 1-2.5 2.5h-11A2.5 2.5 0 0 1 4 16.5z" />
                <circle cx="12" cy="12.5" r="3.5" />
              </svg>
            }
          >
            {(url) => <img class="avatar-picker__image" src={url()} alt={tm().avatar.preview} />}
          </Show>
          <Show when={busy()}>
            <span class="avatar-picker__spinner" aria-hidden="true" />
          </Show>
        </span>
        <div class="avatar-picker__text">
          <h2 class="avatar-picker__title" id={titleId}>
            {tm().avatar.title}
            <span class="avatar-picker__optional">{tm().avatar.optional}</span>
          </h2>
          <p class="hint">{tm().avatar.prompt}</p>
          <p class="avatar-picker__status" role="status">
            {busy() === 'uploading' ? tm().avatar.uploading : ''}
          </p>
        </div>
      </div>

      <Show
        when={confirmingRemove()}
        fallback={
          <div class="avatar-picker__actions">
            <PhotoPicker class="button avatar-picker__upload" disabled={Boolean(busy())} onFiles={(files) => void upload(files)}>
              {props.avatar ? tm().avatar.replace : tm().avatar.upload}
            </PhotoPicker>
            <Show when={props.avatar}>
              <button
                type="button"
                class="button button--destructive"
                disabled={Boolean(busy())}
                onClick={() => {
                  setMessage(undefined);
                  setConfirmingRemove(true);
                }}
              >
                {tm().avatar.remove}
              </button>
            </Show>
          </div>
        }
      >
        <div class="avatar-picker__confirm" role="alertdialog" aria-label={tm().avatar.removeConfirmButton}>
          <p>{tm().avatar.removeConfirm}</p>
          <div class="avatar-picker__actions">
            <button type="button" class="button button--secondary" onClick={() => setConfirmingRemove(false)}>
              {t().common.cancel}
            </button>
            <button type="button" class="button avatar-picker__remove" disabled={Boolean(busy())} onClick={() => void remove()}>
              {tm().avatar.removeConfirmButton}
            </button>
          </div>
        </div>
      </Show>
      <Show when={message()}>{(shownMessage) => <Notice tone={shownMessage().tone}>{shownMessage().text}</Notice>}</Show>
    </section>
  );
}
