import { z } from 'zod';
import type { PrismaClient } from '../db.js';
import { deletePhotosOf, type PhotoFiles, releaseFiles } from '../modules/media/photo.service.js';
import { retryingTransaction } from '../transactions.js';

/**
 * Drafts abandoned for a while are archived and lose the personal data they hold.
 *
 * What an archived draft loses: phone (and its verification), address, "about", and the
 * display name (often the person's name), replaced by a neutral placeholder; the PHONE and
 * LOCATION onboarding steps (their data is gone); the free-text reasons of days off and
 * time blocks; the phone verifications of that Telegram account older than the cutoff (they
 * hold the number); its photos, avatar and portfolio (a face, a home), and their files once no
 * other photo uses them. What it keeps: the city and time zone, schedule intervals, slot
 * settings and services (business settings, not about a person), the Telegram account row
 * (shared with the client role and refreshed from Telegram on every visit), and the dates.
 */

export const ARCHIVED_DISPLAY_NAME = 'Archived draft';
export const DRAFT_ARCHIVED_ACTION = 'master.draft_archived';

export interface ArchiveStaleDraftsOptions {
  /** Drafts whose last activity is older than this many days are stale. */
  olderThanDays: number;
  /** Only report what would be archived. */
  dryRun?: boolean;
  now?: Date;
  /** Recorded in the audit events: 'system' for the schedule, 'operator' by hand. */
  actor?: string;
  /** Drafts archived per transaction. */
  batchSize?: number;
  /** Where the drafts' photos have their files. */
  photoFiles: PhotoFiles;
}

export interface StaleDraft {
  id: string;
  lastActivityAt: Date;
}

export interface ArchiveStaleDraftsReport {
  dryRun: boolean;
  olderThanDays: number;
  /** Drafts last active before this moment are stale. */
  cutoff: Date;
  count: number;
  /** Archived (or, in a dry run, to be archived), oldest activity first. */
  drafts: StaleDraft[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

const lockedRows = z.array(z.object({ id: z.string() }));

/** The dry run's order (the database's `ORDER BY last_activity_at, id`): oldest activity first. */
function byActivity(a: StaleDraft, b: StaleDraft): number {
  return a.lastActivityAt.getTime() - b.lastActivityAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export async function archiveStaleDrafts(
  prisma: PrismaClient,
  { olderThanDays, dryRun = false, now = new Date(), actor = 'system', batchSize = 100, photoFiles }: ArchiveStaleDraftsOptions,
): Promise<ArchiveStaleDraftsReport> {
  if (!Number.isInteger(olderThanDays) || olderThanDays < 1) {
    throw new RangeError(`olderThanDays must be a positive whole number, not ${olderThanDays}`);
  }
  const cutoff = new Date(now.getTime() - olderThanDays * DAY_MS);
  // A live master is never a draft; `isActive: false` says so even if the status were wrong.
  const stale = { status: 'DRAFT', isActive: false, lastActivityAt: { lt: cutoff } } as const;

  if (dryRun) {
    const drafts = await prisma.master.findMany({
      where: stale,
      select: { id: true, lastActivityAt: true },
      orderBy: [{ lastActivityAt: 'asc' }, { id: 'asc' }],
    });
    return { dryRun, olderThanDays, cutoff, count: drafts.length, drafts };
  }

  const drafts: StaleDraft[] = [];
  for (;;) {
    const batch = await retryingTransaction(
      prisma,
      async (tx) => {
        // Rows another run (another API instance) is archiving are locked: skip them rather
        // than wait, so that each draft is archived, and audited, by exactly one run.
        const locked = lockedRows.parse(
          await tx.$queryRaw`
          SELECT id FROM masters
          WHERE status = 'DRAFT' AND NOT is_active AND last_activity_at < ${cutoff.toISOString()}::timestamptz
          ORDER BY last_activity_at, id
          LIMIT ${batchSize}
          FOR UPDATE SKIP LOCKED`,
        );
        if (locked.length === 0) return { found: 0, archived: [], fileKeys: [] };

        const archived = await tx.master.updateManyAndReturn({
          where: { id: { in: locked.map((row) => row.id) }, ...stale },
          data: {
            status: 'ARCHIVED',
            archivedAt: now,
            isActive: false,
            displayName: ARCHIVED_DISPLAY_NAME,
            about: null,
            phone: null,
            phoneVerifiedAt: null,
            phoneVerificationMethod: null,
            address: null,
          },
          select: { id: true, telegramId: true, lastActivityAt: true },
        });
        const masterIds = archived.map((master) => master.id);
        await tx.masterOnboardingStep.deleteMany({
          where: { masterId: { in: masterIds }, step: { in: ['PHONE', 'LOCATION'] } },
        });
        await tx.dayOff.updateMany({ where: { masterId: { in: masterIds }, reason: { not: null } }, data: { reason: null } });
        await tx.timeBlock.updateMany({ where: { masterId: { in: masterIds }, reason: { not: null } }, data: { reason: null } });
        await tx.phoneVerification.deleteMany({
          where: { telegramId: { in: archived.map((master) => master.telegramId) }, createdAt: { lt: cutoff } },
        });
        const fileKeys = await deletePhotosOf(tx, masterIds);
        await tx.auditEvent.createMany({
          data: archived.map((master) => ({
            action: DRAFT_ARCHIVED_ACTION,
            actor,
            subjectType: 'master',
            subjectId: master.id,
            details: { olderThanDays, lastActivityAt: master.lastActivityAt.toISOString() },
          })),
        });
        return {
          found: locked.length,
          archived: archived.map(({ id, lastActivityAt }) => ({ id, lastActivityAt })),
          fileKeys,
        };
      },
      { timeout: 60_000 },
    );
    await releaseFiles(prisma, photoFiles, batch.fileKeys);
    drafts.push(...batch.archived);
    if (batch.found < batchSize) break;
  }
  drafts.sort(byActivity);
  return { dryRun, olderThanDays, cutoff, count: drafts.length, drafts };
}
