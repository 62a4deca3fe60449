import type { TelegramViewer } from '../../context.js';
import { apiError, badInput, ErrorCode } from '../../errors.js';
import type { ContactChannel, PrismaClient } from '../../generated/prisma/client.js';
import { addDays, type LocalDate, localDateOf, localDateToDb, localDayInUtc } from '../../time/zoned-time.js';
import { lockClient, upsertClient } from '../client/client.service.js';
import { lockMaster } from '../master/master-lock.js';
import type { BookingNotifier } from '../notifications/notification-jobs.js';
import { type BookedBooking, bookAsClient } from './booking.service.js';
import { bookingTransaction } from './booking-lifecycle.js';
import { findPublicOffer } from './slots.service.js';
import { notYourOffer, withdrawHolds } from './waitlist-holds.js';

/**
 * The waitlist, as clients use it: joining for one of a master's services on some days (or any
 * time in the next days), leaving, and claiming a time offered to them. How freed time is
 * offered is in waitlist-offers.ts; how bookings see holds in waitlist-holds.ts.
 */

const DAY_MS = 24 * 60 * 60_000;

/** Waiting entries one client may have at once, over all masters. */
export const MAX_WAITING_ENTRIES = 10;

export interface JoinWaitlistInput {
  /** Database id of a master's service. */
  masterServiceId: string;
  /** Local dates in the master's zone (distinct, 1–14), or null with `withinDays`. */
  dates: LocalDate[] | null;
  /** Any time from now for this many days (1–30), or null with `dates`. */
  withinDays: number | null;
  clientName: string;
  clientPhone: string;
  preferredChannels: ContactChannel[];
}

const notBookable = () => badInput('masterServiceId', 'This service cannot be booked.', { reason: 'NOT_BOOKABLE' });

/**
 * Joins the master's waitlist for one of their services (the caller's client profile is created
 * or refreshed first, as `createBooking` does). The wish is some local dates in the master's zone
 * — from the master's today to the end of their booking horizon — or any time in the next
 * `withinDays` days. Joining again for the same service replaces the wish: the old entry ends
 * (REPLACED), any time it held goes to the next in line, and the new one takes its place at the
 * end of the line. At most MAX_WAITING_ENTRIES waiting entries per client (BAD_USER_INPUT,
 * reason TOO_MANY_ENTRIES). A master or service clients cannot book: BAD_USER_INPUT, reason
 * NOT_BOOKABLE. Returns the new entry's id.
 */
export async function joinWaitlist(
  prisma: PrismaClient,
  viewer: TelegramViewer,
  input: JoinWaitlistInput,
  now = new Date(),
  notifications?: BookingNotifier,
): Promise<string> {
  const service = await prisma.masterService.findUnique({ where: { id: input.masterServiceId }, select: { masterId: true } });
  if (!service) throw notBookable();
  const { masterId } = service;
  const clientId = await upsertClient(prisma, viewer, now);
  return bookingTransaction(prisma, { notifications }, async (transaction) => {
    const { tx } = transaction;
    await lockMaster(tx, masterId);
    const offer = await findPublicOffer(tx, masterId, input.masterServiceId);
    const timeZone = offer?.master.timeZone;
    const horizonDays = offer?.master.slotSettings?.horizonDays;
    if (!offer || !timeZone || horizonDays === undefined) throw notBookable();

    let wish: { dates: LocalDate[]; wishFrom: Date; until: Date };
    if (input.dates) {
      const today = localDateOf(now, timeZone);
      const last = addDays(today, horizonDays);
      const dates = [...input.dates].sort();
      const outside = dates.find((date) => date < today || date > last);
      if (outside) throw badInput('dates', `Choose days from ${today} to ${last}.`, { reason: 'DATE_OUT_OF_RANGE' });
      const wishFrom = new Date(Math.max(localDayInUtc(dates[0]!, timeZone).start.getTime(), now.getTime()));
      wish = { dates, wishFrom, until: localDayInUtc(dates.at(-1)!, timeZone).end };
    } else {
      wish = { dates: [], wishFrom: now, until: new Date(now.getTime() + input.withinDays! * DAY_MS) };
    }

    await lockClient(tx, clientId);
    const waiting = await tx.waitlistEntry.findMany({
      where: { clientId, endedAt: null, until: { gt: now } },
      select: { id: true, masterServiceId: true },
    });
    const replaced = await tx.waitlistEntry.findFirst({
      where: { clientId, masterServiceId: input.masterServiceId, endedAt: null },
      select: { id: true },
    });
    const others = waiting.filter((entry) => entry.id !== replaced?.id);
    if (others.length >= MAX_WAITING_ENTRIES) {
      throw badInput('masterServiceId', `You can wait for at most ${MAX_WAITING_ENTRIES} services at once; leave one first.`, {
        reason: 'TOO_MANY_ENTRIES',
      });
    }
    if (replaced) {
      await tx.waitlistEntry.update({ where: { id: replaced.id }, data: { endedAt: now, endReason: 'REPLACED' } });
      await withdrawHolds(transaction, masterId, { entryId: replaced.id }, now);
    }
    const entry = await tx.waitlistEntry.create({
      data: {
        clientId,
        masterId,
        masterServiceId: input.masterServiceId,
        dates: wish.dates.map(localDateToDb),
        wishFrom: wish.wishFrom,
        until: wish.until,
        clientName: input.clientName,
        clientPhone: input.clientPhone,
        preferredChannels: input.preferredChannels,
      },
      select: { id: true },
    });
    return entry.id;
  });
}

/** Someone else's entry, or one that does not exist: the same answer. */
const notYourEntry = () => apiError(ErrorCode.FORBIDDEN, 'This waitlist entry is not yours.');

/** Leaves the waitlist: the entry ends (LEFT), and any time it held goes to the next in line. Leaving again changes nothing. */
export async function leaveWaitlist(
  prisma: PrismaClient,
  clientId: string,
  entryId: string,
  now = new Date(),
  notifications?: BookingNotifier,
): Promise<void> {
  const found = await prisma.waitlistEntry.findUnique({ where: { id: entryId }, select: { clientId: true, masterId: true } });
  if (!found || found.clientId !== clientId) throw notYourEntry();
  await bookingTransaction(prisma, { notifications }, async (transaction) => {
    const { tx } = transaction;
    await lockMaster(tx, found.masterId);
    const { count } = await tx.waitlistEntry.updateMany({
      where: { id: entryId, endedAt: null },
      data: { endedAt: now, endReason: 'LEFT' },
    });
    if (count === 1) await withdrawHolds(transaction, found.masterId, { entryId }, now);
  });
}

export interface ClaimInput {
  /** Database id of the offer. */
  offerId: string;
  idempotencyKey: string;
}

/**
 * Books the time an offer holds for the caller, through the same path as `createBooking` (its
 * rules, statistics, notifications, idempotency) with the entry's name, phone and channels.
 * Someone else's offer: FORBIDDEN; an offer no longer held: BAD_USER_INPUT with reason
 * OFFER_EXPIRED or OFFER_WITHDRAWN; held but no longer bookable: SLOT_UNAVAILABLE. An offer the
 * caller already booked (by the bot's button, say) answers with that booking.
 */
export async function claimWaitlistOffer(
  prisma: PrismaClient,
  clientId: string,
  input: ClaimInput,
  now = new Date(),
  notifications?: BookingNotifier,
): Promise<BookedBooking> {
  const offer = await prisma.waitlistOffer.findUnique({
    where: { id: input.offerId },
    select: {
      clientId: true,
      startsAt: true,
      entry: { select: { masterServiceId: true, clientName: true, clientPhone: true, preferredChannels: true } },
    },
  });
  if (!offer || offer.clientId !== clientId) throw notYourOffer();
  return bookAsClient(
    prisma,
    clientId,
    {
      masterServiceId: offer.entry.masterServiceId,
      startsAt: offer.startsAt,
      clientName: offer.entry.clientName,
      clientPhone: offer.entry.clientPhone,
      preferredChannels: offer.entry.preferredChannels,
      comment: null,
      shareContactWithPartners: null,
      idempotencyKey: input.idempotencyKey,
    },
    now,
    notifications,
    input.offerId,
  );
}

/** The waitlist key a claim by the bot's button books with: one per offer, so pressing twice books once. */
export const botClaimKey = (offerId: string) => `waitlist-${offerId}`;
