import type { PrismaClient } from '../generated/prisma/client.js';
import type { OnboardingStep } from '../generated/prisma/enums.js';
import type { PhotoFiles } from '../modules/media/photo.service.js';
import { toMinorUnits } from '../money.js';
import { type DemoMaster, generatedMasters } from './demo-masters.js';
import { seedDemoPhotos } from './demo-photos.js';
import { demoReviewers, seedDemoReviews } from './demo-reviews.js';

/** Telegram ids of the demo people; the development identities sign init data for them. */
export const DEMO_MASTER_TELEGRAM_ID = 700_000_001;
export const DEMO_DRAFT_MASTER_TELEGRAM_ID = 700_000_099;
export const DEMO_CLIENT_TELEGRAM_ID = 700_000_501;

const cities = [
  { slug: 'moscow', nameRu: 'Москва', nameEn: 'Moscow', countryCode: 'RU', timeZone: 'Europe/Moscow', currency: 'RUB' },
  {
    slug: 'saint-petersburg',
    nameRu: 'Санкт-Петербург',
    nameEn: 'Saint Petersburg',
    countryCode: 'RU',
    timeZone: 'Europe/Moscow',
    currency: 'RUB',
  },
  { slug: 'kaliningrad', nameRu: 'Калининград', nameEn: 'Kaliningrad', countryCode: 'RU', timeZone: 'Europe/Kaliningrad', currency: 'RUB' },
  {
    slug: 'yekaterinburg',
    nameRu: 'Екатеринбург',
    nameEn: 'Yekaterinburg',
    countryCode: 'RU',
    timeZone: 'Asia/Yekaterinburg',
    currency: 'RUB',
  },
  { slug: 'novosibirsk', nameRu: 'Новосибирск', nameEn: 'Novosibirsk', countryCode: 'RU', timeZone: 'Asia/Novosibirsk', currency: 'RUB' },
  { slug: 'vladivostok', nameRu: 'Владивосток', nameEn: 'Vladivostok', countryCode: 'RU', timeZone: 'Asia/Vladivostok', currency: 'RUB' },
  { slug: 'almaty', nameRu: 'Алматы', nameEn: 'Almaty', countryCode: 'KZ', timeZone: 'Asia/Almaty', currency: 'KZT' },
  { slug: 'tbilisi', nameRu: 'Тбилиси', nameEn: 'Tbilisi', countryCode: 'GE', timeZone: 'Asia/Tbilisi', currency: 'GEL' },
  { slug: 'belgrade', nameRu: 'Белград', nameEn: 'Belgrade', countryCode: 'RS', timeZone: 'Europe/Belgrade', currency: 'RSD' },
  { slug: 'limassol', nameRu: 'Лимасол', nameEn: 'Limassol', countryCode: 'CY', timeZone: 'Asia/Nicosia', currency: 'EUR' },
];

const services = [
  { slug: 'manicure', category: 'nails', nameRu: 'Маникюр', nameEn: 'Manicure', defaultDurationMinutes: 90 },
  { slug: 'pedicure', category: 'nails', nameRu: 'Педикюр', nameEn: 'Pedicure', defaultDurationMinutes: 90 },
  { slug: 'gel-polish', category: 'nails', nameRu: 'Покрытие гель-лаком', nameEn: 'Gel polish', defaultDurationMinutes: 60 },
  { slug: 'womens-haircut', category: 'hair', nameRu: 'Женская стрижка', nameEn: "Women's haircut", defaultDurationMinutes: 60 },
  { slug: 'mens-haircut', category: 'hair', nameRu: 'Мужская стрижка', nameEn: "Men's haircut", defaultDurationMinutes: 45 },
  { slug: 'hair-coloring', category: 'hair', nameRu: 'Окрашивание', nameEn: 'Hair colouring', defaultDurationMinutes: 150 },
  { slug: 'brow-shaping', category: 'brows', nameRu: 'Коррекция бровей', nameEn: 'Brow shaping', defaultDurationMinutes: 45 },
  { slug: 'lash-extensions', category: 'brows', nameRu: 'Наращивание ресниц', nameEn: 'Lash extensions', defaultDurationMinutes: 120 },
  { slug: 'classic-massage', category: 'massage', nameRu: 'Классический массаж', nameEn: 'Classic massage', defaultDurationMinutes: 60 },
  { slug: 'tattoo-session', category: 'tattoo', nameRu: 'Тату-сеанс', nameEn: 'Tattoo session', defaultDurationMinutes: 180 },
  { slug: 'math-tutoring', category: 'tutoring', nameRu: 'Репетитор по математике', nameEn: 'Maths tutoring', defaultDurationMinutes: 60 },
  {
    slug: 'english-tutoring',
    category: 'tutoring',
    nameRu: 'Репетитор по английскому',
    nameEn: 'English tutoring',
    defaultDurationMinutes: 60,
  },
];

const h = (hours: number, minutes = 0) => hours * 60 + minutes;
const weekdays = (intervals: [number, number][], days = [1, 2, 3, 4, 5]) => Object.fromEntries(days.map((day) => [day, intervals]));

// Demo phone numbers are made up; the demo never sends anything to them.
const activeMasters: DemoMaster[] = [
  {
    telegramId: DEMO_MASTER_TELEGRAM_ID,
    firstName: 'Анна',
    lastName: 'Смирнова',
    username: 'anna_nails_demo',
    languageCode: 'ru',
    displayName: 'Анна — маникюр и педикюр',
    about: 'Аппаратный маникюр, укрепление, дизайн. Стерильные инструменты.',
    phone: '+79990000001',
    city: 'moscow',
    address: 'ул. Тверская, 12, студия 4',
    schedule: {
      ...weekdays([
        [h(10), h(14)],
        [h(15), h(20)],
      ]),
      6: [[h(11), h(17)]],
    },
    slots: { stepMinutes: 30, bufferMinutes: 15, minNoticeMinutes: 120, horizonDays: 30 },
    services: [
      { slug: 'manicure', price: 2500, durationMinutes: 90 },
      { slug: 'pedicure', price: 3200, durationMinutes: 90 },
      { slug: 'gel-polish', price: 1800, durationMinutes: 60 },
    ],
  },
  {
    telegramId: 700_000_002,
    firstName: 'Дмитрий',
    lastName: 'Орлов',
    username: 'orlov_barber_demo',
    languageCode: 'ru',
    displayName: 'Дмитрий — барбер',
    about: 'Мужские стрижки и оформление бороды.',
    phone: '+79990000002',
    city: 'saint-petersburg',
    address: 'Невский пр., 88',
    schedule: weekdays([[h(11), h(21)]], [2, 3, 4, 5, 6]),
    slots: { stepMinutes: 15, bufferMinutes: 0, minNoticeMinutes: 60, horizonDays: 21 },
    services: [{ slug: 'mens-haircut', price: 1800, durationMinutes: 45 }],
  },
  {
    telegramId: 700_000_003,
    firstName: 'Алия',
    lastName: 'Нурланова',
    username: 'aliya_brows_demo',
    languageCode: 'ru',
    displayName: 'Алия — брови и ресницы',
    about: 'Архитектура бровей, ламинирование, наращивание ресниц.',
    phone: '+79990000003',
    city: 'almaty',
    address: 'пр. Абая, 45',
    schedule: weekdays(
      [
        [h(9), h(13)],
        [h(14), h(18)],
      ],
      [1, 2, 3, 4, 5, 6],
    ),
    slots: { stepMinutes: 30, bufferMinutes: 10, minNoticeMinutes: 180, horizonDays: 45 },
    services: [
      { slug: 'brow-shaping', price: 8000, durationMinutes: 45 },
      { slug: 'lash-extensions', price: 18000, durationMinutes: 120 },
    ],
  },
  {
    telegramId: 700_000_004,
    firstName: 'Marko',
    lastName: 'Jovanović',
    username: 'marko_massage_demo',
    languageCode: 'en',
    displayName: 'Marko — massage therapist',
    about: 'Classic and sports massage. Russian and English spoken.',
    phone: '+79990000004',
    city: 'belgrade',
    address: 'Knez Mihailova 20',
    schedule: weekdays([
      [h(8), h(12)],
      [h(16), h(20)],
    ]),
    slots: { stepMinutes: 60, bufferMinutes: 15, minNoticeMinutes: 240, horizonDays: 60 },
    services: [{ slug: 'classic-massage', price: 4500, durationMinutes: 60 }],
  },
  {
    telegramId: 700_000_005,
    firstName: 'Елена',
    lastName: 'Ким',
    username: 'elena_tutor_demo',
    languageCode: 'ru',
    displayName: 'Елена — математика и английский',
    about: 'Подготовка к ОГЭ и ЕГЭ, разговорный английский. Онлайн и очно.',
    phone: '+79990000005',
    city: 'novosibirsk',
    address: 'Красный пр., 30, офис 12',
    schedule: { ...weekdays([[h(15), h(21)]]), 6: [[h(10), h(14)]], 7: [[h(10), h(14)]] },
    slots: { stepMinutes: 60, bufferMinutes: 0, minNoticeMinutes: 720, horizonDays: 30 },
    services: [
      { slug: 'math-tutoring', price: 2000, durationMinutes: 60 },
      { slug: 'english-tutoring', price: 2200, durationMinutes: 60 },
    ],
  },
  {
    telegramId: 700_000_006,
    firstName: 'Ольга',
    lastName: 'Белова',
    username: 'olga_hair_demo',
    languageCode: 'ru',
    displayName: 'Ольга — стрижки и окрашивание',
    about: 'Сложное окрашивание, уходы, женские стрижки.',
    phone: '+79990000006',
    city: 'moscow',
    address: 'Покровка, 17',
    schedule: weekdays([[h(10), h(19)]], [3, 4, 5, 6, 7]),
    slots: { stepMinutes: 30, bufferMinutes: 30, minNoticeMinutes: 240, horizonDays: 60 },
    services: [
      { slug: 'womens-haircut', price: 3000, durationMinutes: 60 },
      { slug: 'hair-coloring', price: 7500, durationMinutes: 150 },
    ],
  },
];

const allSteps: OnboardingStep[] = ['PHONE', 'LOCATION', 'SCHEDULE', 'SLOTS', 'SERVICES', 'PROFILE'];

/** Upserts the catalogue of cities and services by slug; safe to run again. */
export async function seedCatalog(prisma: PrismaClient): Promise<void> {
  for (const [position, city] of cities.entries()) {
    await prisma.city.upsert({ where: { slug: city.slug }, create: { ...city, position }, update: { ...city, position } });
  }
  for (const [position, service] of services.entries()) {
    await prisma.service.upsert({
      where: { slug: service.slug },
      create: { ...service, position },
      update: { ...service, position },
    });
  }
}

/**
 * The catalogue, a handful of active masters with schedules and services, one draft
 * master and one client, so that a fresh install shows something real. Skips people who
 * already exist.
 */
/**
 * With `photos`, the demo masters get generated avatars and portfolio shots, stored where the
 * API keeps photos.
 */
export async function seedDemoData(prisma: PrismaClient, photos?: PhotoFiles): Promise<void> {
  await seedCatalog(prisma);
  const cityIds = new Map((await prisma.city.findMany({ select: { id: true, slug: true, currency: true } })).map((c) => [c.slug, c]));
  const serviceIds = new Map((await prisma.service.findMany({ select: { id: true, slug: true } })).map((s) => [s.slug, s.id]));
  const now = new Date();

  const reviewers = await demoReviewers(prisma);
  // Pictures are made and stored a few at a time once the masters exist: most of it is encoding.
  const photoJobs: (() => Promise<void>)[] = [];
  for (const demo of [...activeMasters, ...generatedMasters()]) {
    if (await prisma.master.findUnique({ where: { telegramId: BigInt(demo.telegramId) } })) continue;
    const city = cityIds.get(demo.city)!;
    const timeZone = cities.find((c) => c.slug === demo.city)!.timeZone;
    const master = await prisma.master.create({
      data: {
        user: {
          connectOrCreate: {
            where: { telegramId: BigInt(demo.telegramId) },
            create: {
              telegramId: BigInt(demo.telegramId),
              firstName: demo.firstName,
              lastName: demo.lastName,
              username: demo.username,
              languageCode: demo.languageCode,
            },
          },
        },
        status: 'ACTIVE',
        isActive: true,
        profileCompletedAt: now,
        displayName: demo.displayName,
        about: demo.about,
        phone: demo.phone,
        phoneVerifiedAt: now,
        phoneVerificationMethod: 'TELEGRAM_CONTACT',
        city: { connect: { id: city.id } },
        address: demo.address,
        addressVisibility: demo.addressVisibility,
        area: demo.area,
        telegramContactAllowed: demo.telegramContactAllowed,
        timeZone,
        onboardingSteps: { create: allSteps.map((step) => ({ step, completedAt: now })) },
        slotSettings: { create: demo.slots },
        scheduleIntervals: {
          create: Object.entries(demo.schedule).flatMap(([weekday, intervals]) =>
            intervals.map(([startMinute, endMinute]) => ({ weekday: Number(weekday), startMinute, endMinute })),
          ),
        },
        services: {
          create: demo.services.map((service, position) => ({
            service: { connect: { id: serviceIds.get(service.slug)! } },
            name: service.name,
            description: service.description,
            priceMinor: toMinorUnits(service.price, city.currency),
            currency: city.currency,
            durationMinutes: service.durationMinutes,
            position,
          })),
        },
      },
      select: { id: true, services: true },
    });
    if (photos) {
      const category = await prisma.service.findUniqueOrThrow({ where: { id: master.services[0]!.serviceId }, select: { category: true } });
      await seedDemoPhotos(prisma, photos, {
        id: master.id,
        serial: demo.telegramId % 1000,
        category: category.category,
        services: master.services,
      });
    }
    await seedDemoReviews(prisma, reviewers, {
      id: master.id,
      serial: demo.telegramId % 1000,
      timeZone,
      cityId: city.id,
      english: demo.languageCode === 'en',
      offers: master.services,
    });
  }

  await inParallel(photoJobs, 4);

  const draftId = BigInt(DEMO_DRAFT_MASTER_TELEGRAM_ID);
  if (!(await prisma.master.findUnique({ where: { telegramId: draftId } }))) {
    await prisma.master.create({
      data: {
        user: {
          connectOrCreate: {
            where: { telegramId: draftId },
            create: { telegramId: draftId, firstName: 'Ирина', lastName: 'Черновая', languageCode: 'ru' },
          },
        },
        displayName: 'Ирина — черновик',
        city: { connect: { id: cityIds.get('kaliningrad')!.id } },
        address: 'ул. Черняховского, 5',
        timeZone: 'Europe/Kaliningrad',
        onboardingSteps: { create: [{ step: 'LOCATION' }] },
      },
    });
  }

  const clientId = BigInt(DEMO_CLIENT_TELEGRAM_ID);
  await prisma.telegramUser.upsert({
    where: { telegramId: clientId },
    create: { telegramId: clientId, firstName: 'Мария', lastName: 'Иванова', username: 'maria_client_demo', languageCode: 'ru' },
    update: {},
  });
  await prisma.client.upsert({
    where: { telegramId: clientId },
    create: {
      telegramId: clientId,
      firstName: 'Мария',
      lastName: 'Иванова',
      username: 'maria_client_demo',
      languageCode: 'ru',
      preferredChannels: ['TELEGRAM'],
    },
    update: {},
  });
}

/** Runs the jobs, at most `limit` at a time. */
async function inParallel(jobs: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, jobs.length) }, async () => {
      while (next < jobs.length) await jobs[next++]!();
    }),
  );
}
