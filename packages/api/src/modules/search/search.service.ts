import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { addDays, type LocalDate, localDateOf, localDayInUtc } from '../../time/zoned-time.js';
import { type AvailableSlot, availableSlotsOfOffers, type SlotOffer, slotOfferSelect } from '../booking/slots.service.js';
import { publicMasterWhere } from '../master/master.visibility.js';

type Db = PrismaClient | Prisma.TransactionClient;

const DAY_MS = 24 * 60 * 60 * 1000;
/** The first look for a master's next free slot; only masters booked out for it look further. */
const NEAR_WINDOW_DAYS = 14;
/** Masters looked at per round when a date filter can leave some of them out. */
const DATE_FILTER_BATCH = 50;

export interface MasterSearchFilter {
  /** Database ids. */
  cityId: string;
  serviceId: string;
  /** Part of the master's name, description, address or area, or of the name or description of one of their services of it, any case. */
  text?: string;
  /** Only masters with a free start for the service on this local date (in their zone). */
  date?: LocalDate;
}

/** Where a page starts: after the master with this name and id (the order is name, then id). */
export interface MasterSearchCursor {
  displayName: string;
  id: string;
}

export interface MasterSearchHit {
  masterId: string;
  cursor: MasterSearchCursor;
  /** The master's services under the searched catalogue service, in their order. */
  offerIds: string[];
  /** The first free start of any of them: on the filter's date when there is one, else from now on. */
  nextFreeSlot: AvailableSlot | null;
}

export interface MasterSearchPage {
  hits: MasterSearchHit[];
  hasNextPage: boolean;
}

/**
 * Masters clients may see (master.visibility.ts) in a city who offer a catalogue service,
 * ordered by name and then id, so pages never repeat or skip anyone. The number of
 * queries does not depend on the page size: a page of masters, their offers, and the
 * calendars of all of them at once (twice when someone has no free time in the next two
 * weeks). A date filter reads the candidates in batches until the page is full.
 */
export async function searchMasters(
  db: Db,
  filter: MasterSearchFilter,
  page: { first: number; after?: MasterSearchCursor },
  now = new Date(),
): Promise<MasterSearchPage> {
  const where = searchWhere(filter);
  const wanted = page.first + 1;
  const hits: MasterSearchHit[] = [];
  let after = page.after;
  for (;;) {
    const take = filter.date ? Math.max(wanted, DATE_FILTER_BATCH) : wanted;
    const masters = await db.master.findMany({
      where: after ? { AND: [where, afterCursor(after)] } : where,
      orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
      take,
      select: { id: true, displayName: true },
    });
    const offers = await db.masterService.findMany({
      where: { masterId: { in: masters.map((master) => master.id) }, serviceId: filter.serviceId, isActive: true },
      orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
      select: slotOfferSelect,
    });
    const slots = filter.date ? await freeSlotsOnDate(db, offers, filter.date, now) : await nextFreeSlots(db, offers, now);
    for (const master of masters) {
      const own = offers.filter((offer) => offer.masterId === master.id);
      if (own.length === 0) continue;
      const nextFreeSlot = earliest(own.map((offer) => slots.get(offer.id)));
      if (filter.date && !nextFreeSlot) continue;
      hits.push({
        masterId: master.id,
        cursor: { displayName: master.displayName, id: master.id },
        offerIds: own.map((offer) => offer.id),
        nextFreeSlot,
      });
      if (hits.length === wanted) break;
    }
    const last = masters.at(-1);
    if (hits.length === wanted || masters.length < take || !last) break;
    after = { displayName: last.displayName, id: last.id };
  }
  return { hits: hits.slice(0, page.first), hasNextPage: hits.length > page.first };
}

/** The earliest of some free starts, if any. */
function earliest(slots: (AvailableSlot | undefined)[]): AvailableSlot | null {
  return slots.reduce<AvailableSlot | null>((first, slot) => (slot && (!first || slot.startsAt < first.startsAt) ? slot : first), null);
}

function searchWhere(filter: MasterSearchFilter): Prisma.MasterWhereInput {
  const text = filter.text?.trim();
  const offered = { serviceId: filter.serviceId, isActive: true };
  const contains = { contains: text, mode: 'insensitive' } as const;
  return {
    ...publicMasterWhere,
    cityId: filter.cityId,
    services: { some: offered },
    ...(text
      ? {
          OR: [
            { displayName: contains },
            { about: contains },
            // What the page shows of the address: all of it, or only the area.
            { addressVisibility: 'FULL', address: contains },
            { area: contains },
            { services: { some: { ...offered, OR: [{ name: contains }, { description: contains }] } } },
          ],
        }
      : {}),
  };
}

function afterCursor(cursor: MasterSearchCursor): Prisma.MasterWhereInput {
  return {
    OR: [{ displayName: { gt: cursor.displayName } }, { displayName: cursor.displayName, id: { gt: cursor.id } }],
  };
}

/** Each offer's first free start from now on, by offer id; none within the horizon → absent. */
async function nextFreeSlots(db: Db, offers: readonly SlotOffer[], now: Date): Promise<Map<string, AvailableSlot>> {
  const found = new Map<string, AvailableSlot>();
  const nearEnd = new Date(now.getTime() + NEAR_WINDOW_DAYS * DAY_MS);
  const near = await availableSlotsOfOffers(db, offers, now, nearEnd, now);
  for (const [offerId, slots] of near) if (slots[0]) found.set(offerId, slots[0]);

  const farther = offers.filter((offer) => !found.has(offer.id) && (offer.master.slotSettings?.horizonDays ?? 0) >= NEAR_WINDOW_DAYS);
  if (farther.length === 0) return found;
  const horizon = Math.max(...farther.map((offer) => offer.master.slotSettings!.horizonDays));
  const far = await availableSlotsOfOffers(db, farther, nearEnd, new Date(now.getTime() + (horizon + 2) * DAY_MS), now);
  for (const [offerId, slots] of far) if (slots[0]) found.set(offerId, slots[0]);
  return found;
}

/** Each offer's first free start on a local date of its master's zone, by offer id. */
async function freeSlotsOnDate(db: Db, offers: readonly SlotOffer[], date: LocalDate, now: Date): Promise<Map<string, AvailableSlot>> {
  // The date's instants in every zone lie within the UTC day before and the one after it.
  const from = localDayInUtc(addDays(date, -1), 'UTC').start;
  const to = localDayInUtc(addDays(date, 1), 'UTC').end;
  const slots = await availableSlotsOfOffers(db, offers, from, to, now);
  const found = new Map<string, AvailableSlot>();
  for (const [offerId, offerSlots] of slots) {
    const first = offerSlots.find((slot) => localDateOf(slot.startsAt, slot.timeZone) === date);
    if (first) found.set(offerId, first);
  }
  return found;
}

/** How many masters clients may book in a city offer each catalogue service, by service id (services nobody offers are absent). */
export async function mastersPerService(db: Db, cityId: string): Promise<Map<string, number>> {
  const pairs = await db.masterService.groupBy({
    by: ['serviceId', 'masterId'],
    where: { isActive: true, master: { ...publicMasterWhere, cityId } },
  });
  const counts = new Map<string, number>();
  for (const { serviceId } of pairs) counts.set(serviceId, (counts.get(serviceId) ?? 0) + 1);
  return counts;
}
