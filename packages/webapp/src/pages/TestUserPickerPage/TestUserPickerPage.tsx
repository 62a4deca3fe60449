import { createSignal, For, Show } from 'solid-js';
import { Page } from '../../components/Page/Page.tsx';
import { applyLocale, type Locale, locale, t } from '../../i18n/index.ts';
import { type Launch, signInAsTestUser } from '../../launch.ts';
import type { TestUser, TestUserKey } from '../../testUsers.ts';
import './TestUserPickerPage.css';

const LANGUAGES: { locale: Locale; label: string }[] = [
  { locale: 'ru', label: 'Русский' },
  { locale: 'en', label: 'English' },
];

interface TestUserPickerPageProps {
  users: TestUser[];
  onSignedIn: (launch: Launch) => Promise<void>;
}

/** Development only: choose whom to sign in as when the app is opened outside Telegram. */
export function TestUserPickerPage(props: TestUserPickerPageProps) {
  const [signingIn, setSigningIn] = createSignal<TestUserKey>();
  const [failed, setFailed] = createSignal(false);

  const pick = async (user: TestUser) => {
    setSigningIn(user.key);
    setFailed(false);
    try {
      await props.onSignedIn(await signInAsTestUser({ key: user.key, languageCode: locale() }));
    } catch (error) {
      console.error('Signing in as a test user failed', error);
      setFailed(true);
      setSigningIn(undefined);
    }
  };

  return (
    <div class="picker">
      <Page title={t().testUsers.title} subtitle={t().testUsers.intro}>
        <div class="section">
          <h2 class="section__header" id="picker-language">
            {t().testUsers.language}
          </h2>
          <div class="segmented" role="radiogroup" aria-labelledby="picker-language">
            <For each={LANGUAGES}>
              {(language) => (
                <button
                  type="button"
                  role="radio"
                  class="segmented__option"
                  aria-checked={locale() === language.locale}
                  onClick={() => applyLocale(language.locale)}
                >
                  {language.label}
                </button>
              )}
            </For>
          </div>
        </div>

        <ul class="picker__users">
          <For each={props.users}>
            {(user) => (
              <li>
                <button
                  type="button"
                  class="card picker__user"
                  disabled={signingIn() !== undefined}
                  aria-busy={signingIn() === user.key}
                  onClick={() => void pick(user)}
                >
                  <span class="avatar" aria-hidden="true">
                    {user.firstName.charAt(0).toUpperCase()}
                  </span>
                  <span class="picker__user-text">
                    <span class="picker__user-name">
                      {[user.firstName, user.lastName].filter(Boolean).join(' ')}
                      <span class="picker__user-key">{user.key}</span>
                    </span>
                    <Show when={user.username}>
                      <span class="hint">@{user.username}</span>
                    </Show>
                    <span class="picker__user-description">{user.description}</span>
                  </span>
                  <Show when={signingIn() === user.key}>
                    <span class="picker__spinner" aria-hidden="true" />
                  </Show>
                </button>
              </li>
            )}
          </For>
        </ul>

        <Show when={failed()}>
          <p class="picker__error" role="alert">
            {t().testUsers.failed}
          </p>
        </Show>
      </Page>
    </div>
  );
}
