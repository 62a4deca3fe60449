import { useClient } from '@urql/solid';
import { type MasterProfile, type Photo, ReorderMasterPhotosMutation } from '@zapis/schema';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { tm } from '../../i18n/master.ts';
import { notifyHaptic, useMainButton } from '../../init.ts';
import { PORTFOLIO_MAX } from '../../onboarding.ts';
import { missingDataError } from '../Form/useFormSubmit.ts';
import { Notice } from '../Notice/Notice.tsx';
import { PhotoPicker } from '../PhotoUpload/PhotoPicker.tsx';
import { photoProblem, uploadPhoto } from '../PhotoUpload/photoUpload.ts';
import { PhotoSheet } from './PhotoSheet.tsx';
import './PortfolioEditor.css';

interface PortfolioEditorProps {
  profile: MasterProfile;
  /** Takes the profile a mutation answered with. */
  update: (profile: MasterProfile) => void;
  /** Fetches the profile again after a change. */
  reload: () => Promise<unknown>;
  /** The main button: back where the master came from. */
  onDone: () => void;
}

interface Message {
  tone: 'success' | 'error';
  lines: string[];
}

/**
 * The master's portfolio: up to 12 photos of their work, in the order their page shows them.
 * Photos are added (several at once), captioned, tied to a service, moved up and down, and
 * deleted after a confirmation; each change is saved at once.
 */
export function PortfolioEditor(props: PortfolioEditorProps) {
  const client = useClient();
  const [uploading, setUploading] = createSignal<{ current: number; total: number }>();
  const [messages, setMessages] = createSignal<Message[]>([]);
  const [editing, setEditing] = createSignal<string>();
  /** The order the master has set and the API has not confirmed yet. */
  const [order, setOrder] = createSignal<string[]>();

  const saved = createMemo(() => props.profile.photos.edges.map((edge) => edge.node));
  const byId = createMemo(() => new Map(saved().map((photo) => [photo.id, photo])));
  const ids = () => order() ?? saved().map((photo) => photo.id);
  const count = () => saved().length;
  const editedPhoto = () => byId().get(editing() ?? '');

  useMainButton({ text: () => tm().settings.done, visible: () => !editing(), onClick: () => props.onDone() });

  const say = (...next: Message[]) => setMessages(next.filter((message) => message.lines.length > 0));

  const add = async (files: File[]) => {
    say();
    const taken = files.slice(0, Math.max(0, PORTFOLIO_MAX - count()));
    const problems: string[] = [];
    let added = 0;
    try {
      for (const [index, file] of taken.entries()) {
        setUploading({ current: index + 1, total: taken.length });
        const result = await uploadPhoto(client, file, 'PORTFOLIO');
        if (result.ok) added += 1;
        else problems.push(taken.length > 1 ? tm().photos.ofFile(file.name, result.message) : result.message);
      }
      if (added > 0) await props.reload();
    } finally {
      setUploading(undefined);
    }
    const skipped = files.length - taken.length;
    if (skipped > 0) problems.push(tm().portfolio.skipped(skipped, PORTFOLIO_MAX));
    notifyHaptic(problems.length > 0 ? 'error' : 'success');
    say({ tone: 'success', lines: added > 0 ? [tm().portfolio.added(added)] : [] }, { tone: 'error', lines: problems });
  };

  // Moves are shown at once and sent one after another: each time the order the master sees then.
  let sending = false;
  const sendOrder = async () => {
    if (sending) return;
    sending = true;
    try {
      let wanted = order();
      while (wanted) {
        const result = await client.mutation(ReorderMasterPhotosMutation, { input: { photoIds: wanted } }).toPromise();
        const profile = result.data?.reorderMasterPhotos;
        if (!profile) {
          setOrder(undefined);
          notifyHaptic('error');
          say({ tone: 'error', lines: [photoProblem(result.error ?? missingDataError())] });
          await props.reload();
          return;
        }
        if (order() === wanted) {
          props.update(profile);
          setOrder(undefined);
          say({ tone: 'success', lines: [tm().portfolio.moved] });
          return;
        }
        wanted = order();
      }
    } finally {
      sending = false;
    }
  };

  const move = (photoId: string, step: -1 | 1) => {
    const next = [...ids()];
    const from = next.indexOf(photoId);
    const to = from + step;
    if (from < 0 || to < 0 || to >= next.length) return;
    [next[from], next[to]] = [next[to]!, next[from]!];
    // A keyboard's focus stays with the photo it moves; a finger's tap needs none.
    const focused = document.activeElement?.closest('[data-photo-id]')?.getAttribute('data-photo-id') === photoId;
    say();
    setOrder(next);
    if (focused) keepFocus(photoId, step);
    void sendOrder();
  };

  return (
    <div class="portfolio">
      <div class="portfolio__head">
        <span class="portfolio__count" aria-live="polite">
          {tm().portfolio.count(count(), PORTFOLIO_MAX)}
        </span>
        <Show when={count() < PORTFOLIO_MAX} fallback={<p class="hint portfolio__full">{tm().portfolio.full}</p>}>
          <PhotoPicker class="button portfolio__add" multiple disabled={Boolean(uploading())} onFiles={(files) => void add(files)}>
            <svg
              viewBox="0 0 24 24"
              width="20"
              height="20"
              fill="none"
              stroke="currentColor"
              stroke-width="2.4"
              stroke-linecap="round"
              aria-hidden="true"
            >
              <path d="M12 5v14M5 12h14" />
            </svg>
            {tm().portfolio.add}
          </PhotoPicker>
        </Show>
      </div>
      <p class="portfolio__status" role="status">
        {uploading() ? tm().portfolio.uploading(uploading()!.current, uploading()!.total) : ''}
      </p>
      <For each={messages()}>
        {(message) => (
          <Notice tone={message.tone}>
            <For each={message.lines}>{(line) => <p>{line}</p>}</For>
          </Notice>
        )}
      </For>

      <Show when={ids().length > 0} fallback={<p class="hint portfolio__empty">{tm().portfolio.empty}</p>}>
        <ol class="card portfolio__list" aria-label={tm().portfolio.title}>
          <For each={ids()}>
            {(id, index) => (
              <Show when={byId().get(id)}>
                {(photo) => (
                  <PhotoRow
                    photo={photo()}
                    number={index() + 1}
                    first={index() === 0}
                    last={index() === ids().length - 1}
                    onEdit={() => {
                      say();
                      setEditing(id);
                    }}
                    onMove={(step) => move(id, step)}
                  />
                )}
              </Show>
            )}
          </For>
        </ol>
      </Show>

      <Show when={editedPhoto()}>
        {(photo) => (
          <PhotoSheet
            photo={photo()}
            services={props.profile.services.filter((service) => service.isActive)}
            onClose={() => setEditing(undefined)}
            onSaved={async (text) => {
              await props.reload();
              setEditing(undefined);
              notifyHaptic('success');
              say({ tone: 'success', lines: [text] });
            }}
          />
        )}
      </Show>
    </div>
  );
}

interface PhotoRowProps {
  photo: Photo;
  number: number;
  first: boolean;
  last: boolean;
  onEdit: () => void;
  onMove: (step: -1 | 1) => void;
}

/** A photo with its caption and service (a tap edits them) and buttons to move it up or down the page. */
function PhotoRow(props: PhotoRowProps) {
  return (
    <li class="portfolio__item" data-photo-id={props.photo.id}>
      <button type="button" class="portfolio__row" onClick={() => props.onEdit()}>
        <img class="portfolio__thumb" src={props.photo.thumbUrl} alt="" width={props.photo.width} height={props.photo.height} />
        <span class="portfolio__text">
          <span class="visually-hidden">{tm().portfolio.editLabel(props.number)}: </span>
          <span class="portfolio__caption" data-empty={!props.photo.caption}>
            {props.photo.caption ?? tm().portfolio.noCaption}
          </span>
          <Show when={props.photo.service}>{(service) => <span class="portfolio__service">{service().name}</span>}</Show>
        </span>
      </button>
      <div class="portfolio__move">
        <button
          type="button"
          class="portfolio__move-button"
          data-move="up"
          aria-label={tm().portfolio.moveUpLabel(props.number)}
          disabled={props.first}
          onClick={() => props.onMove(-1)}
        >
          <svg
            viewBox="0 0 24 24"
            width="20"
            height="20"
            fill="none"
            stroke="currentColor"
            stroke-width="2.4"
            stroke-linecap="round"
            stroke-linejoin="round"
            aria-hidden="true"
          >
            <path d="m6 15 6-6 6 6" />
          </svg>
        </button>
        <button
          type="button"
          class="portfolio__move-button"
          data-move="down"
          aria-label={tm().portfolio.moveDownLabel(props.number)}
          disabled={props.last}
          onClick={() => props.onMove(1)}
        >
          <svg
            viewBox="0 0 24 24"
            width="20"
            height="20"
            fill="none"
            stroke="currentColor"
            stroke-width="2.4"
            stroke-linecap="round"
            stroke-linejoin="round"
            aria-hidden="true"
          >
            <path d="m6 9 6 6 6-6" />
          </svg>
        </button>
      </div>
    </li>
  );
}

/**
 * A moved row is taken out of the page and put back, which drops the focus: it returns to the
 * same button of the moved photo, or to the other one once the photo reached an end of the list.
 */
function keepFocus(photoId: string, step: -1 | 1) {
  requestAnimationFrame(() => {
    const row = document.querySelector(`[data-photo-id="${photoId}"]`);
    const same = row?.querySelector<HTMLButtonElement>(`[data-move="${step < 0 ? 'up' : 'down'}"]`);
    const other = row?.querySelector<HTMLButtonElement>(`[data-move="${step < 0 ? 'down' : 'up'}"]`);
    (same && !same.disabled ? same : other)?.focus();
  });
}
