import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';

export interface InterestSighting {
  clientId: string;
  serviceId: string;
  cityId: string;
  now: Date;
}

/**
 * Records that a client looked at a service in a city (a search, a master's service):
 * the first sighting sets first_seen_at, every later one only moves last_seen_at forward.
 * One statement (INSERT … ON CONFLICT), so simultaneous sightings leave one row. Callers
 * record only for identified clients: anonymous visitors leave no trace.
 */
export async function recordInterest(prisma: PrismaClient | Prisma.TransactionClient, sighting: InterestSighting) {
  const { clientId, serviceId, cityId, now } = sighting;
  await prisma.$executeRaw`
    INSERT INTO client_service_interest (client_id, service_id, city_id, first_seen_at, last_seen_at)
    VALUES (${clientId}::uuid, ${serviceId}::uuid, ${cityId}::uuid, ${now}, ${now})
    ON CONFLICT (client_id, service_id, city_id) DO UPDATE
      SET last_seen_at = GREATEST(client_service_interest.last_seen_at, EXCLUDED.last_seen_at)`;
}

/**
 * `recordInterest` for whoever a Telegram user is as a client, without looking the client up
 * first: one statement, nothing when they are no client (or an erased one). For public reads
 * that record interest on the side, so that a signed-in request costs one round trip more.
 */
export async function recordInterestOfTelegramUser(
  prisma: PrismaClient | Prisma.TransactionClient,
  sighting: Omit<InterestSighting, 'clientId'> & { telegramId: bigint },
) {
  const { telegramId, serviceId, cityId, now } = sighting;
  await prisma.$executeRaw`
    INSERT INTO client_service_interest (client_id, service_id, city_id, first_seen_at, last_seen_at)
    SELECT id, ${serviceId}::uuid, ${cityId}::uuid, ${now}, ${now} FROM clients WHERE telegram_id = ${telegramId} AND erased_at IS NULL
    ON CONFLICT (client_id, service_id, city_id) DO UPDATE
      SET last_seen_at = GREATEST(client_service_interest.last_seen_at, EXCLUDED.last_seen_at)`;
}

/** A client erased their data: what they looked at goes. Returns how many rows. */
export async function forgetClientInterest(tx: Prisma.TransactionClient, clientId: string): Promise<number> {
  return (await tx.clientServiceInterest.deleteMany({ where: { clientId } })).count;
}
