import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { type BenchContext, BenchError, clientInitData, databaseId, graphql, type Operation, raw } from '../harness.js';
import { CLIENT_TELEGRAM_BASE, MASTER_TELEGRAM_BASE, SEEDED_FUTURE_DAYS } from '../seed.js';
import { type BookingResult, bookingInvariants, dayRange, expectBooked, freeStartsByMaster } from './bookings.js';

const MINUTE_MS = 60_000;

const CLAIM = `
  mutation ClaimWaitlistOffer($input: ClaimWaitlistOfferInput!) {
    claimWaitlistOffer(input: $input) { id masterServiceId startsAt endsAt status }
  }`;

/** The name on the fixtures' entries, and so on the bookings their claims make: how verify finds them. */
const FIXTURE_NAME = 'Bench Waitlist';

/**
 * Claims a second the fixtures are sized for, per concurrency, on each server: about four times
 * what the baseline's writes reach on the development machine (createBooking 528/s at 64 clients,
 * rescheduleBooking 238/s at 1, full scale on a quiet machine). A machine that runs out fails
 * loudly (BenchError), never silently: raise these then.
 */
const CEILING_RPS: Record<number, number> = { 1: 1000, 16: 2500 };
const CONCURRENCIES = [1, 16];
/** The days the offers lie on: after those of the booking operations (SEEDED_FUTURE_DAYS + 1 on, 10 days). */
const FIRST_DAY = SEEDED_FUTURE_DAYS + 12;
const DAYS = 45;

/** One fixture: a waiting entry of a seeded client with an offer held for them (`offerId`) at a free start of the master. */
interface HeldOffer {
  offerId: string;
  initData: string;
  startsAt: Date;
  endsAt: Date;
}

interface Claimed {
  offerId: string;
  bookingId: string;
}

/**
 * claimWaitlistOffer: a waiting client books the time held for them. `prepare` makes, in two
 * set-based statements, a waiting entry and a HELD offer (as offerFreedTime leaves them) for every
 * request the cells can make on both servers: a seeded client's wish for one day of a master's
 * first service, and the master's free start on that day held for them. The starts of one master
 * never overlap (buffer included), so no hold blocks another; masters take turns, so concurrent
 * claims spread over them (one master's claims queue on its row lock). Each claim consumes its
 * offer; afterwards every claimed offer is CLAIMED with exactly one booking, its entry FULFILLED,
 * no two bookings of a master overlap, and client_service_stats equals its recomputation.
 */
export function waitlistOperation(context: BenchContext, run: { rounds: number; cellMs: number }): Operation {
  // Every cell of both servers, the warm-up (3 a side) and the statement samples (10, API).
  const needed = Math.ceil(
    CONCURRENCIES.reduce((sum, concurrency) => sum + 2 * run.rounds * (run.cellMs / 1000) * CEILING_RPS[concurrency]!, 0) + 2 * 3 + 10,
  );
  const offers: HeldOffer[] = [];
  let next = 0;
  const masters = new Set<string>();
  const claimed: Record<'api' | 'raw', Claimed[]> = { api: [], raw: [] };

  const take = (): HeldOffer => {
    const offer = offers[next++];
    if (!offer) throw new BenchError(`the benchmark ran out of waitlist offers (${offers.length} made): raise CEILING_RPS in waitlist.ts`);
    return offer;
  };

  async function prepare() {
    const { db } = context;
    // Holds and entries an earlier run left (it stopped before claiming them): their time and clients are needed again.
    await db.query(
      `WITH withdrawn AS (UPDATE waitlist_offers SET status = 'WITHDRAWN', ended_at = now() WHERE status = 'HELD')
       UPDATE waitlist_entries SET ended_at = now(), end_reason = 'LEFT' WHERE ended_at IS NULL`,
    );
    const { from, to } = dayRange(FIRST_DAY, DAYS);
    const byMaster = await freeStartsByMaster(
      db,
      {
        where: 'm.status = $1 AND m.is_active AND m.telegram_id <= $2',
        params: ['ACTIVE', MASTER_TELEGRAM_BASE + context.masters],
        salt: 'waitlist',
        // About 100 starts a master on these days (half the masters book 30 days ahead, half 60): room to spare.
        limit: Math.min(context.masters, 32 + Math.ceil(needed / 40)),
      },
      from,
      to,
    );
    const now = new Date();
    // The k-th start of a master goes to a client of its own.
    const queues = byMaster.map((starts, m) =>
      starts.slice(0, context.clients).map((start, k) => ({
        masterId: start.masterId,
        masterServiceId: start.offerId,
        clientN: 1 + ((m * 7919 + k) % context.clients),
        startsAt: start.startsAt,
        endsAt: start.endsAt,
      })),
    );
    // Masters take turns.
    const planned: (typeof queues)[number] = [];
    for (let k = 0; planned.length < needed && queues.some((queue) => k < queue.length); k++) {
      for (const queue of queues) if (k < queue.length && planned.length < needed) planned.push(queue[k]!);
    }
    if (planned.length < needed) {
      throw new BenchError(`waitlist fixtures: ${needed} offers needed, only ${planned.length} free starts on ${byMaster.length} masters`);
    }

    // One statement: the entries (a wish for the start's local day, in line in the order of `planned`), then their held
    // offers, held for twice as long as the cells take and half an hour more: none expires before its claim.
    const hold = 30 * MINUTE_MS + 2 * CONCURRENCIES.length * run.rounds * 2 * run.cellMs;
    const { rows: made } = await db.query<{ id: string; master_id: string; starts_at: Date }>(
      `WITH input AS (
         SELECT i.*, c.id AS client_id, m.time_zone,
                ((i.starts_at AT TIME ZONE m.time_zone)::date) AS day
         FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::timestamptz[], $5::timestamptz[])
              WITH ORDINALITY AS i (master_id, master_service_id, telegram_id, starts_at, ends_at, ord)
         JOIN clients c ON c.telegram_id = i.telegram_id
         JOIN masters m ON m.id = i.master_id),
       entries AS (
         INSERT INTO waitlist_entries (client_id, master_id, master_service_id, dates, wish_from, until, client_name, client_phone,
                                       preferred_channels)
         SELECT client_id, master_id, master_service_id, ARRAY[day], GREATEST(day::timestamp AT TIME ZONE time_zone, $6),
                (day + 1)::timestamp AT TIME ZONE time_zone, '${FIXTURE_NAME}',
                '+7900' || lpad((telegram_id - $8)::text, 7, '0'), '{TELEGRAM}'
         FROM input ORDER BY ord
         RETURNING id, client_id, master_service_id)
       INSERT INTO waitlist_offers (entry_id, client_id, master_id, starts_at, ends_at, expires_at, created_at)
       SELECT e.id, e.client_id, i.master_id, i.starts_at, i.ends_at, $7, $6
       FROM entries e JOIN input i ON i.client_id = e.client_id AND i.master_service_id = e.master_service_id
       RETURNING id, master_id, starts_at`,
      [
        planned.map((offer) => offer.masterId),
        planned.map((offer) => offer.masterServiceId),
        planned.map((offer) => CLIENT_TELEGRAM_BASE + offer.clientN),
        planned.map((offer) => offer.startsAt),
        planned.map((offer) => offer.endsAt),
        now,
        new Date(now.getTime() + hold),
        CLIENT_TELEGRAM_BASE,
      ],
    );
    if (made.length !== planned.length) throw new BenchError(`waitlist fixtures: ${planned.length} offers planned, ${made.length} made`);
    // A master's starts are distinct: they name its offers.
    const ids = new Map(made.map((row) => [`${row.master_id} ${row.starts_at.getTime()}`, row.id]));
    for (const offer of planned) {
      masters.add(offer.masterId);
      offers.push({
        offerId: ids.get(`${offer.masterId} ${offer.startsAt.getTime()}`)!,
        initData: clientInitData(context, offer.clientN),
        startsAt: offer.startsAt,
        endsAt: offer.endsAt,
      });
    }
  }

  return {
    name: 'waitlistClaim',
    concurrencies: CONCURRENCIES,
    prepare,
    async api() {
      const offer = take();
      const data = await graphql<{ claimWaitlistOffer: BookingResult & { id: string } }>(
        context,
        CLAIM,
        { input: { offerId: encodeGlobalID('WaitlistOffer', offer.offerId), idempotencyKey: randomUUID() } },
        offer.initData,
      );
      claimed.api.push({ offerId: offer.offerId, bookingId: databaseId(data.claimWaitlistOffer.id) });
      return expectBooked('the API', offer, data.claimWaitlistOffer);
    },
    async raw() {
      const offer = take();
      const data = await raw<BookingResult & { id: string }>(context, '/claim', {
        initData: offer.initData,
        offerId: offer.offerId,
        idempotencyKey: randomUUID(),
      });
      claimed.raw.push({ offerId: offer.offerId, bookingId: data.id });
      return expectBooked('the baseline', offer, data);
    },
    async verify() {
      const all = [...claimed.api, ...claimed.raw];
      // Every claim answered: its offer CLAIMED with that booking, the booking the held time, the entry fulfilled.
      const { rows: claims } = await context.db.query<{ claims: number; right: number; fixture_claimed: number; fixture_bookings: number }>(
        `WITH claimed AS (SELECT * FROM unnest($1::uuid[], $2::uuid[]) AS c (offer_id, booking_id))
         SELECT (SELECT count(*)::int FROM claimed) AS claims,
                (SELECT count(*)::int FROM claimed c
                 JOIN waitlist_offers o ON o.id = c.offer_id JOIN waitlist_entries e ON e.id = o.entry_id
                 JOIN bookings b ON b.id = c.booking_id
                 WHERE o.status = 'CLAIMED' AND o.booking_id = c.booking_id AND o.ended_at IS NOT NULL
                   AND b.master_id = o.master_id AND b.client_id = o.client_id AND b.master_service_id = e.master_service_id
                   AND b.starts_at = o.starts_at AND b.ends_at = o.ends_at AND b.status = 'CONFIRMED' AND b.source = 'CLIENT'
                   AND b.client_name = e.client_name AND e.end_reason = 'FULFILLED' AND e.ended_at IS NOT NULL) AS right,
                (SELECT count(*)::int FROM waitlist_offers o JOIN waitlist_entries e ON e.id = o.entry_id
                 WHERE e.client_name = $3 AND o.status = 'CLAIMED') AS fixture_claimed,
                (SELECT count(*)::int FROM bookings WHERE client_name = $3) AS fixture_bookings`,
        [all.map((claim) => claim.offerId), all.map((claim) => claim.bookingId), FIXTURE_NAME],
      );
      // Offers not claimed are still held, their entries still waiting.
      const { rows: waiting } = await context.db.query<{ held: number; wrong: number }>(
        `SELECT count(*)::int AS held,
                count(*) FILTER (WHERE o.status <> 'HELD' OR e.ended_at IS NOT NULL OR o.booking_id IS NOT NULL)::int AS wrong
         FROM waitlist_offers o JOIN waitlist_entries e ON e.id = o.entry_id
         WHERE o.id = ANY($1::uuid[])`,
        [offers.slice(next).map((offer) => offer.offerId)],
      );
      const { overlapping, statsRows, statsMismatches } = await bookingInvariants(context.db, masters);
      const c = claims[0]!;
      const line =
        `bench verify waitlist claims=${c.claims} (api ${claimed.api.length}, raw ${claimed.raw.length}) claimed_right=${c.right} ` +
        `offers_claimed=${c.fixture_claimed} bookings_made=${c.fixture_bookings} still_held=${waiting[0]!.held - waiting[0]!.wrong}/${offers.length - next} ` +
        `overlapping_bookings=${overlapping} stats_rows=${statsRows} stats_mismatches=${statsMismatches}`;
      const good =
        c.right === c.claims &&
        c.fixture_claimed === c.claims &&
        c.fixture_bookings === c.claims &&
        waiting[0]!.wrong === 0 &&
        waiting[0]!.held === offers.length - next &&
        overlapping === 0 &&
        statsMismatches === 0;
      if (!good) throw new BenchError(`waitlist checks failed: ${line}`);
      return [line];
    },
  };
}
