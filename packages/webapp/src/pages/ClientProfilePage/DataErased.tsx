import { tcp } from '../../i18n/clientProfile.ts';
import { useBackButton } from '../../init.ts';
import '../../components/Page/Page.css';
import './ClientProfilePage.css';

/**
 * What the client app shows once the client's data is erased, in place of every page: nothing of
 * theirs is left to show. Going on starts a new session, with a new, minimal profile.
 */
export function DataErased(props: { onStartOver: () => void }) {
  // Nothing to go back to: the pages behind showed data that is gone.
  useBackButton(
    () => false,
    () => undefined,
  );
  return (
    <section class="page profile-erased">
      <div class="profile-erased__badge" aria-hidden="true">
        <svg
          viewBox="0 0 24 24"
          width="34"
          height="34"
          fill="none"
          stroke="currentColor"
          stroke-width="2.6"
          stroke-linecap="round"
          stroke-linejoin="round"
        >
          <path d="M5 12.5l4.5 4.5L19 7.5" />
        </svg>
      </div>
      <header class="page__header profile-erased__header">
        <h1 class="page__title">{tcp().erase.doneTitle}</h1>
        <p class="page__subtitle">{tcp().erase.doneText}</p>
      </header>
      <p class="hint profile-erased__next">{tcp().erase.doneNext}</p>
      <button type="button" class="button" onClick={() => props.onStartOver()}>
        {tcp().erase.startOver}
      </button>
    </section>
  );
}
