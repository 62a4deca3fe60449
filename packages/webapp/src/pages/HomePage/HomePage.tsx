import { A } from '@solidjs/router';
import { t } from '../../i18n/index.ts';
import './HomePage.css';

export function HomePage() {
  return (
    <section class="home">
      <header class="home__brand">
        <div class="home__logo" aria-hidden="true">
          <svg
            viewBox="0 0 24 24"
            width="36"
            height="36"
            fill="none"
            stroke="currentColor"
            stroke-width="1.8"
            stroke-linecap="round"
            stroke-linejoin="round"
          >
            <rect x="3.5" y="5" width="17" height="15" rx="3" />
            <path d="M3.5 10h17M8 3v4M16 3v4M9 14.5l2 2 4-4" />
          </svg>
        </div>
        <h1 class="home__title">Zapis</h1>
        <p class="home__tagline">{t().home.tagline}</p>
      </header>

      <nav class="home__choices">
        <A href="/master" class="button home__choice">
          <span class="home__choice-text">
            <span class="home__choice-title">{t().home.forMaster}</span>
            <span class="home__choice-hint">{t().home.forMasterHint}</span>
          </span>
          <Chevron />
        </A>
        <A href="/client" class="button home__choice">
          <span class="home__choice-text">
            <span class="home__choice-title">{t().home.forClient}</span>
            <span class="home__choice-hint">{t().home.forClientHint}</span>
          </span>
          <Chevron />
        </A>
      </nav>
    </section>
  );
}

function Chevron() {
  return (
    <svg
      class="home__chevron"
      viewBox="0 0 24 24"
      width="22"
      height="22"
      fill="none"
      stroke="currentColor"
      stroke-width="2.2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
    >
      <path d="m9 5 7 7-7 7" />
    </svg>
  );
}
