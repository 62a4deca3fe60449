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

interface ServiceRow {
  name: string | null;
  description: string | null;
  price_minor: number;
  currency: string;
  duration_minutes: number;
  is_active: boolean;
  archived: boolean;
}

describe.skipIf(!haveChromium)('the master journey in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let db: pg.Client;

  /** Rows the server wrote, read straight from its database. */
  async function rows<Row>(sql: string, params: unknown[]): Promise<Row[]> {
    return (await db.query(sql, params)).rows as Row[];
  }
  /** A master's own services as stored, in their order. */
  const servicesOf = (telegramId: number) =>
    rows<ServiceRow>(
      `SELECT s.name, s.description, s.price_minor, s.currency, s.duration_minutes, s.is_active, s.archived_at IS NOT NULL AS archived
         FROM master_services s JOIN masters m ON m.id = s.master_id WHERE m.telegram_id = $1 ORDER BY s.archived_at NULLS FIRST, s.position, s.created_at`,
      [telegramId],
    );

  beforeAll(async () => {
    await mkdir(screenshots, { recursive: true });
    [server, browser] = await Promise.all([startServer({ TELEGRAM_BOT_TOKEN: BOT_TOKEN, NODE_ENV: 'test' }), launchChromium()]);
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
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
    expect(await page.getByRole('progressbar').getAttribute('aria-valuetext')).toBe('Шаг 1 из 6: Телефон');
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

    // A complete code confirms the number and moves on. Olga shows clients only her area before they book.
    await page.waitForURL('**/master/register/location');
    await page.getByRole('radio', { name: /Владивосток/ }).click();
    await page.getByLabel('Адрес', { exact: true }).fill('Светланская ул., 5, кабинет 12');
    await page.getByText('Адрес виден всем: на вашей странице и в поиске.').waitFor();
    await page.getByRole('radio', { name: /Только район/ }).click();
    await mainButton(page, 'Далее').click();
    await page.getByText('Укажите район или метро — его увидят клиенты до записи.').waitFor();
    await page.getByLabel('Район или метро').fill('Центр');
    await shot(page, '03-location');
    await mainButton(page, 'Далее').click();
    await page.waitForURL('**/master/register/schedule');
    expect(
      await rows('SELECT address, address_visibility::text AS visibility, area FROM masters WHERE telegram_id = $1', [user.id]),
    ).toEqual([{ address: 'Светланская ул., 5, кабинет 12', visibility: 'AREA', area: 'Центр' }]);

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

    // Services: two of one kind, each with its own name, priced in roubles (Vladivostok's currency).
    await page.waitForURL('**/master/register/services');
    await page.getByText('Пока ни одной услуги. Добавьте то, что вы делаете.').waitFor();
    await page.getByRole('button', { name: 'Добавить услугу' }).click();
    let sheet = page.getByRole('dialog');
    await sheet.getByText('Что это за услуга?').waitFor();
    await sheet.getByRole('radio', { name: 'Маникюр', exact: true }).click();
    await sheet.getByLabel('Название').fill('Маникюр с покрытием');
    await sheet.getByLabel('Описание').fill('Снятие, выравнивание, гель-лак в один тон.');
    expect(await sheet.locator('.service-sheet__currency').innerText()).toBe('₽');
    expect(await sheet.getByLabel('Длительность').inputValue()).toBe('90');
    await sheet.getByRole('button', { name: 'Добавить', exact: true }).click();
    await sheet.getByText('Укажите цену числом, например 2500.').waitFor();
    await sheet.getByLabel('Цена').fill('2 500');
    await shot(page, '06-service-sheet');
    await sheet.getByRole('button', { name: 'Добавить', exact: true }).click();
    await sheet.waitFor({ state: 'detached' });

    // A second manicure needs a name of its own.
    await page.getByRole('button', { name: 'Добавить услугу' }).click();
    sheet = page.getByRole('dialog');
    await sheet.getByRole('radio', { name: 'Маникюр', exact: true }).click();
    await sheet.getByLabel('Название').fill('маникюр с покрытием');
    await sheet.getByLabel('Цена').fill('1800');
    await sheet.getByLabel('Длительность').selectOption('60');
    await sheet.getByRole('button', { name: 'Добавить', exact: true }).click();
    await sheet.getByText('У услуг одного вида должны быть разные названия.').waitFor();
    await sheet.getByLabel('Название').fill('Маникюр без покрытия');
    await sheet.getByRole('button', { name: 'Добавить', exact: true }).click();
    await sheet.waitFor({ state: 'detached' });

    // A pedicure, added and removed again after a confirmation.
    await page.getByRole('button', { name: 'Добавить услугу' }).click();
    sheet = page.getByRole('dialog');
    await sheet.getByRole('radio', { name: 'Педикюр', exact: true }).click();
    await sheet.getByLabel('Цена').fill('3000');
    await sheet.getByRole('button', { name: 'Добавить', exact: true }).click();
    await page.locator('.services-editor__row', { hasText: 'Педикюр' }).click();
    sheet = page.getByRole('dialog', { name: 'Педикюр' });
    await sheet.getByRole('button', { name: 'Удалить услугу' }).click();
    await sheet.getByText('Удалить «Педикюр»? Клиенты больше не смогут на неё записаться.', { exact: false }).waitFor();
    await sheet.getByRole('button', { name: 'Удалить', exact: true }).click();
    await sheet.waitFor({ state: 'detached' });

    const list = page.getByRole('list', { name: 'Услуги' });
    expect(await list.innerText()).toMatch(
      /^Маникюр с покрытием\s+Маникюр · 1 ч 30 мин\s+2\s500\s₽\s+Маникюр без покрытия\s+Маникюр · 1 ч\s+1\s800\s₽$/,
    );
    await shot(page, '06-services');
    // Nothing is saved before "Next".
    expect(await servicesOf(user.id)).toEqual([]);
    await mainButton(page, 'Далее').click();

    // The profile: the public name, a description the API accepts, and messages from clients who booked.
    await page.waitForURL('**/master/register/profile');
    expect(await servicesOf(user.id)).toEqual([
      {
        name: 'Маникюр с покрытием',
        description: 'Снятие, выравнивание, гель-лак в один тон.',
        price_minor: 250_000,
        currency: 'RUB',
        duration_minutes: 90,
        is_active: true,
        archived: false,
      },
      {
        name: 'Маникюр без покрытия',
        description: null,
        price_minor: 180_000,
        currency: 'RUB',
        duration_minutes: 60,
        is_active: true,
        archived: false,
      },
    ]);
    expect(await page.getByRole('progressbar').getAttribute('aria-valuetext')).toBe('Шаг 6 из 6: Профиль');
    await page.getByLabel('Имя, которое видят клиенты').fill('Ольга — маникюр');
    await page.getByLabel('О себе').fill('Маникюр');
    await mainButton(page, 'Далее').click();
    await page.getByText('Расскажите о себе подробнее: от 20 до 500 символов.').waitFor();
    await page.getByLabel('О себе').fill('Аппаратный маникюр и покрытие, которое держится три недели.');
    await page.getByRole('switch', { name: 'Клиенты могут написать мне в Telegram' }).click();
    await shot(page, '07-profile');
    await mainButton(page, 'Далее').click();

    // Every step is complete: the review shows each, and the page exactly as clients will see it.
    await page.waitForURL('**/master/register/activate');
    expect(await rows('SELECT display_name, about, telegram_contact_allowed FROM masters WHERE telegram_id = $1', [user.id])).toEqual([
      {
        display_name: 'Ольга — маникюр',
        about: 'Аппаратный маникюр и покрытие, которое держится три недели.',
        telegram_contact_allowed: true,
      },
    ]);
    await page.getByText('+7 912 345-67-89 — подтверждён').waitFor();
    await page.getByText('Владивосток, до записи — «Центр»; Светланская ул., 5, кабинет 12').waitFor();
    const preview = page.locator('.wizard__preview-frame');
    expect(await preview.innerText()).toMatch(
      /^О\s+Ольга — маникюр\s+Владивосток, Центр\s+Точный адрес — после записи\s+Аппаратный маникюр и покрытие, которое держится три недели\.\s+Услуги\s+Маникюр с покрытием\s+Снятие, выравнивание, гель-лак в один тон\.\s+1 ч 30 мин\s+2\s500\s₽\s+Маникюр без покрытия\s+1 ч\s+1\s800\s₽$/i,
    );
    // Before booking, clients do not see the street: neither does the preview.
    expect(await preview.innerText()).not.toContain('Светланская');
    await shot(page, '08-activate');
    await mainButton(page, 'Опубликовать профиль').click();
    await page.waitForURL('**/master/calendar');
    await page.getByText('Профиль опубликован').waitFor();
    await page.getByText('Время: Владивосток, GMT+10').waitFor();
    await shot(page, '09-calendar');

    const { masterProfile } = await graphql<{
      masterProfile: {
        status: string;
        isActive: boolean;
        timeZone: string;
        services: { id: string; name: string; price: { amountMinor: number; currency: string }; durationMinutes: number }[];
      };
    }>(server, user, '{ masterProfile { status isActive timeZone services { id name price { amountMinor currency } durationMinutes } } }');
    expect(masterProfile).toMatchObject({ status: 'ACTIVE', isActive: true, timeZone: MASTER_ZONE });
    expect(masterProfile.services).toMatchObject([
      { name: 'Маникюр с покрытием', price: { amountMinor: 250_000, currency: 'RUB' }, durationMinutes: 90 },
      { name: 'Маникюр без покрытия', price: { amountMinor: 180_000, currency: 'RUB' }, durationMinutes: 60 },
    ]);

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
    expect(await booking.innerText()).toMatch(/14:30\s+16:00\s+Мария Петрова\s+Маникюр с покрытием · 2\s500\s₽/);
    expect(new URL(page.url()).searchParams.get('date')).toBe(tomorrow);
    await shot(page, '10-calendar-day');

    await page.getByRole('radio', { name: 'Неделя' }).click();
    await page.locator('.calendar__week-day', { hasText: 'Мария Петрова' }).waitFor();
    await shot(page, '11-calendar-week');

    await page.locator('.calendar__booking', { hasText: 'Мария Петрова' }).click();
    const bookingSheet = page.getByRole('dialog');
    await bookingSheet.getByText('+7 900 123-45-67').waitFor();
    expect(await bookingSheet.getByRole('heading').innerText()).toBe(`14:30–16:00 · Завтра, ${await dayAndMonth(page, tomorrow)}`);
    expect(await bookingSheet.innerText()).toMatch(/Маникюр с покрытием · 1 ч 30 мин[\s\S]*2\s500\s₽/);
    await shot(page, '12-booking');

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

    // Services: each change is saved at once. A second men's haircut needs its own name.
    await page.getByRole('link', { name: /Services/ }).click();
    await page.waitForURL('**/master/settings/services');
    const list = page.getByRole('list', { name: 'Services' });
    expect(await list.innerText()).toMatch(/^Men's haircut\s+Men's haircut · 45 min\s+₽1,800$/);
    await page.getByRole('button', { name: 'Add a service' }).click();
    let sheet = page.getByRole('dialog');
    await sheet.getByRole('radio', { name: "Men's haircut", exact: true }).click();
    await sheet.getByLabel('Price').fill('2400');
    await sheet.getByRole('button', { name: 'Add', exact: true }).click();
    await sheet.getByText('Services of one kind need different names.').waitFor();
    await sheet.getByLabel('Name').fill('Haircut and beard');
    await sheet.getByLabel('Duration').selectOption('60');
    await sheet.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByText('Service added').waitFor();
    expect(await servicesOf(user.id)).toMatchObject([
      { name: null, price_minor: 180_000, currency: 'RUB', is_active: true, archived: false },
      { name: 'Haircut and beard', price_minor: 240_000, currency: 'RUB', duration_minutes: 60, is_active: true, archived: false },
    ]);

    // Switched off for a while, and on again.
    await list.locator('.services-editor__row', { hasText: 'Haircut and beard' }).click();
    sheet = page.getByRole('dialog', { name: 'Haircut and beard' });
    await sheet.getByRole('switch', { name: 'Taking bookings' }).click();
    await shot(page, 'en-07-service-sheet');
    await sheet.getByRole('button', { name: 'Save' }).click();
    await page.getByText("Service switched off — clients don't see it").waitFor();
    await list.locator('.services-editor__item[data-active="false"]', { hasText: 'Haircut and beard' }).getByText('Off').waitFor();
    await shot(page, 'en-08-services');
    expect((await servicesOf(user.id))[1]).toMatchObject({ name: 'Haircut and beard', is_active: false, archived: false });
    await list.locator('.services-editor__row', { hasText: 'Haircut and beard' }).click();
    await sheet.getByRole('switch', { name: 'Taking bookings' }).click();
    await sheet.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Clients can book this service again').waitFor();
    expect((await servicesOf(user.id))[1]).toMatchObject({ name: 'Haircut and beard', is_active: true, archived: false });

    // Removed after a confirmation: archived, not deleted (bookings keep it).
    await list.locator('.services-editor__row', { hasText: 'Haircut and beard' }).click();
    await sheet.getByRole('button', { name: 'Remove service' }).click();
    await sheet.getByRole('button', { name: 'Remove', exact: true }).click();
    await page.getByText('Service removed').waitFor();
    expect(await list.innerText()).not.toContain('Haircut and beard');
    expect(await servicesOf(user.id)).toMatchObject([
      { name: null, is_active: true, archived: false },
      { name: 'Haircut and beard', archived: true },
    ]);
    await mainButton(page, 'Done').click();
    await page.waitForURL('**/master/settings');

    await page.getByRole('button', { name: 'Hide profile from clients' }).click();
    await page.getByRole('button', { name: 'Hide', exact: true }).click();
    await page.getByText('Your profile is hidden from clients').waitFor();
    await shot(page, 'en-09-hidden');
    const hidden = await graphql<{ masterProfile: { isActive: boolean } }>(server, user, '{ masterProfile { isActive } }');
    expect(hidden.masterProfile.isActive).toBe(false);
    await page.getByRole('button', { name: 'Show to clients again' }).click();
    await page.getByText('Your profile is visible to clients again').waitFor();

    await close(page);
  });
});
