import { Prisma } from '../../generated/prisma/client.js';

/**
 * The masters clients may see anywhere (public profile, free slots, search): activated,
 * with a completed profile, and not hidden by the master. Never drafts, deactivated or
 * archived masters.
 */
export const publicMasterWhere = {
  status: 'ACTIVE',
  isActive: true,
  profileCompletedAt: { not: null },
} as const satisfies Prisma.MasterWhereInput;

/** `publicMasterWhere` for hand-written SQL, on the masters table under the alias `m`. */
export const publicMasterSql = Prisma.sql`m.status = 'ACTIVE' AND m.is_active AND m.profile_completed_at IS NOT NULL`;
