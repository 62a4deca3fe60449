import { createPrismaClient, openDatabase, type PrismaClient } from './db.js';
import { EmbeddedPostgresError } from './embedded-postgres.js';
import { type Env, loadEnv } from './env.js';

/** What operator commands (`npm run cleanup:drafts`, `npm run partner:*`, `npm run db:url`) share. */

/** A failure the command explains itself; exit code 2 for bad arguments, 1 otherwise. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Where a command reads its configuration and writes its answer: the process, or a test. */
export interface CommandIo {
  env: Env;
  /** Standard output, one message at a time. */
  print(text: string): void;
}

/** An operator command: its arguments in, an exit code out. */
export type Command = (args: string[], io: CommandIo) => Promise<number>;

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface OpenedDatabase {
  prisma: PrismaClient;
  close(): Promise<void>;
}

/**
 * DATABASE_URL, or the embedded server: borrowed from the running API server, or started for
 * the command (created and migrated on first use) and stopped when it is done.
 */
export async function openDatabaseForCli(env: Env): Promise<OpenedDatabase> {
  if (env.DATABASE_URL) {
    const prisma = createPrismaClient(env.DATABASE_URL, 1);
    return { prisma, close: () => prisma.$disconnect() };
  }
  return openDatabase({ embedded: { dataDir: env.EMBEDDED_DB_DIR, port: env.EMBEDDED_DB_PORT, role: 'guest' }, poolSize: 2 });
}

/**
 * Runs a command as its process would: what it prints, the explanation of a failure (a
 * CliError's message, or "<name> failed: …") on stderr, and the exit code.
 */
export async function runCommand(name: string, command: Command, args: string[], env: Env): Promise<CommandResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await execute(name, command, args, {
    env,
    print: (text) => stdout.push(`${text}\n`),
    printError: (text) => stderr.push(`${text}\n`),
  });
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

/** The entry point of a command's process: its arguments, environment, stdout and stderr, and exit code. */
export async function runCli(name: string, command: Command) {
  process.exitCode = await execute(name, command, process.argv.slice(2), {
    env: loadEnv(),
    print: (text) => console.log(text),
    printError: (text) => console.error(text),
  });
}

async function execute(name: string, command: Command, args: string[], io: CommandIo & { printError(text: string): void }) {
  try {
    return await command(args, io);
  } catch (error) {
    const explained = error instanceof CliError || error instanceof EmbeddedPostgresError;
    io.printError(explained ? error.message : `${name} failed: ${(error as Error).message}`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}
