import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '../src/db.js';
import { startTemporaryPostgres } from '../src/embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL server of this run (any database on it). */
    serverUrl: string;
    /** A freshly migrated database that every test file's own database is copied from. */
    templateDatabase: string;
  }
}

/**
 * One freshly migrated template database per test run, on the PostgreSQL server DATABASE_URL
 * points at, or, when it is unset, on a temporary embedded server of the run's own (in a new
 * temporary folder, removed afterwards): the same real PostgreSQL either way. Each test file
 * then works on a copy of its own (test/file-database.ts), so files run in parallel without
 * seeing each other's rows; all of them go when the run ends.
 */
export async function setup(project: TestProject) {
  const temporary = process.env.DATABASE_URL ? undefined : await startTemporaryPostgres('zapis-test-');
  const serverUrl = process.env.DATABASE_URL ?? temporary!.serverUrl;
  const template = `zapis_test_${process.pid}_${Date.now().toString(36)}`;
  const teardown = async () => {
    const cleanup = new pg.Client({ connectionString: serverUrl });
    await cleanup.connect();
    const { rows } = await cleanup.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [template]);
    for (const { datname } of rows) await cleanup.query(`DROP DATABASE IF EXISTS ${cleanup.escapeIdentifier(datname)} WITH (FORCE)`);
    await cleanup.end();
    await temporary?.destroy();
  };
  try {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${template}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${template}`;
    await migrate(url.toString());
    project.provide('serverUrl', serverUrl);
    project.provide('templateDatabase', template);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
