import { apiError, ErrorCode } from '../../errors.js';
import type { Prisma } from '../../generated/prisma/client.js';

/**
 * Holds the master's row until the transaction ends: one master's bookings, time blocks and
 * photos are checked and written one transaction at a time. With `activity`, it also counts as
 * the master's activity (`last_activity_at`), as every change the master makes does, which keeps
 * a draft being worked on from the draft clean-up; a master archived meanwhile is refused then
 * (MASTER_NOT_REGISTERED, as the `master` scope answers). Every writer takes this lock first
 * (see booking-lifecycle.ts for the order of the others).
 */
export async function lockMaster(tx: Prisma.TransactionClient, masterId: string, { activity = false }: { activity?: boolean } = {}) {
  if (!activity) {
    await tx.$executeRaw`SELECT 1 FROM masters WHERE id = ${masterId}::uuid FOR NO KEY UPDATE`;
    return;
  }
  const { count } = await tx.master.updateMany({
    where: { id: masterId, status: { not: 'ARCHIVED' } },
    data: { lastActivityAt: new Date() },
  });
  if (count === 0) throw apiError(ErrorCode.MASTER_NOT_REGISTERED, 'Register as a master first.');
}
