import { mkdir } from 'node:fs/promises';
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
  type TelegramUser,
} from './browser.js';
import { developmentOtp, graphqlAs as graphql, type RunningServer, startServer } from './server.js';

const MASTER_ZONE = 'Asia/Vladivostok';

/** "12 марта": how the page itself formats a date in Russian. */
function dayAndMonth(page: Page, date: string): Promise<string> {
  return page.evaluate(
    (value) => new Intl.DateTimeFormat('ru', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`)),
    date,
  );
}

const shot = (page: Page, name: string) => screenshot(page, `master-journey-${name}`);
const mainButton = (page: Page, name: string | RegExp) => page.getByTestId('main-button').filter({ hasText: name });

describe.skipIf(!haveChromium)('the master journey in Chromium', () => {
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

  it('takes a new user from /master through the wizard to a published profile and a calendar with a booking', async () => {
    const user: TelegramUser = { id: 880_000_000 + (Date.now() % 100_000), first_name: 'Ольга', language_code: 'ru' };
    // The phone is in New York; the master works in Vladivostok. Times must follow the master.
    const launch = () =>
      open(browser, launchUrl(server.origin, '/master', user, lightTheme), { timezoneId: 'America/New_York', locale: 'ru-RU' });
    let page = await launch();

    // A newcomer lands on the first step.
    await page.waitForURL('**/master/register/phone', { timeout: 20_000 });
    await page.getByText('Ольга, давайте настроим ваш профиль').waitFor();
    expect(await page.getByRole('progressbar').getAttribute('aria-valuetext')).toBe('Шаг 1 из 5: Телефон');
    await page.getByLabel('Номер телефона').fill('8 912 345-67-89');
    await shot(page, '01-phone');
    await mainButton(page, 'Получить код').click();

    // The code goes to the development sender, which writes it to the server's log.
    const codeInput = page.getByLabel('Код из сообщения');
    await codeInput.waitFor();
    await page.getByText(/Отправить код ещё раз через \d:\d\d/).waitFor();
    await shot(page, '02-code');
    const code = await developmentOtp(server, '89');

    // A wrong code costs an attempt and says how many are left.
    await codeInput.fill(code.replace(/\d$/, (digit) => String((Number(digit) + 1) % 10)));
    await page.getByText('Неверный код. Осталось 4 попытки.').waitFor();
    await shot(page, '02-code-wrong');
    await codeInput.fill(code);

    // A complete code confirms the number and moves on.
    await page.waitForURL('**/master/register/location');
    await page.getByRole('radio', { name: /Владивосток/ }).click();
    await page.getByLabel('Адрес').fill('Светланская ул., 5, кабинет 12');
    await shot(page, '03-location');
    await mainButton(page, 'Далее').click();
    await page.waitForURL('**/master/register/schedule');

    // Closing the app and opening it again from the bot resumes at the first incomplete step.
    await close(page);
    page = await launch();
    await page.waitForURL('**/master/register/schedule', { timeout: 20_000 });

    // Monday to Friday 10–19 is offered; add Saturday with a break.
    await page.getByRole('switch', { name: 'суббота' }).click();
    await page.getByLabel('суббота: до').selectOption('14:00');
    await page
      .locator('.schedule__day', { hasText: 'суббота' })
      .getByRole('button', { name: /Добавить интервал/ })
      .click();
    await shot(page, '04-schedule');
    await mainButton(page, 'Далее').click();

    await page.waitForURL('**/master/register/slots');
    await page.getByRole('radiogroup', { name: 'Шаг записи' }).getByRole('radio', { name: '15 мин' }).click();
    await page.getByRole('radiogroup', { name: 'Перерыв между клиентами' }).getByRole('radio', { name: '10 мин' }).click();
    await shot(page, '05-slots');
    await mainButton(page, 'Далее').click();

    await page.waitForURL('**/master/register/services');
    await page.getByRole('checkbox', { name: /Маникюр/ }).click();
    await mainButton(page, 'Далее').click();
    await page.getByText('Укажите цену в рублях, например 2500.').waitFor();
    await page.locator('.services__item', { hasText: 'Маникюр' }).getByLabel('Цена, ₽').fill('2 500');
    await shot(page, '06-services');
    await mainButton(page, 'Далее').click();

    // Every step is complete: the last screen publishes the profile.
    await page.waitForURL('**/master/register/activate');
    await page.getByText('+7 912 345-67-89 — подтверждён').waitFor();
    await shot(page, '07-activate');
    await mainButton(page, 'Опубликовать профиль').click();
    await page.waitForURL('**/master/calendar');
    await page.getByText('Профиль опубликован').waitFor();
    await page.getByText('Время: Владивосток, GMT+10').waitFor();
    await shot(page, '08-calendar');

    const { masterProfile } = await graphql<{
      masterProfile: {
        status: string;
        isActive: boolean;
        timeZone: string;
        services: { id: string; priceMinor: number; durationMinutes: number }[];
      };
    }>(server, user, '{ masterProfile { status isActive timeZone services { id priceMinor durationMinutes } } }');
    expect(masterProfile).toMatchObject({ status: 'ACTIVE', isActive: true, timeZone: MASTER_ZONE });
    expect(masterProfile.services).toMatchObject([{ priceMinor: 250_000, durationMinutes: 90 }]);

    // A booking made through the API for tomorrow, 14:30 in Vladivostok — 23:30 or 00:30 in New York.
    const tomorrow = addDays(todayIn(MASTER_ZONE), 1);
    const { createManualBooking } = await graphql<{ createManualBooking: { localStart: string } }>(
      server,
      user,
      `mutation Book($input: CreateManualBookingInput!) { createManualBooking(input: $input) { localStart } }`,
      {
        input: {
          masterServiceId: masterProfile.services[0]!.id,
          startsAt: zonedTimeToUtc(tomorrow, '14:30', MASTER_ZONE).toISOString(),
          clientName: 'Мария Петрова',
          clientPhone: '+7 900 123-45-67',
          comment: 'Первый визит',
        },
      },
    );
    expect(createManualBooking.localStart).toBe(`${tomorrow}T14:30:00+10:00`);

    // Reopening the app keeps the session; the next day shows the booking at the master's 14:30.
    await page.reload();
    await page.getByRole('button', { name: 'Следующий день' }).click();
    const booking = page.locator('.calendar__booking', { hasText: 'Мария Петрова' });
    await booking.waitFor();
    expect(await booking.innerText()).toMatch(/14:30\s+16:00\s+Мария Петрова\s+Маникюр · 2\s500\s₽/);
    expect(new URL(page.url()).searchParams.get('date')).toBe(tomorrow);
    await shot(page, '09-calendar-day');

    await page.getByRole('radio', { name: 'Неделя' }).click();
    await page.locator('.calendar__week-day', { hasText: 'Мария Петрова' }).waitFor();
    await shot(page, '10-calendar-week');

    await page.locator('.calendar__booking', { hasText: 'Мария Петрова' }).click();
    const sheet = page.getByRole('dialog');
    await sheet.getByText('+7 900 123-45-67').waitFor();
    expect(await sheet.getByRole('heading').innerText()).toBe(`14:30–16:00 · Завтра, ${await dayAndMonth(page, tomorrow)}`);
    await shot(page, '11-booking');

    await close(page);
  });

  it('lets an active master block time, book and cancel by hand, mark an outcome and edit settings, in English', async () => {
    // Dmitry, a demo master in Saint Petersburg (UTC+3), with Telegram in English; the device is in Los Angeles.
    const user: TelegramUser = { id: 700_000_002, first_name: 'Dmitry', language_code: 'en' };
    const zone = 'Europe/Moscow';
    const page = await open(browser, launchUrl(server.origin, '/master', user, darkTheme), {
      timezoneId: 'America/Los_Angeles',
      locale: 'en-US',
    });
    await page.waitForURL('**/master/calendar', { timeout: 20_000 });
    await page.getByText('Times in Saint Petersburg, GMT+3').waitFor();

    // Block tomorrow 13:00–14:00.
    const tomorrow = addDays(todayIn(zone), 1);
    await page.getByRole('link', { name: 'Block time' }).click();
    await page.waitForURL('**/master/calendar/block**');
    await page.getByLabel('Day', { exact: true }).selectOption(tomorrow);
    await page.getByLabel('Note').fill('Supplier visit');
    await shot(page, 'en-01-block-time');
    await mainButton(page, 'Block time').click();
    await page.getByText('Time blocked for booking').waitFor();
    expect(new URL(page.url()).searchParams.get('date')).toBe(tomorrow);
    expect(await page.locator('.calendar__blocked').innerText()).toMatch(/13:00\s+14:00\s+Time blocked\s+Supplier visit/);

    // A booking by hand inside the blocked time is refused; a free time is booked.
    await mainButton(page, 'New booking').click();
    await page.waitForURL('**/master/calendar/new**');
    await page.getByLabel('Start').selectOption('13:15');
    await page.getByLabel("Client's name").fill('John Smith');
    await page.getByLabel("Client's phone").fill('+7 911 222-33-44');
    await mainButton(page, 'Book client').click();
    await page.getByText('This time overlaps another booking or blocked time').waitFor();
    await shot(page, 'en-02-new-booking-refused');
    await page.getByLabel('Start').selectOption('15:00');
    await page.getByText('Ends at 15:45 · 45 min').waitFor();
    await mainButton(page, 'Book client').click();
    await page.getByText('Booking added').waitFor();
    const booking = page.locator('.calendar__booking', { hasText: 'John Smith' });
    expect(await booking.innerText()).toMatch(/15:00\s+15:45\s+John Smith\s+Men's haircut · ₽1,800/);
    await shot(page, 'en-03-booked');

    // Cancel it with a reason.
    await booking.click();
    await page.getByRole('button', { name: 'Cancel booking' }).click();
    await page.getByLabel('Reason').fill('Client asked to move it');
    await shot(page, 'en-04-cancel');
    await page.getByRole('button', { name: 'Yes, cancel' }).click();
    await page.getByText('Booking cancelled').waitFor();
    await page.locator('.calendar__booking[data-status="CANCELLED"]', { hasText: 'John Smith' }).waitFor();

    // A booking two hours ago (made through the API) is marked as completed.
    const past = new Date(Math.floor((Date.now() - 2 * 3600_000) / 60_000) * 60_000);
    const { masterProfile } = await graphql<{ masterProfile: { services: { id: string }[] } }>(
      server,
      user,
      '{ masterProfile { services { id } } }',
    );
    const { createManualBooking: earlier } = await graphql<{ createManualBooking: { localDate: string; localStart: string } }>(
      server,
      user,
      `mutation Book($input: CreateManualBookingInput!) { createManualBooking(input: $input) { localDate localStart } }`,
      { input: { masterServiceId: masterProfile.services[0]!.id, startsAt: past.toISOString(), clientName: 'Peter Walk-in' } },
    );
    await page.goto(`${server.origin}/master/calendar?date=${earlier.localDate}`);
    await page.locator('.calendar__booking', { hasText: 'Peter Walk-in' }).click();
    await page.getByRole('button', { name: 'Client came' }).click();
    await page.getByText('Marked: the client came').waitFor();
    const completed = page.locator('.calendar__booking[data-status="COMPLETED"]', { hasText: 'Peter Walk-in' });
    await completed.waitFor();
    expect(await completed.innerText()).toContain(earlier.localStart.slice(11, 16));
    await shot(page, 'en-05-completed');

    // Settings: change the hours, then hide the profile and show it again.
    await page.getByRole('link', { name: 'Settings' }).first().click();
    await page.waitForURL('**/master/settings');
    await shot(page, 'en-06-settings');
    await page.getByRole('link', { name: /Hours/ }).click();
    await page.waitForURL('**/master/settings/schedule');
    await page.getByRole('switch', { name: 'Monday' }).click();
    await mainButton(page, 'Save').click();
    await page.getByText('Changes saved').waitFor();
    await page.getByText('Mon–Sat 11:00–21:00').waitFor();

    await page.getByRole('button', { name: 'Hide profile from clients' }).click();
    await page.getByRole('button', { name: 'Hide', exact: true }).click();
    await page.getByText('Your profile is hidden from clients').waitFor();
    await shot(page, 'en-07-hidden');
    const hidden = await graphql<{ masterProfile: { isActive: boolean } }>(server, user, '{ masterProfile { isActive } }');
    expect(hidden.masterProfile.isActive).toBe(false);
    await page.getByRole('button', { name: 'Show to clients again' }).click();
    await page.getByText('Your profile is visible to clients again').waitFor();

    await close(page);
  });
});
