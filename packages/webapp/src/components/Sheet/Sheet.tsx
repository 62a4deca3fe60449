import { createUniqueId, onCleanup, onMount, type ParentProps } from 'solid-js';
import { Portal } from 'solid-js/web';
import { t } from '../../i18n/index.ts';
import { useBackButton } from '../../init.ts';
import './Sheet.css';

interface SheetProps {
  title: string;
  onClose: () => void;
}

/** A panel sliding up over the page; Telegram's back button, the backdrop and Escape close it. */
export function Sheet(props: ParentProps<SheetProps>) {
  const titleId = createUniqueId();
  useBackButton(
    () => true,
    () => props.onClose(),
  );

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') props.onClose();
  };
  onMount(() => {
    document.addEventListener('keydown', onKeyDown);
    document.body.classList.add('sheet-open');
  });
  onCleanup(() => {
    document.removeEventListener('keydown', onKeyDown);
    document.body.classList.remove('sheet-open');
  });

  return (
    <Portal>
      <div class="sheet" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: Escape and Telegram's back button close the sheet from the keyboard */}
        {/* biome-ignore lint/a11y/noStaticElementInteractions: the backdrop is a pointer shortcut, not a control */}
        <div class="sheet__backdrop" onClick={() => props.onClose()} />
        <div class="sheet__panel">
          <header class="sheet__header">
            <h2 class="sheet__title" id={titleId}>
              {props.title}
            </h2>
            <button type="button" class="sheet__close" aria-label={t().common.close} onClick={() => props.onClose()}>
              <svg
                viewBox="0 0 24 24"
                width="18"
                height="18"
                fill="none"
                stroke="currentColor"
                stroke-width="2.4"
                stroke-linecap="round"
                aria-hidden="true"
              >
                <path d="M6 6l12 12M18 6 6 18" />
              </svg>
            </button>
          </header>
          <div class="sheet__body">{props.children}</div>
        </div>
      </div>
    </Portal>
  );
}
