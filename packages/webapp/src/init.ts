// The only module that talks to the Telegram SDK.
import {
  backButton,
  emitEvent,
  init as initSDK,
  initData,
  isTMA,
  miniApp,
  mockTelegramEnv,
  retrieveLaunchParams,
  themeParams,
  viewport,
  type ThemeParamsType,
} from '@tma.js/sdk-solid';
import { createEffect, onCleanup, type Accessor } from 'solid-js';

export interface TelegramSession {
  /** Sent as `Authorization: tma <initDataRaw>`; Telegram omits init data in some launch modes. */
  initDataRaw: string | undefined;
  firstName: string | undefined;
  languageCode: string | undefined;
}

/** Telegram's default light palette, used for development test users. */
const LIGHT_THEME: ThemeParamsType = {
  accent_text_color: '#168acd',
  bg_color: '#ffffff',
  bottom_bar_bg_color: '#ffffff',
  button_color: '#40a7e3',
  button_text_color: '#ffffff',
  destructive_text_color: '#d14e4e',
  header_bg_color: '#ffffff',
  hint_color: '#999999',
  link_color: '#168acd',
  secondary_bg_color: '#f1f1f1',
  section_bg_color: '#ffffff',
  section_header_text_color: '#168acd',
  section_separator_color: '#e7e7e7',
  subtitle_text_color: '#999999',
  text_color: '#000000',
};

const SDK_STORAGE_PREFIX = 'tapps/';

/** True when Telegram launch parameters are found in the URL or were kept from this tab's launch. */
export function hasLaunchParams(): boolean {
  return isTMA();
}

/** True when the current URL itself carries launch parameters (a fresh launch, not a reload). */
export function hasLaunchParamsInUrl(): boolean {
  return /[#?&]tgWebAppData=/.test(window.location.href);
}

/**
 * Forgets the launch parameters and component state the SDK keeps in sessionStorage to survive
 * page reloads, so that a reload no longer counts as a Telegram launch.
 */
export function forgetTelegramLaunch(): void {
  for (const key of Object.keys(sessionStorage)) {
    if (key.startsWith(SDK_STORAGE_PREFIX)) sessionStorage.removeItem(key);
  }
}

/** Imitates a Telegram client for a development test user whose init data the API signed. */
export function mockTelegramForTestUser(initDataRaw: string): void {
  mockTelegramEnv({
    launchParams: {
      tgWebAppData: initDataRaw,
      tgWebAppThemeParams: LIGHT_THEME,
      tgWebAppVersion: '8.0',
      tgWebAppPlatform: 'tdesktop',
    },
    onEvent: answerLocally(LIGHT_THEME),
  });
}

let session: Promise<TelegramSession> | undefined;

/** Initialises the SDK once and mounts the components the app relies on. */
export function startTelegram(): Promise<TelegramSession> {
  session ??= start();
  return session;
}

async function start(): Promise<TelegramSession> {
  const launchParams = retrieveLaunchParams();
  // Launch parameters without a Telegram client around (a plain browser given a launch URL):
  // answer the client's requests here so that the SDK works the same way.
  if (!(await isTMA('complete', { timeout: 1000 }))) {
    mockTelegramEnv({ onEvent: answerLocally(launchParams.tgWebAppThemeParams) });
  }

  initSDK();
  initData.restore();

  themeParams.mount();
  themeParams.bindCssVars();
  const applyColorScheme = () => {
    document.documentElement.style.colorScheme = themeParams.isDark() ? 'dark' : 'light';
  };
  applyColorScheme();
  themeParams.isDark.sub(applyColorScheme);

  if (miniApp.mount.isAvailable()) {
    miniApp.mount();
    miniApp.bindCssVars();
  }
  backButton.mount.ifAvailable();

  if (viewport.mount.isAvailable()) {
    viewport
      .mount({ timeout: 5000 })
      .then(() => {
        viewport.bindCssVars();
        viewport.expand.ifAvailable();
      })
      .catch((error: unknown) => {
        console.warn('Telegram viewport is unavailable; using browser metrics', error);
      });
  }

  const user = initData.user();
  return {
    initDataRaw: initData.raw(),
    firstName: user?.first_name,
    languageCode: user?.language_code,
  };
}

/** Tells Telegram to replace its loading placeholder with the app. */
export function markReady(): void {
  miniApp.ready.ifAvailable();
}

/** Shows Telegram's back button while `isVisible` holds and calls `onBack` when it is pressed. */
export function useBackButton(isVisible: Accessor<boolean>, onBack: () => void): void {
  createEffect(() => {
    if (isVisible()) backButton.show.ifAvailable();
    else backButton.hide.ifAvailable();
  });
  const subscription = backButton.onClick.ifAvailable(onBack);
  if (subscription.ok) onCleanup(subscription.data);
}

type MethodCallHandler = NonNullable<NonNullable<Parameters<typeof mockTelegramEnv>[0]>['onEvent']>;

/** Answers the requests the SDK sends while mounting, the way a Telegram client would. */
function answerLocally(theme: ThemeParamsType): MethodCallHandler {
  const noInsets = { top: 0, bottom: 0, left: 0, right: 0 };
  return (event, next) => {
    switch (event.name) {
      case 'web_app_request_theme':
        return emitEvent('theme_changed', { theme_params: theme });
      case 'web_app_request_viewport':
        return emitEvent('viewport_changed', {
          height: window.innerHeight,
          width: window.innerWidth,
          is_expanded: true,
          is_state_stable: true,
        });
      case 'web_app_request_safe_area':
        return emitEvent('safe_area_changed', noInsets);
      case 'web_app_request_content_safe_area':
        return emitEvent('content_safe_area_changed', noInsets);
      default:
        return next();
    }
  };
}
