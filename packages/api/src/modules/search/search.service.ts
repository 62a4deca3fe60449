import type { Master, MasterService, Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { addDays, type LocalDate, localDateOf, localDayInUtc } from '../../time/zoned-time.js';
import { type AvailableSlot, availableSlotsOfOffers, firstAvailableSlotsOfOffers, type SlotOffer } from '../booking/slots.service.js';
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

/**
 * What the caller reads of masters and of their offers beyond what the search itself needs, as
 * Pothos's `queryFromInfo` gives it: loaded by the search's own queries, so nothing is read twice.
 */
export interface SearchSelection {
  master?: RowQuery;
  offer?: RowQuery;
}

type RowQuery = { select?: Record<string, unknown>; include?: Record<string, unknown> };

export interface MasterSearchHit {
  /** The master's row, with `SearchSelection.master`. */
  master: Master;
  cursor: MasterSearchCursor;
  /** The master's services under the searched catalogue service, in their order, with `SearchSelection.offer`. */
  offers: MasterService[];
  /** The first free start of any of them: on the filter's date when there is one, else from now on. */
  nextFreeSlot: AvailableSlot | null;
}

export interface MasterSearchPage {
  hits: MasterSearchHit[];
  hasNextPage: boolean;
}

/**
 * Masters clients may see (master.visibility.ts) in a city who offer a catalogue service,
 * ordered by name and then id, so pages never repeat or skip anyone. The number of queries
 * does not depend on the page size: a page of masters (read in the order of an index, with
 * their slot rules, their offers and whatever `selection` asks, joined; the offers apart when the
 * selection reads the masters' own services), and the calendars of all of them at once (twice
 * when someone has no free time in the next two weeks). A date filter reads the candidates in
 * batches until the page is full.
 */
export async function searchMasters(
  db: Db,
  filter: MasterSearchFilter,
  page: { first: number; after?: MasterSearchCursor },
  now = new Date(),
  selection: SearchSelection = {},
): Promise<MasterSearchPage> {
  const where = searchWhere(filter);
  const wanted = page.first + 1;
  const hits: MasterSearchHit[] = [];
  const offersWanted = {
    ...withFields(selection.offer, offerFields, {}),
    where: { serviceId: filter.serviceId, isActive: true },
    orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
  } satisfies Prisma.MasterServiceFindManyArgs;
  // The offers come joined to their masters (one statement), unless the caller reads the
  // master's own `services` too: that relation then carries what the caller asked of it.
  const joinOffers = !asksFor(selection.master, 'services');
  let after = page.after;
  for (;;) {
    const take = filter.date ? Math.max(wanted, DATE_FILTER_BATCH) : wanted;
    const masters = (await db.master.findMany({
      ...withFields(selection.master, masterFields, joinOffers ? { ...masterRelations, services: offersWanted } : masterRelations),
      where: after ? { AND: [where, afterCursor(after)] } : where,
      orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
      take,
    })) as (SearchedMaster & { services?: MasterService[] })[];
    const offerRows = joinOffers
      ? masters.flatMap((master) => master.services ?? [])
      : ((await db.masterService.findMany({
          ...offersWanted,
          where: { ...offersWanted.where, masterId: { in: masters.map((master) => master.id) } },
        })) as MasterService[]);
    const masterById = new Map(masters.map((master) => [master.id, master]));
    const offers = offerRows.map((row) => ({ row, slotOffer: slotOfferOf(row, masterById.get(row.masterId)!) }));
    const slotOffers = offers.map((offer) => offer.slotOffer);
    const slots = filter.date ? await freeSlotsOnDate(db, slotOffers, filter.date, now) : await nextFreeSlots(db, slotOffers, now);
    for (const master of masters) {
      const own = offers.filter((offer) => offer.row.masterId === master.id);
      if (own.length === 0) continue;
      const nextFreeSlot = earliest(own.map((offer) => slots.get(offer.row.id)));
      if (filter.date && !nextFreeSlot) continue;
      hits.push({
        master,
        cursor: { displayName: master.displayName, id: master.id },
        offers: own.map((offer) => offer.row),
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

/** What the search reads of a master for itself: the page order and the slot rules. */
const masterFields = { id: true, displayName: true, cityId: true, timeZone: true } as const;
const masterRelations = {
  slotSettings: true,
  scheduleIntervals: { select: { weekday: true, startMinute: true, endMinute: true } },
} as const;
const offerFields = { id: true, masterId: true, serviceId: true, durationMinutes: true, priceMinor: true, currency: true } as const;

type SearchedMaster = Master & Pick<SlotOffer['master'], 'slotSettings' | 'scheduleIntervals'>;

/** Whether a caller's selection reads this relation or column. */
function asksFor(query: RowQuery | undefined, name: string): boolean {
  return Boolean(query?.select?.[name] ?? query?.include?.[name]);
}

/** A caller's selection with the search's own fields added: to `select` when it selects, else to `include` (which has every column). */
function withFields(query: RowQuery | undefined, fields: Record<string, true>, relations: Record<string, unknown>): RowQuery {
  if (query?.select) return { select: { ...query.select, ...fields, ...relations } };
  const include = { ...query?.include, ...relations };
  return Object.keys(include).length > 0 ? { include } : {};
}

/** An offer as the slot computation takes it, with its master already read. */
function slotOfferOf(offer: MasterService, master: SearchedMaster): SlotOffer {
  return {
    id: offer.id,
    masterId: offer.masterId,
    serviceId: offer.serviceId,
    durationMinutes: offer.durationMinutes,
    master: {
      cityId: master.cityId,
      timeZone: master.timeZone,
      slotSettings: master.slotSettings,
      scheduleIntervals: master.scheduleIntervals,
    },
  };
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
    // The `gte` alone is where the index scan starts; the OR then leaves out the cursor's own name before its id.
    displayName: { gte: cursor.displayName },
    OR: [{ displayName: { gt: cursor.displayName } }, { displayName: cursor.displayName, id: { gt: cursor.id } }],
  };
}

/** Each offer's first free start from now on, by offer id; none within the horizon → absent. */
async function nextFreeSlots(db: Db, offers: readonly SlotOffer[], now: Date): Promise<Map<string, AvailableSlot>> {
  const nearEnd = new Date(now.getTime() + NEAR_WINDOW_DAYS * DAY_MS);
  const found = await firstAvailableSlotsOfOffers(db, offers, now, nearEnd, now);
  const farther = offers.filter((offer) => !found.has(offer.id) && (offer.master.slotSettings?.horizonDays ?? 0) >= NEAR_WINDOW_DAYS);
  if (farther.length === 0) return found;
  const horizon = Math.max(...farther.map((offer) => offer.master.slotSettings!.horizonDays));
  const far = await firstAvailableSlotsOfOffers(db, farther, nearEnd, new Date(now.getTime() + (horizon + 2) * DAY_MS), now);
  for (const [offerId, slot] of far) found.set(offerId, slot);
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
