import { t } from '../../i18n/index.ts';
import './OpenInTelegramPage.css';

/** Shown when the app is opened outside Telegram and the API offers no development sign-in. */
export function OpenInTelegramPage() {
  return (
    <section class="open-in-telegram">
      <div class="open-in-telegram__icon" aria-hidden="true">
        <svg
          viewBox="0 0 24 24"
          width="40"
          height="40"
          fill="none"
          stroke="currentColor"
          stroke-width="1.8"
          stroke-linecap="round"
          stroke-linejoin="round"
        >
          <path d="M21.5 3.5 10.5 14.5" />
          <path d="M21.5 3.5 14.5 21.5 10.5 14.5 3 10.5Z" />
        </svg>
      </div>
      <h1 class="open-in-telegram__title">{t().outside.title}</h1>
      <p class="open-in-telegram__text">{t().outside.text}</p>
    </section>
  );
}
