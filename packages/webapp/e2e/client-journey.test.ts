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
import { catalogueIds, databaseId, type MasterSetup, type SeededMaster, seedMaster } from './seed.js';
import { graphqlAs, type RunningServer, startServer } from './server.js';

/** The masters work in Tbilisi (UTC+4 all year, prices in lari); the demo data has masters there too. */
const MASTER_ZONE = 'Asia/Tbilisi';
/** Nino's cancellation cutoff at first: a booking tomorrow may be cancelled by its client. */
const CUTOFF_MINUTES = 120;

interface SearchEdge {
  node: { displayName: string };
  nextFreeSlot: { localStart: string } | null;
}

interface BookingRow {
  id: string;
  status: string;
  source: string;
  starts_at: Date;
  client_name: string | null;
  client_phone: string | null;
  comment: string | null;
  cancelled_by: string | null;
  master_service_id: string | null;
  price_minor: number | null;
  currency: string | null;
}

interface StageRow {
  stage: string;
  details: Record<string, unknown> | null;
}

/** The client's part of the funnel, as `webapp_events` stores its stages. */
const CLIENT_STAGES = ['SEARCH', 'SLOT_VIEWED', 'BOOKING_CREATED', 'BOOKING_FAILED'];

/** Free starts of Nino's services on a whole day: 09:00 to 20:00, one an hour. */
const SLOTS_A_DAY = 12;

/** "13 марта", "March 13" — a day as the bookings page names the end of the cancellation window (with the year when not this one). */
function dayMonth(date: string, locale: 'ru' | 'en'): string {
  const year = date.slice(0, 4) === todayIn(MASTER_ZONE).slice(0, 4) ? {} : { year: 'numeric' as const };
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', ...year, timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

const shot = (page: Page, name: string) => screenshot(page, `client-journey-${name}`);
const mainButton = (page: Page, name: string | RegExp) => page.getByTestId('main-button').filter({ hasText: name });
const cardOf = (page: Page, name: string) => page.locator('.client__master', { hasText: name });

describe.skipIf(!haveChromium)('the client journey in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let db: pg.Client;
  let nino: SeededMaster;
  const run = Date.now() % 100_000;

  /** Rows the server wrote, read straight from its database. */
  async function rows<Row>(sql: string, params: unknown[]): Promise<Row[]> {
    const result = await db.query(sql, params);
    return result.rows as Row[];
  }
  /** The client stages the app reported for a user, in the order they arrived. */
  const stagesOf = (telegramId: number) =>
    rows<StageRow>('SELECT stage::text, details FROM webapp_events WHERE telegram_id = $1 AND stage::text = ANY($2) ORDER BY id', [
      telegramId,
      CLIENT_STAGES,
    ]);
  /** Exactly these reports and no others, once as many arrived (beacons go in the background) or 15 s passed. */
  async function expectStages(telegramId: number, expected: StageRow[]) {
    const deadline = Date.now() + 15_000;
    let stored = await stagesOf(telegramId);
    while (stored.length < expected.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      stored = await stagesOf(telegramId);
    }
    expect(stored).toEqual(expected);
  }
  const bookingsOf = (telegramId: number) =>
    rows<BookingRow>(
      `SELECT b.id, b.status, b.source, b.starts_at, b.client_name, b.client_phone, b.comment, b.cancelled_by,
              b.master_service_id, b.price_minor, b.currency
         FROM bookings b JOIN clients c ON c.id = b.client_id WHERE c.telegram_id = $1 ORDER BY b.starts_at`,
      [telegramId],
    );
  /** What the API finds, to compare the page with. */
  async function search(user: TelegramUser, filter: Record<string, unknown>): Promise<SearchEdge[]> {
    const { searchMasters } = await graphqlAs<{ searchMasters: { edges: SearchEdge[] } }>(
      server,
      user,
      'query Search($filter: SearchMastersFilter!) { searchMasters(filter: $filter, first: 50) { edges { node { displayName } nextFreeSlot { localStart } } } }',
      { filter },
    );
    return searchMasters.edges;
  }
  /** The `search` stage the app reports for a first page of results. */
  const searchStage = (edges: SearchEdge[], dateFilter: boolean): StageRow => ({
    stage: 'SEARCH',
    details: { dateFilter, results: edges.length, withFreeTime: edges.filter((edge) => edge.nextFreeSlot).length, hasMore: false },
  });

  beforeAll(async () => {
    await mkdir(screenshots, { recursive: true });
    [server, browser] = await Promise.all([startServer({ TELEGRAM_BOT_TOKEN: BOT_TOKEN, NODE_ENV: 'test' }), launchChromium()]);
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    nino = await seedMaster(server, {
      user: { id: 891_000_000 + run, first_name: 'Нино', language_code: 'ru', username: `nino_nails_${run}` },
      phone: '+7 912 000-11-22',
      city: 'tbilisi',
      displayName: 'Нино — маникюр',
      about: 'Маникюр в центре Тбилиси: аккуратно, стерильно, с кофе.',
      address: 'ул. Руставели, 12',
      telegramContactAllowed: true,
      services: [
        { slug: 'manicure', name: 'Маникюр с покрытием', description: 'Гель-лак в один тон.', priceMinor: 4_500, durationMinutes: 60 },
        { slug: 'manicure', name: 'Экспресс-маникюр', priceMinor: 3_000, durationMinutes: 45 },
      ],
      slots: { stepMinutes: 60, bufferMinutes: 0, minNoticeMinutes: 60, horizonDays: 14, cancellationCutoffMinutes: CUTOFF_MINUTES },
    });
    // A master whose notice is longer than their horizon: found, but with no free time.
    await seedMaster(server, {
      user: { id: 892_000_000 + run, first_name: 'Тамара', language_code: 'ru' },
      phone: '+7 912 000-11-33',
      city: 'tbilisi',
      displayName: 'Тамара — ногти',
      about: 'Ногти любой длины, дизайн по вашему эскизу.',
      address: 'пр. Чавчавадзе, 5',
      services: [{ slug: 'manicure', priceMinor: 6_000, durationMinutes: 60 }],
      slots: { stepMinutes: 60, bufferMinutes: 0, minNoticeMinutes: 30 * 24 * 60, horizonDays: 1, cancellationCutoffMinutes: 0 },
    });
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await browser?.close();
    await server?.stop();
  });

  it('picks a service offered in the city, finds a master by a service name, books one of their services, sees it under /client/bookings and cancels it', async () => {
    const client: TelegramUser = { id: 893_000_000 + run, first_name: 'Мария', language_code: 'ru' };
    // The phone is in Moscow (UTC+3); the master works in Tbilisi (UTC+4): times follow the master.
    const page = await open(browser, launchUrl(server.origin, '/client', client, lightTheme), {
      timezoneId: 'Europe/Moscow',
      locale: 'ru-RU',
    });

    // Opening the app creates the client.
    await page.getByText('Здравствуйте, Мария!').waitFor({ timeout: 20_000 });
    await expect
      .poll(async () => await rows('SELECT first_name FROM clients WHERE telegram_id = $1', [client.id]))
      .toEqual([{ first_name: 'Мария' }]);

    // City, then service: only what masters offer in Tbilisi, each with how many of them.
    await page.getByRole('radio', { name: /Тбилиси/ }).click();
    await page.getByText('Выберите услугу').waitFor();
    const picker = page.getByRole('radiogroup', { name: 'Выберите услугу' });
    await picker.getByRole('radio').first().waitFor();
    const { servicesInCity } = await graphqlAs<{ servicesInCity: { mastersCount: number; service: { name: string } }[] }>(
      server,
      client,
      'query InCity($cityId: ID!) { servicesInCity(cityId: $cityId) { mastersCount service { name } } }',
      { cityId: (await catalogueIds(server, client)).cityId },
    );
    const plural = (count: number) =>
      count % 10 === 1 && count % 100 !== 11
        ? 'мастер'
        : [2, 3, 4].includes(count % 10) && ![12, 13, 14].includes(count % 100)
          ? 'мастера'
          : 'мастеров';
    expect(await picker.getByRole('radio').evaluateAll((radios) => radios.map((radio) => radio.getAttribute('aria-label')))).toEqual(
      servicesInCity.map((entry) => `${entry.service.name}, ${entry.mastersCount} ${plural(entry.mastersCount)}`),
    );
    // Nino, Tamara and the demo's nail masters offer manicure there; nobody offers a tattoo session.
    expect(servicesInCity.find((entry) => entry.service.name === 'Маникюр')!.mastersCount).toBeGreaterThanOrEqual(2);
    expect(await picker.getByRole('radio', { name: /^Тату-сеанс/ }).count()).toBe(0);
    await shot(page, '00-service');

    // Every master with a manicure; Nino with both of hers and the lower price.
    await picker.getByRole('radio', { name: /^Маникюр,/ }).click();
    const ninoCard = cardOf(page, 'Нино — маникюр');
    await ninoCard.waitFor();
    const tbilisiManicure = await catalogueIds(server, client);
    const everyone = await search(client, tbilisiManicure);
    expect(everyone.map((edge) => edge.node.displayName)).toEqual(expect.arrayContaining(['Нино — маникюр', 'Тамара — ногти']));
    await expect.poll(() => page.locator('.client__master-name').allInnerTexts()).toEqual(everyone.map((edge) => edge.node.displayName));
    const next = everyone.find((edge) => edge.node.displayName === 'Нино — маникюр')!.nextFreeSlot!.localStart;
    expect(await ninoCard.innerText()).toMatch(
      new RegExp(
        `ул\\. Руставели, 12\\s+Маникюр с покрытием, Экспресс-маникюр\\s+от 30\\s₾\\s+Ближайшее время: .*, ${next.slice(11, 16)} \\(по времени мастера, GMT\\+4\\)`,
      ),
    );
    expect(await cardOf(page, 'Тамара — ногти').innerText()).toMatch(/Маникюр · 1 ч · 60\s₾\s+Нет свободного времени в ближайшие недели/);
    await shot(page, '01-search');

    // Text search finds Nino by the name of one of her services.
    await page.getByRole('searchbox', { name: 'Поиск по мастерам' }).fill('экспресс');
    await expect.poll(() => page.locator('.client__master-name').allInnerTexts()).toEqual(['Нино — маникюр']);
    expect(await search(client, { ...tbilisiManicure, text: 'экспресс' })).toHaveLength(1);
    await shot(page, '01-text-search');

    // The choice of city and service is remembered (not the text): reopening shows all results straight away.
    await page.reload();
    await ninoCard.waitFor({ timeout: 20_000 });
    expect(await page.locator('.client__choices').innerText()).toMatch(/Город\s+Тбилиси[\s\S]*Услуга\s+Маникюр/);
    await expect.poll(() => page.locator('.client__master').count()).toBe(everyone.length);

    // Only tomorrow: Tamara has no time then, Nino's first free start is tomorrow's first.
    const tomorrow = addDays(todayIn(MASTER_ZONE), 1);
    await page.getByRole('radio', { name: 'Завтра' }).click();
    await cardOf(page, 'Тамара — ногти').waitFor({ state: 'detached' });
    expect(await ninoCard.innerText()).toMatch(/Ближайшее время: Завтра, .+, 09:00/);
    const onTomorrow = await search(client, { ...tbilisiManicure, date: tomorrow });

    // Nino's page: both her services, priced in lari, Tbilisi's days, tomorrow's free time.
    await ninoCard.click();
    await page.waitForURL(`**/client/masters/${encodeURIComponent(nino.id)}?**`);
    await page.getByText('Время указано по часовому поясу мастера: Тбилиси, GMT+4.').waitFor();
    const services = page.getByRole('radiogroup', { name: 'Услуги' });
    expect(await services.innerText()).toMatch(
      /Маникюр с покрытием\s+Гель-лак в один тон\.\s+1 ч\s+45\s₾\s+Экспресс-маникюр\s+45 мин\s+30\s₾/,
    );
    expect(await page.locator('.storefront__place').innerText()).toBe('Тбилиси, ул. Руставели, 12');
    // The first service's free time is in (and counted as looked at) before the client chooses another.
    await page.locator('.client-master__slots').waitFor();
    // The client chooses the quicker one, then tomorrow's 10:00.
    await services.getByRole('radio', { name: /Экспресс-маникюр/ }).click();
    await page.getByRole('radiogroup', { name: 'День' }).getByRole('radio').nth(1).click();
    await page.getByRole('radio', { name: '10:00', exact: true }).click();
    await shot(page, '02-master');
    // Searching and looking at the master's services count as interest in manicure in Tbilisi.
    expect(
      await rows(
        `SELECT s.slug AS service, t.slug AS city FROM client_service_interest i
           JOIN clients c ON c.id = i.client_id JOIN services s ON s.id = i.service_id JOIN cities t ON t.id = i.city_id
          WHERE c.telegram_id = $1`,
        [client.id],
      ),
    ).toEqual([{ service: 'manicure', city: 'tbilisi' }]);
    await mainButton(page, /Продолжить · Завтра, .*, 10:00/).click();

    // The form: the name from Telegram, the phone typed in, WhatsApp after Telegram, a comment; no
    // consent to tick, only where it is given (the profile).
    await page.waitForURL('**/client/masters/*/book?**');
    expect(await page.getByLabel('Ваше имя').inputValue()).toBe('Мария');
    await page.getByRole('textbox', { name: 'Телефон' }).fill('8 912 555-44-33');
    await page.getByRole('button', { name: 'WhatsApp' }).click();
    await page.getByLabel('Комментарий для мастера').fill('Короткие ногти');
    expect(await page.getByRole('checkbox').count()).toBe(0);
    expect(await page.locator('.client-booking__partners').innerText()).toBe(
      'Партнёрам Zapis ваши контакты не передаются без вашего согласия. Согласие — в профиле',
    );
    expect(await page.getByRole('link', { name: 'Согласие — в профиле' }).getAttribute('href')).toBe('/client/profile#partner-consent');
    expect(await page.locator('.booking-details').innerText()).toMatch(
      /Услуга\s+Экспресс-маникюр · 45 мин\s+Когда\s+Завтра, .+, 10:00\s+Адрес\s+Тбилиси, ул\. Руставели, 12\s+Стоимость\s+30\s₾/,
    );
    await shot(page, '03-form');
    await mainButton(page, 'Записаться').click();

    // The success screen says what was booked, where (with maps), and how to write to Nino.
    await page.getByRole('heading', { name: 'Вы записаны!' }).waitFor();
    const done = page.locator('.booking-details');
    expect(await done.innerText()).toMatch(
      /Услуга\s+Экспресс-маникюр\s+Мастер\s+Нино — маникюр\s+Когда\s+Завтра, .+, 10:00–10:45\s+Адрес\s+ул\. Руставели, 12\s+Яндекс Карты\s+2ГИС\s+Google Карты\s+Стоимость\s+30\s₾/,
    );
    const place = encodeURIComponent('ул. Руставели, 12, Тбилиси');
    expect(await done.getByRole('link', { name: 'Яндекс Карты' }).getAttribute('href')).toBe(`https://yandex.ru/maps/?text=${place}`);
    expect(await done.getByRole('link', { name: '2ГИС' }).getAttribute('href')).toBe(`https://2gis.ru/search/${place}`);
    expect(await page.getByRole('link', { name: 'Написать мастеру в Telegram' }).getAttribute('href')).toBe(
      `https://t.me/${nino.user.username}`,
    );
    await shot(page, '04-booked');

    const startsAt = zonedTimeToUtc(tomorrow, '10:00', MASTER_ZONE);
    const express = nino.offers.find((offer) => offer.name === 'Экспресс-маникюр')!;
    expect(await bookingsOf(client.id)).toEqual([
      expect.objectContaining({
        status: 'CONFIRMED',
        source: 'CLIENT',
        starts_at: startsAt,
        client_name: 'Мария',
        client_phone: '+79125554433',
        comment: 'Короткие ногти',
        master_service_id: databaseId(express.id),
        price_minor: 3_000,
        currency: 'GEL',
      }),
    ]);
    expect(await rows('SELECT phone, preferred_channels::text[] AS channels FROM clients WHERE telegram_id = $1', [client.id])).toEqual([
      { phone: '+79125554433', channels: ['TELEGRAM', 'WHATSAPP'] },
    ]);
    expect(
      await rows(`SELECT s.bookings_count FROM client_service_stats s JOIN clients c ON c.id = s.client_id WHERE c.telegram_id = $1`, [
        client.id,
      ]),
    ).toEqual([{ bookings_count: 1 }]);
    // Booking asks for no consent, and records none.
    expect(
      await rows(`SELECT k.kind FROM client_consents k JOIN clients c ON c.id = k.client_id WHERE c.telegram_id = $1`, [client.id]),
    ).toEqual([]);

    // My bookings: the booking is upcoming, with the way there and to the master.
    await mainButton(page, 'Мои записи').click();
    await page.waitForURL('**/client/bookings');
    const upcoming = page.locator('section', { has: page.getByRole('heading', { name: 'Предстоящие' }) });
    const card = upcoming.locator('.client-bookings__card', { hasText: 'Нино — маникюр' });
    await card.waitFor();
    expect(await card.innerText()).toMatch(
      /Завтра, .+, 10:00–10:45\s+по времени мастера, GMT\+4\s+Экспресс-маникюр\s+Нино — маникюр\s+ул\. Руставели, 12\s+Яндекс Карты\s+2ГИС\s+Google Карты\s+Подтверждена\s+30\s₾\s+Написать мастеру в Telegram/,
    );
    // Nino takes cancellations up to two hours before: until 08:00 on her clock (07:00 on the phone's).
    expect(await card.locator('.client-bookings__cutoff').innerText()).toBe(
      `Перенести или отменить можно до ${dayMonth(tomorrow, 'ru')}, 08:00 (по времени мастера, GMT+4)`,
    );
    await shot(page, '05-bookings');

    // Cancel, with a confirmation first.
    await card.getByRole('button', { name: 'Отменить запись' }).click();
    const sheet = page.getByRole('dialog', { name: 'Отменить запись?' });
    await sheet.waitFor();
    await shot(page, '06-cancel');
    await sheet.getByRole('button', { name: 'Да, отменить' }).click();
    await page.getByText('Запись отменена — время освободилось.').waitFor();
    const cancelled = page
      .locator('section', { has: page.getByRole('heading', { name: 'Прошедшие и отменённые' }) })
      .locator('.client-bookings__card[data-status="CANCELLED"]', { hasText: 'Нино — маникюр' });
    await cancelled.getByText('Отменена · вы отменили').waitFor();
    expect(await upcoming.count()).toBe(0);
    // No maps nor messages for a visit that is off.
    expect(await cancelled.getByRole('link', { name: 'Яндекс Карты' }).count()).toBe(0);
    await shot(page, '07-cancelled');

    expect(await bookingsOf(client.id)).toEqual([
      expect.objectContaining({ status: 'CANCELLED', cancelled_by: 'CLIENT', starts_at: startsAt }),
    ]);
    // A cancelled booking no longer counts: the only one gone, the counter row goes too.
    expect(
      await rows(`SELECT s.bookings_count FROM client_service_stats s JOIN clients c ON c.id = s.client_id WHERE c.telegram_id = $1`, [
        client.id,
      ]),
    ).toEqual([]);
    // The slot is free again.
    const slots = await graphqlAs<{ availableSlots: { startsAt: string }[] }>(
      server,
      client,
      'query Slots($m: ID!, $s: ID!, $from: DateTime!, $to: DateTime!) { availableSlots(masterId: $m, masterServiceId: $s, from: $from, to: $to) { startsAt } }',
      { m: nino.id, s: express.id, from: startsAt.toISOString(), to: new Date(startsAt.getTime() + 60_000).toISOString() },
    );
    expect(slots.availableSlots).toEqual([{ startsAt: startsAt.toISOString() }]);

    // The funnel: each search once (the first, the text, the first again after reopening, then
    // tomorrow's), the tomorrow Nino's page opened on for each service looked at, the booking; no
    // personal data, and nothing for the rest.
    await expectStages(client.id, [
      searchStage(everyone, false),
      { stage: 'SEARCH', details: { dateFilter: false, results: 1, withFreeTime: 1, hasMore: false } },
      searchStage(everyone, false),
      searchStage(onTomorrow, true),
      { stage: 'SLOT_VIEWED', details: { daysAhead: 1, slots: SLOTS_A_DAY, daysWithSlots: expect.any(Number) } },
      { stage: 'SLOT_VIEWED', details: { daysAhead: 1, slots: SLOTS_A_DAY, daysWithSlots: expect.any(Number) } },
      { stage: 'BOOKING_CREATED', details: { afterSlotTaken: false } },
    ]);
    await close(page);
  }, 150_000);

  it('offers the nearest free times when the chosen one is taken meanwhile, books one, and explains a late cancellation, in English', async () => {
    const client: TelegramUser = { id: 894_000_000 + run, first_name: 'Alice', language_code: 'en' };
    const rival: TelegramUser = { id: 895_000_000 + run, first_name: 'Bob', language_code: 'en' };
    const day = addDays(todayIn(MASTER_ZONE), 2);
    const taken = zonedTimeToUtc(day, '12:00', MASTER_ZONE);
    // The phone is in New York: Tbilisi's 12:00 is 03:00 or 04:00 there.
    const page = await open(browser, launchUrl(server.origin, `/client/masters/${encodeURIComponent(nino.id)}`, client, darkTheme), {
      timezoneId: 'America/New_York',
      locale: 'en-US',
    });
    await page.getByRole('heading', { name: 'Нино — маникюр' }).waitFor({ timeout: 20_000 });
    await page.getByText("Times are in the master's time zone: Tbilisi, GMT+4.").waitFor();
    // The page opens on the first day with free time; the client looks at it, then picks another.
    await page.locator('.client-master__slots').waitFor();
    await page.getByRole('radiogroup', { name: 'Day' }).getByRole('radio').nth(2).click();
    await page.getByRole('radio', { name: '12:00', exact: true }).click();
    await shot(page, 'en-01-master');
    await mainButton(page, /Continue · .*, 12:00/).click();
    await page.waitForURL('**/client/masters/*/book?**');
    await page.getByRole('textbox', { name: 'Phone' }).fill('+7 912 777-66-55');

    // Meanwhile someone else books 12:00.
    await graphqlAs(server, rival, 'mutation { upsertClient { id } }');
    await graphqlAs(server, rival, 'mutation Book($input: CreateBookingInput!) { createBooking(input: $input) { id } }', {
      input: {
        masterServiceId: nino.offerId,
        startsAt: taken.toISOString(),
        clientName: 'Bob',
        clientPhone: '+7 912 111-22-33',
        preferredChannels: ['TELEGRAM'],
        idempotencyKey: `rival-${run}`,
      },
    });

    await mainButton(page, 'Book').click();
    await page.getByText('That time has just been taken.').waitFor();
    await page.getByText('Free nearby — pick a time and tap «Book»:').waitFor();
    const nearest = page.locator('.client-booking__nearest').getByRole('button');
    expect(await nearest.allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/, 13:00$/)]));
    expect(await nearest.allInnerTexts()).not.toEqual(expect.arrayContaining([expect.stringMatching(/, 12:00$/)]));
    await shot(page, 'en-02-taken');
    expect(await bookingsOf(client.id)).toEqual([]);

    // One of them is picked and booked.
    await nearest.filter({ hasText: '13:00' }).click();
    expect(await page.locator('.booking-details').innerText()).toMatch(/When\s+.+, 13:00/);
    await expect.poll(() => page.getByText('That time has just been taken.').count()).toBe(0);
    await mainButton(page, 'Book').click();
    await page.getByRole('heading', { name: "You're booked!" }).waitFor();
    expect(await page.locator('.booking-details').innerText()).toMatch(/When\s+.+, 13:00–14:00/);
    await shot(page, 'en-03-booked');
    const rebooked = zonedTimeToUtc(day, '13:00', MASTER_ZONE);
    const mine = await bookingsOf(client.id);
    if (mine)
      expect(mine).toEqual([expect.objectContaining({ status: 'CONFIRMED', source: 'CLIENT', starts_at: rebooked, client_name: 'Alice' })]);
    const theirs = await bookingsOf(rival.id);
    if (theirs) expect(theirs).toEqual([expect.objectContaining({ status: 'CONFIRMED', starts_at: taken })]);

    // My bookings: cancellable until two hours before, 11:00 on Nino's clock (03:00 or 04:00 in New York).
    await mainButton(page, 'My bookings').click();
    await page.waitForURL('**/client/bookings');
    const card = page.locator('.client-bookings__card', { hasText: 'Нино — маникюр' });
    const cancelButton = card.getByRole('button', { name: 'Cancel booking' });
    await card.waitFor();
    expect(await card.innerText()).toMatch(/13:00–14:00\s+master's time, GMT\+4/);
    expect(await card.locator('.client-bookings__cutoff').innerText()).toBe(
      `You can move or cancel until ${dayMonth(day, 'en')}, 11:00 (master's time, GMT+4)`,
    );
    await shot(page, 'en-04-bookings');
    await cancelButton.click();
    const sheet = page.getByRole('dialog', { name: 'Cancel this booking?' });
    await sheet.waitFor();

    // Meanwhile Nino takes cancellations only a week ahead: the API refuses, and the app says why.
    await graphqlAs(
      server,
      nino.user,
      'mutation Settings($input: UpdateMasterSettingsInput!) { updateMasterSettings(input: $input) { id } }',
      {
        input: {
          slots: { stepMinutes: 60, bufferMinutes: 0, minNoticeMinutes: 60, horizonDays: 14, cancellationCutoffMinutes: 7 * 24 * 60 },
        },
      },
    );
    await sheet.getByRole('button', { name: 'Yes, cancel' }).click();
    await sheet
      .getByText(
        "It's too late to cancel in the app: this master accepts cancellations up to 7 days before the start. Please contact the master directly.",
      )
      .waitFor();
    // Asking again cannot help: the sheet only closes. The list behind has caught up: no cancel button, but whom to turn to.
    expect(await sheet.getByRole('button', { name: 'Yes, cancel' }).count()).toBe(0);
    await card.getByText("It's too late to move or cancel in the app — please contact the master.").waitFor();
    expect(await cancelButton.count()).toBe(0);
    await shot(page, 'en-05-too-late');
    const kept = await bookingsOf(client.id);
    if (kept) expect(kept).toEqual([expect.objectContaining({ status: 'CONFIRMED', cancelled_by: null, starts_at: rebooked })]);

    // Reopened later, the page offers no cancellation at all.
    await sheet.getByRole('button', { name: 'Close' }).last().click();
    await page.reload();
    await card.waitFor({ timeout: 20_000 });
    expect(await card.locator('.client-bookings__cutoff').innerText()).toBe(
      "It's too late to move or cancel in the app — please contact the master.",
    );
    expect(await cancelButton.count()).toBe(0);
    expect(await card.getByText('Confirmed').count()).toBe(1);
    await shot(page, 'en-06-cancel-closed');
    const stillKept = await bookingsOf(client.id);
    if (stillKept) expect(stillKept).toEqual([expect.objectContaining({ status: 'CONFIRMED', cancelled_by: null, starts_at: rebooked })]);

    // Back to the search, in English: the offer and the next free time on the master's clock.
    await mainButton(page, 'Find a master').click();
    await page.waitForURL(/\/client$/);
    await page.getByRole('radio', { name: /Tbilisi/ }).click();
    await page.getByRole('radio', { name: /^Manicure, \d+ masters$/ }).click();
    const ninoCard = cardOf(page, 'Нино — маникюр');
    await ninoCard.waitFor();
    expect(await ninoCard.innerText()).toMatch(
      /ул\. Руставели, 12\s+Маникюр с покрытием, Экспресс-маникюр\s+from ₾30\s+Next free time: .+, \d\d:\d\d \(master's time, GMT\+4\)/,
    );
    expect(await cardOf(page, 'Тамара — ногти').innerText()).toMatch(/Manicure · 1 hr · ₾60/);
    const tbilisiManicure = await catalogueIds(server, client);
    const everyone = await search(client, tbilisiManicure);
    await expect.poll(() => page.locator('.client__master').count()).toBe(everyone.length);
    await shot(page, 'en-07-search');

    // Nobody matches the text: the app offers the search without it, and related services in the city with their masters.
    const searchbox = page.getByRole('searchbox', { name: 'Search masters' });
    await searchbox.fill('zzzz');
    await page.getByText('Nobody matches “zzzz”.').waitFor();
    const related = page.getByRole('radiogroup', { name: 'Related services in this city' });
    const pedicure = related.getByRole('radio', { name: /^Pedicure, \d+ masters?$/ });
    await pedicure.waitFor();
    // Services of the same category (nails) only, never the one searched.
    expect(await related.getByRole('radio', { name: /^Manicure,/ }).count()).toBe(0);
    expect(await related.getByRole('radio', { name: /haircut/ }).count()).toBe(0);
    await shot(page, 'en-08-nobody');
    await page.getByRole('button', { name: 'Search without “zzzz”' }).click();
    await ninoCard.waitFor();
    expect(await searchbox.inputValue()).toBe('');

    // With a day and a text nobody matches, "any day" is offered too; a related service is one tap away.
    await searchbox.fill('zzzz');
    await page.getByText('Nobody matches “zzzz”.').waitFor();
    await page.getByRole('radio', { name: 'Tomorrow' }).click();
    await page.getByRole('button', { name: 'Search any day' }).waitFor();
    await pedicure.click();
    await expect.poll(() => page.locator('.client__choices').innerText()).toMatch(/Service\s+Pedicure/);

    // The funnel: the first day the page showed and the day picked, the taken time, the booking
    // saved by a nearest time, the search; never the name or phone typed in.
    await expectStages(client.id, [
      // Today when it still has free time, tomorrow otherwise.
      {
        stage: 'SLOT_VIEWED',
        details: {
          daysAhead: expect.toSatisfy((days: number) => days === 0 || days === 1),
          slots: expect.any(Number),
          daysWithSlots: expect.any(Number),
        },
      },
      { stage: 'SLOT_VIEWED', details: { daysAhead: 2, slots: SLOTS_A_DAY, daysWithSlots: expect.any(Number) } },
      { stage: 'BOOKING_FAILED', details: { code: 'SLOT_UNAVAILABLE' } },
      { stage: 'BOOKING_CREATED', details: { afterSlotTaken: true } },
      searchStage(everyone, false),
      { stage: 'SEARCH', details: { dateFilter: false, results: 0, withFreeTime: 0, hasMore: false } },
      searchStage(everyone, false),
      { stage: 'SEARCH', details: { dateFilter: false, results: 0, withFreeTime: 0, hasMore: false } },
      { stage: 'SEARCH', details: { dateFilter: true, results: 0, withFreeTime: 0, hasMore: false } },
      { stage: 'SEARCH', details: { dateFilter: true, results: 0, withFreeTime: 0, hasMore: false } },
    ]);
    const details = await rows<{ details: string }>(
      'SELECT details::text FROM webapp_events WHERE telegram_id = $1 AND details IS NOT NULL',
      [client.id],
    );
    if (details) expect(details.map((row) => row.details).join('\n')).not.toMatch(/Alice|912\D*777\D*66\D*55/);
    await close(page);
  }, 150_000);

  it('shows a master who keeps the address for booked clients only by the area, then the full address with maps once booked', async () => {
    const liana = await seedMaster(server, {
      user: { id: 896_000_000 + run, first_name: 'Лиана', language_code: 'ru' },
      phone: '+7 912 000-11-44',
      city: 'tbilisi',
      displayName: 'Лиана — брови',
      about: 'Коррекция и окрашивание бровей хной, ламинирование.',
      address: 'ул. Абашидзе, 20, кв. 7',
      area: 'Ваке',
      services: [{ slug: 'brow-shaping', name: 'Брови под ключ', priceMinor: 4_000, durationMinutes: 60 }],
      slots: { stepMinutes: 60, bufferMinutes: 0, minNoticeMinutes: 60, horizonDays: 14, cancellationCutoffMinutes: 60 },
    });
    const client: TelegramUser = { id: 897_000_000 + run, first_name: 'Софья', language_code: 'ru' };
    const page = await open(browser, launchUrl(server.origin, '/client', client, lightTheme), { timezoneId: MASTER_ZONE, locale: 'ru-RU' });
    await page.getByText('Здравствуйте, Софья!').waitFor({ timeout: 20_000 });
    await page.getByRole('radio', { name: /Тбилиси/ }).click();
    await page.getByRole('radio', { name: /^Коррекция бровей,/ }).click();

    // In search: the area, never the street; the street finds nobody, the area finds her.
    const card = cardOf(page, 'Лиана — брови');
    await card.waitFor();
    expect(await card.innerText()).toMatch(/^Л\s+Лиана — брови\s+Ваке\s+Брови под ключ · 1 ч · 40\s₾/);
    const searchbox = page.getByRole('searchbox', { name: 'Поиск по мастерам' });
    await searchbox.fill('Абашидзе');
    await page.getByText('По запросу «Абашидзе» никого не нашли.').waitFor();
    await searchbox.fill('ваке');
    await card.waitFor();
    await shot(page, 'area-01-search');
    expect(await page.content()).not.toContain('Абашидзе');

    // Her page: the city and the area, and that the address comes with the booking.
    await card.click();
    await page.waitForURL(`**/client/masters/${encodeURIComponent(liana.id)}?**`);
    await page.getByText('Точный адрес — после записи').waitFor();
    expect(await page.locator('.storefront__place').innerText()).toBe('Тбилиси, Ваке');
    await page.locator('.client-master__slots').waitFor();
    await page.locator('.client-master__slot').first().click();
    await shot(page, 'area-02-master');
    expect(await page.content()).not.toContain('Абашидзе');
    await mainButton(page, /Продолжить/).click();

    // The form still shows only the area.
    await page.waitForURL('**/client/masters/*/book?**');
    expect(await page.locator('.booking-details').innerText()).toMatch(/Адрес\s+Тбилиси, Ваке\s+Точный адрес — после записи/);
    expect(await page.content()).not.toContain('Абашидзе');
    await page.getByRole('textbox', { name: 'Телефон' }).fill('+995 555 12-34-56');
    await mainButton(page, 'Записаться').click();

    // Booked: the full address, with maps, on the success screen and in the client's bookings.
    await page.getByRole('heading', { name: 'Вы записаны!' }).waitFor();
    const done = page.locator('.booking-details');
    expect(await done.innerText()).toMatch(/Адрес\s+ул\. Абашидзе, 20, кв\. 7\s+Яндекс Карты\s+2ГИС\s+Google Карты/);
    const place = encodeURIComponent('ул. Абашидзе, 20, кв. 7, Тбилиси');
    expect(await done.getByRole('link', { name: 'Google Карты' }).getAttribute('href')).toBe(
      `https://www.google.com/maps/search/?api=1&query=${place}`,
    );
    // Liana does not take messages in Telegram.
    expect(await page.getByRole('link', { name: 'Написать мастеру в Telegram' }).count()).toBe(0);
    await shot(page, 'area-03-booked');
    expect(await bookingsOf(client.id)).toEqual([
      expect.objectContaining({ status: 'CONFIRMED', master_service_id: databaseId(liana.offerId), price_minor: 4_000, currency: 'GEL' }),
    ]);

    await mainButton(page, 'Мои записи').click();
    const booking = page.locator('.client-bookings__card', { hasText: 'Лиана — брови' });
    await booking.waitFor();
    expect(await booking.innerText()).toMatch(
      /Брови под ключ\s+Лиана — брови\s+ул\. Абашидзе, 20, кв\. 7\s+Яндекс Карты\s+2ГИС\s+Google Карты/,
    );
    expect(await booking.getByRole('link', { name: 'Яндекс Карты' }).getAttribute('href')).toBe(`https://yandex.ru/maps/?text=${place}`);
    await shot(page, 'area-04-bookings');
    await close(page);
  }, 150_000);

  it('takes prices in the currency of the master’s city: lari in Tbilisi, roubles in Moscow, shown so to clients', async () => {
    const setup = (city: string, id: number, phone: string, displayName: string, priceMinor: number): MasterSetup => ({
      user: { id, first_name: displayName.split(' ')[0]!, language_code: 'ru' },
      phone,
      city,
      displayName,
      about: 'Маникюр без спешки, стерильные инструменты.',
      address: city === 'moscow' ? 'ул. Покровка, 3' : 'ул. Шавтели, 9',
      services: [{ slug: 'manicure', priceMinor, durationMinutes: 60 }],
      slots: { stepMinutes: 60, bufferMinutes: 0, minNoticeMinutes: 60, horizonDays: 14, cancellationCutoffMinutes: 60 },
    });
    const eka = await seedMaster(server, setup('tbilisi', 898_000_000 + run, '+7 912 000-11-55', 'Эка — маникюр', 4_000));
    const ksenia = await seedMaster(server, setup('moscow', 899_000_000 + run, '+7 912 000-11-66', 'Ксения — маникюр', 200_000));
    const priceOf = async (telegramId: number) =>
      rows<{ price_minor: number; currency: string }>(
        'SELECT s.price_minor, s.currency FROM master_services s JOIN masters m ON m.id = s.master_id WHERE m.telegram_id = $1',
        [telegramId],
      );

    // Each master types a new price in settings, next to their city's currency sign.
    const enterPrice = async (master: SeededMaster, shown: RegExp, sign: string, typed: string, after: RegExp) => {
      const page = await open(browser, launchUrl(server.origin, '/master/settings/services', master.user, lightTheme), { locale: 'ru-RU' });
      const list = page.getByRole('list', { name: 'Услуги' });
      await list.waitFor({ timeout: 20_000 });
      expect(await list.innerText()).toMatch(shown);
      await list.locator('.services-editor__row').first().click();
      const sheet = page.getByRole('dialog', { name: 'Маникюр' });
      expect(await sheet.locator('.service-sheet__currency').innerText()).toBe(sign);
      await sheet.getByLabel('Цена').fill(typed);
      await sheet.getByRole('button', { name: 'Сохранить' }).click();
      await page.getByText('Услуга сохранена').waitFor();
      expect(await list.innerText()).toMatch(after);
      return page;
    };
    const ekaPage = await enterPrice(eka, /Маникюр\s+Маникюр · 1 ч\s+40\s₾/, '₾', '55,50', /55,50\s₾/);
    await shot(ekaPage, 'services-editor-gel');
    await close(ekaPage);
    expect(await priceOf(eka.user.id)).toEqual([{ price_minor: 5_550, currency: 'GEL' }]);
    await close(await enterPrice(ksenia, /Маникюр\s+Маникюр · 1 ч\s+2\s000\s₽/, '₽', '2 700', /2\s700\s₽/));
    expect(await priceOf(ksenia.user.id)).toEqual([{ price_minor: 270_000, currency: 'RUB' }]);

    // A client sees each price in its currency, in their own language.
    const client: TelegramUser = { id: 900_000_000 + run, first_name: 'Ирина', language_code: 'ru' };
    const page = await open(browser, launchUrl(server.origin, `/client/masters/${encodeURIComponent(eka.id)}`, client, lightTheme));
    const services = page.getByRole('radiogroup', { name: 'Услуги' });
    await services.waitFor({ timeout: 20_000 });
    expect(await services.innerText()).toMatch(/Маникюр\s+1 ч\s+55,50\s₾/);
    await page.goto(`${server.origin}/client/masters/${encodeURIComponent(ksenia.id)}`);
    await page.getByRole('heading', { name: 'Ксения — маникюр' }).waitFor();
    expect(await services.innerText()).toMatch(/Маникюр\s+1 ч\s+2\s700\s₽/);
    await close(page);

    const english: TelegramUser = { id: 901_000_000 + run, first_name: 'Kate', language_code: 'en' };
    const enPage = await open(browser, launchUrl(server.origin, `/client/masters/${encodeURIComponent(eka.id)}`, english, darkTheme));
    const enServices = enPage.getByRole('radiogroup', { name: 'Services' });
    await enServices.waitFor({ timeout: 20_000 });
    expect(await enServices.innerText()).toMatch(/Manicure\s+1 hr\s+₾55\.50/);
    await close(enPage);
  }, 150_000);
});
