import type PgBoss from 'pg-boss';
import { botTexts, type OfferFacts } from '../../telegram/bot/texts.js';
import { formatLocalDateTime } from '../../time/zoned-time.js';
import { countingFailures } from '../monitoring/metrics.js';
import {
  type DeliveryOutcome,
  deliverOnce,
  type NotificationDeliveryDeps,
  type NotificationJob,
  type Plan,
} from './notification-delivery.js';
import { WAITLIST_MESSAGE_QUEUE, type WaitlistMessageJobData, waitlistMessageKey } from './notification-jobs.js';
import { waitlistCallbackData } from './waitlist-callback.js';

function loadOffer(deps: NotificationDeliveryDeps, offerId: string) {
  return deps.prisma.waitlistOffer.findUnique({
    where: { id: offerId },
    select: {
      id: true,
      status: true,
      startsAt: true,
      expiresAt: true,
      master: { select: { displayName: true, address: true, timeZone: true } },
      entry: {
        select: {
          preferredChannels: true,
          masterService: { select: { name: true, service: { select: { nameRu: true, nameEn: true } } } },
        },
      },
      client: { select: { telegramId: true, languageCode: true, languageOverride: true, erasedAt: true, notifyWaitlistOffers: true } },
    },
  });
}

/**
 * The message a waitlist job sends now, or why it sends nothing: the offer (a time held for the
 * client, with the «Беру» button) only while it is still held; the expiry notice once it expired.
 * In the client's language (their choice in the app over Telegram's) and the master's zone.
 */
async function planWaitlistMessage(deps: NotificationDeliveryDeps, data: WaitlistMessageJobData): Promise<Plan> {
  const offer = await loadOffer(deps, data.offerId);
  if (!offer) return { skip: 'OFFER_MISSING' };
  const { client, master, entry } = offer;
  if (data.kind === 'WAITLIST_OFFER' && offer.status !== 'HELD') return { skip: 'OFFER_ENDED' };
  if (client.erasedAt) return { skip: 'NO_CLIENT' };
  if (!entry.preferredChannels.includes('TELEGRAM')) return { skip: 'TELEGRAM_NOT_ALLOWED' };
  if (!client.notifyWaitlistOffers) return { skip: 'TURNED_OFF' };

  const texts = botTexts(client.languageOverride ?? client.languageCode);
  const localTime = (instant: Date) => formatLocalDateTime(instant, master.timeZone ?? 'UTC', texts.language);
  const catalogueName = texts.language === 'en' ? entry.masterService.service.nameEn : entry.masterService.service.nameRu;
  const facts: OfferFacts = {
    service: entry.masterService.name ?? catalogueName,
    time: localTime(offer.startsAt),
    master: master.displayName,
    address: master.address,
    heldUntil: localTime(offer.expiresAt),
  };
  const chatId = Number(client.telegramId);
  if (data.kind === 'WAITLIST_OFFER_EXPIRED') return { chatId, text: texts.waitlistOfferExpired(facts) };
  return {
    chatId,
    text: texts.waitlistOffer(facts),
    replyMarkup: { inline_keyboard: [[{ text: texts.takeButton, callback_data: waitlistCallbackData(offer.id) }]] },
  };
}

/** Sends one waitlist message, once (the same bookkeeping as booking messages, keyed by offer). */
export async function deliverWaitlistMessage(
  deps: NotificationDeliveryDeps,
  job: Omit<NotificationJob, 'data'> & { data: WaitlistMessageJobData },
): Promise<DeliveryOutcome> {
  const { kind, offerId } = job.data;
  return deliverOnce(deps, job, { key: waitlistMessageKey(job.data), kind, waitlistOfferId: offerId, context: { kind, offerId } }, () =>
    planWaitlistMessage(deps, job.data),
  );
}

export interface WaitlistMessageWorkerOptions extends NotificationDeliveryDeps {
  boss: PgBoss;
  pollingIntervalSeconds?: number;
}

/** Works the waitlist's message queue in this process; pg-boss hands each job to one instance. */
export async function startWaitlistMessageWorker({
  boss,
  pollingIntervalSeconds = 5,
  ...deps
}: WaitlistMessageWorkerOptions): Promise<string> {
  return boss.work<WaitlistMessageJobData>(
    WAITLIST_MESSAGE_QUEUE,
    { includeMetadata: true, pollingIntervalSeconds, batchSize: 1 },
    countingFailures(WAITLIST_MESSAGE_QUEUE, async ([job]) => (job ? { outcome: await deliverWaitlistMessage(deps, job) } : undefined)),
  );
}
