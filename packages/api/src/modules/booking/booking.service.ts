import type { TelegramViewer } from '../../context.js';
import { isExclusionViolation } from '../../db-errors.js';
import { apiError, ErrorCode } from '../../errors.js';
import { type ContactChannel, Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import { countBooking } from '../analytics/booking-stats.service.js';
import { grantConsent, upsertClient } from '../client/client.service.js';
import { countBookingCreated } from '../monitoring/metrics.js';
import type { BookingNotifier } from '../notifications/notification-jobs.js';
import { availableSlots } from './slots.service.js';

type Tx = Prisma.TransactionClient;

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** How many free starts a SLOT_UNAVAILABLE answer offers instead, and how far around the asked start it looks. */
const NEAREST_SLOTS = 3;
const NEAREST_SLOTS_BEFORE_DAYS = 3;
const NEAREST_SLOTS_AFTER_DAYS = 14;

export interface ClientBookingInput {
  /** Database id of a master's service. */
  masterServiceId: string;
  startsAt: Date;
  clientName: string;
  /** E.164. */
  clientPhone: string;
  preferredChannels: ContactChannel[];
  comment: string | null;
  /** Consent to share contact data with partners, to this version of its text. */
  shareContactWithPartners: { textVersion: string } | null;
  /** Chosen by the app per booking attempt; a retry with the same key gets the same booking. */
  idempotencyKey: string;
}

/** `created` is false for a retry that found the booking already made. */
type Outcome = { kind: 'BOOKED'; bookingId: string; created: boolean } | { kind: 'UNAVAILABLE'; masterId: string | null };

/** Holds the master's row until the transaction ends: one master's bookings and time blocks are checked one at a time. */
async function lockMaster(tx: Tx, masterId: string) {
  await tx.$queryRaw`SELECT id FROM masters WHERE id = ${masterId}::uuid FOR UPDATE`;
}

async function bookingWithKey(prisma: PrismaClient | Tx, clientId: string, idempotencyKey: string) {
  return prisma.booking.findUnique({ where: { clientId_idempotencyKey: { clientId, idempotencyKey } }, select: { id: true } });
}

/**
 * Whether `startsAt` is one of the free starts `availableSlots` lists. Inside the booking
 * transaction, after the master's row is locked, so that the bookings and time blocks it
 * reads cannot change before the booking is written. */
async function isFreeStart(tx: Tx, masterId: string, masterServiceId: string, startsAt: Date, now: Date) {
  const slots = await availableSlots(tx, { masterId, masterServiceId, from: startsAt, to: new Date(startsAt.getTime() + 1) }, now);
  return slots.some((slot) => slot.startsAt.getTime() === startsAt.getTime());
}

/** Up to NEAREST_SLOTS free starts closest to the one asked for, ascending. */
async function nearestFreeStarts(prisma: PrismaClient, masterId: string, masterServiceId: string, startsAt: Date, now: Date) {
  const slots = await availableSlots(
    prisma,
    {
      masterId,
      masterServiceId,
      from: new Date(startsAt.getTime() - NEAREST_SLOTS_BEFORE_DAYS * DAY_MS),
      to: new Date(startsAt.getTime() + NEAREST_SLOTS_AFTER_DAYS * DAY_MS),
    },
    now,
  );
  const distance = (start: Date) => Math.abs(start.getTime() - startsAt.getTime());
  return slots
    .map((slot) => slot.startsAt)
    .sort((a, b) => distance(a) - distance(b) || a.getTime() - b.getTime())
    .slice(0, NEAREST_SLOTS)
    .sort((a, b) => a.getTime() - b.getTime());
}

async function bookInTransaction(
  tx: Tx,
  clientId: string,
  input: ClientBookingInput,
  now: Date,
  notifications: BookingNotifier | undefined,
): Promise<Outcome> {
  const offer = await tx.masterService.findUnique({
    where: { id: input.masterServiceId },
    select: {
      masterId: true,
      serviceId: true,
      durationMinutes: true,
      priceMinor: true,
      currency: true,
      master: { select: { cityId: true } },
    },
  });
  if (offer) await lockMaster(tx, offer.masterId);
  // After the lock: of two simultaneous retries of one booking, the second finds the first's row.
  const existing = await bookingWithKey(tx, clientId, input.idempotencyKey);
  if (existing) return { kind: 'BOOKED', bookingId: existing.id, created: false };
  if (!offer) return { kind: 'UNAVAILABLE', masterId: null };

  const cityId = offer.master.cityId;
  if (!cityId || !(await isFreeStart(tx, offer.masterId, input.masterServiceId, input.startsAt, now))) {
    return { kind: 'UNAVAILABLE', masterId: offer.masterId };
  }

  const booking = await tx.booking.create({
    data: {
      masterId: offer.masterId,
      clientId,
      masterServiceId: input.masterServiceId,
      serviceId: offer.serviceId,
      cityId,
      startsAt: input.startsAt,
      endsAt: new Date(input.startsAt.getTime() + offer.durationMinutes * MINUTE_MS),
      source: 'CLIENT',
      clientName: input.clientName,
      clientPhone: input.clientPhone,
      comment: input.comment,
      priceMinor: offer.priceMinor,
      currency: offer.currency,
      idempotencyKey: input.idempotencyKey,
      createdAt: now,
    },
    select: { id: true },
  });
  await tx.client.update({
    where: { id: clientId },
    data: { firstName: input.clientName, phone: input.clientPhone, preferredChannels: input.preferredChannels },
  });
  if (input.shareContactWithPartners) {
    await grantConsent(tx, clientId, { kind: 'SHARE_CONTACT_WITH_PARTNERS', ...input.shareContactWithPartners }, now);
  }
  await countBooking(tx, { clientId, serviceId: offer.serviceId, cityId, createdAt: now });
  await notifications?.bookingCreated(tx, { id: booking.id, startsAt: input.startsAt, clientId }, now);
  return { kind: 'BOOKED', bookingId: booking.id, created: true };
}

async function slotUnavailable(prisma: PrismaClient, masterId: string | null, input: ClientBookingInput, now: Date) {
  const nearest = masterId ? await nearestFreeStarts(prisma, masterId, input.masterServiceId, input.startsAt, now) : [];
  return apiError(ErrorCode.SLOT_UNAVAILABLE, 'This time is no longer free.', {
    nearestSlots: nearest.map((start) => start.toISOString()),
  });
}

/**
 * A client books one of a master's services at a free start; returns the booking's id.
 *
 * - The caller's client profile is created or refreshed first (as `upsertClient` does).
 * - Then one transaction, with the master's row locked: the booking (source CLIENT, end
 *   from the service's duration, price and the client's name and phone as given now), the
 *   client's name, phone and preferred channels, the consent if given, and
 *   client_service_stats (see booking-stats.service.ts), and the bot's messages about it
 *   (`notifications`: the master's notice, the client's confirmation and reminders).
 * - The start must be one `availableSlots` lists at this moment. Otherwise — taken, not on
 *   the grid, or a master or service clients cannot book (draft, deactivated, archived,
 *   switched off, unknown: a client cannot tell these apart) — SLOT_UNAVAILABLE with
 *   `extensions.nearestSlots`, the closest free starts (ISO 8601, none for such masters).
 *   The exclusion constraint `bookings_no_overlap` is the last guard and answers the same.
 * - Idempotency: a booking this client already made with this key is returned as it is,
 *   whatever the rest of the input, and nothing is written or counted again.
 */
/**
 * Bookings of one master queue on the master's row lock, so in a rush on one master a
 * booking waits for every one before it: more time than Prisma's default 5 s in all.
 */
const RUSH_TOLERANT = { maxWait: 10_000, timeout: 30_000 };

export async function createClientBooking(
  prisma: PrismaClient,
  viewer: TelegramViewer,
  input: ClientBookingInput,
  now = new Date(),
  notifications?: BookingNotifier,
): Promise<string> {
  const clientId = await upsertClient(prisma, viewer, now);
  let outcome: Outcome;
  try {
    outcome = await prisma.$transaction((tx) => bookInTransaction(tx, clientId, input, now, notifications), RUSH_TOLERANT);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      const existing = await bookingWithKey(prisma, clientId, input.idempotencyKey);
      if (existing) return existing.id;
    }
    if (!isExclusionViolation(error)) throw error;
    const offer = await prisma.masterService.findUniqueOrThrow({ where: { id: input.masterServiceId }, select: { masterId: true } });
    outcome = { kind: 'UNAVAILABLE', masterId: offer.masterId };
  }
  if (outcome.kind === 'UNAVAILABLE') throw await slotUnavailable(prisma, outcome.masterId, input, now);
  if (outcome.created) countBookingCreated('client');
  return outcome.bookingId;
}
