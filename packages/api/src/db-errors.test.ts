import { describe, expect, it } from 'vitest';
import { testPrisma } from '../test/app.js';
import { createMaster } from '../test/factories.js';
import { isExclusionViolation } from './db-errors.js';

const prisma = testPrisma();

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the database to refuse');
}

async function masterWithBooking() {
  const { master } = await createMaster();
  await prisma.booking.create({ data: booking(master.id, '2030-05-01T10:00:00Z', '2030-05-01T11:00:00Z') });
  return master.id;
}

function booking(masterId: string, startsAt: string, endsAt: string) {
  return { masterId, startsAt: new Date(startsAt), endsAt: new Date(endsAt), source: 'MASTER' as const };
}

describe('isExclusionViolation', () => {
  it('recognises bookings_no_overlap raised inside a transaction, by the client or by raw SQL', async () => {
    const masterId = await masterWithBooking();
    const created = await refusal(
      prisma.$transaction((tx) => tx.booking.create({ data: booking(masterId, '2030-05-01T09:30:00Z', '2030-05-01T10:30:00Z') })),
    );
    const raw = await refusal(
      prisma.$transaction(
        (tx) => tx.$executeRaw`INSERT INTO bookings (master_id, starts_at, ends_at, source, updated_at)
          VALUES (${masterId}::uuid, '2030-05-01T10:15:00Z', '2030-05-01T10:45:00Z', 'MASTER', now())`,
      ),
    );
    expect(isExclusionViolation(created)).toBe(true);
    expect(isExclusionViolation(raw)).toBe(true);
    expect(await prisma.booking.count({ where: { masterId } })).toBe(1);
  });

  it('recognises it outside a transaction too', async () => {
    const masterId = await masterWithBooking();
    const direct = await refusal(prisma.booking.create({ data: booking(masterId, '2030-05-01T10:30:00Z', '2030-05-01T11:30:00Z') }));
    expect(isExclusionViolation(direct)).toBe(true);
  });

  it('is false for other database errors and for anything else', async () => {
    const { master } = await createMaster();
    const reversed = await refusal(
      prisma.$transaction((tx) => tx.booking.create({ data: booking(master.id, '2030-05-01T11:00:00Z', '2030-05-01T10:00:00Z') })),
    );
    expect(reversed).toBeInstanceOf(Error);
    expect(isExclusionViolation(reversed)).toBe(false);
    expect(isExclusionViolation(new Error('23P01'))).toBe(false);
    expect(isExclusionViolation({ code: '23P01' })).toBe(false);
    expect(isExclusionViolation(null)).toBe(false);
  });
});
