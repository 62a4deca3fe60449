import type { CombinedError } from '@urql/core';
import { onMount, Show } from 'solid-js';
import { t } from '../../i18n/index.ts';
import { reportStage } from '../../monitoring.ts';
import { errorCode } from './errorCode.ts';
import './ErrorState.css';

interface ErrorStateProps {
  /** An API error; its `extensions.code` picks the message. Without it the message is generic. */
  error?: CombinedError;
  onRetry?: () => void;
}

export function ErrorState(props: ErrorStateProps) {
  const message = () => t().errors[props.error ? errorCode(props.error) : 'GENERIC'];
  onMount(() => reportStage('client_error', { source: 'error_state', code: props.error ? errorCode(props.error) : 'GENERIC' }));
  return (
    <div class="error-state" role="alert">
      <div class="error-state__icon" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="28" height="28" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round">
          <circle cx="12" cy="12" r="9" />
          <path d="M12 7.5v5.5M12 16.5v.01" />
        </svg>
      </div>
      <h2 class="error-state__title">{t().errors.title}</h2>
      <p class="error-state__text">{message()}</p>
      <Show when={props.onRetry}>
        {(retry) => (
          <button type="button" class="button button--secondary" onClick={() => retry()()}>
            {t().common.retry}
          </button>
        )}
      </Show>
    </div>
  );
}
