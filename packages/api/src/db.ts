import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { z } from 'zod';
import { type EmbeddedPostgres, type StartOptions, startEmbeddedPostgres } from './embedded-postgres.js';
import { PrismaClient } from './generated/prisma/client.js';

export { PrismaClient };

/** `packages/api`, where prisma.config.ts and the migrations live. */
const apiRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const migrationsDir = path.join(apiRoot, 'prisma', 'migrations');

export interface Database {
  prisma: PrismaClient;
  /** A PostgreSQL connection string for this database (never log it: it may hold a password). */
  url: string;
  /** The embedded server, when DATABASE_URL is unset. */
  embedded?: EmbeddedPostgres;
  /** Migrations this start applied (none when the schema was up to date). */
  appliedMigrations: string[];
  close(): Promise<void>;
}

const run = promisify(execFile);

/** Applies pending migrations with Prisma's own `migrate deploy`. */
export async function migrate(url: string): Promise<void> {
  const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
  await run(process.execPath, [prismaCli, 'migrate', 'deploy'], {
    cwd: apiRoot,
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
}

const AppliedMigrationSchema = z.object({
  migration_name: z.string(),
  finished_at: z.date().nullable(),
  rolled_back_at: z.date().nullable(),
});

/**
 * The migrations in `prisma/migrations` that the database has not applied, by one query of
 * Prisma's `_prisma_migrations` table: starting Prisma's migration engine takes seconds, so it
 * runs only when there is something to do. A migration that failed counts as pending, so that
 * `migrate deploy` reports it.
 */
export async function pendingMigrations(url: string): Promise<string[]> {
  const local = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const schema = new URL(url).searchParams.get('schema') ?? 'public';
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT migration_name, finished_at, rolled_back_at FROM ${client.escapeIdentifier(schema)}._prisma_migrations`,
    );
    const applied = new Set(
      z
        .array(AppliedMigrationSchema)
        .parse(rows)
        .filter((row) => row.finished_at !== null && row.rolled_back_at === null)
        .map((row) => row.migration_name),
    );
    return local.filter((name) => !applied.has(name));
  } catch (error) {
    // undefined_table: a new database, which needs every migration.
    if ((error as { code?: string }).code === '42P01') return local;
    throw error;
  } finally {
    await client.end();
  }
}

/** Brings the schema up to date; returns the migrations it applied. */
export async function migrateIfPending(url: string): Promise<string[]> {
  const pending = await pendingMigrations(url);
  if (pending.length > 0) await migrate(url);
  return pending;
}

export function createPrismaClient(url: string, poolSize: number): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: poolSize }) });
}

export interface OpenDatabaseOptions {
  /** Real PostgreSQL; without it the embedded server in `embedded.dataDir` is used. */
  url?: string;
  embedded: { dataDir: string; port?: number; role: StartOptions['role'] };
  poolSize: number;
}

/** Opens the database the configuration names (starting the embedded server if need be) and brings its schema up to date. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const embedded = options.url === undefined ? await startEmbeddedPostgres(options.embedded.dataDir, options.embedded) : undefined;
  const url = options.url ?? embedded!.url;
  let appliedMigrations: string[];
  try {
    appliedMigrations = await migrateIfPending(url);
  } catch (error) {
    await embedded?.release();
    throw error;
  }
  const prisma = createPrismaClient(url, options.poolSize);
  return {
    prisma,
    url,
    embedded,
    appliedMigrations,
    async close() {
      await prisma.$disconnect();
      await embedded?.release();
    },
  };
}
