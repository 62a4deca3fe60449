import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '../src/db.js';
import { startTemporaryPostgres } from '../src/embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * One isolated, freshly migrated database per test run, on the PostgreSQL server DATABASE_URL
 * points at, or, when it is unset, on a temporary embedded server of the run's own (in a new
 * temporary folder, removed afterwards): the same real PostgreSQL either way.
 */
export async function setup(project: TestProject) {
  const temporary = process.env.DATABASE_URL ? undefined : await startTemporaryPostgres('zapis-test-');
  const serverUrl = process.env.DATABASE_URL ?? temporary!.serverUrl;
  const name = `zapis_test_${process.pid}_${Date.now().toString(36)}`;
  const teardown = async () => {
    const cleanup = new pg.Client({ connectionString: serverUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await cleanup.end();
    await temporary?.destroy();
  };
  try {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    await migrate(url.toString());
    project.provide('databaseUrl', url.toString());
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
