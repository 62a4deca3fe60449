import { z } from 'zod';
import type { TelegramViewer } from '../../context.js';
import { isExclusionViolation } from '../../db-errors.js';
import { apiError, badInput, ErrorCode } from '../../errors.js';
import { type Booking, type BookingActor, type ContactChannel, Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import type { Tx } from '../../transactions.js';
import { ERASED_CLIENT_NAME, erasedMeanwhile, grantConsent, upsertClient } from '../client/client.service.js';
import { lockMaster } from '../master/master-lock.js';
import type { BookingNotifier } from '../notifications/notification-jobs.js';
import { type BookingTransaction, bookingTransaction, changedBookingSelect } from './booking-lifecycle.js';
import { type StartCheck, startCheckJson, verdictOf } from './booking-overlap.js';
import { plannedReleaseAt } from './booking-release.js';
import { availableSlotsOfOffer, findPublicOffer } from './slots.service.js';
import { settleWaitlist, takeHeldOffer, withdrawHolds, withdrawHoldsUnder } from './waitlist-holds.js';

/**
 * Every write of a booking: a client's booking, the master's manual one, cancellation, the
 * outcome, the client's confirmation, detaching an erased client (moves are in
 * booking-move.service.ts, releases in booking-release.ts). Each runs in a booking
 * transaction (booking-lifecycle.ts), which keeps statistics, notifications and metrics in step.
 */

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

/** What a GraphQL response asks of a booking: the Pothos prisma plugin's `query`. */
export interface BookingQuery {
  include?: Prisma.BookingInclude;
  select?: Prisma.BookingSelect;
}

/**
 * The booking as a write returned it (every column), when that is all the response asks for;
 * null when it asks for relations too (or the write found the booking made before), which are
 * then read once the transaction has committed, after the locks are gone.
 */
export function answerOf(written: Booking | null, query: BookingQuery): Booking | null {
  const asked = Object.keys(query.include ?? query.select ?? {});
  return asked.every((field) => field in Prisma.BookingScalarFieldEnum) ? written : null;
}

/** A client's booking: its id, and its row as the write returned it (null when it was made before: a retry). */
export interface BookedBooking {
  id: string;
  booking: Booking | null;
}

/**
 * A client's booking made (`booking`: the row as written, null for a retry that found it already
 * made), or the start refused: not free, or a master or service clients cannot book.
 */
type Outcome = { kind: 'BOOKED'; bookingId: string; booking: Booking | null } | { kind: 'UNAVAILABLE'; masterId: string | null };

/** Thrown inside the booking transaction to roll back what it wrote (the client's contacts) when the start is refused. */
class StartRefused extends Error {
  constructor(readonly masterId: string | null) {
    super('The start is not free.');
  }
}

/**
 * The booking a client already made with a key, as it was first asked for: its service and start
 * before any move (a retry of a booking moved since is still the same request).
 */
const askedWithKey = (clientId: string, idempotencyKey: string) => Prisma.sql`
  SELECT b.id::text AS id,
         COALESCE(first_move.from_master_service_id, b.master_service_id)::text AS master_service_id,
         COALESCE(first_move.from_starts_at, b.starts_at) AS starts_at
  FROM bookings b
  LEFT JOIN LATERAL (
    SELECT m.from_master_service_id, m.from_starts_at FROM booking_moves m
    WHERE m.booking_id = b.id ORDER BY m.created_at, m.id LIMIT 1
  ) first_move ON true
  WHERE b.client_id = ${clientId}::uuid AND b.idempotency_key = ${idempotencyKey}`;

const askedBooking = z.object({ id: z.string(), master_service_id: z.string().nullable(), starts_at: z.coerce.date() });
type AskedBooking = z.infer<typeof askedBooking>;

/**
 * A retry with the key of an earlier booking answers with that booking; the same key with another
 * service or start is a client bug that would otherwise silently get the first booking:
 * BAD_USER_INPUT with reason IDEMPOTENCY_KEY_REUSED.
 */
function sameRequestOrRefuse(earlier: AskedBooking, input: ClientBookingInput): string {
  const same = earlier.master_service_id === input.masterServiceId && earlier.starts_at.getTime() === input.startsAt.getTime();
  if (!same) {
    throw badInput('idempotencyKey', 'This key was used for another booking; use a new key per booking.', {
      reason: 'IDEMPOTENCY_KEY_REUSED',
    });
  }
  return earlier.id;
}

async function bookingWithKey(prisma: PrismaClient | Tx, clientId: string, idempotencyKey: string): Promise<AskedBooking | null> {
  return z.array(askedBooking).parse(await prisma.$queryRaw(askedWithKey(clientId, idempotencyKey)))[0] ?? null;
}

/** A start a client asks for, of one of a master's services. */
export interface StartQuery {
  masterId: string;
  masterServiceId: string;
  startsAt: Date;
  /** The booking being moved: its own time counts as free. */
  exceptBookingId?: string;
  /** A moved booking keeps its length: the service's own duration unless given. */
  durationMinutes?: number;
  /** The waitlist offer being claimed: the time it holds counts as free for its client. */
  exceptOfferId?: string;
}

/** The free starts `availableSlots` lists for the query's service (with the query's duration and exception) in [from, to). */
async function freeStarts(db: PrismaClient | Tx, query: StartQuery, from: Date, to: Date, now: Date) {
  const offer = await findPublicOffer(db, query.masterId, query.masterServiceId);
  if (!offer) return [];
  const sized = query.durationMinutes ? { ...offer, durationMinutes: query.durationMinutes } : offer;
  return availableSlotsOfOffer(db, sized, { from, to, exceptBookingId: query.exceptBookingId, exceptOfferId: query.exceptOfferId }, now);
}

/** Up to NEAREST_SLOTS free starts closest to the one asked for, ascending. */
async function nearestFreeStarts(prisma: PrismaClient, query: StartQuery, now: Date) {
  const { startsAt } = query;
  const slots = await freeStarts(
    prisma,
    query,
    new Date(startsAt.getTime() - NEAREST_SLOTS_BEFORE_DAYS * DAY_MS),
    new Date(startsAt.getTime() + NEAREST_SLOTS_AFTER_DAYS * DAY_MS),
    now,
  );
  const distance = (start: Date) => Math.abs(start.getTime() - startsAt.getTime());
  return slots
    .map((slot) => slot.startsAt)
    .sort((a, b) => distance(a) - distance(b) || a.getTime() - b.getTime())
    .slice(0, NEAREST_SLOTS)
    .sort((a, b) => a.getTime() - b.getTime());
}

const offerRow = z.object({
  master_id: z.string(),
  service_id: z.string(),
  duration_minutes: z.number(),
  price_minor: z.number(),
  currency: z.string(),
  city_id: z.string().nullable(),
  time_zone: z.string().nullable(),
});

/**
 * The master's service booked, and its master's row locked (the first lock of every booking
 * write, as `lockMaster` takes it): one statement. Null for a service that does not exist.
 */
async function lockOfferMaster(tx: Tx, masterServiceId: string) {
  const rows = await tx.$queryRaw`
    SELECT o.master_id, o.service_id, o.duration_minutes, o.price_minor, o.currency, m.city_id, m.time_zone
    FROM master_services o JOIN masters m ON m.id = o.master_id
    WHERE o.id = ${masterServiceId}::uuid
    FOR NO KEY UPDATE OF m`;
  return z.array(offerRow).parse(rows)[0] ?? null;
}

const clientRow = z.object({
  existing: askedBooking.nullable(),
  notify_reminders: z.boolean().nullable(),
  waiting: z.array(z.object({ id: z.string(), dates: z.array(z.coerce.date()), wishFrom: z.coerce.date(), until: z.coerce.date() })),
  start_check: z.unknown(),
});

/**
 * The client's side of a booking and the check of its start, in one statement after the master's
 * lock (so that of two simultaneous retries of one booking, the second finds the first's row): the
 * booking this client already made with this key, if any; otherwise the client's row locked and
 * their name, phone and preferred channels saved as given (rolled back with the transaction if the
 * start is refused), whether they take reminders (the release rule), their open waiting entries for
 * this service (which the booking may fulfil), and what `verdictOf` decides the start by.
 */
async function takeClientAndCheck(tx: Tx, clientId: string, input: ClientBookingInput, now: Date, check: StartCheck | null) {
  const rows = await tx.$queryRaw`
    WITH existing AS (${askedWithKey(clientId, input.idempotencyKey)}), contacts AS (
      UPDATE clients
      SET first_name = ${input.clientName}, phone = ${input.clientPhone},
          preferred_channels = ${input.preferredChannels}::text[]::"ContactChannel"[], updated_at = ${now}
      WHERE id = ${clientId}::uuid AND erased_at IS NULL AND NOT EXISTS (SELECT 1 FROM existing)
      RETURNING notify_reminders
    )
    SELECT (SELECT row_to_json(existing) FROM existing) AS existing,
           (SELECT notify_reminders FROM contacts) AS notify_reminders,
           COALESCE((
             SELECT json_agg(json_build_object('id', e.id, 'dates', e.dates, 'wishFrom', e.wish_from, 'until', e.until))
             FROM waitlist_entries e
             WHERE e.client_id = ${clientId}::uuid AND e.master_service_id = ${input.masterServiceId}::uuid AND e.ended_at IS NULL
           ), '[]'::json) AS waiting,
           ${check ? startCheckJson(check) : Prisma.sql`NULL::json`} AS start_check`;
  const row = z.array(clientRow).parse(rows)[0]!;
  if (row.existing) return { kind: 'EXISTING' as const, bookingId: sameRequestOrRefuse(row.existing, input) };
  if (row.notify_reminders === null) throw erasedMeanwhile();
  return { kind: 'TAKEN' as const, notifyReminders: row.notify_reminders, waiting: row.waiting, startCheck: row.start_check ?? null };
}

/**
 * A client's booking in one booking transaction, in the lock order of every booking write: the
 * master's row with the service, then the client's with the one overlap check (booking-overlap.ts),
 * then the booking. A refused start throws `StartRefused`, rolling back the contacts saved.
 */
async function bookInTransaction(
  transaction: BookingTransaction,
  clientId: string,
  input: ClientBookingInput,
  now: Date,
  claimedOfferId: string | null,
): Promise<Outcome> {
  const { tx, changed, notifies } = transaction;
  const offer = await lockOfferMaster(tx, input.masterServiceId);
  // A claim's own hold counts as free; whether the offer is this client's is checked below, before the verdict counts.
  const check: StartCheck | null = offer && {
    masterId: offer.master_id,
    masterServiceId: input.masterServiceId,
    startsAt: input.startsAt,
    durationMinutes: offer.duration_minutes,
    ...(claimedOfferId ? { exceptOfferId: claimedOfferId } : {}),
    now,
  };
  const client = await takeClientAndCheck(tx, clientId, input, now, check);
  if (client.kind === 'EXISTING') return { kind: 'BOOKED', bookingId: client.bookingId, booking: null };
  if (!offer || !check) throw new StartRefused(null);

  let claim: { offerId: string; entryId: string } | null = null;
  if (claimedOfferId) {
    const held = await takeHeldOffer(tx, clientId, claimedOfferId, input.startsAt, now);
    if (held.kind === 'BOOKED') return { kind: 'BOOKED', bookingId: held.bookingId, booking: null };
    claim = { offerId: claimedOfferId, entryId: held.entryId };
  }

  const { city_id: cityId, time_zone: timeZone } = offer;
  if (!cityId || !timeZone) throw new StartRefused(offer.master_id);
  const verdict = verdictOf(client.startCheck, check);
  if (!verdict.free) throw new StartRefused(offer.master_id);

  // Every column comes back from the INSERT: the response needs no second read.
  const booking = await tx.booking.create({
    data: {
      masterId: offer.master_id,
      clientId,
      masterServiceId: input.masterServiceId,
      serviceId: offer.service_id,
      cityId,
      startsAt: input.startsAt,
      endsAt: new Date(input.startsAt.getTime() + offer.duration_minutes * MINUTE_MS),
      source: 'CLIENT',
      clientName: input.clientName,
      clientPhone: input.clientPhone,
      comment: input.comment,
      priceMinor: offer.price_minor,
      currency: offer.currency,
      idempotencyKey: input.idempotencyKey,
      createdAt: now,
      releaseAt: plannedReleaseAt({
        rule: verdict.rule,
        startsAt: input.startsAt,
        clientId,
        client: { preferredChannels: input.preferredChannels, notifyReminders: client.notifyReminders },
        notifies,
        now,
      }),
    },
  });
  if (input.shareContactWithPartners) {
    await grantConsent(tx, clientId, { kind: 'SHARE_CONTACT_WITH_PARTNERS', ...input.shareContactWithPartners }, now);
  }
  await settleWaitlist(
    transaction,
    {
      id: booking.id,
      clientId,
      masterId: offer.master_id,
      masterServiceId: input.masterServiceId,
      startsAt: input.startsAt,
      timeZone,
      claim,
    },
    client.waiting,
    now,
  );
  await changed({ kind: 'created', booking, now });
  return { kind: 'BOOKED', bookingId: booking.id, booking };
}

/** SLOT_UNAVAILABLE for a client, with the free starts nearest to the one asked for (none without a master). */
export async function slotUnavailable(prisma: PrismaClient, query: StartQuery | null, now: Date) {
  const nearest = query ? await nearestFreeStarts(prisma, query, now) : [];
  return apiError(ErrorCode.SLOT_UNAVAILABLE, 'This time is no longer free.', {
    nearestSlots: nearest.map((start) => start.toISOString()),
  });
}

/**
 * A client books one of a master's services at a free start; returns the booking (its id, and
 * the row as written unless it was made before).
 *
 * - The caller's client profile is created or refreshed first (as `upsertClient` does).
 * - Then one booking transaction, with the master's row locked: the booking (source CLIENT,
 *   end from the service's duration, price and the client's name and phone as given now), the
 *   client's name, phone and preferred channels, the consent if given, and what follows from
 *   a new booking (client_service_stats, the bot's messages, the metric).
 * - The start must be one `availableSlots` lists at this moment. Otherwise — taken, not on
 *   the grid, or a master or service clients cannot book (draft, deactivated, archived,
 *   switched off, unknown: a client cannot tell these apart) — SLOT_UNAVAILABLE with
 *   `extensions.nearestSlots`, the closest free starts (ISO 8601, none for such masters).
 *   The exclusion constraint `bookings_no_overlap` is the last guard and answers the same.
 * - Idempotency: a booking this client already made with this key is returned as it is,
 *   whatever the rest of the input, and nothing is written or counted again.
 * - Time held for a waiting client (a waitlist offer in force) is not free for anyone else. The
 *   client's waiting entries for this master's service that the booking answers are fulfilled.
 */
export async function createClientBooking(
  prisma: PrismaClient,
  viewer: TelegramViewer,
  input: ClientBookingInput,
  now = new Date(),
  notifications?: BookingNotifier,
): Promise<BookedBooking> {
  const clientId = await upsertClient(prisma, viewer, now);
  return bookAsClient(prisma, clientId, input, now, notifications, null);
}

/**
 * `createClientBooking` for a client who exists, maybe claiming a waitlist offer: then the
 * time the offer holds is free for this client (and only while it holds), the offer must be
 * theirs and in force (`takeHeldOffer`), and it ends CLAIMED with the booking. The same rules,
 * statistics, notifications and idempotency as any client's booking.
 */
export async function bookAsClient(
  prisma: PrismaClient,
  clientId: string,
  input: ClientBookingInput,
  now: Date,
  notifications: BookingNotifier | undefined,
  claimedOfferId: string | null,
): Promise<BookedBooking> {
  let outcome: Outcome;
  try {
    outcome = await bookingTransaction(prisma, { notifications }, (booking) =>
      bookInTransaction(booking, clientId, input, now, claimedOfferId),
    );
  } catch (error) {
    if (error instanceof StartRefused) {
      outcome = { kind: 'UNAVAILABLE', masterId: error.masterId };
    } else {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        const existing = await bookingWithKey(prisma, clientId, input.idempotencyKey);
        if (existing) return { id: sameRequestOrRefuse(existing, input), booking: null };
      }
      if (!isExclusionViolation(error)) throw error;
      const offer = await prisma.masterService.findUniqueOrThrow({ where: { id: input.masterServiceId }, select: { masterId: true } });
      outcome = { kind: 'UNAVAILABLE', masterId: offer.masterId };
    }
  }
  if (outcome.kind === 'UNAVAILABLE') {
    const { masterId } = outcome;
    throw await slotUnavailable(
      prisma,
      masterId ? { masterId, masterServiceId: input.masterServiceId, startsAt: input.startsAt } : null,
      now,
    );
  }
  return { id: outcome.bookingId, booking: outcome.booking };
}

export interface ManualBookingInput {
  /** Database id of one of the master's own services. */
  masterServiceId: string;
  startsAt: Date;
  clientName: string;
  clientPhone: string | null;
  comment: string | null;
}

export const overlapping = (startsAt: Date, endsAt: Date) => ({ startsAt: { lt: endsAt }, endsAt: { gt: startsAt } });

/**
 * A booking the master enters by hand, for any time outside blocked time: the master may
 * book outside working hours. The end and the price come from the master's service; the
 * exclusion constraint `bookings_no_overlap` is what finally keeps bookings apart. Over time
 * held for a waiting client the master's booking wins: the hold is withdrawn.
 */
export async function createManualBooking(
  prisma: PrismaClient,
  masterId: string,
  input: ManualBookingInput,
  notifications?: BookingNotifier,
): Promise<string> {
  return bookingTransaction(prisma, { notifications }, async (transaction) => {
    const { tx, changed } = transaction;
    await lockMaster(tx, masterId, { activity: true });
    const offer = await tx.masterService.findUnique({ where: { id: input.masterServiceId } });
    // Another master's service answers as one that does not exist: ids are not to be probed.
    if (!offer || offer.masterId !== masterId) throw badInput('masterServiceId', 'No such service.');
    if (!offer.isActive) throw badInput('masterServiceId', 'This service is switched off.');

    const endsAt = new Date(input.startsAt.getTime() + offer.durationMinutes * MINUTE_MS);
    const block = await tx.timeBlock.findFirst({ where: { masterId, ...overlapping(input.startsAt, endsAt) }, select: { id: true } });
    if (block) throw apiError(ErrorCode.SLOT_UNAVAILABLE, 'This time is blocked.');
    try {
      const booking = await tx.booking.create({
        data: {
          masterId,
          masterServiceId: offer.id,
          serviceId: offer.serviceId,
          startsAt: input.startsAt,
          endsAt,
          source: 'MASTER',
          clientName: input.clientName,
          clientPhone: input.clientPhone,
          comment: input.comment,
          priceMinor: offer.priceMinor,
          currency: offer.currency,
        },
        select: changedBookingSelect,
      });
      await withdrawHoldsUnder(transaction, masterId, booking, new Date());
      await changed({ kind: 'created', booking, now: new Date() });
      return booking.id;
    } catch (error) {
      if (isExclusionViolation(error)) throw apiError(ErrorCode.SLOT_UNAVAILABLE, 'This time overlaps another booking.');
      throw error;
    }
  });
}

/**
 * As whom a caller may cancel or move a booking: the master of their bookings, the client of
 * theirs. One Telegram user may be both; `cancelBooking` and `rescheduleBooking` take every
 * role the caller has.
 */
export type BookingRole = { kind: 'MASTER'; masterId: string } | { kind: 'CLIENT'; clientId: string };

/**
 * As whom the change is recorded (the master first), if one of the caller's roles may change this
 * booking at all; else the booking answers as one that does not exist, so ids cannot be probed.
 */
export function actorOf(booking: { masterId: string; clientId: string | null }, roles: readonly BookingRole[]): 'MASTER' | 'CLIENT' {
  if (roles.some((role) => role.kind === 'MASTER' && role.masterId === booking.masterId)) return 'MASTER';
  if (roles.some((role) => role.kind === 'CLIENT' && role.clientId === booking.clientId)) return 'CLIENT';
  throw noSuchBooking();
}

/** An unknown booking id, and one the caller may not change: the same answer. */
export function noSuchBooking() {
  return badInput('bookingId', 'No such booking.');
}

/**
 * A client changes their own booking (cancels or moves it) only until the master's
 * cancellation cutoff before its start; later: BAD_USER_INPUT with reason CANCELLATION_CUTOFF.
 */
export async function checkClientCutoff(tx: Tx, masterId: string, startsAt: Date, now: Date): Promise<void> {
  const settings = await tx.slotSettings.findUnique({ where: { masterId }, select: { cancellationCutoffMinutes: true } });
  refuseAfterCutoff(settings?.cancellationCutoffMinutes ?? 0, startsAt, now);
}

/** `checkClientCutoff` with the master's cutoff already read. */
export function refuseAfterCutoff(cutoffMinutes: number, startsAt: Date, now: Date): void {
  if (now.getTime() > startsAt.getTime() - cutoffMinutes * MINUTE_MS) {
    const message = `The master accepts changes up to ${cutoffMinutes} minutes before the start; contact them instead.`;
    throw apiError(ErrorCode.BAD_USER_INPUT, message, {
      fields: [{ path: 'bookingId', message }],
      reason: 'CANCELLATION_CUTOFF',
      cutoffMinutes,
    });
  }
}

/**
 * Cancels a booking, which frees its time (the exclusion constraint ignores cancelled
 * rows). Its master may cancel at any time; its client until the master's cancellation
 * cutoff before the start. Cancelling a cancelled booking changes nothing; a booking that
 * already took place (completed or no-show) cannot be cancelled. A client's booking that
 * becomes cancelled stops counting in client_service_stats, whoever cancels it, and the other
 * side hears of it through the bot, in the same transaction.
 */
export async function cancelBooking(
  prisma: PrismaClient,
  roles: readonly BookingRole[],
  bookingId: string,
  reason: string | null,
  now = new Date(),
  notifications?: BookingNotifier,
): Promise<void> {
  await bookingTransaction(prisma, { notifications }, async ({ tx, changed }) => {
    const found = await tx.booking.findUnique({ where: { id: bookingId }, select: { masterId: true, clientId: true } });
    if (!found) throw noSuchBooking();
    const cancelledBy: BookingActor = actorOf(found, roles);
    await lockMaster(tx, found.masterId, { activity: cancelledBy === 'MASTER' });

    const booking = await tx.booking.findUniqueOrThrow({ where: { id: bookingId }, select: { status: true, startsAt: true } });
    if (booking.status === 'CANCELLED') return;
    if (booking.status !== 'CONFIRMED') throw badInput('bookingId', 'This booking has already taken place.');
    if (cancelledBy === 'CLIENT') await checkClientCutoff(tx, found.masterId, booking.startsAt, now);
    const cancelled = await tx.booking.update({
      where: { id: bookingId },
      data: { status: 'CANCELLED', cancelledAt: now, cancelledBy, cancellationReason: reason },
      select: changedBookingSelect,
    });
    await changed({ kind: 'cancelled', booking: cancelled, by: cancelledBy });
  });
}

export type BookingOutcome = 'COMPLETED' | 'NO_SHOW';

/**
 * Records how a booking that has started went; the master may correct it later. A client's
 * booking marked completed queues the bot's review request to its client, in the same
 * transaction (once per booking, however often it is marked).
 */
export async function setBookingOutcome(
  prisma: PrismaClient,
  masterId: string,
  bookingId: string,
  outcome: BookingOutcome,
  now = new Date(),
  notifications?: BookingNotifier,
) {
  await bookingTransaction(prisma, { notifications }, async ({ tx, changed }) => {
    await lockMaster(tx, masterId, { activity: true });
    const booking = await tx.booking.findUnique({ where: { id: bookingId }, select: { masterId: true, startsAt: true, status: true } });
    if (!booking || booking.masterId !== masterId) throw noSuchBooking();
    if (booking.startsAt > now) throw badInput('bookingId', 'This booking has not started yet.');
    if (booking.status === 'CANCELLED') throw badInput('bookingId', 'This booking was cancelled.');
    const updated = await tx.booking.update({ where: { id: bookingId }, data: { status: outcome }, select: changedBookingSelect });
    await changed({ kind: 'outcome', booking: updated, outcome, now });
  });
}

/**
 * The client confirms they will come (the reminder's button): the time is recorded once, on a
 * booking still confirmed. Returns whether this call recorded it.
 */
export async function confirmAttendance(prisma: PrismaClient, bookingId: string, now: Date): Promise<boolean> {
  return bookingTransaction(prisma, {}, async ({ tx, changed }) => {
    const { count } = await tx.booking.updateMany({
      where: { id: bookingId, status: 'CONFIRMED', clientConfirmedAt: null },
      data: { clientConfirmedAt: now },
    });
    if (count === 1) await changed({ kind: 'confirmed', bookingId });
    return count === 1;
  });
}

/**
 * A client erased their data (inside the erasure's booking transaction): their bookings stay
 * with the master — time, service, price and status — but without their name, phone, comment
 * or own cancellation reason, and no longer linked to them; their counters go with the link.
 */
export async function detachClientBookings(transaction: BookingTransaction, clientId: string): Promise<number> {
  const { tx, changed } = transaction;
  // Their waiting ends too, and the time they held goes to the next in line.
  const now = new Date();
  const waiting = await tx.waitlistEntry.findMany({ where: { clientId, endedAt: null }, select: { id: true, masterId: true } });
  await tx.waitlistEntry.updateMany({ where: { clientId, endedAt: null }, data: { endedAt: now, endReason: 'LEFT' } });
  for (const masterId of new Set(waiting.map((entry) => entry.masterId))) {
    await withdrawHolds(transaction, masterId, { clientId }, now);
  }
  await tx.booking.updateMany({
    where: { clientId, cancelledBy: 'CLIENT', cancellationReason: { not: null } },
    data: { cancellationReason: null },
  });
  const { count } = await tx.booking.updateMany({
    where: { clientId },
    data: { clientId: null, clientName: ERASED_CLIENT_NAME, clientPhone: null, comment: null },
  });
  await changed({ kind: 'detached', clientId });
  return count;
}
