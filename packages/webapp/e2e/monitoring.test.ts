import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_TOKEN, close, haveChromium, launchChromium, launchUrl, lightTheme, open } from './browser.js';
import { type RunningServer, startServer } from './server.js';

interface EventRow {
  stage: string;
  telegram_id: string | null;
  platform: string | null;
  app_version: string | null;
  path: string | null;
  details: Record<string, unknown> | null;
}

describe.skipIf(!haveChromium)('the mini-app reports its stages', () => {
  let server: RunningServer;
  let browser: Browser;
  let db: pg.Client;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ TELEGRAM_BOT_TOKEN: BOT_TOKEN, NODE_ENV: 'test' }), launchChromium()]);
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await browser?.close();
    await server?.stop();
  });

  /** The events stored for `where` once at least `count` arrived (beacons are sent in the background). */
  async function eventsOnceThere(where: string, params: unknown[], count: number): Promise<EventRow[]> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { rows } = await db.query<EventRow>(
        `SELECT stage, telegram_id::text, platform, app_version, path, details FROM webapp_events WHERE ${where} ORDER BY id`,
        params,
      );
      if (rows.length >= count || Date.now() > deadline) return rows;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('app_opened and auth_ok with the verified user, the platform and the path, when Telegram opens it', async () => {
    const user = { id: 515151, first_name: 'Ирина', language_code: 'ru' };
    const page = await open(browser, launchUrl(server.origin, '/client', user, lightTheme));

    const rows = await eventsOnceThere('telegram_id = $1', [user.id], 2);
    await close(page);

    expect(rows.slice(0, 2)).toMatchObject([
      { stage: 'APP_OPENED', telegram_id: String(user.id), platform: 'tdesktop', path: '/client', app_version: 'dev' },
      { stage: 'AUTH_OK', telegram_id: String(user.id), platform: 'tdesktop' },
    ]);
  });

  it('auth_failed, without a user, when the init data does not verify', async () => {
    const user = { id: 525252, first_name: 'Олег', language_code: 'ru' };
    const url = launchUrl(server.origin, '/master', user, lightTheme).replace(/hash%3D[0-9a-f]{8}/, 'hash%3D00000000');
    const page = await open(browser, url);

    const rows = await eventsOnceThere("stage = 'AUTH_FAILED' AND details->>'reason' = 'not_verified'", [], 1);
    await page.close();

    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ telegram_id: null, path: '/master' });
    const forUser = await db.query('SELECT 1 FROM webapp_events WHERE telegram_id = $1', [user.id]);
    expect(forUser.rowCount).toBe(0);
  });
});
