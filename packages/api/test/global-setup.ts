import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate, startEmbeddedDatabase } from '../src/db.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    embedded: boolean;
  }
}

/**
 * One isolated, freshly migrated database per test run: a new database on the server
 * DATABASE_URL points at (dropped afterwards), or the embedded database in a temporary
 * folder when DATABASE_URL is unset.
 */
export async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'zapis-test-'));
    const embedded = await startEmbeddedDatabase(dataDir);
    await migrate(embedded.url);
    project.provide('databaseUrl', embedded.url);
    project.provide('embedded', true);
    return async () => {
      await embedded.close();
      await rm(dataDir, { recursive: true, force: true });
    };
  }

  const name = `zapis_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  project.provide('databaseUrl', url.toString());
  project.provide('embedded', false);
  return async () => {
    const cleanup = new pg.Client({ connectionString: serverUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await cleanup.end();
  };
}
