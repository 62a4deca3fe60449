import type { PrismaClient } from '../generated/prisma/client.js';
import { countBooking } from '../modules/analytics/booking-stats.service.js';
import { leaveReview } from '../modules/review/review.service.js';
import { addDays, localDateOf, zonedToUtc } from '../time/zoned-time.js';

/**
 * Past visits of demo clients, marked completed, and the reviews they left: the storefronts show
 * a rating and the latest reviews from the first start. Telegram ids 700 000 600 and up.
 */

const reviewers = [
  ['Светлана', 'Кузнецова'],
  ['Наталья', 'Попова'],
  ['Ирина', 'Васильева'],
  ['Татьяна', 'Смирнова'],
  ['Алексей', 'Михайлов'],
  ['Ольга', 'Сергеева'],
  ['Марина', 'Андреева'],
  ['Денис', 'Захаров'],
  ['Elena', 'Petrović'],
  ['Nina', 'Georgiou'],
] as const;

const texts = {
  ru: [
    'Всё аккуратно и вовремя, обязательно приду ещё.',
    'Очень довольна результатом, мастер внимательный и объясняет, что делает.',
    'Уютно, чисто, приятная музыка. Рекомендую!',
    null,
    'Немного задержались с началом, но результат отличный.',
    'Лучший мастер в районе, хожу уже полгода.',
  ],
  en: ['Careful work and on time, I will be back.', 'Friendly and professional, great result.', null, 'Cosy studio and a lovely result.'],
};

const DEMO_REVIEWER_IDS_FROM = 700_000_600;

/** The demo clients who left the reviews (created once, before the masters). */
export async function demoReviewers(prisma: PrismaClient): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, [firstName, lastName]] of reviewers.entries()) {
    const telegramId = BigInt(DEMO_REVIEWER_IDS_FROM + index);
    await prisma.telegramUser.upsert({
      where: { telegramId },
      create: { telegramId, firstName, lastName, languageCode: 'ru' },
      update: {},
    });
    const client = await prisma.client.upsert({
      where: { telegramId },
      create: { telegramId, firstName, lastName, languageCode: 'ru', preferredChannels: ['TELEGRAM'] },
      update: {},
      select: { id: true },
    });
    ids.push(client.id);
  }
  return ids;
}

interface ReviewedMaster {
  id: string;
  serial: number;
  timeZone: string;
  cityId: string;
  english: boolean;
  offers: { id: string; serviceId: string; durationMinutes: number; priceMinor: number; currency: string; name: string | null }[];
}

/**
 * A few completed visits of the last weeks for a new demo master, most of them reviewed, rated
 * mostly 4–5 (deterministic by the master's serial).
 */
export async function seedDemoReviews(prisma: PrismaClient, clients: string[], master: ReviewedMaster, now = new Date()): Promise<void> {
  const visits = 2 + (master.serial % 4);
  const today = localDateOf(now, master.timeZone);
  for (let n = 0; n < visits; n += 1) {
    const offer = master.offers[n % master.offers.length]!;
    const clientId = clients[(master.serial + n) % clients.length]!;
    const [firstName] = reviewers[(master.serial + n) % reviewers.length]!;
    const startsAt = zonedToUtc(addDays(today, -(2 + n * 4 + (master.serial % 3))), 9 * 60, master.timeZone);
    const booking = await prisma.$transaction(async (tx) => {
      const created = await tx.booking.create({
        data: {
          masterId: master.id,
          clientId,
          masterServiceId: offer.id,
          serviceId: offer.serviceId,
          cityId: master.cityId,
          startsAt,
          endsAt: new Date(startsAt.getTime() + offer.durationMinutes * 60_000),
          status: 'COMPLETED',
          source: 'CLIENT',
          clientName: firstName,
          priceMinor: offer.priceMinor,
          currency: offer.currency,
          createdAt: new Date(startsAt.getTime() - 3 * 24 * 60 * 60_000),
        },
        select: { id: true, createdAt: true },
      });
      await countBooking(tx, { clientId, serviceId: offer.serviceId, cityId: master.cityId, createdAt: created.createdAt });
      return created;
    });
    if ((master.serial + n) % 5 === 4) continue; // not every visit gets a review
    const pool = master.english ? texts.en : texts.ru;
    const rating = (master.serial + n) % 7 === 0 ? 3 : (master.serial + n) % 3 === 0 ? 4 : 5;
    await leaveReview(prisma, clientId, { bookingId: booking.id, rating, text: pool[(master.serial + n) % pool.length] ?? null }, now);
  }
}
