import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/**
 * Runs before each test file (vitest `setupFiles`): the file gets a database of its own, a copy
 * of the run's migrated template, so that what one file writes (stats, events, drafts, the job
 * queue) never meets another file's rows, and files can run at the same time.
 */
const template = inject('templateDatabase');
const url = new URL(inject('serverUrl'));
const name = `${template}_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: url.toString() });
await admin.connect();
try {
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)} TEMPLATE ${admin.escapeIdentifier(template)}`);
} finally {
  await admin.end();
}
url.pathname = `/${name}`;
process.env.ZAPIS_TEST_DATABASE_URL = url.toString();
