import { mkdir, readFile } from 'node:fs/promises';
import ICAL from 'ical.js';
import pg from 'pg';
import type { Browser, Locator, Page } from 'playwright-core';
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
import { bookAs, databaseId, markCompleted, moveIntoPast, type SeededMaster, seedMaster } from './seed.js';
import { graphqlAs, type RunningServer, startServer } from './server.js';

/** Lali works in Tbilisi (UTC+4 all year), and so does the phone: times read the same on both clocks. */
const ZONE = 'Asia/Tbilisi';

interface ClientRow {
  id: string;
  first_name: string | null;
  phone: string | null;
  channels: string[];
  language_override: string | null;
  notify_booking_updates: boolean;
  notify_reminders: boolean;
  notify_waitlist_offers: boolean;
  notify_review_requests: boolean;
  erased_at: Date | null;
}

interface ConsentRow {
  text_version: string;
  client_id: string | null;
  former_client_id: string | null;
  withdrawn: boolean;
}

/** A request the app sent to the API: which operation, in which language it asked for by name. */
interface SentRequest {
  operation: string;
  language: string | undefined;
}

const shot = (page: Page, name: string) => screenshot(page, `client-profile-${name}`);
const mainButton = (page: Page, name: string | RegExp) => page.getByTestId('main-button').filter({ hasText: name });

/** The one event of an .ics file, read by the iCalendar parser calendar apps use. */
function calendarEvent(ics: string): ICAL.Event {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents('vevent');
  expect(events).toHaveLength(1);
  return new ICAL.Event(events[0]!);
}

/** Whether the top of an element is on screen, in the upper half of the viewport (where a link to it brings it). */
function topInView(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const { top } = element.getBoundingClientRect();
    return top >= 0 && top < window.innerHeight / 2;
  });
}

/** Every GraphQL request the page sends from now on. */
function recordRequests(page: Page): SentRequest[] {
  const sent: SentRequest[] = [];
  page.on('request', (request) => {
    if (!request.url().endsWith('/graphql') || request.method() !== 'POST') return;
    const body = JSON.parse(request.postData() ?? '{}') as { operationName?: string };
    sent.push({ operation: body.operationName ?? '', language: request.headers()['x-zapis-language'] });
  });
  return sent;
}

describe.skipIf(!haveChromium)("the client's profile in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  let db: pg.Client;
  let lali: SeededMaster;
  const run = Date.now() % 100_000;

  async function rows<Row>(sql: string, params: unknown[]): Promise<Row[]> {
    return (await db.query(sql, params)).rows as Row[];
  }
  const clientRow = async (telegramId: number) =>
    (
      await rows<ClientRow>(
        `SELECT id, first_name, phone, preferred_channels::text[] AS channels, language_override, notify_booking_updates,
                notify_reminders, notify_waitlist_offers, notify_review_requests, erased_at
           FROM clients WHERE telegram_id = $1`,
        [telegramId],
      )
    )[0];
  const consentsOf = (clientId: string) =>
    rows<ConsentRow>(
      `SELECT text_version, client_id, former_client_id, withdrawn_at IS NOT NULL AS withdrawn
         FROM client_consents WHERE client_id = $1 OR former_client_id = $1 ORDER BY granted_at`,
      [clientId],
    );

  beforeAll(async () => {
    await mkdir(screenshots, { recursive: true });
    [server, browser] = await Promise.all([startServer({ TELEGRAM_BOT_TOKEN: BOT_TOKEN, NODE_ENV: 'test' }), launchChromium()]);
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    // Her manicure goes by the catalogue's name, which follows the language the client reads in.
    lali = await seedMaster(server, {
      user: { id: 931_000_000 + run, first_name: 'Лали', language_code: 'ru' },
      phone: '+7 912 000-22-11',
      city: 'tbilisi',
      displayName: 'Лали — ногти',
      about: 'Маникюр и педикюр в Сабуртало.',
      address: 'ул. Марджанишвили, 7',
      services: [
        { slug: 'pedicure', priceMinor: 6_000, durationMinutes: 60 },
        { slug: 'manicure', priceMinor: 4_500, durationMinutes: 60 },
      ],
      slots: { stepMinutes: 60, bufferMinutes: 0, minNoticeMinutes: 60, horizonDays: 14, cancellationCutoffMinutes: 60 },
    });
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await browser?.close();
    await server?.stop();
  });

  it('books with no consent box and adds the visit to the calendar; in the profile edits contacts, bot messages, the language and partner consent; then erases the data and starts over', async () => {
    const client: TelegramUser = { id: 932_000_000 + run, first_name: 'Вера', language_code: 'ru' };
    const tomorrow = addDays(todayIn(ZONE), 1);
    const startsAt = zonedTimeToUtc(tomorrow, '11:00', ZONE);
    const page = await open(browser, launchUrl(server.origin, `/client/masters/${encodeURIComponent(lali.id)}`, client, lightTheme), {
      timezoneId: ZONE,
      locale: 'ru-RU',
    });
    const sent = recordRequests(page);

    // Tomorrow's 11:00 for a manicure.
    await page.getByRole('heading', { name: 'Лали — ногти' }).waitFor({ timeout: 20_000 });
    await page
      .getByRole('radiogroup', { name: 'Услуги' })
      .getByRole('radio', { name: /^Маникюр/ })
      .click();
    await page.getByRole('radiogroup', { name: 'День' }).getByRole('radio').nth(1).click();
    await page.getByRole('radio', { name: '11:00', exact: true }).click();
    await mainButton(page, /Продолжить/).click();

    // The form asks for no consent: it says where partner sharing is decided.
    await page.waitForURL('**/client/masters/*/book?**');
    await page.getByRole('textbox', { name: 'Телефон' }).fill('+7 912 444-55-66');
    expect(await page.locator('input[type="checkbox"], [role="checkbox"]').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Согласие — в профиле' }).getAttribute('href')).toBe('/client/profile#partner-consent');
    await mainButton(page, 'Записаться').click();

    // Booked: "Add to calendar" downloads the booking's .ics, the one the API links to.
    await page.getByRole('heading', { name: 'Вы записаны!' }).waitFor();
    const calendarLink = page.getByRole('link', { name: 'Добавить в календарь' });
    const { clientProfile } = await graphqlAs<{
      clientProfile: { upcomingBookings: { edges: { node: { id: string; calendarPath: string } }[] } };
    }>(server, client, '{ clientProfile { upcomingBookings(first: 5) { edges { node { id calendarPath } } } } }');
    const [booking] = clientProfile.upcomingBookings.edges.map((edge) => edge.node);
    const href = await calendarLink.getAttribute('href');
    expect(href).toBe(`${server.origin}${booking!.calendarPath}`);
    await shot(page, '01-booked');
    const [download] = await Promise.all([page.waitForEvent('download'), calendarLink.click()]);
    expect(download.suggestedFilename()).toBe('zapis-booking.ics');
    const ics = await (await fetch(href!)).text();
    expect(await readFile(await download.path(), 'utf8')).toBe(ics);
    const event = calendarEvent(ics);
    expect(event.startDate.toJSDate()).toEqual(startsAt);
    expect(event.endDate.toJSDate()).toEqual(new Date(startsAt.getTime() + 60 * 60_000));
    expect(event.summary).toBe('Маникюр — Лали — ногти');
    expect(event.location).toBe('ул. Марджанишвили, 7, Тбилиси');
    // Booking recorded no consent.
    const before = (await clientRow(client.id))!;
    expect(before).toEqual(expect.objectContaining({ first_name: 'Вера', phone: '+79124445566', channels: ['TELEGRAM'] }));
    expect(await consentsOf(before.id)).toEqual([]);

    // The profile, from My bookings.
    await mainButton(page, 'Мои записи').click();
    const bookingCard = page.locator('.client-bookings__card').first();
    await bookingCard.waitFor();
    expect(await bookingCard.innerText()).toMatch(/Маникюр\s+Лали — ногти/);
    await page.getByRole('link', { name: 'Профиль и настройки' }).click();
    await page.waitForURL('**/client/profile');
    await page.getByRole('heading', { name: 'Профиль', level: 1 }).waitFor();

    // Contacts: what the booking saved; nothing to save until something changes.
    const nameField = page.getByRole('textbox', { name: 'Имя', exact: true });
    const phoneField = page.getByRole('textbox', { name: 'Телефон' });
    expect(await nameField.inputValue()).toBe('Вера');
    expect(await phoneField.inputValue()).toBe('+7 912 444-55-66');
    expect(await mainButton(page, 'Сохранить контакты').count()).toBe(0);

    // WhatsApp without a phone: the API refuses, the form says why at the channels, nothing changes.
    await nameField.fill('Вера Л.');
    await page.getByRole('button', { name: 'WhatsApp' }).click();
    await phoneField.fill('');
    await mainButton(page, 'Сохранить контакты').click();
    await page.getByText('Для звонка, WhatsApp и SMS нужен телефон: укажите номер или оставьте только Telegram.').waitFor();
    expect(await clientRow(client.id)).toEqual(
      expect.objectContaining({ first_name: 'Вера', phone: '+79124445566', channels: ['TELEGRAM'] }),
    );

    // With a phone it saves: the new name, the number in E.164, Telegram then WhatsApp.
    await phoneField.fill('8 912 444-55-77');
    await mainButton(page, 'Сохранить контакты').click();
    await page.getByText('Контакты сохранены.').waitFor();
    expect(await clientRow(client.id)).toEqual(
      expect.objectContaining({ first_name: 'Вера Л.', phone: '+79124445577', channels: ['TELEGRAM', 'WHATSAPP'] }),
    );
    expect(await phoneField.inputValue()).toBe('+7 912 444-55-77');
    await expect.poll(() => mainButton(page, 'Сохранить контакты').count()).toBe(0);

    // Without Telegram among the channels the bot writes nothing, and the screen says so.
    const telegramOff = page.getByText('Сейчас бот вам не пишет: среди способов связи нет Telegram.', { exact: false });
    expect(await telegramOff.count()).toBe(0);
    await page.getByRole('button', { name: 'Telegram' }).click();
    await mainButton(page, 'Сохранить контакты').click();
    await telegramOff.waitFor();
    expect(await clientRow(client.id)).toEqual(expect.objectContaining({ channels: ['WHATSAPP'] }));
    await page.getByRole('button', { name: 'Telegram' }).click();
    await mainButton(page, 'Сохранить контакты').click();
    await telegramOff.waitFor({ state: 'detached' });
    expect(await clientRow(client.id)).toEqual(expect.objectContaining({ channels: ['WHATSAPP', 'TELEGRAM'] }));

    // Bot messages: each switch saved at once, with what it changes said beside it.
    const reminders = page.getByRole('switch', { name: 'Напоминания о визите' });
    expect(await page.locator('.profile__switch', { has: reminders }).innerText()).toContain(
      'Выключите — не будет и этих кнопок. Некоторые мастера просят подтвердить визит: тогда подтверждайте его мастеру сами.',
    );
    expect(await reminders.getAttribute('aria-checked')).toBe('true');
    await reminders.click();
    await expect.poll(async () => (await clientRow(client.id))!.notify_reminders).toBe(false);
    await expect.poll(() => reminders.getAttribute('aria-busy')).toBe('false');
    expect(await reminders.getAttribute('aria-checked')).toBe('false');
    await page.getByRole('switch', { name: 'Просьбы оценить визит' }).click();
    await expect.poll(async () => (await clientRow(client.id))!.notify_review_requests).toBe(false);
    expect(await clientRow(client.id)).toEqual(
      expect.objectContaining({ notify_booking_updates: true, notify_waitlist_offers: true, notify_reminders: false }),
    );

    // Partner consent: what it means, the text agreed to (the booking form's version), granted here…
    const partners = page.locator('#partner-consent');
    expect(await partners.innerText()).toContain(
      'Разрешаю передавать моё имя и телефон партнёрам Zapis, чтобы получать их предложения. Согласие можно отозвать в любой момент здесь, в профиле.',
    );
    expect(await partners.innerText()).toContain('Текст согласия · Версия 2025-01');
    await partners.getByText('Согласия нет — партнёры не получают ваших контактов.').waitFor();
    await partners.getByRole('button', { name: 'Согласиться' }).click();
    await partners.getByText('Согласие сохранено.').waitFor();
    expect(await consentsOf(before.id)).toEqual([
      { text_version: '2025-01', client_id: before.id, former_client_id: null, withdrawn: false },
    ]);
    await partners.getByText(/^Вы согласились \d+ [а-я]+ \d{4}/).waitFor();
    await expect
      .poll(() => partners.locator('.profile__history-entry').allInnerTexts())
      .toEqual([expect.stringMatching(/^Версия 2025-01\s+Дано .+ · действует$/)]);

    // …and withdrawn here: the row stays, with when.
    await partners.getByRole('button', { name: 'Отозвать согласие' }).click();
    await partners.getByText('Согласие отозвано.').waitFor();
    expect(await consentsOf(before.id)).toEqual([
      { text_version: '2025-01', client_id: before.id, former_client_id: null, withdrawn: true },
    ]);
    await expect
      .poll(() => partners.locator('.profile__history-entry').allInnerTexts())
      .toEqual([expect.stringMatching(/^Версия 2025-01\s+Дано .+ · отозвано .+$/)]);
    await partners.getByRole('button', { name: 'Согласиться' }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, '02-profile-ru-light');

    // English: the whole client app follows at once, asks the API for it by name, and the
    // catalogue's names come back in it (the bookings cached in Russian are asked for again).
    await page.getByRole('radio', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect.poll(async () => (await clientRow(client.id))!.language_override).toBe('en');
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('radio', { name: /^Tbilisi/ }).waitFor();
    await page.getByRole('link', { name: 'My bookings' }).click();
    await page.getByRole('heading', { name: 'My bookings' }).waitFor();
    await expect.poll(() => bookingCard.innerText()).toMatch(/Manicure\s+Лали — ногти/);
    expect(sent.filter((request) => request.operation === 'ClientBookings').at(-1)).toEqual({
      operation: 'ClientBookings',
      language: 'en',
    });

    // The choice holds when the app opens again: Telegram says Russian, the profile English.
    sent.length = 0;
    await page.reload();
    await page.getByRole('heading', { name: 'My bookings' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => bookingCard.innerText()).toMatch(/Manicure/);
    expect(sent.filter((request) => request.operation === 'ClientBookings').at(-1)?.language).toBe('en');

    // From the search screen's entry, back to Telegram's language: no language asked for by name,
    // and the cities the search screen had in English come again in Russian.
    await mainButton(page, 'Find a master').click();
    await page.getByRole('radio', { name: /^Tbilisi/ }).waitFor();
    await page.getByRole('link', { name: 'Profile and settings' }).click();
    await page.getByRole('radio', { name: 'As in Telegram' }).click();
    await page.getByRole('heading', { name: 'Профиль', level: 1 }).waitFor();
    await expect.poll(async () => (await clientRow(client.id))!.language_override).toBe(null);
    sent.length = 0;
    await page.getByRole('button', { name: 'Назад' }).click();
    await page.getByRole('radio', { name: /^Тбилиси/ }).waitFor();
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((request) => request.language === undefined)).toBe(true);

    // Erasing: a confirmation that says what goes and what stays.
    await page.getByRole('link', { name: 'Профиль и настройки' }).click();
    await page.getByRole('button', { name: 'Удалить мои данные' }).click();
    const sheet = page.getByRole('dialog', { name: 'Удалить ваши данные?' });
    await sheet.waitFor();
    const warning = await sheet.innerText();
    for (const sentence of [
      'в ваших записях — имя, телефон, комментарии и причины ваших отмен;',
      'записи — у мастеров: время, услуга, цена и статус;',
      'отзывы — на страницах мастеров, без имени;',
      'согласия — отозваны и хранятся отдельно как запись о том, с чем и когда вы соглашались.',
      'Предстоящие записи не отменятся, но вы больше не увидите их здесь и не получите по ним напоминаний.',
      'Если снова откроете приложение, начнётся новый профиль — только с именем из Telegram.',
    ]) {
      expect(warning).toContain(sentence);
    }
    await shot(page, '03-erase-confirm');
    await sheet.getByRole('button', { name: 'Удалить навсегда' }).click();
    await page.getByRole('heading', { name: 'Данные удалены' }).waitFor();
    await shot(page, '04-erased');

    // The client row keeps no personal data and has a new id; the consents are withdrawn and
    // detached (kept under the old id as the record); the booking stays with Lali, detached.
    const erased = (await clientRow(client.id))!;
    expect(erased).toEqual({
      id: expect.not.stringMatching(before.id),
      first_name: null,
      phone: null,
      channels: [],
      language_override: null,
      notify_booking_updates: true,
      notify_reminders: true,
      notify_waitlist_offers: true,
      notify_review_requests: true,
      erased_at: expect.any(Date),
    });
    expect(await consentsOf(before.id)).toEqual([
      { text_version: '2025-01', client_id: null, former_client_id: before.id, withdrawn: true },
    ]);
    expect(
      await rows('SELECT client_id, client_name, client_phone, status, starts_at FROM bookings WHERE id = $1', [databaseId(booking!.id)]),
    ).toEqual([{ client_id: null, client_name: 'Erased client', client_phone: null, status: 'CONFIRMED', starts_at: startsAt }]);

    // Starting over: a new minimal profile with the Telegram name, nothing from before.
    await page.getByRole('button', { name: 'Начать заново' }).click();
    await page.getByText('Здравствуйте, Вера!').waitFor();
    await expect.poll(async () => (await clientRow(client.id))!.erased_at).toBe(null);
    expect(await clientRow(client.id)).toEqual(
      expect.objectContaining({ id: erased.id, first_name: 'Вера', phone: null, channels: [], language_override: null }),
    );
    await page.getByRole('link', { name: 'Мои записи' }).click();
    await page.getByText('Записей пока нет.').waitFor();
    await page.getByRole('button', { name: 'Назад' }).click();
    await page.getByRole('link', { name: 'Профиль и настройки' }).click();
    expect(await page.getByRole('textbox', { name: 'Телефон' }).inputValue()).toBe('');
    expect(await page.locator('.profile__history-entry').count()).toBe(0);
    await close(page);
  }, 180_000);

  it('in English and the dark theme: the profile from the search screen, the calendar file in English, booking again from a past visit, and the consent linked from the booking form', async () => {
    const client: TelegramUser = { id: 933_000_000 + run, first_name: 'Kate', language_code: 'en' };
    const manicure = lali.offers[1]!;
    const visited = await bookAs(server, client, manicure.id, zonedTimeToUtc(addDays(todayIn(ZONE), 2), '10:00', ZONE));
    await moveIntoPast(db, visited, 30);
    await markCompleted(server, lali.user, visited);
    const upcomingStart = zonedTimeToUtc(addDays(todayIn(ZONE), 3), '15:00', ZONE);
    await bookAs(server, client, manicure.id, upcomingStart);

    const page = await open(browser, launchUrl(server.origin, '/client', client, darkTheme), { timezoneId: ZONE, locale: 'en-US' });
    await page.getByText('Hi, Kate!').waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: 'Profile and settings' }).click();
    await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Name', exact: true }).inputValue()).toBe('Kate');
    expect(await page.getByRole('textbox', { name: 'Phone' }).inputValue()).toBe('+7 912 345-00-00');
    expect(await page.getByRole('radio', { name: 'As in Telegram' }).getAttribute('aria-checked')).toBe('true');
    await page.locator('.profile__switch').first().waitFor();
    await shot(page, '05-profile-en-dark');

    // The upcoming visit's calendar file, with English texts.
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('link', { name: 'My bookings' }).click();
    const upcoming = page.locator('.client-bookings__card[data-status="CONFIRMED"]');
    await upcoming.waitFor();
    const href = await upcoming.getByRole('link', { name: 'Add to calendar' }).getAttribute('href');
    expect(href).toMatch(new RegExp(`^${server.origin}/calendar/[0-9a-f-]{36}\\.ics\\?token=[\\w-]+&lang=en$`));
    const event = calendarEvent(await (await fetch(href!)).text());
    expect(event.startDate.toJSDate()).toEqual(upcomingStart);
    expect(event.summary).toBe('Manicure — Лали — ногти');
    expect(event.location).toBe('ул. Марджанишвили, 7, Tbilisi');
    await shot(page, '06-bookings-en');

    // Booking again: Lali's page with the manicure chosen (not her first service), at her free time.
    const past = page.locator('.client-bookings__card[data-status="COMPLETED"]');
    await past.getByRole('button', { name: 'Book again' }).click();
    await page.waitForURL(`**/client/masters/${encodeURIComponent(lali.id)}?service=${encodeURIComponent(manicure.id)}#free-time`);
    const services = page.getByRole('radiogroup', { name: 'Services' });
    await services.waitFor();
    expect(await services.getByRole('radio', { name: /^Manicure/ }).getAttribute('aria-checked')).toBe('true');
    expect(await services.getByRole('radio', { name: /^Pedicure/ }).getAttribute('aria-checked')).toBe('false');
    const freeTime = page.locator('#free-time');
    await page.locator('.client-master__slot').first().waitFor();
    await expect.poll(() => topInView(freeTime)).toBe(true);
    await shot(page, '07-book-again');

    // The booking form links to the consent, and the link opens the profile there.
    await page.locator('.client-master__slot').first().click();
    await mainButton(page, /Continue/).click();
    await page.waitForURL('**/client/masters/*/book?**');
    expect(await page.locator('.client-booking__partners').innerText()).toBe(
      'Zapis does not share your contacts with partners without your consent. Consent is in your profile',
    );
    await page.getByRole('link', { name: 'Consent is in your profile' }).click();
    await page.waitForURL('**/client/profile#partner-consent');
    await expect.poll(() => topInView(page.locator('#partner-consent'))).toBe(true);
    await close(page);
  }, 150_000);
});
