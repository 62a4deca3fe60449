import { mkdir } from 'node:fs/promises';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../src/format/money.ts';
import { addDays, todayIn, zonedTimeToUtc } from '../src/time/calendarDate.ts';
import {
  BOT_TOKEN,
  close,
  darkTheme,
  haveChromium,
  launchChromium,
  launchUrl,
  lightTheme,
  open,
  screenshot,
  screenshots,
  type TelegramUser,
} from './browser.js';
import { type RunningServer, startServer } from './server.js';

/** The demo master (packages/api/src/demo): Anna, nails in Moscow. */
const ANNA: TelegramUser = { id: 700_000_001, first_name: 'Анна', last_name: 'Смирнова', language_code: 'ru', username: 'anna_nails_demo' };
const ZONE = 'Europe/Moscow';

const shot = (page: Page, name: string) => screenshot(page, `master-stats-${name}`);
const figure = (page: Page, name: string) => page.locator(`[data-figure="${name}"] .stats__figure-value`);

interface Figures {
  bookings: number;
  completed: number;
  revenue_minor: number;
}

describe.skipIf(!haveChromium)('the master’s statistics in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let db: pg.Client;
  const today = todayIn(ZONE);
  const monthStart = `${today.slice(0, 7)}-01`;

  beforeAll(async () => {
    await mkdir(screenshots, { recursive: true });
    [server, browser] = await Promise.all([startServer({ TELEGRAM_BOT_TOKEN: BOT_TOKEN, NODE_ENV: 'test' }), launchChromium()]);
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    // Anna's month: kept, missed and cancelled visits so far, the rest still to come.
    const { rows: offers } = await db.query<{ id: string; service_id: string; price_minor: number; master_id: string }>(
      `SELECT s.id, s.service_id, s.price_minor, s.master_id FROM master_services s JOIN masters m ON m.id = s.master_id
        WHERE m.telegram_id = $1 ORDER BY s.position`,
      [ANNA.id],
    );
    const { rows: clients } = await db.query<{ id: string }>('SELECT id FROM clients ORDER BY id LIMIT 6');
    const statuses = ['COMPLETED', 'COMPLETED', 'NO_SHOW', 'COMPLETED', 'CANCELLED', 'COMPLETED', 'COMPLETED'];
    let serial = 0;
    for (let date = monthStart; date.slice(0, 7) === monthStart.slice(0, 7); date = addDays(date, 1)) {
      for (const time of ['10:00', '12:00', '15:30', '18:00']) {
        serial += 1;
        if (serial % 3 === 0) continue;
        const offer = offers[serial % offers.length]!;
        const startsAt = zonedTimeToUtc(date, time, ZONE);
        const status = date >= today ? 'CONFIRMED' : statuses[serial % statuses.length]!;
        await db.query(
          `INSERT INTO bookings (master_id, client_id, master_service_id, service_id, starts_at, ends_at, status, source, client_name,
             price_minor, currency, cancelled_at, cancelled_by, updated_at)
           VALUES ($1, $2, $3, $4, $5, $5::timestamptz + interval '90 minutes', $6::"BookingStatus", 'CLIENT', 'Клиентка', $7, 'RUB',
             $8, $9::"BookingActor", now())
           ON CONFLICT DO NOTHING`,
          [
            offer.master_id,
            clients[serial % clients.length]?.id ?? null,
            offer.id,
            offer.service_id,
            startsAt,
            status,
            offer.price_minor,
            status === 'CANCELLED' ? new Date(startsAt.getTime() - 3 * 3_600_000) : null,
            status === 'CANCELLED' ? 'CLIENT' : null,
          ],
        );
      }
    }
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await browser?.close();
    await server?.stop();
  });

  /** This month's figures as the database has them: bookings not cancelled starting this month in Anna's zone. */
  async function monthFigures(): Promise<Figures> {
    const { rows } = await db.query<Figures>(
      `SELECT count(*) FILTER (WHERE b.status <> 'CANCELLED')::int AS bookings,
              count(*) FILTER (WHERE b.status = 'COMPLETED')::int AS completed,
              coalesce(sum(b.price_minor) FILTER (WHERE b.status = 'COMPLETED' AND b.currency = 'RUB'), 0)::int AS revenue_minor
         FROM bookings b JOIN masters m ON m.id = b.master_id
        WHERE m.telegram_id = $1 AND (b.starts_at AT TIME ZONE $2)::date BETWEEN $3::date AND ($3::date + interval '1 month' - interval '1 day')::date`,
      [ANNA.id, ZONE, monthStart],
    );
    return rows[0]!;
  }

  /** Canvases that uPlot drew something on (any pixel not transparent). */
  function drawnCanvases(page: Page): Promise<number> {
    return page
      .locator('.stats__chart canvas')
      .evaluateAll((canvases) =>
        canvases.filter((canvas) => {
          const { width, height } = canvas as HTMLCanvasElement;
          const pixels = (canvas as HTMLCanvasElement).getContext('2d')?.getImageData(0, 0, width, height).data ?? [];
          for (let index = 3; index < pixels.length; index += 4) if (pixels[index]! > 0) return true;
          return false;
        }),
      )
      .then((drawn) => drawn.length);
  }

  for (const [name, theme] of [
    ['light', lightTheme],
    ['dark', darkTheme],
  ] as const) {
    it(`opens from the calendar and shows this month's figures and charts (${name})`, async () => {
      const expected = await monthFigures();
      expect(expected.bookings).toBeGreaterThan(10);
      const page = await open(browser, launchUrl(server.origin, '/master/calendar', ANNA, theme), { timezoneId: 'America/New_York' });
      await page.getByRole('link', { name: 'Статистика' }).click();
      await page.waitForURL('**/master/stats', { timeout: 20_000 });
      await page.getByRole('heading', { name: 'Статистика' }).waitFor();
      await page.locator('[data-figure="bookings"]').waitFor({ timeout: 20_000 });

      expect(await figure(page, 'bookings').textContent()).toBe(String(expected.bookings));
      expect(await figure(page, 'completed').textContent()).toBe(String(expected.completed));
      expect(await figure(page, 'revenue').textContent()).toBe(formatMoney({ amountMinor: expected.revenue_minor, currency: 'RUB' }, 'ru'));
      expect(await page.locator('.stats__chart canvas').count()).toBe(3);
      expect(await drawnCanvases(page)).toBe(3);
      expect(await page.locator('.stats__service').count()).toBeGreaterThan(0);
      await shot(page, name);
      await close(page);
    });
  }

  it('shows a friendly empty state for a week without bookings, and the week switch', async () => {
    const page = await open(browser, launchUrl(server.origin, '/master/stats?period=week&date=2021-03-10', ANNA, lightTheme));
    await page.getByText('За этот период записей нет').waitFor({ timeout: 20_000 });
    await page.getByText('8 – 14 мар. 2021 г.').waitFor();
    expect(await page.locator('.stats__chart').count()).toBe(0);
    await shot(page, 'empty');
    await page.getByRole('link', { name: 'К календарю' }).click();
    await page.waitForURL('**/master/calendar**');
    await close(page);
  });
});
