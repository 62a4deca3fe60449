import { describe, expect, it } from 'vitest';
import { testPrisma } from '../../test/app.js';
import { createLogger } from '../logger.js';
import { PostgresMediaStorage } from '../modules/media/postgres-storage.js';
import { mastersPerService } from '../modules/search/search.service.js';
import { DEMO_CLIENT_TELEGRAM_ID, DEMO_DRAFT_MASTER_TELEGRAM_ID, DEMO_MASTER_TELEGRAM_ID, seedDemoData } from './demo-data.js';

// Only this file seeds the demo: its fixed slugs and Telegram ids are this file's own rows,
// so counting them is safe while other test files write to the same database.

const prisma = testPrisma();
const photos = { storage: new PostgresMediaStorage(prisma), log: createLogger('silent') };

const DEMO_CITY_SLUGS = [
  'moscow',
  'saint-petersburg',
  'kaliningrad',
  'yekaterinburg',
  'novosibirsk',
  'vladivostok',
  'almaty',
  'tbilisi',
  'belgrade',
  'limassol',
];
const DEMO_SERVICE_SLUGS = [
  'manicure',
  'pedicure',
  'gel-polish',
  'womens-haircut',
  'mens-haircut',
  'hair-coloring',
  'brow-shaping',
  'lash-extensions',
  'classic-massage',
  'tattoo-session',
  'math-tutoring',
  'english-tutoring',
];
/** The demo people's ids (700 000 0xx–700 000 5xx); test users elsewhere are ≥ 1 000 000 000. */
const demoTelegramIds = { gte: 700_000_000n, lt: 701_000_000n };
const ALL_STEPS = ['LOCATION', 'PHONE', 'PROFILE', 'SCHEDULE', 'SERVICES', 'SLOTS'];

// Seeding makes and encodes a few hundred pictures and reviews: longer than an ordinary test.
describe('seedDemoData', { timeout: 120_000 }, () => {
  it('loads the catalogue, active masters ready to book, one draft master and the demo client', async () => {
    await seedDemoData(prisma, photos);

    const cities = await prisma.city.findMany({ where: { slug: { in: DEMO_CITY_SLUGS } } });
    expect(cities.map((city) => city.slug).sort()).toEqual([...DEMO_CITY_SLUGS].sort());
    expect(cities.every((city) => city.isActive)).toBe(true);
    expect(new Set(cities.map((city) => city.timeZone)).size).toBeGreaterThanOrEqual(3);

    const services = await prisma.service.findMany({ where: { slug: { in: DEMO_SERVICE_SLUGS } } });
    expect(services).toHaveLength(12);
    expect(services.every((service) => service.isActive)).toBe(true);

    const masters = await prisma.master.findMany({
      where: { telegramId: demoTelegramIds },
      include: { city: true, onboardingSteps: true, scheduleIntervals: true, slotSettings: true, services: true },
    });
    const active = masters.filter((master) => master.status === 'ACTIVE');
    expect(active.length).toBeGreaterThanOrEqual(5);
    expect(active.map((master) => master.telegramId)).toContain(BigInt(DEMO_MASTER_TELEGRAM_ID));
    for (const master of active) {
      expect(master.isActive).toBe(true);
      expect(master.profileCompletedAt).toBeInstanceOf(Date);
      expect(master.phoneVerifiedAt).toBeInstanceOf(Date);
      expect(master.city?.isActive).toBe(true);
      expect(master.timeZone).toBe(master.city?.timeZone);
      expect(master.scheduleIntervals.length).toBeGreaterThan(0);
      for (const interval of master.scheduleIntervals) {
        expect(interval.weekday).toBeGreaterThanOrEqual(1);
        expect(interval.weekday).toBeLessThanOrEqual(7);
        expect(interval.startMinute).toBeLessThan(interval.endMinute);
      }
      expect(master.slotSettings).not.toBeNull();
      expect(master.services.length).toBeGreaterThan(0);
      expect(master.onboardingSteps.map((step) => step.step).sort()).toEqual(ALL_STEPS);
    }

    // A search finds something everywhere: in every city several services have more than one master.
    for (const city of cities) {
      const counts = await mastersPerService(prisma, city.id);
      const crowded = [...counts.values()].filter((count) => count > 1);
      expect(crowded.length, city.slug).toBeGreaterThanOrEqual(3);
    }
    // Prices in each city's own currency; some masters show only an area; some own service names.
    for (const master of active) expect(master.services.every((service) => service.currency === master.city?.currency)).toBe(true);
    expect(active.some((master) => master.addressVisibility === 'AREA' && master.area)).toBe(true);
    expect(active.some((master) => master.services.some((service) => service.name))).toBe(true);

    // Storefronts have photos, served from the storage like any upload.
    const pictured = await prisma.masterPhoto.findMany({ where: { master: { telegramId: demoTelegramIds } } });
    expect(pictured.filter((photo) => photo.kind === 'AVATAR').length).toBeGreaterThan(active.length / 2);
    expect(pictured.filter((photo) => photo.kind === 'PORTFOLIO').length).toBeGreaterThan(active.length / 2);
    expect(await photos.storage.get(pictured[0]!.displayKey)).toMatchObject({ contentType: 'image/webp' });

    // Storefronts have reviews from completed visits, and their ratings add up.
    const reviewed = await prisma.review.groupBy({
      by: ['masterId'],
      where: { status: 'PUBLISHED', master: { telegramId: demoTelegramIds } },
      _count: { _all: true },
      _sum: { rating: true },
    });
    expect(reviewed.length).toBeGreaterThan(active.length / 2);
    const ratings = await prisma.masterRating.findMany({ where: { masterId: { in: reviewed.map((row) => row.masterId) } } });
    expect(Object.fromEntries(ratings.map((row) => [row.masterId, [row.reviewCount, row.ratingSum]]))).toEqual(
      Object.fromEntries(reviewed.map((row) => [row.masterId, [row._count._all, row._sum.rating]])),
    );

    const drafts = masters.filter((master) => master.status === 'DRAFT');
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      telegramId: BigInt(DEMO_DRAFT_MASTER_TELEGRAM_ID),
      isActive: false,
      profileCompletedAt: null,
    });
    expect(drafts[0]!.onboardingSteps.length).toBeLessThan(ALL_STEPS.length);
    expect(masters).toHaveLength(active.length + 1);

    const client = await prisma.client.findUnique({ where: { telegramId: BigInt(DEMO_CLIENT_TELEGRAM_ID) }, include: { user: true } });
    expect(client).toMatchObject({ firstName: 'Мария', erasedAt: null, user: { telegramId: BigInt(DEMO_CLIENT_TELEGRAM_ID) } });
    expect(await prisma.master.findUnique({ where: { telegramId: BigInt(DEMO_CLIENT_TELEGRAM_ID) } })).toBeNull();
  });

  it('changes nothing when run again', async () => {
    await seedDemoData(prisma, photos);
    const before = await demoRowCounts();

    await seedDemoData(prisma, photos);

    expect(await demoRowCounts()).toEqual(before);
    expect(before).toMatchObject({ cities: DEMO_CITY_SLUGS.length, services: DEMO_SERVICE_SLUGS.length });
    expect(before.reviews).toBeGreaterThan(0);
  });
});

async function demoRowCounts() {
  const ofDemoMaster = { master: { telegramId: demoTelegramIds } };
  const [cities, services, users, masters, clients, steps, intervals, slotSettings, masterServices, bookings, reviews] = await Promise.all([
    prisma.city.count({ where: { slug: { in: DEMO_CITY_SLUGS } } }),
    prisma.service.count({ where: { slug: { in: DEMO_SERVICE_SLUGS } } }),
    prisma.telegramUser.count({ where: { telegramId: demoTelegramIds } }),
    prisma.master.count({ where: { telegramId: demoTelegramIds } }),
    prisma.client.count({ where: { telegramId: demoTelegramIds } }),
    prisma.masterOnboardingStep.count({ where: ofDemoMaster }),
    prisma.scheduleInterval.count({ where: ofDemoMaster }),
    prisma.slotSettings.count({ where: ofDemoMaster }),
    prisma.masterService.count({ where: ofDemoMaster }),
    prisma.booking.count({ where: ofDemoMaster }),
    prisma.review.count({ where: ofDemoMaster }),
  ]);
  return { cities, services, users, masters, clients, steps, intervals, slotSettings, masterServices, bookings, reviews };
}
