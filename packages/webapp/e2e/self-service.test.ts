import { mkdir } from 'node:fs/promises';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, formatCalendarDate, todayIn, zonedTimeToUtc } from '../src/time/calendarDate.ts';
import {
  BOT_TOKEN,
  close,
  haveChromium,
  launchChromium,
  launchUrl,
  lightTheme,
  open,
  screenshot,
  screenshots,
  type TelegramUser,
} from './browser.js';
import { bookAs, databaseId, markCompleted, moveIntoPast, seedMaster } from './seed.js';
import { type RunningServer, startServer } from './server.js';

/** Masters and phones in Tbilisi (UTC+4 all year): times read the same on both clocks. */
const ZONE = 'Asia/Tbilisi';

const shot = (page: Page, name: string) => screenshot(page, `self-service-${name}`);
const mainButton = (page: Page, name: string | RegExp) => page.getByTestId('main-button').filter({ hasText: name });
/** "7 декабря", as the app writes a day in Russian. */
const dayMonth = (date: string) => formatCalendarDate(date, 'ru', { day: 'numeric', month: 'long' });

interface BookingRow {
  starts_at: Date;
  status: string;
}

interface MoveRow {
  from_starts_at: Date;
  to_starts_at: Date;
  moved_by: string;
}

describe.skipIf(!haveChromium)('moves, days off and confirmation in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let db: pg.Client;
  const run = Date.now() % 100_000;
  const today = todayIn(ZONE);
  const at = (daysAhead: number, time: string) => zonedTimeToUtc(addDays(today, daysAhead), time, ZONE);

  async function rows<Row>(sql: string, params: unknown[]): Promise<Row[]> {
    return (await db.query(sql, params)).rows as Row[];
  }
  const bookingRow = async (bookingId: string) =>
    (await rows<BookingRow>('SELECT starts_at, status FROM bookings WHERE id = $1', [databaseId(bookingId)]))[0];
  const movesOf = (bookingId: string) =>
    rows<MoveRow>('SELECT from_starts_at, to_starts_at, moved_by::text FROM booking_moves WHERE booking_id = $1 ORDER BY created_at', [
      databaseId(bookingId),
    ]);

  /** A master in Tbilisi, working 09–21 every day, one-hour starts, who takes changes up to an hour before. */
  const seed = (user: TelegramUser, phone: string, displayName: string) =>
    seedMaster(server, {
      user,
      phone,
      city: 'tbilisi',
      displayName,
      about: 'Маникюр и педикюр у метро Руставели.',
      address: 'ул. Руставели, 12',
      services: [{ slug: 'manicure', priceMinor: 4_500, durationMinutes: 60 }],
      slots: { stepMinutes: 60, bufferMinutes: 0, minNoticeMinutes: 60, horizonDays: 30, cancellationCutoffMinutes: 60 },
    });

  beforeAll(async () => {
    await mkdir(screenshots, { recursive: true });
    [server, browser] = await Promise.all([startServer({ TELEGRAM_BOT_TOKEN: BOT_TOKEN, NODE_ENV: 'test' }), launchChromium()]);
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await browser?.close();
    await server?.stop();
  });

  it('a master takes a vacation over a booked day, sees the booking on it and moves it out of the vacation', async () => {
    const masterUser: TelegramUser = { id: 961_000_000 + run, first_name: 'Нино', language_code: 'ru' };
    const nino = await seed(masterUser, '+7 912 000-61-61', 'Нино — маникюр');
    const client: TelegramUser = { id: 962_000_000 + run, first_name: 'Ия', language_code: 'ru' };
    const bookingId = await bookAs(server, client, nino.offerId, at(3, '11:00'));

    const page = await open(browser, launchUrl(server.origin, '/master/calendar', masterUser, lightTheme), { timezoneId: ZONE });
    await page.getByRole('link', { name: 'Выходные и отпуск' }).click();
    await page.waitForURL('**/master/calendar/days-off');
    await page.getByRole('heading', { name: 'Выходные и отпуск' }).waitFor();
    await page.getByText('Выходных не запланировано.').waitFor();

    await page.getByLabel('Первый день').selectOption(addDays(today, 2));
    await page.getByRole('switch', { name: 'Несколько дней' }).click();
    await page.getByLabel('Последний день').selectOption(addDays(today, 5));
    await page.getByLabel('Заметка').fill('Отпуск');
    await shot(page, 'days-off-form-ru');
    await mainButton(page, 'Отметить выходными').click();

    await page.getByText(/В ваши выходные остаётся 1 запись — перенесите или отмените её ниже\./).waitFor();
    const booked = page.locator('.days-off__booking', { hasText: 'Ия' });
    await booked.waitFor();
    expect(await booked.innerText()).toMatch(/11:00–12:00\s+Ия · Маникюр/);
    expect(await page.locator('.days-off__range').innerText()).toMatch(/Отпуск/);
    expect(await page.locator('.days-off__range').innerText()).toMatch(/4 дня · Отпуск/);
    expect(
      (
        await rows<{ date: string; reason: string }>(
          "SELECT to_char(date, 'YYYY-MM-DD') AS date, reason FROM days_off WHERE master_id = $1 ORDER BY date",
          [databaseId(nino.id)],
        )
      ).map((row) => `${row.date} ${row.reason}`),
    ).toEqual([2, 3, 4, 5].map((days) => `${addDays(today, days)} Отпуск`));
    await shot(page, 'days-off-added');

    // Move it to the first day after the vacation, at noon: one of the free starts offered.
    await booked.getByRole('button', { name: 'Перенести' }).click();
    const sheet = page.getByRole('dialog', { name: 'Перенести запись' });
    await sheet.waitFor();
    await sheet.getByText('Это ваш выходной.').waitFor();
    await sheet.getByLabel('День').selectOption(addDays(today, 6));
    await sheet.getByRole('radio', { name: '12:00' }).click();
    expect(await sheet.getByLabel('Начало').inputValue()).toBe('12:00');
    expect(await sheet.innerText()).toMatch(/Клиент получит от бота сообщение о новом времени/);
    await shot(page, 'master-move-sheet');
    await sheet.getByRole('button', { name: 'Перенести', exact: true }).click();
    await sheet.waitFor({ state: 'detached' });
    await page.getByText(/Запись перенесена на .+, 12:00/).waitFor();
    await page.locator('.days-off__booking').waitFor({ state: 'detached' });

    expect(await bookingRow(bookingId)).toEqual({ starts_at: at(6, '12:00'), status: 'CONFIRMED' });
    expect(await movesOf(bookingId)).toEqual([{ from_starts_at: at(3, '11:00'), to_starts_at: at(6, '12:00'), moved_by: 'MASTER' }]);

    // The calendar marks the vacation's days closed.
    await page.goto(launchUrl(server.origin, `/master/calendar?date=${addDays(today, 3)}`, masterUser, lightTheme));
    await page.locator('.calendar__closed', { hasText: 'Выходной — клиенты не могут записаться' }).waitFor();
    expect(await page.locator('.calendar__closed').innerText()).toMatch(/Отпуск/);
    await shot(page, 'calendar-day-off');

    // The confirmation settings, in Russian (the English ones are in the last test).
    await page.goto(launchUrl(server.origin, '/master/settings/confirmation', masterUser, lightTheme));
    await page.getByRole('switch', { name: 'Просить клиентов подтверждать визит' }).click();
    await page.getByText(/кнопкой «Приду»/).waitFor();
    await shot(page, 'confirmation-ru');
    await close(page);
  });

  it('a client moves a booking from My bookings to another time, taking a nearby time when the chosen one goes', async () => {
    const masterUser: TelegramUser = { id: 963_000_000 + run, first_name: 'Лали', language_code: 'ru' };
    const lali = await seed(masterUser, '+7 912 000-63-63', 'Лали — ногти');
    const client: TelegramUser = { id: 964_000_000 + run, first_name: 'Вера', language_code: 'ru' };
    const rival: TelegramUser = { id: 965_000_000 + run, first_name: 'Эка', language_code: 'ru' };
    const bookingId = await bookAs(server, client, lali.offerId, at(1, '11:00'));

    const page = await open(browser, launchUrl(server.origin, '/client/bookings', client, lightTheme), { timezoneId: ZONE });
    const card = page.locator('.client-bookings__card', { hasText: 'Лали — ногти' });
    await card.waitFor();
    await card.getByText(/Перенести или отменить можно до/).waitFor();
    await card.getByRole('button', { name: 'Перенести' }).click();
    const sheet = page.getByRole('dialog', { name: 'Перенести запись' });
    await sheet.waitFor();
    await sheet.locator('.date-strip__day').nth(2).click();
    await sheet.getByRole('radio', { name: '13:00' }).click();
    expect(await sheet.locator('.booking-details').innerText()).toMatch(/Сейчас\s+Завтра, .+, 11:00–12:00\s+Новое время\s+.+, 13:00/);
    await shot(page, 'client-move-sheet');

    // Someone else takes 13:00 meanwhile: the API offers the free times nearest to it.
    await bookAs(server, rival, lali.offerId, at(2, '13:00'));
    await sheet.getByRole('button', { name: 'Перенести', exact: true }).click();
    await sheet.getByText('Это время только что заняли.').waitFor();
    const nearest = sheet.locator('.move-sheet__nearest button').first();
    await nearest.waitFor();
    await shot(page, 'client-move-taken');
    const nearestTime = /(\d\d:\d\d)$/.exec(await nearest.innerText())?.[1];
    expect(['11:00', '12:00', '14:00']).toContain(nearestTime);
    await nearest.click();
    await sheet.getByRole('button', { name: 'Перенести', exact: true }).click();
    await sheet.waitFor({ state: 'detached' });
    await page.getByText(new RegExp(`Запись перенесена на .+, ${nearestTime}\\.`)).waitFor();

    // Same booking, new time, the move on record; the list shows where it was.
    expect(await bookingRow(bookingId)).toEqual({ starts_at: at(2, nearestTime!), status: 'CONFIRMED' });
    expect(await movesOf(bookingId)).toEqual([{ from_starts_at: at(1, '11:00'), to_starts_at: at(2, nearestTime!), moved_by: 'CLIENT' }]);
    await card.getByText(`Перенесена вами с ${dayMonth(addDays(today, 1))}, 11:00`).waitFor();
    await shot(page, 'client-bookings-moved');
    await close(page);
  });

  it('a master requires confirmation from settings; the booking sheet shows the client’s record and the calendar what awaits confirmation', async () => {
    const masterUser: TelegramUser = { id: 966_000_000 + run, first_name: 'Tamar', language_code: 'en' };
    const tamar = await seed(masterUser, '+7 912 000-66-66', 'Tamar — nails');
    const client: TelegramUser = { id: 967_000_000 + run, first_name: 'Ana', language_code: 'en' };
    // An earlier visit that took place.
    const earlier = await bookAs(server, client, tamar.offerId, at(1, '10:00'));
    await moveIntoPast(db, earlier, 48);
    await markCompleted(server, masterUser, earlier);

    const page = await open(browser, launchUrl(server.origin, '/master/settings', masterUser, lightTheme), { timezoneId: ZONE });
    const link = page.getByRole('link', { name: /Confirmation by clients/ });
    expect(await link.innerText()).toMatch(/Not required/);
    await link.click();
    await page.waitForURL('**/master/settings/confirmation');
    await page.getByRole('switch', { name: 'Ask clients to confirm' }).click();
    await page.getByRole('radio', { name: '6 hr', exact: true }).click();
    await page.getByText(/If they don't press it 6 hr before the start, the booking is cancelled/).waitFor();
    await shot(page, 'confirmation-en');
    await mainButton(page, 'Save').click();
    await page.waitForURL(/\/master\/settings$/);
    await page.getByText('Changes saved').waitFor();
    expect(await page.getByRole('link', { name: /Confirmation by clients/ }).innerText()).toMatch(/Required by 6 hr before the start/);
    await shot(page, 'settings');
    expect(
      await rows('SELECT require_confirmation, confirmation_deadline_minutes FROM slot_settings WHERE master_id = $1', [
        databaseId(tamar.id),
      ]),
    ).toEqual([{ require_confirmation: true, confirmation_deadline_minutes: 360 }]);

    // Booked after that: it awaits the client's confirmation. The browser tests' server runs without the bot (no
    // WEBAPP_URL), so it plans no reminder and no release: the release the API plans with the bot on is set here.
    const awaiting = await bookAs(server, client, tamar.offerId, at(3, '15:00'));
    await db.query("UPDATE bookings SET release_at = starts_at - interval '6 hours' WHERE id = $1", [databaseId(awaiting)]);
    await page.goto(launchUrl(server.origin, `/master/calendar?date=${addDays(today, 3)}`, masterUser, lightTheme));
    const entry = page.locator('.calendar__booking', { hasText: 'Ana' });
    await entry.waitFor();
    expect(await entry.locator('.calendar__badge').innerText()).toBe('Not confirmed');
    await shot(page, 'calendar-awaiting');
    await entry.click();
    const sheet = page.getByRole('dialog');
    await sheet.waitFor();
    expect(await sheet.locator('.booking-sheet__reliability').innerText()).toBe('Earlier with you: 1 visit');
    expect(await sheet.locator('.booking-sheet__confirmation').innerText()).toMatch(
      /The client has not confirmed yet: unless they do, the booking is cancelled on .+, 09:00/,
    );
    await shot(page, 'booking-sheet');
    await close(page);
  });
});
