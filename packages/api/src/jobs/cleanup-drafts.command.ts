import { parseArgs } from 'node:util';
import { CliError, type Command, openDatabaseForCli } from '../cli.js';
import type { Env } from '../env.js';
import { createLogger } from '../logger.js';
import { createMediaStorage } from '../modules/media/create-media-storage.js';
import { type ArchiveStaleDraftsReport, archiveStaleDrafts } from './archive-stale-drafts.js';

/**
 * The draft clean-up by hand: `npm run cleanup:drafts -- [--days N] [--dry-run]`.
 * Exit codes: 0 done, 1 failed, 2 bad arguments.
 */

const USAGE = `Usage: npm run cleanup:drafts -- [--days N] [--dry-run]
  --days N     archive drafts with no activity for N days (default: DRAFT_MAX_AGE_DAYS, 30)
  --dry-run    only list the drafts that would be archived; change nothing
Uses DATABASE_URL; without it, the embedded database (that of the running server, or started for the command).`;

function parseFlags(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { days: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`, 2);
  }
}

function parseOptions(args: string[], env: Env) {
  const values = parseFlags(args);
  if (values.help) return undefined;
  if (values.days !== undefined && !/^[1-9]\d{0,5}$/.test(values.days)) {
    throw new CliError(`--days must be a positive whole number of days, not "${values.days}"\n${USAGE}`, 2);
  }
  return { olderThanDays: values.days === undefined ? env.DRAFT_MAX_AGE_DAYS : Number(values.days), dryRun: values['dry-run'] };
}

function summarize(report: ArchiveStaleDraftsReport): string {
  const age = report.olderThanDays === 1 ? '1 day' : `${report.olderThanDays} days`;
  const days = `no activity for ${age} (last activity before ${report.cutoff.toISOString()})`;
  const drafts = report.count === 1 ? '1 stale draft' : `${report.count} stale drafts`;
  const lines = report.drafts.map((draft) => `  ${draft.id}  last activity ${draft.lastActivityAt.toISOString()}`);
  if (report.dryRun) {
    const head = report.count === 0 ? `Dry run: no stale drafts, ${days}.` : `Dry run: ${drafts} would be archived, ${days}:`;
    return [head, ...lines, 'Nothing was changed.'].join('\n');
  }
  if (report.count === 0) return `No stale drafts to archive, ${days}.`;
  return [`Archived ${drafts}, ${days}; phone, address, about, name and photos removed, one audit event each:`, ...lines].join('\n');
}

/** `cleanup-drafts.cli.ts` runs it as a process; tests call it in-process (`runCommand`). */
export const cleanupDraftsCommand: Command = async (args, { env, print }) => {
  const options = parseOptions(args, env);
  if (!options) {
    print(USAGE);
    return 0;
  }
  const database = await openDatabaseForCli(env);
  try {
    const photoFiles = { storage: createMediaStorage(env, database.prisma), log: createLogger(env.LOG_LEVEL, process.stderr) };
    const report = await archiveStaleDrafts(database.prisma, { ...options, actor: 'operator', photoFiles });
    print(summarize(report));
    return 0;
  } finally {
    await database.close();
  }
};
