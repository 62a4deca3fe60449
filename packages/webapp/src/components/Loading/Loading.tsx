import { t } from '../../i18n/index.ts';
import './Loading.css';

export function Loading() {
  return (
    <div class="loading" role="status" aria-live="polite">
      <span class="loading__spinner" aria-hidden="true" />
      <span class="loading__label">{t().common.loading}</span>
    </div>
  );
}
