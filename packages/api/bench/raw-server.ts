/**
 * The benchmark's baseline: a bare `node:http` server answering the API's questions with
 * hand-written SQL through `pg`, with the API's pool size. It keeps the API's rules (the same
 * pure slot computation, slots.ts; the same checks and writes in a booking's transaction; the
 * same segment SQL) and leaves out only what the API adds around them: GraphQL, Prisma, Pothos.
 * Run as a child process of bench.ts: `DATABASE_URL=… PORT=… BOT_TOKEN=… tsx bench/raw-server.ts`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import pg from 'pg';
import { z } from 'zod';
import { segmentPageSql } from '../src/modules/analytics/segments.service.js';
import { computeAvailableSlots, firstAvailableSlot, type SlotQuery, type WeeklyInterval } from '../src/modules/booking/slots.js';
import { verifyInitData } from '../src/telegram/init-data.js';
import { addDays, localDateFromDb, localDateOf, localDateToDb, toLocalIso } from '../src/time/zoned-time.js';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const NEAR_WINDOW_DAYS = 14;

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
const botToken = process.env.BOT_TOKEN ?? '';

interface Bookable {
  masterId: string;
  timeZone: string;
  settings: { stepMinutes: number; bufferMinutes: number; minNoticeMinutes: number; horizonDays: number };
  schedule: WeeklyInterval[];
}

interface Offer {
  id: string;
  durationMinutes: number;
}

interface Calendar {
  daysOff: string[];
  busy: { startsAt: Date; endsAt: Date }[];
}

const settingsColumns = `json_build_object('stepMinutes', ss.step_minutes, 'bufferMinutes', ss.buffer_minutes,
  'minNoticeMinutes', ss.min_notice_minutes, 'horizonDays', ss.horizon_days) AS settings,
  (SELECT json_agg(json_build_object('weekday', si.weekday, 'startMinute', si.start_minute, 'endMinute', si.end_minute))
   FROM schedule_intervals si WHERE si.master_id = m.id) AS schedule`;
const publicMaster = `m.status = 'ACTIVE' AND m.is_active AND m.profile_completed_at IS NOT NULL`;

/** Days off, bookings that are not cancelled (but `except`) and time blocks of some masters around [from, to), in one statement. */
async function calendars(
  db: pg.Pool | pg.PoolClient,
  masterIds: string[],
  from: Date,
  to: Date,
  widen: number,
  except?: string,
): Promise<Map<string, Calendar>> {
  const { rows } = await db.query<{ master_id: string; starts_at: Date | null; ends_at: Date | null; day: Date | null }>(
    `SELECT master_id, starts_at, ends_at, NULL::date AS day FROM bookings
     WHERE master_id = ANY($1::uuid[]) AND status <> 'CANCELLED' AND starts_at < $3 AND ends_at > $2 AND id IS DISTINCT FROM $6::uuid
     UNION ALL
     SELECT master_id, starts_at, ends_at, NULL FROM time_blocks WHERE master_id = ANY($1::uuid[]) AND starts_at < $3 AND ends_at > $2
     UNION ALL
     SELECT master_id, NULL, NULL, date FROM days_off WHERE master_id = ANY($1::uuid[]) AND date BETWEEN $4 AND $5`,
    [
      masterIds,
      new Date(from.getTime() - widen),
      new Date(to.getTime() + widen),
      localDateToDb(addDays(localDateOf(from, 'UTC'), -2)),
      localDateToDb(addDays(localDateOf(to, 'UTC'), 2)),
      except ?? null,
    ],
  );
  const result = new Map<string, Calendar>(masterIds.map((id) => [id, { daysOff: [], busy: [] }]));
  for (const row of rows) {
    const calendar = result.get(row.master_id)!;
    if (row.day) calendar.daysOff.push(localDateFromDb(row.day));
    else calendar.busy.push({ startsAt: row.starts_at!, endsAt: row.ends_at! });
  }
  return result;
}

function slotQuery(master: Bookable, offer: Offer, calendar: Calendar | undefined, from: Date, to: Date, now: Date): SlotQuery {
  return {
    timeZone: master.timeZone,
    schedule: master.schedule,
    daysOff: calendar?.daysOff ?? [],
    settings: master.settings,
    durationMinutes: offer.durationMinutes,
    busy: calendar?.busy ?? [],
    from: new Date(Math.max(from.getTime(), now.getTime())),
    to,
    now,
  };
}

function freeStarts(master: Bookable, offer: Offer, calendar: Calendar | undefined, from: Date, to: Date, now: Date): Date[] {
  const query = slotQuery(master, offer, calendar, from, to, now);
  return query.from >= to ? [] : computeAvailableSlots(query);
}

/** The first of `freeStarts`, computed no further than it (a search card's next free slot). */
function firstFreeStart(master: Bookable, offer: Offer, calendar: Calendar | undefined, from: Date, to: Date, now: Date): Date | null {
  const query = slotQuery(master, offer, calendar, from, to, now);
  return query.from >= to ? null : firstAvailableSlot(query);
}

function verifiedUserId(initData: string): number {
  const { user } = verifyInitData(initData, botToken, { maxAgeSeconds: 86_400 });
  if (!user) throw new Refusal('UNAUTHENTICATED');
  return user.id;
}

/** The verified client of the init data, or null: the signature and age are checked as the API does. */
async function clientOf(db: pg.Pool | pg.PoolClient, initData: string | undefined): Promise<string | null> {
  if (!initData) return null;
  const { rows } = await db.query<{ id: string }>('SELECT id FROM clients WHERE telegram_id = $1 AND erased_at IS NULL', [
    verifiedUserId(initData),
  ]);
  return rows[0]?.id ?? null;
}

const SearchInput = z.object({ cityId: z.string(), serviceId: z.string(), first: z.number(), initData: z.string().optional() });

async function search(body: unknown) {
  const input = SearchInput.parse(body);
  const now = new Date();
  // Interest in one statement beside the page, as the API records it.
  const interest = input.initData
    ? pool.query(
        `INSERT INTO client_service_interest (client_id, service_id, city_id, first_seen_at, last_seen_at)
         SELECT id, $2, $3, $4, $4 FROM clients WHERE telegram_id = $1 AND erased_at IS NULL
         ON CONFLICT (client_id, service_id, city_id) DO UPDATE
         SET last_seen_at = GREATEST(client_service_interest.last_seen_at, EXCLUDED.last_seen_at)`,
        [verifiedUserId(input.initData), input.serviceId, input.cityId, now],
      )
    : undefined;
  const { rows } = await pool.query<
    Bookable & { display_name: string; review_count: number | null; rating_sum: number | null; offers: (Offer & { priceMinor: number })[] }
  >(
    `SELECT m.id AS "masterId", m.display_name, m.time_zone AS "timeZone", r.review_count, r.rating_sum, ${settingsColumns},
            (SELECT json_agg(json_build_object('id', o.id, 'durationMinutes', o.duration_minutes, 'priceMinor', o.price_minor)
                             ORDER BY o.position, o.created_at, o.id)
             FROM master_services o WHERE o.master_id = m.id AND o.service_id = $2 AND o.is_active) AS offers
     FROM masters m
     LEFT JOIN slot_settings ss ON ss.master_id = m.id
     LEFT JOIN master_ratings r ON r.master_id = m.id
     WHERE m.city_id = $1 AND ${publicMaster}
       AND EXISTS (SELECT 1 FROM master_services o WHERE o.master_id = m.id AND o.service_id = $2 AND o.is_active)
     ORDER BY m.display_name, m.id
     LIMIT $3`,
    [input.cityId, input.serviceId, input.first + 1],
  );
  await interest;
  const page = rows.slice(0, input.first);
  const widenOf = (masters: typeof page) =>
    Math.max(...masters.flatMap((m) => m.offers.map((o) => o.durationMinutes + m.settings.bufferMinutes))) * MINUTE_MS;
  const first = new Map<string, Date>();
  const findFirst = async (masters: typeof page, from: Date, to: Date) => {
    if (masters.length === 0) return;
    const found = await calendars(
      pool,
      masters.map((m) => m.masterId),
      from,
      to,
      widenOf(masters),
    );
    for (const master of masters) {
      for (const offer of master.offers) {
        const start = firstFreeStart(master, offer, found.get(master.masterId), from, to, now);
        const known = first.get(master.masterId);
        if (start && (!known || start < known)) first.set(master.masterId, start);
      }
    }
  };
  const nearEnd = new Date(now.getTime() + NEAR_WINDOW_DAYS * DAY_MS);
  await findFirst(page, now, nearEnd);
  const farther = page.filter((m) => !first.has(m.masterId) && m.settings.horizonDays >= NEAR_WINDOW_DAYS);
  if (farther.length > 0) {
    const horizon = Math.max(...farther.map((m) => m.settings.horizonDays));
    await findFirst(farther, nearEnd, new Date(now.getTime() + (horizon + 2) * DAY_MS));
  }
  return {
    hasNextPage: rows.length > input.first,
    masters: page.map((m) => ({
      masterId: m.masterId,
      offerIds: m.offers.map((o) => o.id),
      ratingCount: m.review_count ?? 0,
      nextFreeSlot: first.get(m.masterId)?.toISOString() ?? null,
    })),
  };
}

/** One offer clients may book, with its master's rules: what slots and bookings are computed from. */
async function loadOffer(db: pg.Pool | pg.PoolClient, masterServiceId: string, lock: boolean) {
  const { rows } = await db.query<
    Bookable & Offer & { serviceId: string; cityId: string; priceMinor: number; currency: string; cutoff: number }
  >(
    `SELECT o.id, o.master_id AS "masterId", o.duration_minutes AS "durationMinutes", o.service_id AS "serviceId",
            o.price_minor AS "priceMinor", o.currency, m.city_id AS "cityId", m.time_zone AS "timeZone",
            ss.cancellation_cutoff_minutes AS cutoff, ${settingsColumns}
     FROM master_services o JOIN masters m ON m.id = o.master_id JOIN slot_settings ss ON ss.master_id = m.id
     WHERE o.id = $1 AND o.is_active AND ${publicMaster}
     ${lock ? 'FOR NO KEY UPDATE OF m' : ''}`,
    [masterServiceId],
  );
  return rows[0];
}

const SlotsInput = z.object({ masterServiceId: z.string(), from: z.coerce.date(), to: z.coerce.date() });

async function slots(body: unknown) {
  const input = SlotsInput.parse(body);
  const now = new Date();
  const offer = await loadOffer(pool, input.masterServiceId, false);
  if (!offer) return [];
  const found = await calendars(
    pool,
    [offer.masterId],
    input.from,
    input.to,
    (offer.durationMinutes + offer.settings.bufferMinutes) * MINUTE_MS,
  );
  // What the API answers for each start (the mini-app's AvailableSlots query): the instant, and the wall clock and date in the master's zone.
  return freeStarts(offer, offer, found.get(offer.masterId), input.from, input.to, now).map((start) => ({
    startsAt: start.toISOString(),
    localStart: toLocalIso(start, offer.timeZone),
    localDate: localDateOf(start, offer.timeZone),
  }));
}

class Refusal extends Error {}

/** A start is bookable when the slot rules list it: checked under the master's lock, as the API does. */
async function checkFree(tx: pg.PoolClient, offer: Bookable & Offer, startsAt: Date, now: Date, except?: string) {
  const to = new Date(startsAt.getTime() + MINUTE_MS);
  const found = await calendars(
    tx,
    [offer.masterId],
    startsAt,
    to,
    (offer.durationMinutes + offer.settings.bufferMinutes) * MINUTE_MS,
    except,
  );
  const free = freeStarts(offer, offer, found.get(offer.masterId), startsAt, to, now);
  if (free[0]?.getTime() !== startsAt.getTime()) throw new Refusal('SLOT_UNAVAILABLE');
}

async function inTransaction<T>(run: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
  const tx = await pool.connect();
  try {
    await tx.query('BEGIN');
    const result = await run(tx);
    await tx.query('COMMIT');
    return result;
  } catch (error) {
    await tx.query('ROLLBACK');
    throw error;
  } finally {
    tx.release();
  }
}

const BookInput = z.object({
  initData: z.string(),
  masterServiceId: z.string(),
  startsAt: z.coerce.date(),
  clientName: z.string(),
  clientPhone: z.string(),
  idempotencyKey: z.string(),
});

const bookingColumns = `master_service_id AS "masterServiceId", starts_at AS "startsAt", ends_at AS "endsAt", status`;

async function book(body: unknown) {
  const input = BookInput.parse(body);
  const now = new Date();
  const { rows: clients } = await pool.query<{ id: string }>(
    `UPDATE clients SET first_name = $2, phone = $3, last_seen_at = $4, updated_at = $4 WHERE telegram_id = $1 RETURNING id`,
    [verifiedUserId(input.initData), input.clientName, input.clientPhone, now],
  );
  const clientId = clients[0]!.id;
  return inTransaction(async (tx) => {
    const offer = await loadOffer(tx, input.masterServiceId, true);
    if (!offer) throw new Refusal('SLOT_UNAVAILABLE');
    await checkFree(tx, offer, input.startsAt, now);
    const { rows } = await tx.query(
      `INSERT INTO bookings (master_id, client_id, master_service_id, service_id, city_id, starts_at, ends_at, source, client_name,
                             client_phone, price_minor, currency, idempotency_key, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'CLIENT', $8, $9, $10, $11, $12, $13, $13)
       RETURNING id, ${bookingColumns}`,
      [
        offer.masterId,
        clientId,
        offer.id,
        offer.serviceId,
        offer.cityId,
        input.startsAt,
        new Date(input.startsAt.getTime() + offer.durationMinutes * MINUTE_MS),
        input.clientName,
        input.clientPhone,
        offer.priceMinor,
        offer.currency,
        input.idempotencyKey,
        now,
      ],
    );
    await tx.query(
      `INSERT INTO client_service_stats (client_id, service_id, city_id, bookings_count, last_booked_at) VALUES ($1, $2, $3, 1, $4)
       ON CONFLICT (client_id, service_id, city_id) DO UPDATE
       SET bookings_count = client_service_stats.bookings_count + 1,
           last_booked_at = GREATEST(client_service_stats.last_booked_at, EXCLUDED.last_booked_at)`,
      [clientId, offer.serviceId, offer.cityId, now],
    );
    return rows[0];
  });
}

const RescheduleInput = z.object({ initData: z.string(), bookingId: z.string(), startsAt: z.coerce.date(), idempotencyKey: z.string() });

async function reschedule(body: unknown) {
  const input = RescheduleInput.parse(body);
  const now = new Date();
  const clientId = await clientOf(pool, input.initData);
  return inTransaction(async (tx) => {
    const { rows: found } = await tx.query<{ master_service_id: string; starts_at: Date; ends_at: Date; master_id: string }>(
      `SELECT master_service_id, starts_at, ends_at, master_id FROM bookings WHERE id = $1 AND client_id = $2 AND status = 'CONFIRMED'`,
      [input.bookingId, clientId],
    );
    const booking = found[0];
    if (!booking) throw new Refusal('NOT_FOUND');
    const offer = await loadOffer(tx, booking.master_service_id, true);
    if (!offer) throw new Refusal('SLOT_UNAVAILABLE');
    if (booking.starts_at.getTime() - offer.cutoff * MINUTE_MS < now.getTime()) throw new Refusal('CANCELLATION_CUTOFF');
    const duration = booking.ends_at.getTime() - booking.starts_at.getTime();
    await checkFree(tx, { ...offer, durationMinutes: duration / MINUTE_MS }, input.startsAt, now, input.bookingId);
    const endsAt = new Date(input.startsAt.getTime() + duration);
    const { rows } = await tx.query(
      `UPDATE bookings SET starts_at = $2, ends_at = $3, client_confirmed_at = NULL, updated_at = now() WHERE id = $1
       RETURNING ${bookingColumns}`,
      [input.bookingId, input.startsAt, endsAt],
    );
    await tx.query(
      `INSERT INTO booking_moves (booking_id, from_starts_at, from_ends_at, to_starts_at, to_ends_at, from_master_service_id,
                                  to_master_service_id, moved_by, idempotency_key)
       VALUES ($1, $2, $3, $4, $5, $6, $6, 'CLIENT', $7)`,
      [input.bookingId, booking.starts_at, booking.ends_at, input.startsAt, endsAt, booking.master_service_id, input.idempotencyKey],
    );
    return rows[0];
  });
}

const SegmentInput = z.object({
  serviceId: z.string(),
  cityId: z.string(),
  kind: z.enum(['BOOKED', 'INTERESTED', 'ANY']),
  first: z.number(),
});

async function segment(body: unknown) {
  const input = SegmentInput.parse(body);
  const sql = segmentPageSql(input, input.first + 1);
  const { rows } = await pool.query(sql.text, sql.values as unknown[]);
  return rows.slice(0, input.first);
}

const ClaimInput = z.object({ initData: z.string(), offerId: z.string(), idempotencyKey: z.string() });

interface Asked {
  client_id: string;
  master_service_id: string;
  starts_at: Date;
  client_name: string;
  client_phone: string;
  preferred_channels: string;
}

interface Held {
  existing: Record<string, unknown> | null;
  claimed: Record<string, unknown> | null;
  saved: boolean;
  status: 'HELD' | 'CLAIMED' | 'EXPIRED' | 'WITHDRAWN';
  expires_at: Date;
  entry_id: string;
  held_by_another: boolean;
}

/**
 * `/claim`, as `claimWaitlistOffer` (waitlist.service.ts → bookAsClient): the client books the time an offer holds for them, in one transaction after the master's lock:
 * the offer must be theirs (FORBIDDEN), still held and in force (OFFER_WITHDRAWN, OFFER_EXPIRED),
 * and its start free but for its own hold (SLOT_UNAVAILABLE). The booking carries the entry's
 * name and phone (saved on the client, with its channels); the offer becomes CLAIMED, the client's
 * waiting entries for the service that the booking answers end FULFILLED (any other hold of theirs
 * withdrawn), and client_service_stats counts it. A key used before, or an offer this client
 * already claimed, answers with that booking.
 */
async function claim(body: unknown) {
  const input = ClaimInput.parse(body);
  const now = new Date();
  // The caller's client and the offer with its entry, as the API reads them before its transaction.
  const { rows: found } = await pool.query<Asked>(
    `SELECT c.id AS client_id, e.master_service_id, o.starts_at, e.client_name, e.client_phone, e.preferred_channels::text AS preferred_channels
     FROM waitlist_offers o JOIN waitlist_entries e ON e.id = o.entry_id
     JOIN clients c ON c.id = o.client_id AND c.telegram_id = $2 AND c.erased_at IS NULL
     WHERE o.id = $1`,
    [input.offerId, verifiedUserId(input.initData)],
  );
  const asked = found[0];
  if (!asked) throw new Refusal('FORBIDDEN');
  return inTransaction(async (tx) => {
    const offer = await loadOffer(tx, asked.master_service_id, true);
    if (!offer) throw new Refusal('SLOT_UNAVAILABLE');
    const startsAt = asked.starts_at;
    const endsAt = new Date(startsAt.getTime() + offer.durationMinutes * MINUTE_MS);
    const buffer = offer.settings.bufferMinutes * MINUTE_MS;
    // Under the lock: a booking made with this key before, the client's contacts saved (unless so), the offer as it is now,
    // and whether another hold in force meets the time (buffer included).
    const { rows } = await tx.query<Held>(
      `WITH existing AS (SELECT id, ${bookingColumns} FROM bookings WHERE client_id = $1 AND idempotency_key = $2),
       saved AS (
         UPDATE clients SET first_name = $3, phone = $4, preferred_channels = $5::"ContactChannel"[], updated_at = $6
         WHERE id = $1 AND erased_at IS NULL AND NOT EXISTS (SELECT 1 FROM existing)
         RETURNING id)
       SELECT (SELECT row_to_json(existing) FROM existing) AS existing,
              (SELECT row_to_json(b) FROM (SELECT id, ${bookingColumns} FROM bookings WHERE id = o.booking_id) b) AS claimed,
              EXISTS (SELECT 1 FROM saved) AS saved, o.status, o.expires_at, o.entry_id,
              EXISTS (SELECT 1 FROM waitlist_offers h
                      WHERE h.master_id = o.master_id AND h.status = 'HELD' AND h.expires_at > $6 AND h.id <> o.id
                        AND h.starts_at < $9 AND h.ends_at > $8) AS held_by_another
       FROM waitlist_offers o WHERE o.id = $7 AND o.client_id = $1`,
      [
        asked.client_id,
        input.idempotencyKey,
        asked.client_name,
        asked.client_phone,
        asked.preferred_channels,
        now,
        input.offerId,
        new Date(startsAt.getTime() - buffer),
        new Date(endsAt.getTime() + buffer),
      ],
    );
    const held = rows[0];
    if (!held) throw new Refusal('FORBIDDEN');
    if (held.existing) {
      // A retry answers with its booking; the key with another offer's time is the client's bug (the API also looks through moves).
      const same = held.existing.masterServiceId === offer.id && new Date(String(held.existing.startsAt)).getTime() === startsAt.getTime();
      if (!same) throw new Refusal('IDEMPOTENCY_KEY_REUSED');
      return held.existing;
    }
    if (!held.saved) throw new Refusal('FORBIDDEN');
    if (held.status === 'CLAIMED' && held.claimed) return held.claimed;
    if (held.status === 'WITHDRAWN') throw new Refusal('OFFER_WITHDRAWN');
    if (held.status !== 'HELD' || held.expires_at <= now) throw new Refusal('OFFER_EXPIRED');
    if (held.held_by_another) throw new Refusal('SLOT_UNAVAILABLE');
    await checkFree(tx, offer, startsAt, now);
    // The booking, the offer claimed, the entries it answers fulfilled (their other holds withdrawn), the statistics: one statement.
    const { rows: booked } = await tx.query(
      `WITH booking AS (
         INSERT INTO bookings (master_id, client_id, master_service_id, service_id, city_id, starts_at, ends_at, source, client_name,
                               client_phone, price_minor, currency, idempotency_key, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'CLIENT', $8, $9, $10, $11, $12, $13, $13)
         RETURNING id, ${bookingColumns}),
       claimed AS (
         UPDATE waitlist_offers SET status = 'CLAIMED', booking_id = (SELECT id FROM booking), ended_at = $13 WHERE id = $14),
       fulfilled AS (
         UPDATE waitlist_entries e SET ended_at = $13, end_reason = 'FULFILLED'
         WHERE e.client_id = $2 AND e.master_service_id = $3 AND e.ended_at IS NULL
           AND (e.id = $15 OR ($6 >= e.wish_from AND $6 < e.until
                                AND (cardinality(e.dates) = 0 OR ($6::timestamptz AT TIME ZONE $16)::date = ANY (e.dates))))
         RETURNING e.id),
       withdrawn AS (
         UPDATE waitlist_offers SET status = 'WITHDRAWN', ended_at = $13
         WHERE entry_id IN (SELECT id FROM fulfilled) AND status = 'HELD' AND id <> $14),
       counted AS (
         INSERT INTO client_service_stats (client_id, service_id, city_id, bookings_count, last_booked_at) VALUES ($2, $4, $5, 1, $13)
         ON CONFLICT (client_id, service_id, city_id) DO UPDATE
         SET bookings_count = client_service_stats.bookings_count + 1,
             last_booked_at = GREATEST(client_service_stats.last_booked_at, EXCLUDED.last_booked_at))
       SELECT * FROM booking`,
      [
        offer.masterId,
        asked.client_id,
        offer.id,
        offer.serviceId,
        offer.cityId,
        startsAt,
        endsAt,
        asked.client_name,
        asked.client_phone,
        offer.priceMinor,
        offer.currency,
        input.idempotencyKey,
        now,
        input.offerId,
        held.entry_id,
        offer.timeZone,
      ],
    );
    return booked[0];
  });
}

const routes: Record<string, (body: unknown) => Promise<unknown>> = {
  '/search': search,
  '/slots': slots,
  '/book': book,
  '/reschedule': reschedule,
  '/segment': segment,
  '/claim': claim,
};

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function answer(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

createServer(async (request, response) => {
  const route = routes[request.url ?? ''];
  if (request.url === '/ready') return answer(response, 200, { status: 'ready' });
  if (!route) return answer(response, 404, { error: 'not found' });
  try {
    answer(response, 200, { data: await route(await readBody(request)) });
  } catch (error) {
    if (error instanceof Refusal) return answer(response, 200, { error: error.message });
    answer(response, 500, { error: (error as Error).message });
  }
}).listen(Number(process.env.PORT), '127.0.0.1');

process.on('SIGTERM', async () => {
  await pool.end();
  process.exit(0);
});
