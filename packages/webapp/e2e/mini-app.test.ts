import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_TOKEN, close, darkTheme, haveChromium, launchChromium, launchUrl, lightTheme, open, screenshots } from './browser.js';
import { type RunningServer, startServer } from './server.js';

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

/** The file names of the app's scripts the page has downloaded so far. */
async function loadedScripts(page: Page): Promise<string[]> {
  const urls = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
  return urls
    .map((url) => new URL(url).pathname)
    .filter((pathname) => /^\/assets\/.+\.js$/.test(pathname))
    .map((pathname) => path.basename(pathname));
}

describe.skipIf(!haveChromium)('the mini-app in Chromium, launched by Telegram', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    await mkdir(screenshots, { recursive: true });
    [server, browser] = await Promise.all([startServer({ TELEGRAM_BOT_TOKEN: BOT_TOKEN, NODE_ENV: 'test' }), launchChromium()]);
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
    // A client's launch downloads none of the master's code, not even the master's route table.
    const scripts = await loadedScripts(page);
    expect(scripts.some((file) => file.startsWith('ClientPage-'))).toBe(true);
    expect(scripts.filter((file) => /^(masterRoutes|Master)/.test(file))).toEqual([]);
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
    await page.getByText("Bob, let's set up your profile").waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe('/master/register/phone');
    await page.screenshot({ path: path.join(screenshots, 'master-en-dark.png'), fullPage: true });
    await close(page);
  });

  it("reaches the master's pages from the home page, downloading the master's routes only then", async () => {
    const page = await open(browser, launchUrl(server.origin, '/', { id: 464646, first_name: 'Carol', language_code: 'en' }, lightTheme));
    await page.getByRole('link', { name: /For master/ }).waitFor({ timeout: 20_000 });
    expect((await loadedScripts(page)).filter((file) => file.startsWith('masterRoutes-'))).toEqual([]);
    await page.getByRole('link', { name: /For master/ }).click();
    await page.getByText("Carol, let's set up your profile").waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe('/master/register/phone');
    expect((await loadedScripts(page)).filter((file) => file.startsWith('masterRoutes-'))).toHaveLength(1);
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
    // A Russian device: the language chosen in the picker, not the device's, decides the texts.
    const page = await open(browser, `${server.origin}/client`, { locale: 'ru-RU' });
    await page.getByText('Вход для разработки').waitFor();
    await page.getByRole('radio', { name: 'English' }).click();
    const clientButton = page.getByRole('button', { name: /Мария/ });
    await clientButton.waitFor();
    await page.screenshot({ path: path.join(screenshots, 'dev-picker.png'), fullPage: true });
    await clientButton.click();

    await page.getByText('Moscow', { exact: true }).first().waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe('/client');
    expect(await page.locator('body').innerText()).toContain('Мария');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByText('Find a master and book a free time.').waitFor();

    await page.reload();
    await page.getByText('Moscow', { exact: true }).first().waitFor({ timeout: 20_000 });
    expect(await page.getByRole('button', { name: /Мария/ }).count()).toBe(0);
    await page.screenshot({ path: path.join(screenshots, 'dev-signed-in-client.png'), fullPage: true });
    await close(page);
  });

  it('serves GraphiQL, which works under its Content-Security-Policy', async () => {
    const page = await open(browser, `${server.origin}/graphql`);
    // GraphiQL is a desktop tool: the result pane needs the width.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.locator('.graphiql-container').first().waitFor({ timeout: 20_000 });
    await page.getByText('query Cities').first().waitFor();
    // Several operations: the run button asks which one.
    await page.getByRole('button', { name: /Execute query/ }).click();
    await page.getByRole('menuitem', { name: 'Cities' }).click();
    await page.getByText('Europe/Moscow').first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(screenshots, 'graphiql.png') });
    await close(page);
  });

  it('signs in as the demo master, whom the API knows as an active master', async () => {
    const page = await open(browser, `${server.origin}/master`);
    await page.getByRole('button', { name: /Анна/ }).click();
    await page.waitForURL('**/master/calendar', { timeout: 20_000 });
    await page.getByRole('heading', { name: /Календарь|Calendar/ }).waitFor();
    await page.screenshot({ path: path.join(screenshots, 'dev-signed-in-master.png'), fullPage: true });
    await close(page);
  });
});
