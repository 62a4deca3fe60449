import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { inject } from 'vitest';
import { signedInitData, type TelegramUser } from './browser.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const serverEntry = path.join(repoRoot, 'packages/api/dist/server.js');
const databaseUrlCommand = path.join(repoRoot, 'packages/api/dist/db-url.cli.js');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  origin: string;
  /** The server's own database, for checking what it wrote. */
  databaseUrl: string;
  /** Everything the server has printed so far: pino's JSON lines, one a line. */
  logs(): string;
  stop(): Promise<void>;
}

interface ServerProcess {
  origin: string;
  output(): string;
  stop(): Promise<void>;
}

/** The built server (`npm start` without the build step), resolved once `/ready` answers 200. */
async function spawnServer(serverEnv: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [serverEntry], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...serverEnv, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));

  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 150_000;
  while (true) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    const ready = await fetch(`${origin}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return {
    origin,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** What every test server starts from: the state a first `npm start` leaves, migrations and demo data in. */
const GOLDEN_ENV = { DEMO_DATA: 'true', LOG_LEVEL: 'warn', NODE_ENV: 'test' };

async function withAdmin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function databaseUrlNamed(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The run's golden database on DATABASE_URL's server: made by a real server start the first time
 * a file asks (migrations and the demo data with its few hundred photos, the slow part of a start),
 * then copied for each file by `CREATE DATABASE … TEMPLATE` in a moment. Files run one at a time.
 */
async function goldenDatabase(serverUrl: string): Promise<string> {
  const name = `zapis_e2e_golden_${inject('e2eRunId')}`;
  const exists = await withAdmin(
    serverUrl,
    async (admin) => (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1,
  );
  if (!exists) {
    await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
    const server = await spawnServer({ ...GOLDEN_ENV, DATABASE_URL: databaseUrlNamed(serverUrl, name) });
    await server.stop();
  }
  return name;
}

/** The same for the embedded PostgreSQL server: a cluster folder made once, copied for each file. */
async function goldenFolder(): Promise<string> {
  const folder = path.join(tmpdir(), `zapis-e2e-golden-${inject('e2eRunId')}`);
  const done = path.join(folder, '.zapis-golden');
  if (!existsSync(done)) {
    await rm(folder, { recursive: true, force: true });
    const server = await spawnServer({ ...GOLDEN_ENV, EMBEDDED_DB_DIR: folder });
    await server.stop();
    await writeFile(done, '');
  }
  return folder;
}

/**
 * The real server as `npm start` runs it (built API serving the built mini-app), on its own
 * fresh database with demo data: a copy of the run's golden database on DATABASE_URL's server,
 * or, as on a fresh clone, the embedded PostgreSQL server it starts itself, in a copy of the
 * run's golden cluster folder.
 */
export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  if (!existsSync(serverEntry)) throw new Error('Build first: npm run build (turbo runs it before this test).');
  const cleanups: (() => Promise<void>)[] = [];
  const serverEnv: Record<string, string> = { DEMO_DATA: 'true', LOG_LEVEL: 'warn', ...env };

  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const golden = await goldenDatabase(serverUrl);
    const name = `zapis_e2e_${process.pid}_${Date.now().toString(36)}`;
    await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE "${name}" TEMPLATE "${golden}"`));
    serverEnv.DATABASE_URL = databaseUrlNamed(serverUrl, name);
    cleanups.push(() => withAdmin(serverUrl, async (admin) => void (await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))));
  } else {
    const golden = await goldenFolder();
    const dataDir = path.join(tmpdir(), `zapis-e2e-${process.pid}-${Date.now().toString(36)}`);
    // `cp -a` keeps owners and modes: run as root, the cluster belongs to the system user postgres.
    await new Promise<void>((resolve, reject) => execFile('cp', ['-a', golden, dataDir], (error) => (error ? reject(error) : resolve())));
    serverEnv.EMBEDDED_DB_DIR = dataDir;
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  }

  const server = await spawnServer(serverEnv);
  // The embedded server's port and password are in its folder: `npm run db:url` reads them.
  const databaseUrl =
    serverEnv.DATABASE_URL ??
    (await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [databaseUrlCommand], { env: { PATH: process.env.PATH ?? '', ...serverEnv } }, (error, stdout) =>
        error ? reject(error) : resolve(stdout.trim()),
      ),
    ));

  return {
    origin: server.origin,
    databaseUrl,
    logs: server.output,
    async stop() {
      await server.stop();
      for (const cleanup of cleanups) await cleanup();
    },
  };
}

/** The header the mini-app signs its requests with, for `user`. */
export function signedAs(user: TelegramUser): { authorization: string } {
  return { authorization: `tma ${signedInitData(user)}` };
}

/** A GraphQL request as the mini-app makes it, signed for `user`; GraphQL errors throw. */
export async function graphqlAs<Data>(
  server: RunningServer,
  user: TelegramUser,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Data> {
  const response = await fetch(`${server.origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signedAs(user) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Data; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** The latest one-time code the development sender wrote to the server's log for a number ending so. */
export async function developmentOtp(server: RunningServer, phoneEnding: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const codes = server
      .logs()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { code?: unknown; phoneMasked?: unknown })
      .filter((entry) => typeof entry.code === 'string' && entry.phoneMasked === `…${phoneEnding}`);
    const latest = codes.at(-1)?.code;
    if (typeof latest === 'string') return latest;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No development OTP for …${phoneEnding} in the server log`);
}
