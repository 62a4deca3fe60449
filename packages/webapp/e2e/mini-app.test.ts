import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sign } from '@tma.js/init-data-node';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './server.js';

const BOT_TOKEN = '123456789:E2E-token-for-zapis-browser-tests_0123';
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results');

// A developer machine without Chromium skips this file with a notice; CI must have it.
const haveChromium = existsSync(chromiumPath);
if (!haveChromium && process.env.CI) throw new Error(`Chromium not found at ${chromiumPath}`);
if (!haveChromium) console.warn(`Skipping browser tests: no Chromium at ${chromiumPath} (apt-get install chromium)`);

interface Theme {
  bg_color: string;
  text_color: string;
  hint_color: string;
  link_color: string;
  button_color: string;
  button_text_color: string;
  secondary_bg_color: string;
}

const darkTheme: Theme = {
  bg_color: '#1b1f2a',
  text_color: '#f4f4f5',
  hint_color: '#8b93a7',
  link_color: '#6ab3f3',
  button_color: '#e8743b',
  button_text_color: '#ffffff',
  secondary_bg_color: '#232838',
};

const lightTheme: Theme = {
  bg_color: '#fdf6ec',
  text_color: '#1d1d1f',
  hint_color: '#7d7d85',
  link_color: '#2a7ae2',
  button_color: '#3390ec',
  button_text_color: '#ffffff',
  secondary_bg_color: '#f1e9dc',
};

/** The URL Telegram opens: launch parameters in the hash, init data signed for the bot. */
function launchUrl(origin: string, route: string, user: { id: number; first_name: string; language_code: string }, theme: Theme) {
  const initData = sign({ user, chat_type: 'sender', chat_instance: '-1001' }, BOT_TOKEN, new Date());
  const params = new URLSearchParams({
    tgWebAppData: initData,
    tgWebAppVersion: '8.0',
    tgWebAppPlatform: 'tdesktop',
    tgWebAppThemeParams: JSON.stringify(theme),
  });
  return `${origin}${route}#${params.toString()}`;
}

function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

async function cityNames(origin: string, language: string): Promise<string[]> {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': language },
    body: JSON.stringify({ query: '{ cities(first: 5) { edges { node { name } } } }' }),
  });
  const body = (await response.json()) as { data: { cities: { edges: { node: { name: string } }[] } } };
  return body.data.cities.edges.map((edge) => edge.node.name);
}

function launchChromium(): Promise<Browser> {
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

/** Uncaught errors of each page; a page that threw fails its test when closed. */
const pageErrors = new WeakMap<Page, string[]>();

async function open(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return page;
}

async function close(page: Page) {
  await page.close();
  expect(pageErrors.get(page)).toEqual([]);
}

describe.skipIf(!haveChromium)('the mini-app in Chromium, launched by Telegram', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    await mkdir(screenshots, { recursive: true });
    [server, browser] = await Promise.all([
      startServer({ TELEGRAM_BOT_TOKEN: BOT_TOKEN, NODE_ENV: 'test' }),
      launchChromium(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('renders /client with the injected dark theme, in English, with cities from the API', async () => {
    const [firstCity] = await cityNames(server.origin, 'en');
    expect(firstCity).toBe('Moscow');
    const page = await open(
      browser,
      launchUrl(server.origin, '/client', { id: 424242, first_name: 'Alice', language_code: 'en' }, darkTheme),
    );
    await page.getByText(firstCity!, { exact: true }).first().waitFor({ timeout: 20_000 });

    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(rgb(darkTheme.bg_color));
    expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe(rgb(darkTheme.text_color));
    expect(await page.content()).toContain('Alice');
    await page.screenshot({ path: path.join(screenshots, 'client-en-dark.png'), fullPage: true });
    await close(page);
  });

  it('renders /client in Russian with the light theme for a Russian-speaking user', async () => {
    const [firstCity] = await cityNames(server.origin, 'ru');
    expect(firstCity).toBe('Москва');
    const page = await open(
      browser,
      launchUrl(server.origin, '/client', { id: 434343, first_name: 'Мария', language_code: 'ru' }, lightTheme),
    );
    await page.getByText(firstCity!, { exact: true }).first().waitFor({ timeout: 20_000 });

    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(rgb(lightTheme.bg_color));
    expect(await page.locator('body').innerText()).not.toContain('Moscow');
    await page.screenshot({ path: path.join(screenshots, 'client-ru-light.png'), fullPage: true });
    await close(page);
  });

  it('serves client-side routes such as /master from the built app', async () => {
    const page = await open(
      browser,
      launchUrl(server.origin, '/master', { id: 454545, first_name: 'Bob', language_code: 'en' }, darkTheme),
    );
    await page.getByText('Bob').first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(screenshots, 'master-en-dark.png'), fullPage: true });
    await close(page);
  });

  it('with a real bot token, a plain browser gets no test-user picker', async () => {
    const response = await fetch(`${server.origin}/dev/test-users`);
    expect(response.status).not.toBe(200);
    const page = await open(browser, `${server.origin}/client`);
    await page.getByText(/Open this app from Telegram|Откройте приложение в\sTelegram/).waitFor();
    expect(await page.locator('body').innerText()).not.toMatch(/test user|тестов/i);
    await page.screenshot({ path: path.join(screenshots, 'plain-browser.png'), fullPage: true });
    await close(page);
  });
});

describe.skipIf(!haveChromium)('the mini-app in a plain browser, in development', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    // No TELEGRAM_BOT_TOKEN: the server signs init data for test users with a random token.
    [server, browser] = await Promise.all([startServer({ NODE_ENV: 'development' }), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('offers the test-user picker and signs in as the chosen user on the route that was opened', async () => {
    const page = await open(browser, `${server.origin}/client`);
    await page.getByRole('radio', { name: 'English' }).click();
    const clientButton = page.getByRole('button', { name: /Мария/ });
    await clientButton.waitFor();
    await page.screenshot({ path: path.join(screenshots, 'dev-picker.png'), fullPage: true });
    await clientButton.click();

    await page.getByText('Moscow', { exact: true }).first().waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe('/client');
    expect(await page.locator('body').innerText()).toContain('Мария');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    await page.reload();
    await page.getByText('Moscow', { exact: true }).first().waitFor({ timeout: 20_000 });
    expect(await page.getByRole('button', { name: /Мария/ }).count()).toBe(0);
    await page.screenshot({ path: path.join(screenshots, 'dev-signed-in-client.png'), fullPage: true });
    await close(page);
  });

  it('signs in as the demo master, whom the API knows as an active master', async () => {
    const page = await open(browser, `${server.origin}/master`);
    await page.getByRole('button', { name: /Анна/ }).click();
    await page.getByText(/Профиль активен|Profile is active/i).first().waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe('/master');
    await page.screenshot({ path: path.join(screenshots, 'dev-signed-in-master.png'), fullPage: true });
    await close(page);
  });
});
