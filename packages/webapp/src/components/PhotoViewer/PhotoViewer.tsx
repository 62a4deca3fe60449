import { createEffect, createSignal, onCleanup, onMount, Show } from 'solid-js';
import { Portal } from 'solid-js/web';
import { t } from '../../i18n/index.ts';
import { useBackButton } from '../../init.ts';
import type { StorefrontPhoto } from '../MasterStorefront/publicView.ts';
import './PhotoViewer.css';

interface PhotoViewerProps {
  photos: readonly StorefrontPhoto[];
  /** The photo it opens on. */
  start: number;
  onClose: () => void;
  /** Offered under a photo of one of the master's services: chooses it (and the viewer closes). */
  onChooseService?: (serviceId: string) => void;
}

/** How far a finger must travel sideways for a swipe to turn the photo, in CSS pixels. */
const SWIPE_PX = 48;

/**
 * The master's photos one at a time, full size, over everything: swipe or the arrows (keys too)
 * for the next and the previous, the caption and the service under each. Telegram's back button,
 * Escape and the close button close it. A chunk of its own, loaded when a photo is first opened.
 */
export function PhotoViewer(props: PhotoViewerProps) {
  const [index, setIndex] = createSignal(props.start);
  const [dragX, setDragX] = createSignal(0);
  const photo = () => props.photos[index()]!;
  const total = () => props.photos.length;
  const title = () => t().photoViewer.title(index() + 1, total());
  const go = (step: 1 | -1) => {
    const next = index() + step;
    if (next >= 0 && next < total()) setIndex(next);
  };
  let closeButton: HTMLButtonElement | undefined;
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;

  useBackButton(
    () => true,
    () => props.onClose(),
  );

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') props.onClose();
    else if (event.key === 'ArrowRight') go(1);
    else if (event.key === 'ArrowLeft') go(-1);
  };
  onMount(() => {
    document.addEventListener('keydown', onKeyDown);
    document.body.classList.add('photo-viewer-open');
    closeButton?.focus();
  });
  onCleanup(() => {
    document.removeEventListener('keydown', onKeyDown);
    document.body.classList.remove('photo-viewer-open');
    opener?.focus();
  });

  // The neighbours load meanwhile, so that the next swipe shows a photo at once.
  createEffect(() => {
    for (const neighbour of [props.photos[index() - 1], props.photos[index() + 1]]) {
      if (neighbour) new Image().src = neighbour.displayUrl;
    }
  });

  let start: { id: number; x: number; y: number } | undefined;
  const onPointerDown = (event: PointerEvent) => {
    if (event.button !== 0) return;
    start = { id: event.pointerId, x: event.clientX, y: event.clientY };
  };
  const onPointerMove = (event: PointerEvent) => {
    if (start?.id === event.pointerId) setDragX(event.clientX - start.x);
  };
  const onPointerEnd = (event: PointerEvent) => {
    if (start?.id !== event.pointerId) return;
    const [dx, dy] = [event.clientX - start.x, event.clientY - start.y];
    start = undefined;
    setDragX(0);
    if (event.type === 'pointerup' && Math.abs(dx) > SWIPE_PX && Math.abs(dx) > Math.abs(dy)) go(dx < 0 ? 1 : -1);
  };

  return (
    <Portal>
      <div class="photo-viewer" role="dialog" aria-modal="true" aria-label={title()}>
        <div class="photo-viewer__bar">
          <span class="photo-viewer__counter" aria-live="polite">
            {title()}
          </span>
          <button ref={closeButton} type="button" class="photo-viewer__close" aria-label={t().common.close} onClick={() => props.onClose()}>
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
              <path d="M6 6l12 12M18 6 6 18" />
            </svg>
          </button>
        </div>
        <div
          class="photo-viewer__stage"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerEnd}
          onPointerCancel={onPointerEnd}
        >
          <img
            class="photo-viewer__image"
            src={photo().displayUrl}
            width={photo().width}
            height={photo().height}
            alt={photo().caption ?? title()}
            draggable={false}
            style={{ transform: dragX() ? `translateX(${dragX()}px)` : undefined }}
          />
          <Show when={index() > 0}>
            <button
              type="button"
              class="photo-viewer__nav photo-viewer__nav--previous"
              aria-label={t().photoViewer.previous}
              onClick={() => go(-1)}
            >
              <svg
                viewBox="0 0 24 24"
                width="24"
                height="24"
                fill="none"
                stroke="currentColor"
                stroke-width="2.4"
                stroke-linecap="round"
                aria-hidden="true"
              >
                <path d="m15 5-7 7 7 7" />
              </svg>
            </button>
          </Show>
          <Show when={index() < total() - 1}>
            <button type="button" class="photo-viewer__nav photo-viewer__nav--next" aria-label={t().photoViewer.next} onClick={() => go(1)}>
              <svg
                viewBox="0 0 24 24"
                width="24"
                height="24"
                fill="none"
                stroke="currentColor"
                stroke-width="2.4"
                stroke-linecap="round"
                aria-hidden="true"
              >
                <path d="m9 5 7 7-7 7" />
              </svg>
            </button>
          </Show>
        </div>
        <Show when={photo().caption || photo().service}>
          <div class="photo-viewer__info">
            <Show when={photo().caption}>{(caption) => <p class="photo-viewer__caption">{caption()}</p>}</Show>
            <Show when={photo().service}>
              {(service) => (
                <div class="photo-viewer__service">
                  <span class="photo-viewer__service-name">{service().name}</span>
                  <Show when={props.onChooseService}>
                    {(choose) => (
                      <button type="button" class="button photo-viewer__choose" onClick={() => choose()(service().id)}>
                        {t().photoViewer.chooseService}
                      </button>
                    )}
                  </Show>
                </div>
              )}
            </Show>
          </div>
        </Show>
      </div>
    </Portal>
  );
}
