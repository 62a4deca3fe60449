import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../src/embedded-postgres.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const apiRoot = path.resolve(benchDir, '..');

export interface ProcessStats {
  statements: number;
  rss: number;
}

export interface BenchProcess {
  url: string;
  pid: number;
  /** The API process's statement count and RSS (statement-counter.mjs); the baseline's RSS alone. */
  stats(): Promise<ProcessStats>;
  stop(): Promise<void>;
}

async function started(child: ChildProcess, url: string, name: string): Promise<void> {
  let errors = '';
  child.stderr?.on('data', (chunk) => (errors += chunk));
  for (const deadline = Date.now() + 120_000; ; ) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}): ${errors}`);
    if (
      await fetch(`${url}/ready`).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
    if (Date.now() > deadline) throw new Error(`${name} not ready in 120 s: ${errors}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function stats(child: ChildProcess): Promise<ProcessStats> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve(message as ProcessStats));
    child.send('stats');
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function launch(name: string, args: string[], env: Record<string, string>): Promise<BenchProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', path.join(benchDir, 'statement-counter.mjs'), ...args], {
    cwd: apiRoot,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  try {
    await started(child, url, name);
  } catch (error) {
    await stop(child);
    throw error;
  }
  return { url, pid: child.pid!, stats: () => stats(child), stop: () => stop(child) };
}

/** The Node flags `npm start` gives the API (packages/api/package.json: the heap's limit), so that the benchmark measures that process. */
function startFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(apiRoot, 'package.json'), 'utf8')) as { scripts: { start: string } };
  return scripts.start.split(/\s+/).filter((word) => word.startsWith('--'));
}

/**
 * The API as `npm start` runs it (the built dist/server.js, the normal pool size), against the
 * benchmark's database. The bot stays off (no WEBAPP_URL), so no notification jobs are queued.
 */
export function startApi(databaseUrl: string, botToken: string, env: Record<string, string> = {}): Promise<BenchProcess> {
  // BENCH_CPU_PROF=<folder>: the API writes a V8 CPU profile of the whole run there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
  return launch('the API', [...profile, ...startFlags(), path.join(apiRoot, 'dist', 'server.js')], {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    TELEGRAM_BOT_TOKEN: botToken,
    OTP_SECRET: 'bench-otp-secret-0123456789-0123456789',
    TELEGRAM_GATEWAY_TOKEN: 'bench-unused',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    DEMO_DATA: 'false',
    // The limits stay on (each request still pays its counter's upsert) but high enough for a load test.
    PARTNER_REQUESTS_PER_MINUTE: '10000000',
    GRAPHQL_REQUESTS_PER_MINUTE_PER_USER: '10000000',
    GRAPHQL_REQUESTS_PER_MINUTE_PER_ADDRESS: '10000000',
    // Small test scales make small segments; the benchmark compares them, so none is withheld.
    SEGMENT_MIN_COHORT_SIZE: '1',
    ...env,
  });
}

/** The hand-written SQL baseline (raw-server.ts), with the same pool size as the API's default. */
export function startRaw(databaseUrl: string, botToken: string): Promise<BenchProcess> {
  const tsx = createRequire(import.meta.url).resolve('tsx');
  return launch('the SQL baseline', ['--import', tsx, path.join(benchDir, 'raw-server.ts')], {
    DATABASE_URL: databaseUrl,
    BOT_TOKEN: botToken,
    DATABASE_POOL_SIZE: '10',
  });
}
