import { startEmbeddedPostgres } from '../src/embedded-postgres.js';
import { loadEnv } from '../src/env.js';

export interface BenchServer {
  /** A connection string of the server's maintenance database, for creating the benchmark's own. */
  serverUrl: URL;
  release(): Promise<void>;
}

/**
 * The PostgreSQL server a benchmark uses: DATABASE_URL's, or without it the embedded one in
 * EMBEDDED_DB_DIR (the development server's, borrowed while `npm start` runs, else started for
 * the benchmark). Benchmarks keep their data in databases of their own on it.
 */
export async function benchServer(): Promise<BenchServer> {
  const env = loadEnv();
  if (env.DATABASE_URL) return { serverUrl: new URL(env.DATABASE_URL), release: async () => {} };
  const embedded = await startEmbeddedPostgres(env.EMBEDDED_DB_DIR, { role: 'guest', port: env.EMBEDDED_DB_PORT });
  return { serverUrl: new URL(embedded.serverUrl), release: () => embedded.release() };
}
