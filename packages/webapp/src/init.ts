// The only module that talks to the Telegram SDK.
import {
  backButton,
  downloadFile,
  emitEvent,
  hapticFeedback,
  initData,
  init as initSDK,
  isTMA,
  mainButton,
  miniApp,
  mockTelegramEnv,
  openLink,
  openTelegramLink,
  requestContact,
  retrieveLaunchParams,
  type ThemeParamsType,
  themeParams,
  useSignal,
  viewport,
} from '@tma.js/sdk-solid';
import { type Accessor, createEffect, createRoot, createSignal, onCleanup } from 'solid-js';

export interface TelegramSession {
  /** Sent as `Authorization: tma <initDataRaw>`; Telegram omits init data in some launch modes. */
  initDataRaw: string | undefined;
  firstName: string | undefined;
  languageCode: string | undefined;
  /**
   * The `startapp` parameter of the link that opened the app, from the signed init data (the
   * server verifies it with the rest), not from the launch URL, which anyone can edit.
   */
  startParam: string | undefined;
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

const [simulated, setSimulated] = createSignal(false);

/**
 * True when no Telegram client is around and the app imitates one (development test users, a
 * launch URL opened in a plain browser): Telegram's own buttons are then drawn by the app.
 */
export const isSimulatedTelegram: Accessor<boolean> = simulated;

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
  setSimulated(true);
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
    setSimulated(true);
  }

  // Telegram's web clients may send styles for the page (set_custom_style), which the SDK would put
  // in an inline <style>: the server's Content-Security-Policy allows no inline style, so none is made.
  initSDK({ acceptCustomStyles: false });
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
  followBackHandlers();
  mainButton.mount.ifAvailable();

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
    startParam: initData.startParam(),
  };
}

/** Telegram's platform code from the launch parameters (ios, android, tdesktop…); undefined outside Telegram. */
export function launchPlatform(): string | undefined {
  try {
    return retrieveLaunchParams().tgWebAppPlatform;
  } catch {
    return undefined;
  }
}

/** Tells Telegram to replace its loading placeholder with the app. */
export function markReady(): void {
  miniApp.ready.ifAvailable();
}

interface BackHandler {
  isVisible: Accessor<boolean>;
  onBack: () => void;
}

/** Who owns the back button: the latest handler, e.g. an open sheet above the page's navigation. */
const [backHandlers, setBackHandlers] = createSignal<readonly BackHandler[]>([]);

/** Drives the back button from the topmost handler; set up once the button is mounted. */
function followBackHandlers(): void {
  createRoot(() => {
    createEffect(() => {
      const top = backHandlers().at(-1);
      if (top?.isVisible()) backButton.show.ifAvailable();
      else backButton.hide.ifAvailable();
    });
  });
  backButton.onClick.ifAvailable(() => backHandlers().at(-1)?.onBack());
}

/**
 * Shows Telegram's back button while `isVisible` holds and calls `onBack` when it is pressed. A
 * later caller (a sheet opened over a page) takes the button over until it is cleaned up.
 */
export function useBackButton(isVisible: Accessor<boolean>, onBack: () => void): void {
  const handler: BackHandler = { isVisible, onBack };
  setBackHandlers((handlers) => [...handlers, handler]);
  onCleanup(() => setBackHandlers((handlers) => handlers.filter((other) => other !== handler)));
}

export interface MainButtonOptions {
  text: Accessor<string>;
  onClick: () => void;
  /** Shows Telegram's spinner on the button and ignores presses meanwhile. */
  loading?: Accessor<boolean>;
  enabled?: Accessor<boolean>;
  visible?: Accessor<boolean>;
}

/** The component whose options the main button shows; the latest one to show it wins. */
let mainButtonOwner: symbol | undefined;

/**
 * Telegram's MainButton for as long as the calling component lives. When one screen replaces
 * another, the new screen's button stays whichever of the two is set up or cleaned up first.
 */
export function useMainButton(options: MainButtonOptions): void {
  const owner = Symbol('main button owner');
  const loading = () => options.loading?.() ?? false;
  const enabled = () => options.enabled?.() ?? true;

  createEffect(() => {
    const isVisible = options.visible?.() ?? true;
    if (isVisible) mainButtonOwner = owner;
    else if (mainButtonOwner !== owner) return;
    mainButton.setParams.ifAvailable({
      text: options.text(),
      isVisible,
      isEnabled: enabled() && !loading(),
      isLoaderVisible: loading(),
    });
  });

  const subscription = mainButton.onClick.ifAvailable(() => {
    if (mainButtonOwner === owner && enabled() && !loading()) options.onClick();
  });
  if (subscription.ok) onCleanup(subscription.data);
  onCleanup(() => {
    if (mainButtonOwner !== owner) return;
    mainButtonOwner = undefined;
    mainButton.setParams.ifAvailable({ isVisible: false, isLoaderVisible: false });
  });
}

/** What the app draws in place of Telegram's buttons when it only imitates a Telegram client. */
export function useSimulatedButtons() {
  const main = useSignal(mainButton.state);
  const backVisible = useSignal(backButton.isVisible);
  return {
    mainButton: main,
    backButtonVisible: backVisible,
    pressMainButton: () => emitEvent('main_button_pressed'),
    pressBackButton: () => emitEvent('back_button_pressed'),
  };
}

export type SharedContact = { status: 'shared'; phone: string } | { status: 'declined' };

/** Whether this Telegram client can share the user's contact (phone number) with the app. */
export function canShareContact(): boolean {
  return requestContact.isAvailable();
}

/**
 * Asks Telegram to share the user's own contact. Telegram sends it to the bot as well, which is
 * what the API trusts; the number returned here is only good for filling in the form.
 */
export async function shareContact(): Promise<SharedContact> {
  try {
    const { contact } = await requestContact();
    return { status: 'shared', phone: contact.phone_number };
  } catch (error) {
    console.info('The contact was not shared', error);
    return { status: 'declined' };
  }
}

/**
 * Opens a link the way Telegram does: a t.me link in Telegram itself, any other in the browser
 * Telegram offers. False when no Telegram client is around to open it (a plain browser, a
 * simulated client): the caller then follows the link as a normal one.
 */
export function openLinkInTelegram(url: string): boolean {
  if (isSimulatedTelegram()) return false;
  const opened = /^https:\/\/t\.me\//.test(url) ? openTelegramLink.ifAvailable(url) : openLink.ifAvailable(url);
  return opened.ok;
}

/**
 * Offers a file the way Telegram does: its own prompt to save it (Mini Apps 8.0 and later), which
 * works where a link to a file in Telegram's web view would not. False when this client cannot (an
 * older one, a plain browser, a simulated client): the caller then opens the file as a link.
 */
export function downloadInTelegram(url: string, fileName: string): boolean {
  if (isSimulatedTelegram() || !downloadFile.isAvailable()) return false;
  downloadFile(url, fileName).catch((error: unknown) => console.info('The file was not downloaded', error));
  return true;
}

/** A short vibration confirming success or signalling a problem, where the device supports it. */
export function notifyHaptic(type: 'success' | 'error' | 'warning'): void {
  hapticFeedback.notificationOccurred.ifAvailable(type);
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
      // Nobody is there to share a contact with.
      case 'web_app_request_phone':
        return emitEvent('phone_requested', { status: 'cancelled' });
      case 'web_app_invoke_custom_method':
        return emitEvent('custom_method_invoked', {
          req_id: (event.params as { req_id: string }).req_id,
          error: 'UNSUPPORTED',
        });
      default:
        return next();
    }
  };
}
