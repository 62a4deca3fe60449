import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
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

/**
 * The real server as `npm start` runs it (built API serving the built mini-app), on its own
 * fresh database with demo data: a new database on DATABASE_URL's server, or, as on a fresh
 * clone, the embedded PostgreSQL server it starts itself, in a temporary folder.
 */
export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  if (!existsSync(serverEntry)) throw new Error('Build first: npm run build (turbo runs it before this test).');
  const port = await freePort();
  const cleanups: (() => Promise<void>)[] = [];
  const serverEnv: Record<string, string> = { DEMO_DATA: 'true', LOG_LEVEL: 'warn', ...env, PORT: String(port) };

  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `zapis_e2e_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    serverEnv.DATABASE_URL = url.toString();
    cleanups.push(async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    });
  } else {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'zapis-e2e-'));
    serverEnv.EMBEDDED_DB_DIR = dataDir;
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  }

  const childEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...serverEnv };
  const child: ChildProcess = spawn(process.execPath, [serverEntry], {
    cwd: repoRoot,
    env: childEnv,
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

  // The embedded server's port and password are in its folder: `npm run db:url` reads them.
  const databaseUrl =
    serverEnv.DATABASE_URL ??
    (await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [databaseUrlCommand], { env: childEnv }, (error, stdout) =>
        error ? reject(error) : resolve(stdout.trim()),
      ),
    ));

  return {
    origin,
    databaseUrl,
    logs: () => output,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
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
