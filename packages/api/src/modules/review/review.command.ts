import { type ParseArgsConfig, parseArgs } from 'node:util';
import { CliError, type Command, openDatabaseForCli } from '../../cli.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { decideReport, type ReportDecision, reportsWaiting } from './review.service.js';

/**
 * Operators decide the reviews masters reported as abusive:
 *   npm run reviews:reports [-- --limit N]                 reports waiting for a decision, oldest first
 *   npm run reviews:decide -- REVIEW_ID --remove|--publish  removes the review for good, or publishes it again
 * Exit codes: 0 done, 1 failed (no such review, or not waiting for a decision), 2 bad arguments.
 */

const USAGE = `Usage:
  npm run reviews:reports [-- --limit N]
      reported reviews waiting for a decision, the oldest report first (50 unless told)
  npm run reviews:decide -- REVIEW_ID --remove | --publish
      --remove hides the review for good; --publish puts it back on the master's page and rating.
      Each decision is final and recorded in audit_events (review.report_decided).
Uses DATABASE_URL; without it, the embedded database (that of the running server, or started for the command).`;

type Print = (text: string) => void;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`, 2);
  }
}

/** One line of free text, quoted, so that a review cannot forge lines of the listing. */
const quoted = (text: string | null) => (text === null ? '—' : JSON.stringify(text));

async function reports(prisma: PrismaClient, args: string[], print: Print) {
  const { values, positionals } = parse(args, { limit: { type: 'string' } });
  if (positionals.length > 0) throw new CliError(`Unexpected argument "${positionals[0]}"\n${USAGE}`, 2);
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new CliError('--limit must be 1–1000', 2);
  const waiting = await reportsWaiting(prisma, limit);
  if (waiting.length === 0) {
    print('No reported reviews are waiting for a decision.');
    return;
  }
  print(`${waiting.length === 1 ? '1 reported review waits' : `${waiting.length} reported reviews wait`} for a decision, oldest first:`);
  for (const review of waiting) {
    print(
      [
        `${review.id}  reported ${review.reportedAt?.toISOString() ?? '?'}  rating ${review.rating}  ` +
          `master ${review.master.id} ${quoted(review.master.displayName)}  written ${review.createdAt.toISOString()}`,
        `    review: ${quoted(review.text)}`,
        `    reply:  ${quoted(review.reply)}`,
        `    report: ${quoted(review.reportReason)}`,
      ].join('\n'),
    );
  }
  print('Decide with: npm run reviews:decide -- REVIEW_ID --remove | --publish');
}

async function decide(prisma: PrismaClient, args: string[], print: Print) {
  const { values, positionals } = parse(args, { remove: { type: 'boolean' }, publish: { type: 'boolean' } });
  const [reviewId] = positionals;
  if (!reviewId || positionals.length !== 1 || !UUID.test(reviewId)) {
    throw new CliError(`Give one review id (as reviews:reports lists it)\n${USAGE}`, 2);
  }
  if (Boolean(values.remove) === Boolean(values.publish)) throw new CliError(`Give either --remove or --publish\n${USAGE}`, 2);
  const decision: ReportDecision = values.remove ? 'REMOVE' : 'PUBLISH';
  const result = await decideReport(prisma, reviewId.toLowerCase(), decision, 'operator');
  if (result.kind === 'missing') throw new CliError(`No review ${reviewId}`, 1);
  if (result.kind === 'not_reported') {
    const decided = result.decidedAt ? `, decided ${result.decidedAt.toISOString()}` : '';
    throw new CliError(`Review ${reviewId} is not waiting for a decision (status ${result.status}${decided}); nothing changed.`, 1);
  }
  print(
    result.status === 'REMOVED'
      ? `Review ${reviewId} is removed for good.`
      : `Review ${reviewId} is published again: back on the master's page and in the rating.`,
  );
}

/** `review.cli.ts` runs it as a process; tests call it in-process (`runCommand`). */
export const reviewCommand: Command = async ([command, ...args], { env, print }) => {
  if (!command || command === '--help' || command === '-h') {
    print(USAGE);
    return command ? 0 : 2;
  }
  if (command !== 'reports' && command !== 'decide') throw new CliError(`Unknown command "${command}"\n${USAGE}`, 2);
  const database = await openDatabaseForCli(env);
  try {
    if (command === 'reports') await reports(database.prisma, args, print);
    else await decide(database.prisma, args, print);
    return 0;
  } finally {
    await database.close();
  }
};
