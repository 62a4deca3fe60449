import { Show } from 'solid-js';
import { t } from '../../i18n/index.ts';
import { useSimulatedButtons } from '../../init.ts';
import './SimulatedTelegramButtons.css';

/**
 * Telegram draws the back button and the main button outside the page. Without a Telegram client
 * (development, browser tests) the app draws them itself, driven by the same SDK state and
 * pressing them through the same events.
 */
export function SimulatedTelegramButtons() {
  const buttons = useSimulatedButtons();

  return (
    <>
      <Show when={buttons.backButtonVisible()}>
        <button type="button" class="simulated-back" onClick={buttons.pressBackButton}>
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
            <path d="m15 5-7 7 7 7" />
          </svg>
          {t().common.back}
        </button>
      </Show>
      <Show when={buttons.mainButton().isVisible}>
        <div class="simulated-main">
          <button
            type="button"
            class="button simulated-main__button"
            data-testid="main-button"
            disabled={!buttons.mainButton().isEnabled}
            aria-busy={buttons.mainButton().isLoaderVisible}
            onClick={buttons.pressMainButton}
          >
            <Show when={buttons.mainButton().isLoaderVisible} fallback={buttons.mainButton().text}>
              <span class="simulated-main__spinner" aria-hidden="true" />
              <span class="visually-hidden">{buttons.mainButton().text}</span>
            </Show>
          </button>
        </div>
      </Show>
    </>
  );
}
