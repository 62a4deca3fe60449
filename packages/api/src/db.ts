import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.js';

export { PrismaClient };

/** `packages/api`, where prisma.config.ts and the migrations live. */
const apiRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Database {
  prisma: PrismaClient;
  /** A PostgreSQL connection string for this database (the embedded one listens on loopback). */
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

export interface EmbeddedDatabase {
  url: string;
  close(): Promise<void>;
}

/**
 * PGlite in a local folder, served over the PostgreSQL wire protocol on a loopback port so
 * that the pg driver, the Prisma adapter and `prisma migrate deploy` work unchanged.
 * PGlite runs one connection at a time: clients must use a pool of one.
 */
export async function startEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir, extensions: { btree_gist } });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgresql://postgres@${address}/postgres?sslmode=disable`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
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

export function createPrismaClient(url: string, poolSize: number): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: poolSize }) });
}

export interface OpenDatabaseOptions {
  /** Real PostgreSQL; without it the embedded database in `embeddedDir` is used. */
  url?: string;
  embeddedDir: string;
  poolSize: number;
}

/** Opens the database the configuration names and brings its schema up to date. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const embedded = options.url === undefined ? await startEmbeddedDatabase(options.embeddedDir) : undefined;
  const url = options.url ?? embedded!.url;
  try {
    await migrate(url);
  } catch (error) {
    await embedded?.close();
    throw error;
  }
  const prisma = createPrismaClient(url, embedded ? 1 : options.poolSize);
  return {
    prisma,
    url,
    embedded: embedded !== undefined,
    async close() {
      await prisma.$disconnect();
      await embedded?.close();
    },
  };
}
