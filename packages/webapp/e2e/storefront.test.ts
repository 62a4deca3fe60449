import { mkdir } from 'node:fs/promises';
import path from 'node:path';
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
  type Theme,
} from './browser.js';
import { drawPng } from './images.js';
import { bookAs, databaseId, markCompleted, moveIntoPast, type SeededMaster, seedDraft, seedMaster, uploadPhotoAs } from './seed.js';
import { graphqlAs, type RunningServer, startServer } from './server.js';

/** Nino works in Tbilisi: UTC+4 all year, prices in lari. */
const MASTER_ZONE = 'Asia/Tbilisi';
const MEDIA_URL = /^\/media\/[0-9a-f]{64}\.webp$/;

const shot = (page: Page, name: string) => screenshot(page, `storefront-${name}`);
/** The photo viewer covers the screen: a phone's screen, not the page behind it grown to its full height. */
const viewerShot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshots, `storefront-${name}.png`) });
const mainButton = (page: Page, name: string | RegExp) => page.getByTestId('main-button').filter({ hasText: name });

/** The photo files a file chooser hands over: drawn PNGs, as a phone's gallery would give JPEGs. */
const photoFile = (name: string, from: [number, number, number], to: [number, number, number], width = 640, height = 800) => ({
  name,
  mimeType: 'image/png',
  buffer: Buffer.from(drawPng(width, height, from, to)),
});

/** Chooses files through the file input a button opens, as a finger on a phone would; says whether it took several. */
async function choosePhotos(page: Page, button: ReturnType<Page['getByRole']>, files: ReturnType<typeof photoFile>[]): Promise<boolean> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()]);
  await chooser.setFiles(files);
  return chooser.isMultiple();
}

/** Whether an image on the page has loaded from the API (the browser decoded it). */
const imageLoaded = (page: Page, selector: string) =>
  page.locator(selector).evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0);

interface PhotoRow {
  id: string;
  kind: string;
  position: number;
  width: number;
  height: number;
  caption: string | null;
  master_service_id: string | null;
  display_key: string;
}

interface ReviewRow {
  author_name: string | null;
  rating: number;
  text: string | null;
  status: string;
  reply: string | null;
  report_reason: string | null;
}

describe.skipIf(!haveChromium)("the master's storefront in Chromium: photos, ratings and reviews", () => {
  let server: RunningServer;
  let browser: Browser;
  let db: pg.Client;
  let nino: SeededMaster;
  const run = Date.now() % 100_000;
  const oleg: TelegramUser = { id: 871_000_000 + run, first_name: 'Олег', last_name: 'Смирнов', language_code: 'ru' };

  async function rows<Row>(sql: string, params: unknown[]): Promise<Row[]> {
    return (await db.query(sql, params)).rows as Row[];
  }
  /** A master's photos as stored: the avatar first, then the portfolio in its order. */
  const photosOf = (telegramId: number) =>
    rows<PhotoRow>(
      `SELECT p.id, p.kind::text, p.position, p.width, p.height, p.caption, p.master_service_id, p.display_key
         FROM master_photos p JOIN masters m ON m.id = p.master_id WHERE m.telegram_id = $1 ORDER BY p.kind::text, p.position, p.id`,
      [telegramId],
    );
  /** A master's reviews as stored, latest first. */
  const reviewsOf = (telegramId: number) =>
    rows<ReviewRow>(
      `SELECT r.author_name, r.rating, r.text, r.status::text, r.reply, r.report_reason
         FROM reviews r JOIN masters m ON m.id = r.master_id WHERE m.telegram_id = $1 ORDER BY r.created_at DESC`,
      [telegramId],
    );
  /** What the public page offers, to compare the browser with. */
  const publicPage = async () =>
    (
      await graphqlAs<{
        master: {
          rating: { average: number | null; count: number };
          reviews: { edges: { node: { authorName: string; reply: string | null } }[] };
        };
      }>(
        server,
        oleg,
        'query Page($id: ID!) { master(id: $id) { rating { average count } reviews(first: 10) { edges { node { authorName reply } } } } }',
        {
          id: nino.id,
        },
      )
    ).master;

  beforeAll(async () => {
    await mkdir(screenshots, { recursive: true });
    [server, browser] = await Promise.all([startServer({ TELEGRAM_BOT_TOKEN: BOT_TOKEN, NODE_ENV: 'test' }), launchChromium()]);
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();

    // Nino, published, with a photo of herself and two of her work; one captioned, of one of her services.
    nino = await seedMaster(server, {
      user: { id: 872_000_000 + run, first_name: 'Нино', language_code: 'ru' },
      phone: '+7 912 000-22-11',
      city: 'tbilisi',
      displayName: 'Нино — маникюр',
      about: 'Маникюр в центре Тбилиси: аккуратно, стерильно, с кофе.',
      address: 'ул. Руставели, 12',
      services: [
        { slug: 'manicure', name: 'Маникюр с покрытием', description: 'Гель-лак в один тон.', priceMinor: 4_500, durationMinutes: 60 },
        { slug: 'manicure', name: 'Экспресс-маникюр', priceMinor: 3_000, durationMinutes: 45 },
      ],
      slots: { stepMinutes: 60, bufferMinutes: 0, minNoticeMinutes: 60, horizonDays: 14, cancellationCutoffMinutes: 60 },
    });
    await uploadPhotoAs(server, nino.user, drawPng(480, 480, [214, 120, 150], [120, 70, 160]), { kind: 'AVATAR' });
    await uploadPhotoAs(server, nino.user, drawPng(800, 1000, [246, 196, 190], [196, 80, 110]), {
      kind: 'PORTFOLIO',
      caption: 'Нюд с блёстками',
      masterServiceId: nino.offerId,
    });
    await uploadPhotoAs(server, nino.user, drawPng(1000, 750, [150, 190, 230], [60, 80, 170]), { kind: 'PORTFOLIO' });

    // Oleg came a day ago and did not like it: his review is the page's first.
    const olegVisit = await bookAs(server, oleg, nino.offerId, zonedTimeToUtc(addDays(todayIn(MASTER_ZONE), 1), '12:00', MASTER_ZONE));
    await moveIntoPast(db, olegVisit, 30);
    await markCompleted(server, nino.user, olegVisit);
    await graphqlAs(server, oleg, 'mutation Review($input: LeaveReviewInput!) { leaveReview(input: $input) { id } }', {
      input: { bookingId: olegVisit, rating: 1, text: 'Долго ждал, а результат так себе.' },
    });
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await browser?.close();
    await server?.stop();
  });

  it('a new master adds their photo on the profile step, then photos of their work, and sees both in the preview', async () => {
    const user: TelegramUser = { id: 873_000_000 + run, first_name: 'Ольга', language_code: 'ru' };
    await seedDraft(server, {
      user,
      phone: '+7 912 000-22-33',
      city: 'tbilisi',
      address: 'ул. Шавтели, 9',
      services: [
        { slug: 'manicure', name: 'Маникюр с покрытием', priceMinor: 5_000, durationMinutes: 90 },
        { slug: 'manicure', name: 'Маникюр без покрытия', priceMinor: 3_500, durationMinutes: 60 },
      ],
      slots: { stepMinutes: 30, bufferMinutes: 0, minNoticeMinutes: 60, horizonDays: 14, cancellationCutoffMinutes: 60 },
    });
    const page = await open(browser, launchUrl(server.origin, '/master', user, lightTheme), { locale: 'ru-RU' });

    // Every step but the profile is done: the wizard opens there, asking for a photo first.
    await page.waitForURL('**/master/register/profile', { timeout: 20_000 });
    const avatar = page.getByRole('region', { name: /Фото профиля/ });
    await avatar.getByText('Его увидят клиенты в поиске и на вашей странице.', { exact: false }).waitFor();
    await shot(page, '01-profile-prompt');

    // Something that is not a photo is refused in plain words, and nothing is stored.
    await choosePhotos(page, avatar.getByRole('button', { name: 'Загрузить фото' }), [
      { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('Это список покупок, а не фотография.') },
    ]);
    await avatar.getByText('Это не фотография. Выберите снимок в формате JPEG, PNG или WebP.').waitFor();
    await shot(page, '02-profile-refused');
    expect(await photosOf(user.id)).toEqual([]);

    // A real photo is stored as the avatar, re-encoded (WebP, the size kept) and shown in the circle.
    await choosePhotos(page, avatar.getByRole('button', { name: 'Загрузить фото' }), [
      photoFile('olga.png', [240, 190, 170], [150, 90, 120], 600, 600),
    ]);
    await avatar.getByText('Фото профиля сохранено').waitFor();
    await avatar.getByRole('button', { name: 'Заменить' }).waitFor();
    expect(await photosOf(user.id)).toMatchObject([{ kind: 'AVATAR', width: 600, height: 600 }]);
    expect(await avatar.getByRole('img', { name: 'Ваше фото' }).getAttribute('src')).toMatch(MEDIA_URL);
    expect(await imageLoaded(page, '.avatar-picker__image')).toBe(true);

    await page.getByLabel('Имя, которое видят клиенты').fill('Ольга — ногти');
    await page.getByLabel('О себе').fill('Маникюр и уход за руками, стерильные инструменты, уютный кабинет.');
    await shot(page, '03-profile');
    await mainButton(page, 'Далее').click();

    // The review: the photo in the preview, and photos of work offered as optional.
    await page.waitForURL('**/master/register/activate');
    const preview = page.locator('.wizard__preview-frame');
    expect(await preview.locator('.storefront__avatar img').getAttribute('src')).toMatch(MEDIA_URL);
    expect(await imageLoaded(page, '.wizard__preview-frame .storefront__avatar img')).toBe(true);
    await page.getByText('Необязательно, но так клиенты сразу видят, как вы работаете.', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Добавить фото работ' }).click();

    // Three photos at once.
    await page.waitForURL('**/master/register/portfolio');
    await page.getByText('0 из 12').waitFor();
    await page.getByText('Пока ни одного фото.', { exact: false }).waitFor();
    const several = await choosePhotos(page, page.getByRole('button', { name: 'Добавить фото', exact: true }), [
      photoFile('french.png', [250, 228, 220], [220, 150, 160]),
      photoFile('red.png', [230, 80, 90], [140, 20, 50], 800, 600),
      photoFile('nude.png', [235, 205, 185], [180, 130, 110]),
    ]);
    expect(several).toBe(true);
    await page.getByText('Добавлено 3 фото').waitFor();
    await page.getByText('3 из 12').waitFor();
    const added = await photosOf(user.id);
    expect(added.map((photo) => [photo.kind, photo.width, photo.height])).toEqual([
      ['AVATAR', 600, 600],
      ['PORTFOLIO', 640, 800],
      ['PORTFOLIO', 800, 600],
      ['PORTFOLIO', 640, 800],
    ]);
    const [, french, red, nude] = added.map((photo) => photo.id);

    // The first gets a caption and the service it shows.
    await page.getByRole('button', { name: /^Изменить фото 1/ }).click();
    const sheet = page.getByRole('dialog', { name: 'Фото работы' });
    await sheet.getByLabel('Подпись').fill('Френч на короткие ногти');
    await sheet.getByLabel('Какая услуга на фото').selectOption({ label: 'Маникюр с покрытием' });
    await shot(page, '04-photo-sheet');
    await sheet.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Фото сохранено').waitFor();
    const { masterProfile } = await graphqlAs<{ masterProfile: { services: { id: string; name: string }[] } }>(
      server,
      user,
      '{ masterProfile { services { id name } } }',
    );
    const coated = masterProfile.services.find((service) => service.name === 'Маникюр с покрытием')!;
    expect((await photosOf(user.id)).find((photo) => photo.id === french)).toMatchObject({
      caption: 'Френч на короткие ногти',
      master_service_id: databaseId(coated.id),
    });

    // The third moves up: the order is saved at once.
    await page.getByRole('button', { name: 'Переместить фото 3 выше' }).click();
    await page.getByText('Порядок сохранён').waitFor();
    expect((await photosOf(user.id)).filter((photo) => photo.kind === 'PORTFOLIO').map((photo) => photo.id)).toEqual([french, nude, red]);
    expect(await page.locator('.portfolio__item').evaluateAll((items) => items.map((item) => item.getAttribute('data-photo-id')))).toEqual(
      [french, nude, red].map((id) => Buffer.from(`Photo:${id}`).toString('base64')),
    );

    // The red one goes, after a confirmation.
    await page.getByRole('button', { name: /^Изменить фото 3/ }).click();
    await sheet.getByRole('button', { name: 'Удалить фото' }).click();
    await sheet.getByText('Удалить это фото? Клиенты больше не увидят его на вашей странице.').waitFor();
    await shot(page, '05-photo-delete');
    await sheet.getByRole('button', { name: 'Удалить', exact: true }).click();
    await page.getByText('Фото удалено').waitFor();
    await page.getByText('2 из 12').waitFor();
    expect((await photosOf(user.id)).filter((photo) => photo.kind === 'PORTFOLIO').map((photo) => photo.id)).toEqual([french, nude]);
    await shot(page, '06-portfolio');

    // Back on the review: the preview shows both photos, and opens them full size.
    await mainButton(page, 'Готово').click();
    await page.waitForURL('**/master/register/activate');
    await page.getByText('2 из 12').waitFor();
    expect(await preview.locator('.storefront__photo-button').count()).toBe(2);
    await preview.getByRole('button', { name: 'Открыть фото 1 из 2' }).click();
    const viewer = page.getByRole('dialog', { name: 'Фото 1 из 2' });
    await viewer.getByText('Френч на короткие ногти').waitFor();
    await viewer.getByText('Маникюр с покрытием').waitFor();
    expect(await viewer.getByRole('img').getAttribute('src')).toMatch(MEDIA_URL);
    // Telegram's main button is not over the photos.
    expect(await page.getByTestId('main-button').count()).toBe(0);
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
    await shot(page, '07-preview');

    await mainButton(page, 'Опубликовать профиль').click();
    await page.waitForURL('**/master/calendar');
    expect(await rows('SELECT status::text FROM masters WHERE telegram_id = $1', [user.id])).toEqual([{ status: 'ACTIVE' }]);
    await close(page);
  }, 150_000);

  it('a client finds the master by photo and rating, looks at the work, books, and rates the visit; the master replies and reports another review', async () => {
    const maria: TelegramUser = { id: 874_000_000 + run, first_name: 'Мария', last_name: 'Петрова', language_code: 'ru' };
    const page = await open(browser, launchUrl(server.origin, '/client', maria, lightTheme), { timezoneId: MASTER_ZONE, locale: 'ru-RU' });
    await page.getByText('Здравствуйте, Мария!').waitFor({ timeout: 20_000 });
    await page.getByRole('radio', { name: /Тбилиси/ }).click();
    await page.getByRole('radio', { name: /^Маникюр,/ }).click();

    // The card: her photo, the rating and how many reviews, the price in lari.
    const card = page.locator('.client__master', { hasText: 'Нино — маникюр' });
    await card.waitFor();
    expect(await card.locator('.client__master-avatar img').getAttribute('src')).toMatch(MEDIA_URL);
    await expect
      .poll(() => card.locator('.client__master-avatar img').evaluate((image: HTMLImageElement) => image.naturalWidth))
      .toBeGreaterThan(0);
    await card.getByRole('img', { name: 'Оценка 1,0 из 5, 1 отзыв' }).waitFor();
    expect(await card.innerText()).toMatch(
      /Нино — маникюр\s+1,0\s+·\s+1 отзыв\s+ул\. Руставели, 12\s+Маникюр с покрытием, Экспресс-маникюр\s+от 30\s₾/,
    );
    await shot(page, '10-search');

    // Her page: the rating, her work, the latest review.
    await card.click();
    await page.waitForURL(`**/client/masters/${encodeURIComponent(nino.id)}?**`);
    await page.getByRole('button', { name: 'Оценка 1,0 из 5, 1 отзыв' }).waitFor();
    expect(await page.locator('.storefront__photo-button').count()).toBe(2);
    const reviews = page.getByRole('region', { name: 'Отзывы' });
    expect(await reviews.locator('.storefront__review').first().innerText()).toMatch(
      /^Олег С\.\s+.+\s+Долго ждал, а результат так себе\.$/,
    );
    await shot(page, '11-master');

    // The photos full size: the arrows, a swipe, the caption and the service, which can be chosen from there.
    await page.getByRole('button', { name: 'Открыть фото 1 из 2' }).click();
    let viewer = page.getByRole('dialog', { name: 'Фото 1 из 2' });
    await viewer.getByText('Нюд с блёстками').waitFor();
    expect(await imageLoaded(page, '.photo-viewer__image')).toBe(true);
    await viewer.getByRole('button', { name: 'Следующее фото' }).click();
    viewer = page.getByRole('dialog', { name: 'Фото 2 из 2' });
    await viewer.waitFor();
    expect(await viewer.getByRole('button', { name: 'Следующее фото' }).count()).toBe(0);
    await viewerShot(page, '12-viewer');
    // A finger moving right brings the previous photo back.
    const stage = await page.locator('.photo-viewer__stage').boundingBox();
    await page.mouse.move(stage!.x + 80, stage!.y + stage!.height / 2);
    await page.mouse.down();
    await page.mouse.move(stage!.x + 200, stage!.y + stage!.height / 2, { steps: 5 });
    await page.mouse.move(stage!.x + 300, stage!.y + stage!.height / 2, { steps: 5 });
    await page.mouse.up();
    viewer = page.getByRole('dialog', { name: 'Фото 1 из 2' });
    await viewer.getByText('Маникюр с покрытием').waitFor();
    await viewer.getByRole('button', { name: 'Выбрать эту услугу' }).click();
    await viewer.waitFor({ state: 'detached' });
    const services = page.getByRole('radiogroup', { name: 'Услуги' });
    expect(await services.getByRole('radio', { name: /Маникюр с покрытием/ }).getAttribute('aria-checked')).toBe('true');

    // Booked for tomorrow at 10:00.
    await page.getByRole('radiogroup', { name: 'День' }).getByRole('radio').nth(1).click();
    await page.getByRole('radio', { name: '10:00', exact: true }).click();
    await mainButton(page, /Продолжить/).click();
    await page.waitForURL('**/client/masters/*/book?**');
    await page.getByRole('textbox', { name: 'Телефон' }).fill('+995 555 11-22-33');
    await mainButton(page, 'Записаться').click();
    await page.getByRole('heading', { name: 'Вы записаны!' }).waitFor();
    const [booking] = await rows<{ id: string; status: string }>(
      'SELECT b.id, b.status::text FROM bookings b JOIN clients c ON c.id = b.client_id WHERE c.telegram_id = $1',
      [maria.id],
    );
    expect(booking).toMatchObject({ status: 'CONFIRMED' });
    const bookingId = Buffer.from(`Booking:${booking!.id}`).toString('base64');

    // Time passes: the visit took place three hours ago. Nino marks it in her calendar.
    await moveIntoPast(db, bookingId, 3);
    const [moved] = await rows<{ day: string }>(
      `SELECT to_char(starts_at AT TIME ZONE $2, 'YYYY-MM-DD') AS day FROM bookings WHERE id = $1`,
      [booking!.id, MASTER_ZONE],
    );
    const master = await open(browser, launchUrl(server.origin, `/master/calendar?date=${moved!.day}`, nino.user, lightTheme), {
      locale: 'ru-RU',
    });
    await master.locator('.calendar__booking', { hasText: 'Мария' }).click({ timeout: 20_000 });
    await master.getByRole('button', { name: 'Клиент пришёл' }).click();
    await master.getByText('Отмечено: клиент пришёл').waitFor();
    expect(await rows('SELECT status::text FROM bookings WHERE id = $1', [booking!.id])).toEqual([{ status: 'COMPLETED' }]);

    // My bookings: the visit may be rated, stars required, a text optional.
    await page.goto(`${server.origin}/client/bookings`);
    const past = page.locator('.client-bookings__card', { hasText: 'Нино — маникюр' });
    await past.getByRole('button', { name: 'Оценить визит' }).waitFor({ timeout: 20_000 });
    expect(await past.locator('.client-bookings__rate').innerText()).toMatch(/^Оценить визит можно до \d+ [а-я]+\.\s+Оценить визит$/);
    await shot(page, '13-rate-offer');
    await past.getByRole('button', { name: 'Оценить визит' }).click();
    const rate = page.getByRole('dialog', { name: 'Как прошёл визит?' });
    await rate.getByRole('button', { name: 'Отправить отзыв' }).click();
    await rate.getByText('Поставьте оценку — от 1 до 5 звёзд.').waitFor();
    await rate.getByRole('radio', { name: '5 из 5' }).click();
    await rate.getByLabel('Отзыв').fill('Аккуратно и быстро, покрытие держится. Спасибо!');
    await shot(page, '13-rate-sheet');
    await rate.getByRole('button', { name: 'Отправить отзыв' }).click();
    await page.getByText('Спасибо! Отзыв опубликован на странице мастера.').waitFor();
    await past.getByText('Ваш отзыв').waitFor();
    expect(await past.locator('.client-bookings__review').innerText()).toMatch(
      /^Ваш отзыв\s+.+\s+Аккуратно и быстро, покрытие держится\. Спасибо!$/,
    );
    expect(await past.getByRole('button', { name: 'Оценить визит' }).count()).toBe(0);
    expect(await past.getByRole('button', { name: 'Дописать отзыв' }).count()).toBe(0);
    await shot(page, '14-rated');
    expect((await reviewsOf(nino.user.id))[0]).toEqual({
      author_name: 'Мария П.',
      rating: 5,
      text: 'Аккуратно и быстро, покрытие держится. Спасибо!',
      status: 'PUBLISHED',
      reply: null,
      report_reason: null,
    });

    // Her review is on Nino's page at once, first, in the rating.
    await past.getByRole('link', { name: 'Нино — маникюр' }).click();
    await page.getByRole('button', { name: 'Оценка 3,0 из 5, 2 отзыва' }).waitFor();
    expect(await reviews.locator('.storefront__review').allInnerTexts()).toEqual([
      expect.stringMatching(/^Мария П\.\s+.+\s+Аккуратно и быстро/),
      expect.stringMatching(/^Олег С\./),
    ]);

    // Nino's reviews: she replies to Maria's and reports Oleg's.
    await master.goto(`${server.origin}/master/settings`);
    await master.getByRole('link', { name: /^Отзывы/ }).click();
    await master.waitForURL('**/master/settings/reviews');
    const marias = master.locator('.master-reviews__card', { hasText: 'Мария П.' });
    await marias.getByRole('button', { name: 'Ответить' }).click();
    await marias.getByText('Ответить можно один раз', { exact: false }).waitFor();
    await marias.getByLabel('Ваш ответ').fill('Спасибо, Мария! Жду вас снова.');
    await marias.getByRole('button', { name: 'Опубликовать ответ' }).click();
    await marias.getByText('Ответ опубликован').waitFor();
    expect(await marias.locator('.review-item__reply').innerText()).toMatch(/^Ваш ответ\s+Спасибо, Мария! Жду вас снова\.$/);
    expect(await marias.getByRole('button', { name: 'Ответить' }).count()).toBe(0);
    expect((await reviewsOf(nino.user.id))[0]).toMatchObject({ author_name: 'Мария П.', reply: 'Спасибо, Мария! Жду вас снова.' });

    const olegs = master.locator('.master-reviews__card', { hasText: 'Олег С.' });
    await olegs.getByRole('button', { name: 'Пожаловаться', exact: true }).click();
    const report = master.getByRole('dialog', { name: 'Пожаловаться на отзыв' });
    await report.getByText('Отзыв сразу скроется с вашей страницы', { exact: false }).waitFor();
    await report.getByRole('button', { name: 'Пожаловаться и скрыть' }).click();
    await report.getByText('Опишите, что не так с отзывом.').waitFor();
    await report.getByLabel('Что не так с отзывом').fill('Этот человек не был у меня на маникюре.');
    await shot(master, '15-report');
    await report.getByRole('button', { name: 'Пожаловаться и скрыть' }).click();
    await olegs.getByText('Жалоба отправлена — отзыв скрыт до решения модератора.').waitFor();
    await olegs.getByText('Жалоба на рассмотрении').waitFor();
    expect(await olegs.getByRole('button', { name: 'Пожаловаться', exact: true }).count()).toBe(0);
    expect((await reviewsOf(nino.user.id))[1]).toEqual({
      author_name: 'Олег С.',
      rating: 1,
      text: 'Долго ждал, а результат так себе.',
      status: 'REPORTED',
      reply: null,
      report_reason: 'Этот человек не был у меня на маникюре.',
    });
    // The rating is the page's: Oleg's review no longer counts.
    expect(await master.locator('.master-reviews__summary').innerText()).toMatch(/^5,0\s+1 отзыв$/);
    await shot(master, '16-reviews');

    // The public page: Oleg's review gone from it and from the rating, Nino's reply under Maria's.
    await page.reload();
    await page.getByRole('button', { name: 'Оценка 5,0 из 5, 1 отзыв' }).waitFor({ timeout: 20_000 });
    expect(await reviews.locator('.storefront__review').allInnerTexts()).toEqual([
      expect.stringMatching(/^Мария П\.[\s\S]+Ответ мастера\s+Спасибо, Мария! Жду вас снова\.$/),
    ]);
    expect(await page.content()).not.toContain('Олег');
    await shot(page, '17-master-after');
    expect(await publicPage()).toEqual({
      rating: { average: 5, count: 1 },
      reviews: { edges: [{ node: { authorName: 'Мария П.', reply: 'Спасибо, Мария! Жду вас снова.' } }] },
    });
    await close(master);
    await close(page);
  }, 150_000);

  it('in English and the dark theme: a rating from the bot gets its text once, a visit past the window offers nothing, the master edits their photo', async () => {
    const alice: TelegramUser = { id: 875_000_000 + run, first_name: 'Alice', last_name: 'Brown', language_code: 'en' };
    const inThreeDays = addDays(todayIn(MASTER_ZONE), 3);
    // A visit five hours ago, rated with the bot's buttons (stars alone); one 40 days ago, never rated.
    const recent = await bookAs(server, alice, nino.offerId, zonedTimeToUtc(inThreeDays, '12:00', MASTER_ZONE));
    await moveIntoPast(db, recent, 5);
    await markCompleted(server, nino.user, recent);
    await graphqlAs(server, alice, 'mutation Review($input: LeaveReviewInput!) { leaveReview(input: $input) { id } }', {
      input: { bookingId: recent, rating: 4 },
    });
    const old = await bookAs(server, alice, nino.offerId, zonedTimeToUtc(inThreeDays, '15:00', MASTER_ZONE));
    await moveIntoPast(db, old, 40 * 24);
    await markCompleted(server, nino.user, old);

    const page = await open(browser, launchUrl(server.origin, '/client/bookings', alice, darkTheme), {
      timezoneId: MASTER_ZONE,
      locale: 'en-US',
    });
    const cards = page.locator('.client-bookings__card', { hasText: 'Нино — маникюр' });
    await cards.first().waitFor({ timeout: 20_000 });
    expect(await cards.count()).toBe(2);
    const [rated, expired] = [cards.nth(0), cards.nth(1)];
    expect(await rated.locator('.client-bookings__review').innerText()).toMatch(/^Your review\s+.+\s+Add a few words$/);
    // Past the 30 days there is nothing to review, and no button says otherwise: only booking again.
    expect(await expired.getByRole('button').allInnerTexts()).toEqual(['Book again']);
    expect(await expired.innerText()).not.toMatch(/rate|review/i);
    await shot(page, 'en-20-bookings');

    await rated.getByRole('button', { name: 'Add a few words' }).click();
    const sheet = page.getByRole('dialog', { name: 'Add to your review' });
    await sheet.getByRole('button', { name: 'Add text' }).click();
    await sheet.getByText('Write a few words about the visit.').waitFor();
    await sheet.getByLabel('Review').fill('Lovely colour and very gentle. Will come back!');
    await shot(page, 'en-21-add-text');
    await sheet.getByRole('button', { name: 'Add text' }).click();
    await page.getByText('Thank you! Your words are added to the review.').waitFor();
    await rated.getByText('Lovely colour and very gentle. Will come back!').waitFor();
    expect(await rated.locator('.client-bookings__review').innerText()).toMatch(
      /^Your review\s+.+\s+Lovely colour and very gentle\. Will come back!$/,
    );
    expect(await rated.getByRole('button', { name: 'Add a few words' }).count()).toBe(0);
    expect((await reviewsOf(nino.user.id))[0]).toMatchObject({
      author_name: 'Alice B.',
      rating: 4,
      text: 'Lovely colour and very gentle. Will come back!',
      status: 'PUBLISHED',
    });
    await close(page);

    // Nino, with Telegram in English: her reviews with where each stands.
    const ninoInEnglish: TelegramUser = { ...nino.user, language_code: 'en' };
    const master = await open(browser, launchUrl(server.origin, '/master/settings/reviews', ninoInEnglish, darkTheme), { locale: 'en-US' });
    const alices = master.locator('.master-reviews__card', { hasText: 'Alice B.' });
    await alices.waitFor({ timeout: 20_000 });
    expect(await alices.innerText()).toMatch(
      /Lovely colour and very gentle\. Will come back!\s+Маникюр с покрытием · visit on .+\s+Published\s+Reply\s+Report/,
    );
    await master.locator('.master-reviews__card', { hasText: 'Олег С.' }).getByText('Report under review').waitFor();
    await shot(master, 'en-22-reviews');

    // Her photo: replaced, then removed after a confirmation; her work as it stands.
    await master.goto(`${server.origin}/master/settings/profile`);
    const avatar = master.getByRole('region', { name: /Profile photo/ });
    const [before] = await photosOf(nino.user.id);
    await choosePhotos(master, avatar.getByRole('button', { name: 'Replace' }), [
      photoFile('nino.png', [120, 200, 190], [30, 90, 120], 500, 500),
    ]);
    await avatar.getByText('Profile photo saved').waitFor();
    const [after] = await photosOf(nino.user.id);
    expect(after).toMatchObject({ kind: 'AVATAR', width: 500, height: 500 });
    expect(after!.display_key).not.toBe(before!.display_key);
    await avatar.getByRole('button', { name: 'Remove', exact: true }).click();
    await avatar.getByText('Remove your profile photo? Clients will see the first letter of your name instead.').waitFor();
    await shot(master, 'en-23-avatar-remove');
    await avatar.getByRole('button', { name: 'Remove photo' }).click();
    await avatar.getByText('Profile photo removed').waitFor();
    await avatar.getByRole('button', { name: 'Upload a photo' }).waitFor();
    expect((await photosOf(nino.user.id)).filter((photo) => photo.kind === 'AVATAR')).toEqual([]);
    await master.goto(`${server.origin}/master/settings/portfolio`);
    await master.getByText('2 of 12').waitFor({ timeout: 20_000 });
    await shot(master, 'en-24-portfolio');
    await close(master);

    // The page in both languages and both themes; without her photo, the first letter of her name.
    const themes: [string, Theme][] = [
      ['light', lightTheme],
      ['dark', darkTheme],
    ];
    for (const [language, reviewsHeading] of [
      ['ru', 'Отзывы'],
      ['en', 'Reviews'],
    ] as const) {
      for (const [themeName, theme] of themes) {
        const visitor: TelegramUser = { id: 876_000_000 + run, first_name: 'Guest', language_code: language };
        const view = await open(browser, launchUrl(server.origin, `/client/masters/${encodeURIComponent(nino.id)}`, visitor, theme));
        await view.getByRole('region', { name: reviewsHeading }).waitFor({ timeout: 20_000 });
        await view.locator('.client-master__slots').waitFor();
        expect(await view.locator('.storefront__avatar').innerText()).toBe('Н');
        await shot(view, `${language}-${themeName}-page`);
        if (language === 'en' && themeName === 'dark') {
          await view.getByRole('button', { name: 'Open photo 1 of 2' }).click();
          await view.getByRole('dialog', { name: 'Photo 1 of 2' }).getByRole('button', { name: 'Choose this service' }).waitFor();
          await viewerShot(view, 'en-dark-viewer');
        }
        await close(view);
      }
    }
  }, 150_000);
});
