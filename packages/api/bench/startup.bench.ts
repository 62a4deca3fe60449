/**
 * `npm run bench:startup`: how long the server takes from being started to its first 200 from
 * `/ready`, the way people start it:
 *   cold          a fresh clone's first `npm start`: the build from nothing (`turbo build --force`),
 *                 then the server on an empty data folder (cluster created, migrations applied,
 *                 demo data loaded);
 *   warm default  `npm start` again: Turbo finds the build cached, the cluster is reused;
 *   PostgreSQL    `node dist/server.js` with DATABASE_URL, migrations up to date (DATABASE_URL's
 *                 server, or without it a temporary embedded one standing in for it);
 *   baseline      a bare Node process that connects to the same server with `pg` and answers
 *                 /ready: the floor the figures above are compared with (ratios).
 * Options: --runs N (default 3) timed starts of each kind; the median is reported, with the range.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrate } from '../src/db.js';
import { freePort, runningEmbeddedUrl, startTemporaryPostgres } from '../src/embedded-postgres.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);
const apiRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(apiRoot, '../..');

function environment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _unset, ...env } = process.env;
  return { ...env, NODE_ENV: 'development', LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ...extra };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // npm start runs the server in a process group of its own: signal all of it.
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
}

/** Milliseconds from spawning `command` to the first 200 from its /ready. */
async function timeToReady(command: string, args: string[], env: Record<string, string>, cwd = repoRoot): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command, args, {
    cwd,
    env: environment({ ...env, PORT: String(port) }),
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let errors = '';
  child.stderr?.on('data', (chunk) => (errors += chunk));
  try {
    for (const deadline = started + 180_000; ; ) {
      if (child.exitCode !== null) throw new Error(`${command} exited (${child.exitCode}): ${errors}`);
      if (
        await fetch(`http://127.0.0.1:${port}/ready`).then(
          (response) => response.ok,
          () => false,
        )
      )
        return performance.now() - started;
      if (performance.now() > deadline) throw new Error(`${command} not ready in 180 s: ${errors}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await stop(child);
    // The server stops its embedded database on the way out; the next start must not find it stopping.
    while (env.EMBEDDED_DB_DIR && (await runningEmbeddedUrl(env.EMBEDDED_DB_DIR))) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function repeat(times: number, measure: () => Promise<number>): Promise<number[]> {
  const figures: number[] = [];
  for (let i = 0; i < times; i++) figures.push(await measure());
  return figures.sort((a, b) => a - b);
}

const median = (figures: number[]) => figures[Math.floor(figures.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const range = (figures: number[]) => `${seconds(figures[0]!)}–${seconds(figures.at(-1)!)}`;

const BASELINE = `
import { createServer } from 'node:http';
import pg from 'pg';
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
createServer(async (_req, res) => { await client.query('SELECT 1'); res.end('{"status":"ready"}'); }).listen(Number(process.env.PORT));
process.on('SIGTERM', async () => { await client.end(); process.exit(0); });
`;

async function main() {
  const serverEntry = path.join(apiRoot, 'dist', 'server.js');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'zapis-bench-startup-'));
  const external = process.env.DATABASE_URL ? undefined : await startTemporaryPostgres('zapis-bench-startup-pg-');
  const serverUrl = new URL(process.env.DATABASE_URL ?? external!.serverUrl);
  const migratedUrl = new URL(serverUrl);
  migratedUrl.pathname = `/zapis_bench_startup_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  try {
    const buildStarted = performance.now();
    const build = spawn(
      'npx',
      ['turbo', 'run', 'build', '--filter=@zapis/webapp', '--filter=@zapis/api', '--force', '--output-logs=errors-only'],
      {
        cwd: repoRoot,
        stdio: 'ignore',
      },
    );
    const buildCode = await new Promise((resolve) => build.once('exit', resolve));
    if (buildCode !== 0) throw new Error(`the build failed (${buildCode})`);
    const buildMs = performance.now() - buildStarted;

    const cold = await timeToReady(process.execPath, [serverEntry], { EMBEDDED_DB_DIR: dataDir });
    const warm = await repeat(runs, () => timeToReady('npm', ['start'], { EMBEDDED_DB_DIR: dataDir }));
    const warmServer = await repeat(runs, () => timeToReady(process.execPath, [serverEntry], { EMBEDDED_DB_DIR: dataDir }));

    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(migratedUrl.pathname.slice(1))}`);
    await migrate(migratedUrl.toString());
    const postgres = await repeat(runs, () => timeToReady(process.execPath, [serverEntry], { DATABASE_URL: migratedUrl.toString() }));
    const baseline = await repeat(runs, () =>
      timeToReady(process.execPath, ['--input-type=module', '-e', BASELINE], { DATABASE_URL: migratedUrl.toString() }, apiRoot),
    );

    const floor = median(baseline);
    const ratio = (figures: number[]) => `×${(median(figures) / floor).toFixed(1)} of baseline`;
    console.log(`\nStart to the first 200 from /ready (median of ${runs}, range), Node ${process.version}:`);
    console.log(
      `  cold          ${seconds(buildMs + cold)}  (build from nothing ${seconds(buildMs)} + first server start ${seconds(cold)}: cluster, migrations, demo data)`,
    );
    console.log(
      `  warm default  ${seconds(median(warm))}  (${range(warm)}; npm start: cached build + server ${seconds(median(warmServer))}, ${ratio(warmServer)})`,
    );
    console.log(
      `  PostgreSQL    ${seconds(median(postgres))}  (${range(postgres)}; DATABASE_URL, migrations up to date, ${ratio(postgres)})`,
    );
    console.log(`  baseline      ${seconds(floor)}  (${range(baseline)}; bare Node + pg answering /ready)`);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(migratedUrl.pathname.slice(1))} WITH (FORCE)`);
    await admin.end();
    await external?.destroy();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
