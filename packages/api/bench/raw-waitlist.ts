/**
 * The baseline's claim of a waitlist offer (`/claim`), beside raw-server.ts and with its helpers:
 * the checks and writes of `claimWaitlistOffer` (waitlist.service.ts → bookAsClient) in
 * hand-written SQL. Only raw-server.ts imports this file (the two import each other: nothing here
 * may use raw-server's bindings before a request comes in).
 */
import type pg from 'pg';
import { z } from 'zod';
import { bookingColumns, checkFree, inTransaction, loadOffer, MINUTE_MS, Refusal, verifiedUserId } from './raw-server.js';

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
 * The client books the time an offer holds for them, in one transaction after the master's lock:
 * the offer must be theirs (FORBIDDEN), still held and in force (OFFER_WITHDRAWN, OFFER_EXPIRED),
 * and its start free but for its own hold (SLOT_UNAVAILABLE). The booking carries the entry's
 * name and phone (saved on the client, with its channels); the offer becomes CLAIMED, the client's
 * waiting entries for the service that the booking answers end FULFILLED (any other hold of theirs
 * withdrawn), and client_service_stats counts it. A key used before, or an offer this client
 * already claimed, answers with that booking.
 */
export async function claim(pool: pg.Pool, body: unknown) {
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
