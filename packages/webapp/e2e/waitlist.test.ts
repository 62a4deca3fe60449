import { mkdir } from 'node:fs/promises';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
} from './browser.js';
import { bookAs, databaseId, type SeededMaster, seedMaster } from './seed.js';
import { graphqlAs, type RunningServer, startServer } from './server.js';

/** Lali works in Tbilisi (UTC+4 all year), and so does the phone: times read the same on both clocks. */
const ZONE = 'Asia/Tbilisi';

interface EntryRow {
  id: string;
  dates: string[] | null;
  client_name: string;
  client_phone: string;
  channels: string[];
  end_reason: string | null;
}

interface OfferRow {
  status: string;
  starts_at: Date;
  booking_id: string | null;
}

const shot = (page: Page, name: string) => screenshot(page, `waitlist-${name}`);
const mainButton = (page: Page, name: string | RegExp) => page.getByTestId('main-button').filter({ hasText: name });

describe.skipIf(!haveChromium)('the waitlist in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let db: pg.Client;
  let lali: SeededMaster;
  const run = Date.now() % 100_000;

  async function rows<Row>(sql: string, params: unknown[]): Promise<Row[]> {
    return (await db.query(sql, params)).rows as Row[];
  }
  const entriesOf = (telegramId: number) =>
    rows<EntryRow>(
      `SELECT e.id, to_json(e.dates)::jsonb AS dates, e.client_name, e.client_phone, e.preferred_channels::text[] AS channels, e.end_reason
         FROM waitlist_entries e JOIN clients c ON c.id = e.client_id WHERE c.telegram_id = $1 ORDER BY e.created_at`,
      [telegramId],
    );
  const offersOf = (telegramId: number) =>
    rows<OfferRow>(
      `SELECT o.status, o.starts_at, o.booking_id FROM waitlist_offers o JOIN clients c ON c.id = o.client_id
        WHERE c.telegram_id = $1 ORDER BY o.created_at`,
      [telegramId],
    );

  beforeAll(async () => {
    await mkdir(screenshots, { recursive: true });
    // Waitlist offers run where the bot does (a token and the mini-app's address); Telegram itself is
    // out of reach here, so its messages fail and are logged, while the offers are held all the same.
    // Held long enough for a person to read them, as in production (10 minutes by default).
    const bot = { TELEGRAM_BOT_TOKEN: BOT_TOKEN, WEBAPP_URL: 'https://zapis.example/', TELEGRAM_BOT_USERNAME: 'zapis_e2e_bot' };
    [server, browser] = await Promise.all([startServer({ ...bot, NODE_ENV: 'test' }), launchChromium()]);
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    // One four-hour service: three bookings fill a working day (09–21).
    lali = await seedMaster(server, {
      user: { id: 951_000_000 + run, first_name: 'Лали', language_code: 'ru' },
      phone: '+7 912 000-33-11',
      city: 'tbilisi',
      displayName: 'Лали — ногти',
      about: 'Наращивание и сложный дизайн в Сабуртало.',
      address: 'ул. Марджанишвили, 7',
      services: [{ slug: 'manicure', name: 'Наращивание ногтей', priceMinor: 12_000, durationMinutes: 240 }],
      slots: { stepMinutes: 60, bufferMinutes: 0, minNoticeMinutes: 60, horizonDays: 14, cancellationCutoffMinutes: 60 },
    });
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await browser?.close();
    await server?.stop();
  });

  it('joins the waitlist on a booked-out day and, after another client cancels, takes the offered time', async () => {
    const day = addDays(todayIn(ZONE), 2);
    const at = (time: string) => zonedTimeToUtc(day, time, ZONE);
    const nina = { id: 952_000_000 + run, first_name: 'Нина', language_code: 'ru' };
    const [, midday] = [
      await bookAs(server, nina, lali.offerId, at('09:00')),
      await bookAs(server, nina, lali.offerId, at('13:00')),
      await bookAs(server, nina, lali.offerId, at('17:00')),
    ];

    const olga = { id: 953_000_000 + run, first_name: 'Ольга', language_code: 'ru' };
    const page = await open(
      browser,
      launchUrl(server.origin, `/client/masters/${encodeURIComponent(lali.id)}?date=${day}`, olga, lightTheme),
      { timezoneId: ZONE },
    );
    try {
      // The day is booked out: no time to choose, and a way to wait for one.
      await expect.poll(() => page.getByText('В этот день свободного времени нет').count(), { timeout: 20_000 }).toBe(1);
      await page.getByRole('link', { name: 'Ждать свободное время' }).click();

      await page.getByRole('heading', { name: 'Ждать свободное время' }).waitFor();
      // The day she looked at is chosen already; she adds the next one too.
      const dayChip = (date: string) =>
        page
          .locator('.waitlist-join__day')
          .nth([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13].findIndex((offset) => addDays(todayIn(ZONE), offset) === date));
      await expect.poll(() => dayChip(day).getAttribute('aria-pressed')).toBe('true');
      await dayChip(addDays(day, 1)).click();
      await page.getByText('2 дня выбрано').waitFor();
      // No phone in her profile yet: the form asks for one before it sends anything.
      await mainButton(page, 'Встать в лист ожидания').click();
      await page.getByText('Укажите телефон — он будет в записи.').waitFor();
      expect(await entriesOf(olga.id)).toEqual([]);
      await page.getByLabel('Телефон').fill('+7 912 555-44-33');
      await shot(page, 'join-ru');
      await mainButton(page, 'Встать в лист ожидания').click();

      await page.getByText('Вы в листе ожидания.', { exact: false }).waitFor();
      await page.getByText('Лали — ногти').waitFor();
      const [entry] = await entriesOf(olga.id);
      expect(entry).toMatchObject({
        dates: [day, addDays(day, 1)],
        client_name: 'Ольга',
        client_phone: '+79125554433',
        channels: ['TELEGRAM'],
        end_reason: null,
      });
      expect(await offersOf(olga.id)).toEqual([]);
      await shot(page, 'waiting-ru');

      // Nina cancels her midday visit: the freed time is held for Olga, and her open page shows it.
      await graphqlAs(server, nina, 'mutation Cancel($input: CancelBookingInput!) { cancelBooking(input: $input) { id } }', {
        input: { bookingId: midday },
      });
      await expect.poll(async () => (await offersOf(olga.id)).map((offer) => offer.status), { timeout: 30_000 }).toEqual(['HELD']);
      expect((await offersOf(olga.id))[0]!.starts_at).toEqual(at('13:00'));
      const take = page.getByRole('button', { name: 'Беру' });
      await take.waitFor({ timeout: 30_000 });
      await page.getByText('13:00').waitFor();
      await page.getByText(/Держим для вас ещё \d+:\d\d/).waitFor();
      await shot(page, 'offer-ru');

      await take.click();
      await page.waitForURL(/\/client\/bookings/);
      await page.getByText('Лали — ногти').first().waitFor();
      const [offer] = await offersOf(olga.id);
      expect(offer!.status).toBe('CLAIMED');
      const booked = await rows<{ status: string; starts_at: Date; client_name: string; client_phone: string }>(
        `SELECT b.status, b.starts_at, b.client_name, b.client_phone FROM bookings b WHERE b.id = $1`,
        [offer!.booking_id],
      );
      expect(booked).toEqual([{ status: 'CONFIRMED', starts_at: at('13:00'), client_name: 'Ольга', client_phone: '+79125554433' }]);
      expect((await entriesOf(olga.id))[0]!.end_reason).toBe('FULFILLED');
      // The time is hers alone: the master's calendar has one booking there, not two.
      const atMidday = await rows<{ count: number }>(
        `SELECT count(*)::int AS count FROM bookings WHERE master_id = $1 AND starts_at = $2 AND status = 'CONFIRMED'`,
        [databaseId(lali.id), at('13:00')],
      );
      expect(atMidday).toEqual([{ count: 1 }]);
      await shot(page, 'booked-ru');
    } finally {
      await close(page);
    }
  });

  it('lists the waitlists in English and leaves one', async () => {
    const anna = { id: 954_000_000 + run, first_name: 'Anna', language_code: 'en' };
    await graphqlAs(server, anna, 'mutation { upsertClient { id } }');
    await graphqlAs(server, anna, 'mutation Join($input: JoinWaitlistInput!) { joinWaitlist(input: $input) { id } }', {
      input: {
        masterServiceId: lali.offerId,
        withinDays: 7,
        clientName: 'Anna',
        clientPhone: '+7 912 555-00-01',
        preferredChannels: ['TELEGRAM'],
      },
    });
    const page = await open(browser, launchUrl(server.origin, '/client', anna, darkTheme), { timezoneId: ZONE });
    try {
      await page.getByRole('link', { name: 'Waitlist' }).click();
      await page.getByText('Лали — ногти').waitFor();
      await page.getByText(/Waiting for: any time until/).waitFor();
      await shot(page, 'list-en-dark');
      await page.getByRole('button', { name: 'Stop waiting' }).click();
      await page.getByText('You are no longer on this waitlist.').waitFor();
      expect((await entriesOf(anna.id)).map((entry) => entry.end_reason)).toEqual(['LEFT']);
      await page.getByText('You are not waiting for anything yet.', { exact: false }).waitFor();
    } finally {
      await close(page);
    }
  });
});
