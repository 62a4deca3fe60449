import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sign } from '@tma.js/init-data-node';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** The bot token the browser tests' server verifies init data with. */
export const BOT_TOKEN = '123456789:E2E-token-for-zapis-browser-tests_0123';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where screenshots go: packages/webapp/test-results/. */
export const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results');

// A developer machine without Chromium skips the browser tests with a notice; CI must have it.
export const haveChromium = existsSync(chromiumPath);
if (!haveChromium && process.env.CI) throw new Error(`Chromium not found at ${chromiumPath}`);
if (!haveChromium) console.warn(`Skipping browser tests: no Chromium at ${chromiumPath} (apt-get install chromium)`);

export interface Theme {
  bg_color: string;
  text_color: string;
  hint_color: string;
  link_color: string;
  button_color: string;
  button_text_color: string;
  secondary_bg_color: string;
}

export const darkTheme: Theme = {
  bg_color: '#1b1f2a',
  text_color: '#f4f4f5',
  hint_color: '#8b93a7',
  link_color: '#6ab3f3',
  button_color: '#e8743b',
  button_text_color: '#ffffff',
  secondary_bg_color: '#232838',
};

export const lightTheme: Theme = {
  bg_color: '#fdf6ec',
  text_color: '#1d1d1f',
  hint_color: '#7d7d85',
  link_color: '#2a7ae2',
  button_color: '#3390ec',
  button_text_color: '#ffffff',
  secondary_bg_color: '#f1e9dc',
};

export interface TelegramUser {
  id: number;
  first_name: string;
  last_name?: string;
  language_code: string;
  username?: string;
}

/** Init data as Telegram signs it for the bot: what the app sends as `Authorization: tma …`. */
export function signedInitData(user: TelegramUser): string {
  return sign({ user, chat_type: 'sender', chat_instance: '-1001' }, BOT_TOKEN, new Date());
}

/** The URL Telegram opens: launch parameters in the hash, init data signed for the bot. */
export function launchUrl(origin: string, route: string, user: TelegramUser, theme: Theme): string {
  const params = new URLSearchParams({
    tgWebAppData: signedInitData(user),
    tgWebAppVersion: '8.0',
    tgWebAppPlatform: 'tdesktop',
    tgWebAppThemeParams: JSON.stringify(theme),
  });
  return `${origin}${route}#${params.toString()}`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Uncaught errors and CSP violations of each page; a page with any fails its test when closed. */
const pageErrors = new WeakMap<Page, string[]>();

/**
 * A phone-sized page at `url` (or `viewport`'s size); `timezoneId` and `locale` set the device's own. Without motion, so
 * that screenshots never catch a transition halfway.
 */
export async function open(
  browser: Browser,
  url: string,
  options: { timezoneId?: string; locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    reducedMotion: 'reduce',
    ...options,
  });
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
  // Anything the server's Content-Security-Policy blocks fails the test as well: Chromium reports
  // it as a `securitypolicyviolation` event and on the console (workers' reports only there).
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) errors.push(message.text());
  });
  await page.exposeFunction('reportCspViolation', (violation: string) => errors.push(`CSP violation: ${violation}`));
  await page.addInitScript(() => {
    const page = globalThis as unknown as { reportCspViolation: (violation: string) => void };
    document.addEventListener('securitypolicyviolation', (event) =>
      page.reportCspViolation(
        `${event.effectiveDirective} blocked ${event.blockedURI || 'inline code'} (${event.sourceFile}:${event.lineNumber})`,
      ),
    );
  });
  await page.goto(url);
  return page;
}

/**
 * A screenshot of the whole page as a phone that tall would show it: the viewport grows to the
 * page's height first, so that sticky bars sit where they belong instead of mid-page.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 390, height: 844 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  await page.screenshot({ path: path.join(screenshots, `${name}.png`) });
  await page.setViewportSize(viewport);
}

export async function close(page: Page): Promise<void> {
  await page.close();
  expect(pageErrors.get(page)).toEqual([]);
}
