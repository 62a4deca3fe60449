import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_TOKEN, close, haveChromium, launchChromium, open, screenshot } from './browser.js';
import { type RunningServer, startServer } from './server.js';

const ADMIN_KEY = 'e2e-operator-key-0123456789abcdef';
const DESKTOP = { width: 1440, height: 900 };

/** Counts straight from the server's database over the dashboard's default range: the last 14 UTC days. */
async function expectedCounts(db: pg.Client) {
  const range = `>= (now() AT TIME ZONE 'UTC')::date - 13`;
  const one = async (sql: string) => (await db.query<{ n: number }>(`SELECT (${sql})::int AS n`)).rows[0]!.n;
  const stage = (name: string) =>
    one(`SELECT count(*) FROM webapp_events WHERE stage = '${name}' AND (occurred_at AT TIME ZONE 'UTC')::date ${range}`);
  return {
    started: await one(`SELECT count(*) FROM masters WHERE (created_at AT TIME ZONE 'UTC')::date ${range}`),
    activated: await one(`SELECT count(*) FROM masters WHERE (profile_completed_at AT TIME ZONE 'UTC')::date ${range}`),
    appOpened: await stage('APP_OPENED'),
    searches: await stage('SEARCH'),
    slotViews: await stage('SLOT_VIEWED'),
    clientBookings: await one(`SELECT count(*) FROM bookings WHERE source = 'CLIENT' AND (created_at AT TIME ZONE 'UTC')::date ${range}`),
    partnerPulls: await one(`SELECT count(*) FROM segment_pulls WHERE (pulled_at AT TIME ZONE 'UTC')::date ${range}`),
  };
}

describe.skipIf(!haveChromium)('the operator dashboard (/ops)', () => {
  let server: RunningServer;
  let browser: Browser;
  let db: pg.Client;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startServer({ TELEGRAM_BOT_TOKEN: BOT_TOKEN, NODE_ENV: 'test', ADMIN_API_KEY: ADMIN_KEY }),
      launchChromium(),
    ]);
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    // The demo data has masters but no app traffic: what the mini-app and a partner would have left, today and yesterday.
    await db.query(`
      INSERT INTO webapp_events (stage, occurred_at)
      SELECT stage::"WebAppStage", now() - make_interval(days => day)
      FROM (VALUES ('APP_OPENED', 0, 9), ('APP_OPENED', 1, 5), ('AUTH_OK', 0, 8), ('SEARCH', 0, 6), ('SEARCH', 1, 2),
                   ('SLOT_VIEWED', 0, 4), ('BOOKING_CREATED', 0, 2), ('CLIENT_ERROR', 1, 1)) AS counts(stage, day, n),
           generate_series(1, n)`);
    await db.query(`
      WITH partner AS (INSERT INTO partners (name, pseudonym_key) VALUES ('E2E partner', '\\x00') RETURNING id),
           key AS (INSERT INTO partner_api_keys (partner_id, prefix, key_hash, city_ids, service_ids, expires_at)
                   SELECT id, 'zp_e2e', '\\x01', ARRAY[gen_random_uuid()], ARRAY[gen_random_uuid()], now() + interval '1 day' FROM partner
                   RETURNING id, partner_id, prefix)
      INSERT INTO segment_pulls (partner_id, key_id, key_prefix, operation, filter, members_count, contacts_count, withheld, pulled_at)
      SELECT partner_id, id, prefix, 'segment', '{}', 12, 0, false, now() - make_interval(days => day)
      FROM key, (VALUES (0), (0), (2)) AS pulls(day)`);
  });

  afterAll(async () => {
    await db?.end();
    await browser?.close();
    await server?.stop();
  });

  const number = async (page: Page, selector: string) => Number(await page.locator(selector).first().textContent());

  it('asks for the key, refuses a wrong one, then shows the funnel the database holds; a reload keeps the session', async () => {
    const page = await open(browser, `${server.origin}/ops`, { viewport: DESKTOP });
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));

    // Without the key: the form, and no numbers.
    await page.getByLabel('Key').waitFor();
    expect(await page.locator('.ops-dashboard').count()).toBe(0);

    await page.getByLabel('Key').fill(`${ADMIN_KEY}-wrong`);
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
    await page.getByText('The key was refused').waitFor();
    await screenshot(page, 'ops-key-refused');
    expect(await page.locator('.ops-dashboard').count()).toBe(0);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

    await page.getByLabel('Key').fill(ADMIN_KEY);
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
    await page.locator('.ops-dashboard').waitFor();

    const expected = await expectedCounts(db);
    expect(expected).toMatchObject({ appOpened: 14, searches: 8, slotViews: 4, partnerPulls: 3 });
    expect(expected.started).toBeGreaterThan(0);
    const step = (funnel: string, label: string) => number(page, `[data-funnel="${funnel}"] [data-step="${label}"]`);
    expect({
      started: await step('registrations', 'Registrations started'),
      activated: await step('registrations', 'Activated (completed)'),
      appOpened: await step('clients', 'App opens'),
      searches: await step('clients', 'Searches'),
      slotViews: await step('clients', 'Slot views'),
      clientBookings: await step('clients', 'Bookings by clients'),
      partnerPulls: await number(page, '[data-metric="partnerPulls"][data-total]'),
    }).toEqual(expected);
    expect(await step('stages', 'client_error')).toBe(1);
    expect(await step('stages', 'auth_ok')).toBe(8);
    expect(await page.locator('[data-metric="partnerPulls"][data-date]').allTextContents()).toHaveLength(14);

    // Four uPlot charts, each drawn (its canvas has painted pixels).
    const painted = await page.locator('.ops-chart canvas').evaluateAll((canvases) =>
      canvases.map((canvas) => {
        const { width, height } = canvas as HTMLCanvasElement;
        const pixels = (canvas as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, width, height).data;
        return pixels.some((value, index) => index % 4 === 3 && value > 0);
      }),
    );
    expect(painted).toEqual([true, true, true, true]);
    await screenshot(page, 'ops-dashboard');

    // A reload in the same tab: straight to the numbers.
    await page.reload();
    await page.locator('.ops-dashboard').waitFor();
    expect(await page.getByLabel('Key').count()).toBe(0);
    expect(await step('clients', 'App opens')).toBe(expected.appOpened);

    // The key stays in the tab's session: never in a URL, nor in localStorage.
    expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual([ADMIN_KEY]);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    expect([page.url(), ...requested].filter((url) => url.includes(ADMIN_KEY.slice(0, 12)))).toEqual([]);
    expect(page.url()).toBe(`${server.origin}/ops`);

    // Forgetting the key asks for it again.
    await page.getByRole('button', { name: 'Forget the key' }).click();
    await page.getByLabel('Key').waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await close(page);
  });

  it('the funnel itself refuses a request without the key', async () => {
    const response = await fetch(`${server.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ funnel(from: "2030-01-01", to: "2030-01-02") { from } }' }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    expect([response.status, body.data ?? null, body.errors?.[0]?.extensions?.code]).toEqual([401, null, 'UNAUTHENTICATED']);
  });
});
