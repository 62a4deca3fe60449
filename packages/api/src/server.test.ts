import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, runningEmbeddedUrl, startEmbeddedPostgres } from './embedded-postgres.js';

/**
 * `npm start` without DATABASE_URL, as a newcomer runs it: the real server process (from source)
 * on the embedded PostgreSQL server it starts itself in a fresh folder. The whole product runs
 * there: the job queue with the draft clean-up and the booking notifications (through the
 * development bot, into the log), operator commands beside the running server, and a restart
 * after the server was killed outright.
 */

const apiRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = await mkdtemp(path.join(tmpdir(), 'zapis-server-test-'));
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;

/** The environment of a fresh clone: no DATABASE_URL, no bot token, development. */
function cloneEnv(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _unset, ...env } = process.env;
  return { ...env, NODE_ENV: 'development', LOG_LEVEL: 'info', LOG_FORMAT: 'json', EMBEDDED_DB_DIR: dataDir, PORT: String(port) };
}

interface Server {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

async function startServer(): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: apiRoot,
    env: cloneEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const server = { child, output: () => output, exited };
  // A first start creates the cluster and the demo data (a few hundred generated photos through the
  // upload path): on a busy 2-core machine that has taken over two minutes.
  for (const deadline = Date.now() + 210_000; ; ) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    if (
      await fetch(`${origin}/ready`).then(
        (response) => response.ok,
        () => false,
      )
    )
      return server;
    if (Date.now() > deadline) throw new Error(`the server was not ready in time:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function logLines(server: Server): { msg?: string; [key: string]: unknown }[] {
  return server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
}

function command(script: string, args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: apiRoot, env: cloneEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

async function graphql<Data>(query: string, variables: Record<string, unknown> = {}, initData?: string): Promise<Data> {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(initData ? { authorization: `tma ${initData}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Data; errors?: unknown };
  if (!body.data || body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function postmasterPid(): Promise<string> {
  return (await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]!;
}

async function waitFor<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    const result = await check();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

let running: Server | undefined;

afterAll(async () => {
  running?.child.kill('SIGKILL');
  if (await runningEmbeddedUrl(dataDir)) await (await startEmbeddedPostgres(dataDir, { role: 'owner' })).release();
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm start on the embedded PostgreSQL server', { timeout: 330_000 }, () => {
  it('runs the whole product, lends its database to operator commands, and survives being killed', async () => {
    running = await startServer();

    expect(await (await fetch(`${origin}/ready`)).json()).toEqual({ status: 'ready', database: 'ok', jobQueue: 'ok' });
    const messages = logLines(running).map((line) => line.msg);
    expect(messages).toEqual(
      expect.arrayContaining(['draft clean-up scheduled (cron in UTC)', 'notification and release workers started']),
    );
    const listening = logLines(running).find((line) => line.msg === 'Zapis is listening')!;
    expect(listening.database).toMatch(/^embedded PostgreSQL in .*zapis-server-test-.* \(127\.0\.0\.1:\d+\)$/);
    const databaseUrl = (await runningEmbeddedUrl(dataDir))!;
    expect(running.output()).not.toContain(new URL(databaseUrl).password);

    // Operator commands attach to the running server's database.
    const dryRun = await command('src/jobs/cleanup-drafts.cli.ts', ['--dry-run', '--days', '30']);
    expect(dryRun).toMatchObject({ code: 0, stderr: '' });
    expect(dryRun.stdout).toMatch(/^Dry run: /);
    const partners = await command('src/modules/partner/partner.cli.ts', ['list']);
    expect(partners).toMatchObject({ code: 0, stderr: '' });
    expect((await fetch(`${origin}/ready`)).status).toBe(200);

    // A client books a demo master; the notification worker delivers through the development bot.
    const { initDataRaw } = (await (
      await fetch(`${origin}/dev/init-data`, { method: 'POST', body: JSON.stringify({ key: 'client' }) })
    ).json()) as { initDataRaw: string };
    const catalog = await graphql<{
      cities: { edges: { node: { id: string; slug: string } }[] };
      services: { edges: { node: { id: string; slug: string } }[] };
    }>('{ cities(first: 50) { edges { node { id slug } } } services(first: 50) { edges { node { id slug } } } }');
    const filter = {
      cityId: catalog.cities.edges.find((edge) => edge.node.slug === 'moscow')!.node.id,
      serviceId: catalog.services.edges.find((edge) => edge.node.slug === 'manicure')!.node.id,
    };
    const search = await graphql<{ searchMasters: { edges: { offers: { id: string }[]; nextFreeSlot: { startsAt: string } | null }[] } }>(
      'query($filter: SearchMastersFilter!) { searchMasters(filter: $filter, first: 5) { edges { offers { id } nextFreeSlot { startsAt } } } }',
      { filter },
    );
    const bookable = search.searchMasters.edges.find((edge) => edge.nextFreeSlot)!;
    const { createBooking } = await graphql<{ createBooking: { id: string } }>(
      'mutation($input: CreateBookingInput!) { createBooking(input: $input) { id } }',
      {
        input: {
          masterServiceId: bookable.offers[0]!.id,
          startsAt: bookable.nextFreeSlot!.startsAt,
          clientName: 'Мария Тестова',
          clientPhone: '+7 912 345-67-89',
          preferredChannels: ['TELEGRAM'],
          idempotencyKey: randomUUID(),
        },
      },
      initDataRaw,
    );
    const bookingId = Buffer.from(createBooking.id, 'base64').toString().split(':')[1];
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const deliveries = await waitFor(async () => {
        const { rows } = await db.query<{ kind: string; status: string }>(
          'SELECT kind, status FROM notification_deliveries WHERE booking_id = $1 ORDER BY kind::text',
          [bookingId],
        );
        return rows.length === 2 && rows.every((row) => row.status === 'SENT') ? rows : undefined;
      }, 'the booking notifications');
      expect(deliveries).toEqual([
        { kind: 'BOOKING_CONFIRMED', status: 'SENT' },
        { kind: 'BOOKING_CREATED', status: 'SENT' },
      ]);
    } finally {
      await db.end();
    }
    const botLines = logLines(running).filter((line) => String(line.msg).startsWith('development bot'));
    expect(botLines).toHaveLength(2);
    expect(botLines.every((line) => line.method === 'sendMessage')).toBe(true);
    expect(running.output()).not.toMatch(/Мария Тестова|345-67-89/);

    // Killed outright: the database outlives it, and the next start takes it over.
    const pid = await postmasterPid();
    running.child.kill('SIGKILL');
    await running.exited;
    expect(await runningEmbeddedUrl(dataDir)).toBe(databaseUrl);

    running = await startServer();
    expect(logLines(running).find((line) => line.msg === 'Zapis is listening')?.database).toMatch(/already running: taken over/);
    expect(await postmasterPid()).toBe(pid);
    expect(await graphql<{ cities: { edges: unknown[] } }>('{ cities(first: 1) { edges { node { id } } } }')).toMatchObject({
      cities: { edges: [expect.anything()] },
    });

    // Stopped properly, it stops the database with it.
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    running = undefined;
    expect(await runningEmbeddedUrl(dataDir)).toBeUndefined();
  });
});
