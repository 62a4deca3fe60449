import { createPrismaClient, openDatabase, type PrismaClient } from './db.js';
import { EmbeddedPostgresError } from './embedded-postgres.js';
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

/** Runs a command's main, prints a CliError's message, and sets the exit code. */
export async function runCli(name: string, main: () => Promise<number>) {
  try {
    process.exitCode = await main();
  } catch (error) {
    const explained = error instanceof CliError || error instanceof EmbeddedPostgresError;
    console.error(explained ? error.message : `${name} failed: ${(error as Error).message}`);
    process.exitCode = error instanceof CliError ? error.exitCode : 1;
  }
}
