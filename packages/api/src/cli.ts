import { existsSync } from 'node:fs';
import path from 'node:path';
import { createPrismaClient, openDatabase, type PrismaClient } from './db.js';
import type { Env } from './env.js';

/** What operator commands (`npm run cleanup:drafts`, `npm run partner:*`) share. */

/** A failure the command explains itself; exit code 2 for bad arguments, 1 otherwise. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export interface OpenedDatabase {
  prisma: PrismaClient;
  close(): Promise<void>;
}

/** DATABASE_URL, or the embedded database when it exists and the server is not holding it. */
export async function openDatabaseForCli(env: Env): Promise<OpenedDatabase> {
  if (env.DATABASE_URL) {
    const prisma = createPrismaClient(env.DATABASE_URL, 1);
    return { prisma, close: () => prisma.$disconnect() };
  }
  // The embedded database is a folder that only one process may open: PGlite keeps
  // postmaster.pid there while it is open (the server), and removes it when closed.
  const dir = env.EMBEDDED_DB_DIR;
  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    throw new CliError(`DATABASE_URL is unset and there is no embedded database in ${dir} yet: start the server once, or set DATABASE_URL.`, 1);
  }
  if (existsSync(path.join(dir, 'postmaster.pid'))) {
    throw new CliError(
      `DATABASE_URL is unset and the embedded database in ${dir} is in use (the server is running, or it ` +
        'stopped without closing it). Stop the server and run this again, or set DATABASE_URL.',
      1,
    );
  }
  return openDatabase({ embeddedDir: dir, poolSize: 1 });
}

/** Runs a command's main, prints a CliError's message, and sets the exit code. */
export async function runCli(name: string, main: () => Promise<number>) {
  try {
    process.exitCode = await main();
  } catch (error) {
    console.error(error instanceof CliError ? error.message : `${name} failed: ${(error as Error).message}`);
    process.exitCode = error instanceof CliError ? error.exitCode : 1;
  }
}
