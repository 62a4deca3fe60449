import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testPrisma } from '../../../test/app.js';
import {
  createCity,
  createClient,
  createMaster,
  createMasterService,
  createSchedule,
  createSlotSettings,
} from '../../../test/factories.js';
import { addDays, localDateOf, localDateToDb } from '../../time/zoned-time.js';
import { checkStart, startCheckJson, verdictOf } from './booking-overlap.js';
import { computeAvailableSlots } from './slots.js';
import { availableSlots } from './slots.service.js';

/**
 * The one-start check a booking write makes under the master's lock (booking-overlap.ts) against
 * `availableSlots`, on random calendars in PostgreSQL: schedules, slot rules, bookings (some
 * cancelled), time blocks, days off and waitlist holds (some expired or ended), in zones with and
 * without clock changes, around the changes too, with the booking being moved or the offer being
 * claimed left out. Every start the check accepts is listed, and every listed start is accepted, both
 * as its own statement and as the JSON column a client's booking reads it in.
 */

const prisma = testPrisma();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const ZONES = ['Europe/Moscow', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'UTC'] as const;
/** Evenings before clock changes in 2027 (Europe, America, Lord Howe), and an ordinary day. */
const NOWS = ['2027-03-27T16:07:00Z', '2027-10-30T15:00:00Z', '2027-03-13T18:30:00Z', '2027-04-03T12:00:00Z', '2027-06-15T09:13:00Z'];
const STEPS = [5, 10, 15, 20, 30, 60, 90];

/** At most `n` of `items`, spread evenly: a fine grid over days has thousands of starts. */
const spread = <T>(items: readonly T[], n: number) =>
  items.length <= n ? [...items] : Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]!);

/** Busy time near a start of the master's grid (most random times would miss every start), or anywhere. */
const interval = fc.record({
  /** Which start of the grid it is near: the index, modulo the grid's length. */
  near: fc.nat(),
  /** Minutes from that start. */
  shift: fc.integer({ min: -120, max: 60 }),
  minutes: fc.integer({ min: 5, max: 240 }),
});

const calendar = fc.record({
  zone: fc.constantFrom(...ZONES),
  now: fc.constantFrom(...NOWS),
  schedule: fc.array(
    fc
      .record({
        weekday: fc.integer({ min: 1, max: 7 }),
        start: fc.integer({ min: 0, max: 1430 }),
        length: fc.integer({ min: 10, max: 900 }),
      })
      .map(({ weekday, start, length }) => ({ weekday, startMinute: start, endMinute: Math.min(1440, start + length) })),
    { minLength: 1, maxLength: 8 },
  ),
  step: fc.constantFrom(...STEPS),
  buffer: fc.constantFrom(0, 0, 10, 15, 45),
  notice: fc.constantFrom(0, 30, 120, 600),
  horizon: fc.integer({ min: 1, max: 5 }),
  duration: fc.constantFrom(15, 30, 45, 60, 90, 150),
  bookings: fc.array(fc.record({ interval, cancelled: fc.boolean() }), { maxLength: 8 }),
  blocks: fc.array(interval, { maxLength: 3 }),
  daysOff: fc.array(fc.integer({ min: -1, max: 5 }), { maxLength: 2 }),
  holds: fc.array(fc.record({ interval, state: fc.constantFrom('HELD', 'HELD', 'EXPIRED', 'WITHDRAWN') }), { maxLength: 3 }),
  exceptBooking: fc.boolean(),
  exceptOffer: fc.boolean(),
  serviceActive: fc.constantFrom(true, true, true, true, false),
});

describe('the fast overlap check', () => {
  it('accepts exactly the starts availableSlots lists', async () => {
    await fc.assert(
      fc.asyncProperty(calendar, async (c) => {
        const now = new Date(c.now);
        const from = new Date(now.getTime() - 2 * HOUR);
        const to = new Date(now.getTime() + 3 * DAY);
        const city = await createCity({ timeZone: c.zone });
        const { master } = await createMaster({ city });
        await createSchedule(master.id, c.schedule);
        await createSlotSettings(master.id, {
          stepMinutes: c.step,
          bufferMinutes: c.buffer,
          minNoticeMinutes: c.notice,
          horizonDays: c.horizon,
        });
        const offer = await createMasterService(master.id, { durationMinutes: c.duration, isActive: c.serviceActive });
        // The grid without any busy time or day off: busy time is placed near its starts, and
        // refusals are asked at them.
        const grid = computeAvailableSlots({
          timeZone: c.zone,
          schedule: c.schedule,
          daysOff: [],
          settings: { stepMinutes: c.step, bufferMinutes: c.buffer, minNoticeMinutes: 0, horizonDays: c.horizon + 1 },
          durationMinutes: c.duration,
          busy: [],
          from,
          to,
          now: from,
        });
        const span = ({ near, shift, minutes }: { near: number; shift: number; minutes: number }) => {
          const anchor = grid.length > 0 ? grid[near % grid.length]!.getTime() : from.getTime() + (near % (4 * 24 * 60)) * MINUTE;
          const startsAt = new Date(anchor + shift * MINUTE);
          return { startsAt, endsAt: new Date(startsAt.getTime() + minutes * MINUTE) };
        };

        // Bookings that are not cancelled never overlap (bookings_no_overlap): keep the first of any two that would.
        const kept: { startsAt: Date; endsAt: Date; cancelled: boolean }[] = [];
        for (const booking of c.bookings) {
          const time = span(booking.interval);
          const clash = kept.some((other) => !other.cancelled && other.startsAt < time.endsAt && other.endsAt > time.startsAt);
          if (!booking.cancelled && clash) continue;
          kept.push({ ...time, cancelled: booking.cancelled });
        }
        const bookingIds: string[] = [];
        for (const { startsAt, endsAt, cancelled } of kept) {
          const row = await prisma.booking.create({
            data: {
              masterId: master.id,
              startsAt,
              endsAt,
              status: cancelled ? 'CANCELLED' : 'CONFIRMED',
              cancelledAt: cancelled ? now : null,
              cancelledBy: cancelled ? 'CLIENT' : null,
              source: 'MASTER',
              clientName: 'Клиент',
            },
            select: { id: true },
          });
          bookingIds.push(row.id);
        }
        await prisma.timeBlock.createMany({ data: c.blocks.map((block) => ({ masterId: master.id, ...span(block) })) });
        const utcDate = localDateOf(from, 'UTC');
        await prisma.dayOff.createMany({
          data: [...new Set(c.daysOff)].map((n) => ({ masterId: master.id, date: localDateToDb(addDays(utcDate, n)) })),
        });
        // Held offers of a master never overlap (waitlist_offers_no_overlap), and each has an entry (and client) of its own.
        const holds: { startsAt: Date; endsAt: Date; state: string }[] = [];
        for (const hold of c.holds) {
          const time = span(hold.interval);
          const held = hold.state !== 'WITHDRAWN';
          if (held && holds.some((other) => other.state !== 'WITHDRAWN' && other.startsAt < time.endsAt && other.endsAt > time.startsAt)) {
            continue;
          }
          holds.push({ ...time, state: hold.state });
        }
        const offerIds: string[] = [];
        for (const hold of holds) {
          const { client } = await createClient();
          const entry = await prisma.waitlistEntry.create({
            data: {
              clientId: client.id,
              masterId: master.id,
              masterServiceId: offer.id,
              dates: [],
              wishFrom: from,
              until: to,
              clientName: 'Ждущий',
              clientPhone: '+79123456789',
              preferredChannels: ['TELEGRAM'],
            },
          });
          const row = await prisma.waitlistOffer.create({
            data: {
              entryId: entry.id,
              clientId: client.id,
              masterId: master.id,
              startsAt: hold.startsAt,
              endsAt: hold.endsAt,
              status: hold.state === 'WITHDRAWN' ? 'WITHDRAWN' : 'HELD',
              endedAt: hold.state === 'WITHDRAWN' ? now : null,
              expiresAt: new Date(now.getTime() + (hold.state === 'EXPIRED' ? -MINUTE : 10 * MINUTE)),
            },
            select: { id: true },
          });
          offerIds.push(row.id);
        }
        const exceptBookingId = c.exceptBooking ? bookingIds[0] : undefined;
        const exceptOfferId = c.exceptOffer ? offerIds[0] : undefined;

        const listed = await availableSlots(
          prisma,
          { masterId: master.id, masterServiceId: offer.id, from, to, exceptBookingId, exceptOfferId },
          now,
        );
        const listedTimes = new Set(listed.map((slot) => slot.startsAt.getTime()));
        // Candidates: the grid, listed starts and a minute either side, and every seventh hour of the range.
        const candidates = new Set<number>(spread(grid, 80).map((start) => start.getTime()));
        for (const start of spread([...listedTimes], 40)) for (const shift of [-MINUTE, 0, MINUTE]) candidates.add(start + shift);
        for (let hour = Math.ceil(from.getTime() / HOUR) * HOUR; hour < to.getTime(); hour += 7 * HOUR) candidates.add(hour);

        for (const start of [...candidates].filter((time) => time >= from.getTime() && time < to.getTime())) {
          const check = {
            masterId: master.id,
            masterServiceId: offer.id,
            startsAt: new Date(start),
            durationMinutes: c.duration,
            exceptBookingId,
            exceptOfferId,
            now,
          };
          const alone = await checkStart(prisma, check);
          // As a client's booking reads it: one JSON column of a larger statement.
          const [asColumn] = z
            .array(z.object({ start_check: z.unknown() }))
            .parse(await prisma.$queryRaw`SELECT ${startCheckJson(check)} AS start_check`);
          const folded = verdictOf(asColumn?.start_check ?? null, check);
          const expected = listedTimes.has(start);
          expect({ start: new Date(start).toISOString(), alone: alone.free, folded: folded.free }).toEqual({
            start: new Date(start).toISOString(),
            alone: expected,
            folded: expected,
          });
        }
      }),
      { numRuns: 25 },
    );
  }, 240_000);
});
