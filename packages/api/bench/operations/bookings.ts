import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type pg from 'pg';
import { computeAvailableSlots, type WeeklyInterval } from '../../src/modules/booking/slots.js';
import { type BenchContext, BenchError, clientInitData, databaseId, graphql, type Operation, raw } from '../harness.js';
import { MASTER_TELEGRAM_BASE, SEEDED_FUTURE_DAYS } from '../seed.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const CREATE = `
  mutation CreateBooking($input: CreateBookingInput!) {
    createBooking(input: $input) { id masterServiceId startsAt endsAt status }
  }`;

const RESCHEDULE = `
  mutation RescheduleBooking($input: RescheduleBookingInput!) {
    rescheduleBooking(input: $input) { id startsAt endsAt status }
  }`;

export interface Slot {
  masterId: string;
  offerId: string;
  startsAt: Date;
  endsAt: Date;
}

interface BookedByClient {
  bookingId: string;
  masterId: string;
  initData: string;
}

export interface BookingResult {
  startsAt: string;
  endsAt: string;
  status: string;
}

/** Both servers must book exactly what was asked. */
export function expectBooked(side: string, slot: Pick<Slot, 'startsAt' | 'endsAt'>, result: BookingResult): BookingResult {
  const got = { startsAt: new Date(result.startsAt).toISOString(), endsAt: new Date(result.endsAt).toISOString(), status: result.status };
  const want = { startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString(), status: 'CONFIRMED' };
  if (JSON.stringify(got) !== JSON.stringify(want))
    throw new BenchError(`${side} booked ${JSON.stringify(got)}, asked ${JSON.stringify(want)}`);
  return got;
}

/**
 * Free starts handed out once each, to whichever server asks next: per master, the grid of its
 * first offer after the seeded bookings (days SEEDED_FUTURE_DAYS + 1 on), taken so that no two
 * overlap (buffer included). Masters take turns, so many-master requests spread over them.
 */
class SlotSupply {
  private turn = 0;
  private readonly queues: Slot[][];

  constructor(queues: Slot[][]) {
    this.queues = queues.filter((queue) => queue.length > 0);
  }

  next(): Slot {
    for (let tries = 0; tries < this.queues.length; tries++) {
      const queue = this.queues[this.turn++ % this.queues.length]!;
      const slot = queue.shift();
      if (slot) return slot;
    }
    throw new BenchError('the benchmark ran out of free slots: fewer rounds or a longer range');
  }

  /** The next free start of this master, if one is left. */
  nextOf(masterId: string): Slot | undefined {
    return this.queues.find((candidate) => candidate[0]?.masterId === masterId)?.shift();
  }
}

interface MasterRules {
  master_id: string;
  offer_id: string;
  duration_minutes: number;
  time_zone: string;
  step_minutes: number;
  buffer_minutes: number;
  min_notice_minutes: number;
  horizon_days: number;
  schedule: WeeklyInterval[];
}

/** Which seeded masters to take: a condition on `m` (masters), its parameters, an order (`md5(m.id || salt)`) and how many. */
export interface MasterPick {
  where: string;
  params?: unknown[];
  salt?: string;
  limit: number;
}

/**
 * Per master picked, the free starts of its first service in [from, to) by the slot rules, after
 * the bookings and time blocks already there (a reused database keeps an earlier run's), taken so
 * that no two overlap (buffer included): each can be booked or held without touching another.
 */
export async function freeStartsByMaster(db: pg.Pool, pick: MasterPick, from: Date, to: Date): Promise<Slot[][]> {
  const params = pick.params ?? [];
  const { rows } = await db.query<MasterRules>(
    `SELECT m.id AS master_id, o.id AS offer_id, o.duration_minutes, m.time_zone, ss.step_minutes, ss.buffer_minutes,
            ss.min_notice_minutes, ss.horizon_days,
            (SELECT json_agg(json_build_object('weekday', weekday, 'startMinute', start_minute, 'endMinute', end_minute))
             FROM schedule_intervals WHERE master_id = m.id) AS schedule
     FROM masters m JOIN slot_settings ss ON ss.master_id = m.id
     JOIN LATERAL (SELECT * FROM master_services WHERE master_id = m.id AND is_active ORDER BY position LIMIT 1) o ON true
     WHERE ${pick.where} ORDER BY md5(m.id::text || $${params.length + 1}) LIMIT $${params.length + 2}`,
    [...params, pick.salt ?? '', pick.limit],
  );
  const { rows: earlier } = await db.query<{ master_id: string; starts_at: Date; ends_at: Date }>(
    `SELECT master_id, starts_at, ends_at FROM bookings
     WHERE master_id = ANY($1::uuid[]) AND status <> 'CANCELLED' AND starts_at < $3 AND ends_at > $2
     UNION ALL
     SELECT master_id, starts_at, ends_at FROM time_blocks WHERE master_id = ANY($1::uuid[]) AND starts_at < $3 AND ends_at > $2`,
    [rows.map((row) => row.master_id), new Date(from.getTime() - DAY_MS), new Date(to.getTime() + DAY_MS)],
  );
  const busy = new Map<string, { startsAt: Date; endsAt: Date }[]>();
  for (const booking of earlier) {
    busy.set(booking.master_id, [...(busy.get(booking.master_id) ?? []), { startsAt: booking.starts_at, endsAt: booking.ends_at }]);
  }
  const now = new Date();
  return rows.map((rules) => {
    const starts = computeAvailableSlots({
      timeZone: rules.time_zone,
      schedule: rules.schedule,
      daysOff: [],
      settings: {
        stepMinutes: rules.step_minutes,
        bufferMinutes: rules.buffer_minutes,
        minNoticeMinutes: rules.min_notice_minutes,
        horizonDays: rules.horizon_days,
      },
      durationMinutes: rules.duration_minutes,
      busy: busy.get(rules.master_id) ?? [],
      from,
      to,
      now,
    });
    const queue: Slot[] = [];
    let freeFrom = 0;
    for (const startsAt of starts) {
      if (startsAt.getTime() < freeFrom) continue;
      const endsAt = new Date(startsAt.getTime() + rules.duration_minutes * MINUTE_MS);
      queue.push({ masterId: rules.master_id, offerId: rules.offer_id, startsAt, endsAt });
      freeFrom = endsAt.getTime() + rules.buffer_minutes * MINUTE_MS;
    }
    return queue;
  });
}

/**
 * What every write must leave true: no two bookings of these masters that are not cancelled
 * overlap, and every client_service_stats row equals its recomputation from the bookings.
 */
export async function bookingInvariants(
  db: pg.Pool,
  masterIds: Iterable<string>,
): Promise<{ overlapping: number; statsRows: number; statsMismatches: number }> {
  const { rows: overlaps } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM bookings a JOIN bookings b
       ON b.master_id = a.master_id AND b.id > a.id AND b.starts_at < a.ends_at AND b.ends_at > a.starts_at
     WHERE a.master_id = ANY($1::uuid[]) AND a.status <> 'CANCELLED' AND b.status <> 'CANCELLED'`,
    [[...masterIds]],
  );
  const { rows: stats } = await db.query<{ wrong: number; rows: number }>(
    `WITH actual AS (
       SELECT client_id, service_id, city_id, count(*)::int AS bookings_count, max(created_at) AS last_booked_at
       FROM bookings WHERE status <> 'CANCELLED' AND client_id IS NOT NULL GROUP BY 1, 2, 3)
     SELECT count(*) FILTER (WHERE s.client_id IS NULL OR a.client_id IS NULL OR s.bookings_count <> a.bookings_count
                                   OR s.last_booked_at <> a.last_booked_at)::int AS wrong, count(*)::int AS rows
     FROM client_service_stats s FULL JOIN actual a USING (client_id, service_id, city_id)`,
  );
  return { overlapping: overlaps[0]!.n, statsRows: stats[0]!.rows, statsMismatches: stats[0]!.wrong };
}

/** Whole days from the next UTC midnight: `firstDay` days on, for `days` days. */
export function dayRange(firstDay: number, days: number): { from: Date; to: Date } {
  const from = new Date(Math.ceil(Date.now() / DAY_MS) * DAY_MS + firstDay * DAY_MS);
  return { from, to: new Date(from.getTime() + days * DAY_MS) };
}

async function supplyFor(context: BenchContext, where: string, limit: number, days: number, firstDay: number): Promise<SlotSupply> {
  const { from, to } = dayRange(firstDay, days);
  return new SlotSupply(await freeStartsByMaster(context.db, { where, limit }, from, to));
}

export interface BookingOperations {
  createMany: Operation;
  createOne: Operation;
  reschedule: Operation;
}

/**
 * createBooking over many masters and on one master (the solo master: every request waits for
 * its row lock), then rescheduleBooking of the bookings the first one made, each by its client.
 * Afterwards: no two bookings of a master overlap, and client_service_stats equals its
 * recomputation from the bookings.
 */
export async function bookingOperations(context: BenchContext): Promise<BookingOperations> {
  const many = await supplyFor(
    context,
    `m.status = 'ACTIVE' AND m.is_active AND m.telegram_id <= ${MASTER_TELEGRAM_BASE + context.masters}`,
    context.quick ? 400 : 1500,
    10,
    SEEDED_FUTURE_DAYS + 1,
  );
  const solo = await supplyFor(context, `m.telegram_id = ${MASTER_TELEGRAM_BASE + context.masters + 1}`, 1, 300, 1);
  const clientCount = Math.min(context.clients, 2000);
  const initData = Array.from({ length: clientCount }, (_, n) => clientInitData(context, 1 + n));
  const booked: Record<'api' | 'raw', BookedByClient[]> = { api: [], raw: [] };
  const touched = new Set<string>();

  const apiCreate = async (slot: Slot, i: number, movable: boolean) => {
    touched.add(slot.masterId);
    const auth = initData[i % initData.length]!;
    const data = await graphql<{ createBooking: BookingResult & { id: string } }>(
      context,
      CREATE,
      {
        input: {
          masterServiceId: encodeGlobalID('MasterService', slot.offerId),
          startsAt: slot.startsAt.toISOString(),
          clientName: 'Bench Client',
          clientPhone: `+7900${String(1 + (i % initData.length)).padStart(7, '0')}`,
          preferredChannels: ['TELEGRAM'],
          idempotencyKey: randomUUID(),
        },
      },
      auth,
    );
    if (movable) booked.api.push({ bookingId: databaseId(data.createBooking.id), masterId: slot.masterId, initData: auth });
    return expectBooked('the API', slot, data.createBooking);
  };
  const rawCreate = async (slot: Slot, i: number, movable: boolean) => {
    touched.add(slot.masterId);
    const auth = initData[i % initData.length]!;
    const data = await raw<BookingResult & { id: string }>(context, '/book', {
      initData: auth,
      masterServiceId: slot.offerId,
      startsAt: slot.startsAt,
      clientName: 'Bench Client',
      clientPhone: `+7900${String(1 + (i % initData.length)).padStart(7, '0')}`,
      idempotencyKey: randomUUID(),
    });
    if (movable) booked.raw.push({ bookingId: data.id, masterId: slot.masterId, initData: auth });
    return expectBooked('the baseline', slot, data);
  };

  const reschedule = (side: 'api' | 'raw') => async (i: number) => {
    const list = booked[side];
    if (list.length === 0) throw new BenchError('nothing to reschedule: createBooking made no bookings');
    // The i-th booking, or the next one whose master has a free start left (a fast run uses up some masters' grids).
    let booking: BookedByClient | undefined;
    let slot: Slot | undefined;
    for (let k = 0; k < list.length && !slot; k++) {
      booking = list[(i + k) % list.length]!;
      slot = many.nextOf(booking.masterId);
    }
    if (!booking || !slot) throw new BenchError('the benchmark ran out of free starts to move bookings to');
    if (side === 'raw') {
      const data = await raw<BookingResult>(context, '/reschedule', {
        initData: booking.initData,
        bookingId: booking.bookingId,
        startsAt: slot.startsAt,
        idempotencyKey: randomUUID(),
      });
      return expectBooked('the baseline', slot, data);
    }
    const data = await graphql<{ rescheduleBooking: BookingResult }>(
      context,
      RESCHEDULE,
      {
        input: {
          bookingId: encodeGlobalID('Booking', booking.bookingId),
          startsAt: slot.startsAt.toISOString(),
          idempotencyKey: randomUUID(),
        },
      },
      booking.initData,
    );
    return expectBooked('the API', slot, data.rescheduleBooking);
  };

  const verify = async () => {
    const { overlapping, statsRows, statsMismatches } = await bookingInvariants(context.db, touched);
    const line = `bench verify overlapping_bookings=${overlapping} stats_rows=${statsRows} stats_mismatches=${statsMismatches}`;
    if (overlapping !== 0 || statsMismatches !== 0) throw new BenchError(`booking checks failed: ${line}`);
    return [line];
  };

  return {
    createMany: {
      name: 'createBooking.manyMasters',
      concurrencies: [1, 64],
      api: (i) => apiCreate(many.next(), i, true),
      raw: (i) => rawCreate(many.next(), i, true),
    },
    createOne: {
      name: 'createBooking.oneMaster',
      concurrencies: [1, 64],
      api: (i) => apiCreate(solo.next(), i, false),
      raw: (i) => rawCreate(solo.next(), i, false),
      verify,
    },
    reschedule: {
      name: 'rescheduleBooking',
      // Bookings to move, when createBooking.manyMasters did not run before (--only).
      async prepare() {
        for (let i = booked.api.length; i < 32; i++) await apiCreate(many.next(), i, true);
        for (let i = booked.raw.length; i < 32; i++) await rawCreate(many.next(), i, true);
      },
      concurrencies: [1, 16],
      api: reschedule('api'),
      raw: reschedule('raw'),
      verify,
    },
  };
}
