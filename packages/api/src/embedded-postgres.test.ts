import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { binariesFor, EMBEDDED_PLATFORMS, EmbeddedPostgresError, runningEmbeddedUrl, startEmbeddedPostgres } from './embedded-postgres.js';

/**
 * The embedded server as `npm start`, the operator commands and the test runs use it: real
 * PostgreSQL processes in temporary folders. "Another process" is played by writing its pid
 * into the folder's owner file, as a server that took over the database would.
 */

const folders: string[] = [];
afterEach(async () => {
  // Servers a test left running (on purpose or not) are taken over and stopped.
  for (const dir of folders.splice(0)) {
    if (await runningEmbeddedUrl(dir)) {
      await writeFile(path.join(dir, 'zapis-owner.pid'), `${process.pid}\n`);
      await (await startEmbeddedPostgres(dir, { role: 'owner', temporary: true })).release();
    }
    await rm(dir, { recursive: true, force: true });
  }
});

async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'zapis-embedded-test-'));
  folders.push(dir);
  return dir;
}

const start = (dir: string, role: 'owner' | 'guest' = 'owner') => startEmbeddedPostgres(dir, { role, temporary: true });

async function query<Row extends pg.QueryResultRow>(url: string, sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

const accepts = (url: string) =>
  query(url, 'SELECT 1').then(
    () => true,
    () => false,
  );

/** The postmaster's pid, from the first line of postmaster.pid; undefined when none runs. */
async function postmasterPid(dir: string): Promise<number | undefined> {
  const line = (await readFile(path.join(dir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0];
  return line ? Number(line) : undefined;
}

/** Whether the process is still there, a few seconds after being told to stop (it may be finishing its exit). */
async function stillAlive(pid: number): Promise<boolean> {
  for (const deadline = Date.now() + 5_000; Date.now() < deadline; ) {
    try {
      process.kill(pid, 0);
    } catch {
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** A pid no process has any more: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('the embedded PostgreSQL server', () => {
  it('creates a cluster on first start, on a free loopback port, and serves a pool of connections', async () => {
    const dir = await folder();
    const server = await start(dir);

    expect(server.origin).toBe('started');
    expect(server.port).not.toBe(5432);
    expect(new URL(server.url)).toMatchObject({ hostname: '127.0.0.1', port: String(server.port), pathname: '/zapis' });
    const pool = new pg.Pool({ connectionString: server.url, max: 12 });
    try {
      await Promise.all(Array.from({ length: 12 }, () => pool.query('SELECT pg_sleep(0.2)')));
      const [{ connections }] = (await query<{ connections: number }>(
        server.url,
        "SELECT count(*)::int AS connections FROM pg_stat_activity WHERE datname = 'zapis'",
      )) as [{ connections: number }];
      expect(connections).toBeGreaterThanOrEqual(13);
    } finally {
      await pool.end();
    }
    await query(server.url, 'CREATE EXTENSION btree_gist');
    const [facts] = (await query(
      server.url,
      `SELECT version() AS version, current_setting('server_encoding') AS encoding, lower('АННА Ёлка') AS lowered,
              'Анна' ILIKE '%анн%' AS matches, current_setting('TimeZone') AS zone`,
    )) as [Record<string, unknown>];
    expect(facts).toMatchObject({ encoding: 'UTF8', lowered: 'анна ёлка', matches: true, zone: 'UTC' });
    expect(String(facts.version)).toMatch(/^PostgreSQL 17\./);

    const pid = (await postmasterPid(dir))!;
    await server.release();
    expect(await stillAlive(pid)).toBe(false);
    expect(existsSync(path.join(dir, 'postmaster.pid'))).toBe(false);
    expect(await accepts(server.url)).toBe(false);
  });

  it('keeps its data across restarts and takes the same port again when it is free', async () => {
    const dir = await folder();
    const first = await start(dir);
    await query(first.url, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
    await first.release();

    const second = await start(dir);

    expect(second.origin).toBe('started');
    expect(second.port).toBe(first.port);
    expect(await query(second.url, 'SELECT note FROM kept')).toEqual([{ note: 'still here' }]);
  });

  it('takes over a server whose owner died instead of starting a second one, and stops it when done', async () => {
    const dir = await folder();
    const crashed = await start(dir);
    const pid = await postmasterPid(dir);
    // The owner is gone (SIGKILL): the server runs on, nobody will stop it.
    await writeFile(path.join(dir, 'zapis-owner.pid'), `${await deadPid()}\n`);

    const next = await start(dir);

    expect(next.origin).toBe('adopted');
    expect(next.port).toBe(crashed.port);
    expect(await postmasterPid(dir)).toBe(pid);
    expect(await accepts(next.url)).toBe(true);
    await next.release();
    expect(await stillAlive(pid!)).toBe(false);
  });

  it('lends a command the server of a live owner and leaves it running; started for the command, it stops after', async () => {
    const dir = await folder();
    const owner = await start(dir);
    // The owner is another live process (the API server): here, the process that runs vitest.
    await writeFile(path.join(dir, 'zapis-owner.pid'), `${process.ppid}\n`);

    const command = await start(dir, 'guest');
    expect(command.origin).toBe('borrowed');
    expect(command.url).toBe(owner.url);
    await command.release();
    expect(await accepts(owner.url)).toBe(true);
    expect(await runningEmbeddedUrl(dir)).toBe(owner.url);

    await writeFile(path.join(dir, 'zapis-owner.pid'), `${process.pid}\n`);
    await owner.release();
    expect(await runningEmbeddedUrl(dir)).toBeUndefined();

    const alone = await start(dir, 'guest');
    expect(alone.origin).toBe('started');
    await alone.release();
    expect(await accepts(alone.url)).toBe(false);
  });

  it('leaves running a server that someone took over while a command used it', async () => {
    const dir = await folder();
    const command = await start(dir, 'guest');
    // The API server starts meanwhile and takes the database over.
    await writeFile(path.join(dir, 'zapis-owner.pid'), `${process.ppid}\n`);

    await command.release();

    expect(await accepts(command.url)).toBe(true);
  });

  it('starts despite a stale postmaster.pid left by a crash of the whole machine', async () => {
    const dir = await folder();
    const first = await start(dir);
    const lockFile = await readFile(path.join(dir, 'postmaster.pid'), 'utf8');
    await first.release();
    await writeFile(path.join(dir, 'postmaster.pid'), lockFile.replace(/^\d+/, String(await deadPid())));

    const second = await start(dir);

    expect(second.origin).toBe('started');
    expect(await accepts(second.url)).toBe(true);
  });

  it('refuses a folder that holds something else, and says what to do', async () => {
    const dir = await folder();
    await writeFile(path.join(dir, 'notes.txt'), 'mine');

    const refusal = startEmbeddedPostgres(dir, { role: 'owner', temporary: true });

    await expect(refusal).rejects.toThrow(EmbeddedPostgresError);
    await expect(refusal).rejects.toThrow(/is not empty and holds no PostgreSQL cluster.*EMBEDDED_DB_DIR/);
    expect(await readFile(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('tells the user to set DATABASE_URL on a platform it has no binaries for', async () => {
    await expect(binariesFor('sunos-x64')).rejects.toThrow(/no embedded PostgreSQL for this platform \(sunos-x64.*Set DATABASE_URL/);
    const other = EMBEDDED_PLATFORMS.find((platform) => platform !== `${process.platform}-${process.arch}`)!;
    await expect(binariesFor(other)).rejects.toThrow(new RegExp(`@embedded-postgres/${other} is not installed.*DATABASE_URL`));
  });
});
