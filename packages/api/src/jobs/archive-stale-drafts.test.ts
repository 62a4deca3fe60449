import PgBoss from 'pg-boss';
import { afterEach, describe, expect, it } from 'vitest';
import { testPrisma } from '../../test/app.js';
import { runCommandProcess, runTestCommand } from '../../test/commands.js';
import { testDatabaseUrl } from '../../test/database.js';
import { createDraftMaster, createMaster } from '../../test/factories.js';
import { createPrismaClient } from '../db.js';
import { createLogger } from '../logger.js';
import { PostgresMediaStorage } from '../modules/media/postgres-storage.js';
import { ARCHIVED_DISPLAY_NAME, archiveStaleDrafts, DRAFT_ARCHIVED_ACTION } from './archive-stale-drafts.js';
import { cleanupDraftsCommand } from './cleanup-drafts.command.js';
import { DRAFT_CLEANUP_QUEUE, JOB_QUEUE_SCHEMA, startDraftCleanup, startJobQueue } from './scheduler.js';

/**
 * Test files share one database and run at the same time, and other files create drafts
 * dated now. These tests date their masters around 2001 and run the job with `now` then
 * (or with a cutoff just after their own data), so that they archive only their own drafts.
 */

const prisma = testPrisma();
const photoFiles = { storage: new PostgresMediaStorage(prisma), log: createLogger('silent') };
const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2001-06-01T12:00:00.000Z');
const daysBefore = (days: number, from = NOW) => new Date(from.getTime() - days * DAY);
/** An age whose cutoff, counted from the real now, falls a day after `date`: only drafts as old as this file's are stale. */
const daysSince = (date: Date) => Math.floor((Date.now() - date.getTime()) / DAY) - 1;

const created: string[] = [];
afterEach(async () => {
  // A draft left behind would be stale for the next test's cutoff.
  await prisma.master.deleteMany({ where: { id: { in: created.splice(0) } } });
});

async function draft(lastActivityAt: Date) {
  const result = await createDraftMaster({ lastActivityAt });
  created.push(result.master.id);
  return result.master;
}

async function activeMaster(lastActivityAt: Date) {
  const { master } = await createMaster();
  created.push(master.id);
  return prisma.master.update({ where: { id: master.id }, data: { lastActivityAt } });
}

async function archivedMaster(lastActivityAt: Date) {
  const { master } = await createMaster({ status: 'ARCHIVED' });
  created.push(master.id);
  return prisma.master.update({
    where: { id: master.id },
    data: { lastActivityAt, archivedAt: daysBefore(100), phone: '+79120000000', address: 'kept as it was' },
  });
}

/** Everything the job could change about these masters. */
function snapshot(ids: string[]) {
  return Promise.all([
    prisma.master.findMany({
      where: { id: { in: ids } },
      include: { onboardingSteps: true, scheduleIntervals: true, daysOff: true, timeBlocks: true },
      orderBy: { id: 'asc' },
    }),
    prisma.auditEvent.findMany({ where: { subjectType: 'master', subjectId: { in: ids } }, orderBy: { id: 'asc' } }),
  ]);
}

function auditEventsOf(ids: string[]) {
  return prisma.auditEvent.findMany({ where: { subjectType: 'master', subjectId: { in: ids } } });
}

describe('archiveStaleDrafts', () => {
  it('archives only drafts without activity for N days, strips their personal data and audits each once', async () => {
    const older = await draft(daysBefore(45));
    const stale = await draft(daysBefore(31));
    const fresh = await draft(daysBefore(29));
    const active = await activeMaster(daysBefore(400));
    const archived = await archivedMaster(daysBefore(400));
    await prisma.masterOnboardingStep.create({ data: { masterId: stale.id, step: 'SCHEDULE' } });
    await prisma.scheduleInterval.create({ data: { masterId: stale.id, weekday: 1, startMinute: 600, endMinute: 1080 } });
    await prisma.dayOff.create({ data: { masterId: stale.id, date: new Date('2001-07-01'), reason: 'свадьба сестры' } });
    await prisma.timeBlock.create({
      data: { masterId: stale.id, startsAt: daysBefore(-1), endsAt: daysBefore(-1.1), reason: 'к врачу' },
    });
    const telegramId = stale.telegramId;
    await prisma.phoneVerification.createMany({
      data: [
        {
          telegramId,
          phone: stale.phone!,
          codeHash: 'old',
          delivery: 'DEVELOPMENT_LOG',
          expiresAt: daysBefore(40),
          createdAt: daysBefore(40),
        },
        {
          telegramId,
          phone: stale.phone!,
          codeHash: 'new',
          delivery: 'DEVELOPMENT_LOG',
          expiresAt: daysBefore(1),
          createdAt: daysBefore(1),
        },
      ],
    });
    const untouched = [fresh.id, active.id, archived.id];
    const untouchedBefore = await snapshot(untouched);

    const report = await archiveStaleDrafts(prisma, { olderThanDays: 30, now: NOW, photoFiles });

    expect(report).toEqual({
      dryRun: false,
      olderThanDays: 30,
      cutoff: daysBefore(30),
      count: 2,
      drafts: [
        { id: older.id, lastActivityAt: older.lastActivityAt },
        { id: stale.id, lastActivityAt: stale.lastActivityAt },
      ],
    });
    for (const id of [older.id, stale.id]) {
      const master = await prisma.master.findUniqueOrThrow({ where: { id } });
      expect(master).toMatchObject({
        status: 'ARCHIVED',
        archivedAt: NOW,
        isActive: false,
        displayName: ARCHIVED_DISPLAY_NAME,
        about: null,
        phone: null,
        phoneVerifiedAt: null,
        phoneVerificationMethod: null,
        address: null,
        profileCompletedAt: null,
      });
      expect(master.cityId).not.toBeNull();
      expect(master.lastActivityAt).toEqual(id === older.id ? older.lastActivityAt : stale.lastActivityAt);
    }
    const [[after]] = await snapshot([stale.id]);
    expect(after!.onboardingSteps.map((step) => step.step)).toEqual(['SCHEDULE']);
    expect(after!.scheduleIntervals).toHaveLength(1);
    expect(after!.daysOff).toMatchObject([{ reason: null }]);
    expect(after!.timeBlocks).toMatchObject([{ reason: null }]);
    const verifications = await prisma.phoneVerification.findMany({ where: { telegramId } });
    expect(verifications.map((verification) => verification.codeHash)).toEqual(['new']);

    const events = await auditEventsOf([older.id, stale.id, ...untouched]);
    expect(events).toHaveLength(2);
    for (const master of [older, stale]) {
      expect(events.filter((event) => event.subjectId === master.id)).toMatchObject([
        {
          action: DRAFT_ARCHIVED_ACTION,
          actor: 'system',
          subjectType: 'master',
          details: { olderThanDays: 30, lastActivityAt: master.lastActivityAt.toISOString() },
        },
      ]);
    }
    const recorded = JSON.stringify(events.map((event) => event.details));
    for (const personal of [older.phone!, stale.phone!, older.displayName, stale.address!, stale.about!]) {
      expect(recorded).not.toContain(personal);
    }

    expect(await snapshot(untouched)).toEqual(untouchedBefore);
  });

  it('archives nothing the second time and adds no audit events', async () => {
    const stale = await draft(daysBefore(60));
    const first = await archiveStaleDrafts(prisma, { olderThanDays: 30, now: NOW, photoFiles });
    expect(first.drafts.map((d) => d.id)).toEqual([stale.id]);
    const before = await snapshot([stale.id]);

    const second = await archiveStaleDrafts(prisma, { olderThanDays: 30, now: new Date(NOW.getTime() + DAY), photoFiles });

    expect(second.count).toBe(0);
    expect(second.drafts).toEqual([]);
    expect(await snapshot([stale.id])).toEqual(before);
    expect(await auditEventsOf([stale.id])).toHaveLength(1);
  });

  it('archives each draft exactly once when two instances run at the same time', async () => {
    const drafts = await Promise.all([31, 32, 33, 34, 35, 36, 37].map((days) => draft(daysBefore(days))));
    const ids = drafts.map((d) => d.id).sort();
    const other = createPrismaClient(testDatabaseUrl(), 2);
    try {
      const reports = await Promise.all(
        [prisma, other].map((client) => archiveStaleDrafts(client, { olderThanDays: 30, now: NOW, batchSize: 2, photoFiles })),
      );

      const archivedIds = reports.flatMap((report) => report.drafts.map((d) => d.id));
      expect(archivedIds.sort()).toEqual(ids);
      expect(reports[0]!.count + reports[1]!.count).toBe(ids.length);
      const events = await auditEventsOf(ids);
      expect(events.map((event) => event.subjectId).sort()).toEqual(ids);
      const masters = await prisma.master.findMany({ where: { id: { in: ids } } });
      expect(masters.every((master) => master.status === 'ARCHIVED' && master.phone === null)).toBe(true);
    } finally {
      await other.$disconnect();
    }
  });

  it('changes nothing in a dry run, and reports what a real run then archives', async () => {
    const stale = await draft(daysBefore(90));
    const fresh = await draft(daysBefore(10));
    const active = await activeMaster(daysBefore(90));
    const ids = [stale.id, fresh.id, active.id];
    const before = await snapshot(ids);

    const dryRun = await archiveStaleDrafts(prisma, { olderThanDays: 30, now: NOW, dryRun: true, photoFiles });

    expect(dryRun).toEqual({
      dryRun: true,
      olderThanDays: 30,
      cutoff: daysBefore(30),
      count: 1,
      drafts: [{ id: stale.id, lastActivityAt: stale.lastActivityAt }],
    });
    expect(await snapshot(ids)).toEqual(before);

    const real = await archiveStaleDrafts(prisma, { olderThanDays: 30, now: NOW, photoFiles });
    expect(real.drafts).toEqual(dryRun.drafts);
  });

  it('refuses an age that is not a positive whole number of days', async () => {
    for (const olderThanDays of [0, -1, 1.5, Number.NaN]) {
      await expect(archiveStaleDrafts(prisma, { olderThanDays, dryRun: true, photoFiles })).rejects.toThrow(RangeError);
    }
  });
});

describe('npm run cleanup:drafts', () => {
  const cli = (args: string[]) => runTestCommand('Draft clean-up', cleanupDraftsCommand, args);

  it('lists in a dry run what it would archive, by id and last activity, and changes nothing', async () => {
    const stale = await draft(daysBefore(40));
    const before = await snapshot([stale.id]);

    const { code, stdout, stderr } = await cli(['--days', '30', '--dry-run']);

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Dry run: \d+ stale drafts? would be archived, no activity for 30 days \(last activity before \S+\):$/m);
    expect(stdout).toContain(`  ${stale.id}  last activity ${stale.lastActivityAt.toISOString()}`);
    expect(stdout).toMatch(/Nothing was changed\.\n$/);
    expect(stdout).not.toContain(stale.phone!);
    expect(stdout).not.toContain(stale.displayName);
    expect(await snapshot([stale.id])).toEqual(before);
  });

  it('archives and says what it did', async () => {
    const stale = await draft(daysBefore(40));
    const days = String(daysSince(stale.lastActivityAt));

    const { code, stdout } = await cli(['--days', days]);

    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Archived \\d+ stale drafts?, no activity for ${days} days .*one audit event each:$`, 'm'));
    expect(stdout).toContain(`  ${stale.id}  last activity ${stale.lastActivityAt.toISOString()}`);
    expect(await prisma.master.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({ status: 'ARCHIVED', phone: null });
    expect(await auditEventsOf([stale.id])).toMatchObject([{ action: DRAFT_ARCHIVED_ACTION, actor: 'operator' }]);
  });

  it('refuses a bad --days with exit code 2 and changes nothing', async () => {
    const stale = await draft(daysBefore(40));
    for (const [days, run] of [
      ['0', cli],
      // Once as a process of its own, as `npm run cleanup:drafts` runs it: the exit code and stderr are the process's.
      ['abc', (args: string[]) => runCommandProcess('src/jobs/cleanup-drafts.cli.ts', args)],
    ] as const) {
      const { code, stdout, stderr } = await run(['--days', days]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(`--days must be a positive whole number of days, not "${days}"`);
      expect(stderr).toContain('Usage: npm run cleanup:drafts');
    }
    expect(await prisma.master.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({ status: 'DRAFT' });
  });
});

describe('the draft clean-up schedule', () => {
  it('registers one daily cron job across instances, and its worker archives stale drafts', async () => {
    const url = testDatabaseUrl();
    const log = createLogger('silent');
    const first = await startJobQueue({ url, log });
    const second = await startJobQueue({ url, log });
    for (const instance of [first, second]) {
      await startDraftCleanup({
        boss: instance,
        prisma,
        mediaStorage: photoFiles.storage,
        log,
        cron: '0 3 * * *',
        olderThanDays: 30,
        pollingIntervalSeconds: 1,
      });
    }
    const boss = new PgBoss({ connectionString: url, schema: JOB_QUEUE_SCHEMA, max: 1, supervise: false, schedule: false });
    await boss.start();
    try {
      const schedules = await boss.getSchedules();
      expect(schedules.filter((schedule) => schedule.name === DRAFT_CLEANUP_QUEUE)).toMatchObject([
        { name: DRAFT_CLEANUP_QUEUE, cron: '0 3 * * *', data: { olderThanDays: 30 } },
      ]);
      expect(await boss.getQueue(DRAFT_CLEANUP_QUEUE)).toMatchObject({ name: DRAFT_CLEANUP_QUEUE, policy: 'singleton' });

      const stale = await draft(daysBefore(40));
      const jobId = await boss.send(DRAFT_CLEANUP_QUEUE, { olderThanDays: daysSince(stale.lastActivityAt) });
      let job = await boss.getJobById(DRAFT_CLEANUP_QUEUE, jobId!);
      for (let waited = 0; job?.state !== 'completed' && waited < 15_000; waited += 200) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        job = await boss.getJobById(DRAFT_CLEANUP_QUEUE, jobId!);
      }
      expect(job).toMatchObject({ state: 'completed', output: { archived: expect.any(Number) } });
      expect(await prisma.master.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({ status: 'ARCHIVED' });
      expect(await auditEventsOf([stale.id])).toMatchObject([{ actor: 'system' }]);
    } finally {
      await boss.stop({ graceful: false });
      await first.stop({ graceful: true, timeout: 30_000 });
      await second.stop({ graceful: true, timeout: 30_000 });
    }
  });
});
