/**
 * `npm run bench` (after the startup figures): the API beside a hand-written SQL baseline on a
 * database of 50,000 masters and ~1M bookings (seed.ts). Each operation goes through the real
 * HTTP API (dist/server.js in a child process, the normal pool of 10) and through raw-server.ts
 * (bare node:http + pg, pool of 10), in interleaved rounds at each concurrency; reads must give
 * both the same results, writes must book what was asked, and the bookings are checked after.
 * Prints a table and one `bench …` line per figure; the README explains how to read them.
 *
 * Options: --quick (1/10 scale, short cells), --scale X, --reseed, --rounds N, --seconds S (per
 * cell), --only a,b (operations whose name starts with one of these, e.g. `segment`).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createPrismaClient } from '../src/db.js';
import { benchServer } from './bench-server.js';
import { type BenchContext, BenchError, type CellResult, canonical, median, type Operation, runCell } from './harness.js';
import { bookingOperations } from './operations/bookings.js';
import { searchOperation } from './operations/search.js';
import { segmentOperations } from './operations/segments.js';
import { slotsOperation } from './operations/slots.js';
import { waitlistOperation } from './operations/waitlist.js';
import { type BenchProcess, startApi, startRaw } from './processes.js';
import { prepareBenchDatabase, seedScale } from './seed.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    reseed: { type: 'boolean', default: false },
    scale: { type: 'string' },
    rounds: { type: 'string' },
    seconds: { type: 'string' },
    only: { type: 'string' },
  },
});
const scale = Number(values.scale ?? (values.quick ? 0.1 : 1));
const rounds = Number(values.rounds ?? (values.quick ? 2 : 3));
const cellMs = Number(values.seconds ?? (values.quick ? 0.8 : 5)) * 1000;
const only = values.only?.split(',').filter(Boolean);
const database = scale === 1 ? 'zapis_bench' : `zapis_bench_${String(scale).replace('.', '_')}`;
const STATEMENT_SAMPLES = 10;
const BOT_TOKEN = '123456789:bench-token-for-zapis-0123456789';
const apiRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(apiRoot, '../..');

const log = (line: string) => console.log(line);

/** dist/server.js as `npm start` builds it (Turbo's cache makes this quick when nothing changed). */
async function buildApi(): Promise<void> {
  const build = spawn('npx', ['turbo', 'run', 'build', '--filter=@zapis/api', '--output-logs=errors-only'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  const code = await new Promise((resolve) => build.once('exit', resolve));
  if (code !== 0) throw new Error(`the API build failed (${code})`);
}

interface Figure {
  operation: string;
  concurrency: number;
  api: CellResult;
  raw: CellResult;
  statements: number;
}

/** Reads: the same requests of both servers give the same normalised results (a retry covers a slot that passed between the two). */
async function checkSame(operation: Operation): Promise<void> {
  for (let i = 0; i < 5; i++) {
    for (let attempt = 1; ; attempt++) {
      const [api, raw] = [canonical(await operation.api(i)), canonical(await operation.raw(i))];
      if (api === raw) break;
      if (attempt === 2) {
        throw new BenchError(`${operation.name}: the API and the baseline disagree on request ${i}:\n  API: ${api}\n  raw: ${raw}`);
      }
    }
  }
}

async function measure(operation: Operation, api: BenchProcess): Promise<Figure[]> {
  await operation.prepare?.();
  if (operation.same) await checkSame(operation);
  else for (let i = 0; i < 3; i++) await Promise.all([operation.api(i), operation.raw(i)]);
  const before = await api.stats();
  for (let i = 0; i < STATEMENT_SAMPLES; i++) await operation.api(1000 + i);
  const statements = ((await api.stats()).statements - before.statements) / STATEMENT_SAMPLES;

  const figures: Figure[] = [];
  for (const concurrency of operation.concurrencies) {
    const apiCells: CellResult[] = [];
    const rawCells: CellResult[] = [];
    for (let round = 0; round < rounds; round++) {
      const sides = [
        async () => apiCells.push(await runCell(concurrency, cellMs, operation.api)),
        async () => rawCells.push(await runCell(concurrency, cellMs, operation.raw)),
      ];
      if (round % 2) sides.reverse();
      for (const side of sides) await side();
    }
    const mid = (cells: CellResult[]): CellResult => ({
      rps: median(cells.map((cell) => cell.rps)),
      p50: median(cells.map((cell) => cell.p50)),
      requests: cells.reduce((sum, cell) => sum + cell.requests, 0),
    });
    const figure = { operation: operation.name, concurrency, api: mid(apiCells), raw: mid(rawCells), statements };
    figures.push(figure);
    log(line(figure));
  }
  return figures;
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

function line(f: Figure): string {
  return (
    `bench ${f.operation} ${f.concurrency} api_rps=${fixed(f.api.rps, 1)} raw_rps=${fixed(f.raw.rps, 1)} ` +
    `ratio=${fixed(f.api.rps / f.raw.rps, 2)} api_p50_ms=${fixed(f.api.p50, 2)} raw_p50_ms=${fixed(f.raw.p50, 2)} statements=${fixed(f.statements, 1)}`
  );
}

function table(figures: Figure[]): string {
  const header = ['operation', 'clients', 'API req/s', 'raw req/s', 'API/raw', 'API p50 ms', 'raw p50 ms', 'stmts/req'];
  const rows = figures.map((f) => [
    f.operation,
    String(f.concurrency),
    fixed(f.api.rps, 1),
    fixed(f.raw.rps, 1),
    fixed(f.api.rps / f.raw.rps, 2),
    fixed(f.api.p50, 2),
    fixed(f.raw.p50, 2),
    fixed(f.statements, 1),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const format = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [format(header), format(widths.map((width) => '-'.repeat(width))), ...rows.map(format)].join('\n');
}

async function main() {
  const started = performance.now();
  const server = await benchServer();
  let api: BenchProcess | undefined;
  let raw: BenchProcess | undefined;
  let prisma: ReturnType<typeof createPrismaClient> | undefined;
  try {
    const prepared = await prepareBenchDatabase({ serverUrl: server.serverUrl, database, scale, reseed: values.reseed, log });
    log(
      `Data: ${Object.entries(prepared.counts)
        .map(([table, count]) => `${table} ${count}`)
        .join(', ')}.`,
    );
    log(`bench seed scale=${scale} seconds=${prepared.seedSeconds.toFixed(1)} reused=${prepared.reused}`);
    await buildApi();
    [api, raw] = await Promise.all([startApi(prepared.url, BOT_TOKEN), startRaw(prepared.url, BOT_TOKEN)]);
    const fresh = await api.stats();
    const db = new pg.Pool({ connectionString: prepared.url, max: 4 });
    prisma = createPrismaClient(prepared.url, 2);
    const size = seedScale(scale);
    const context: BenchContext = {
      apiUrl: api.url,
      rawUrl: raw.url,
      db,
      botToken: BOT_TOKEN,
      clients: size.clients,
      masters: size.masters,
      quick: values.quick || scale < 0.5,
    };
    log(
      `Cells of ${cellMs / 1000} s, ${rounds} interleaved rounds, medians; statements = SQL statements the API process sent per request.\n`,
    );
    const wanted = (name: string) => !only || only.some((prefix) => name.startsWith(prefix));
    const figures: Figure[] = [];
    const verified: string[] = [];
    let rss: string | undefined;

    const lazy: (() => Promise<Operation[]>)[] = [
      async () => [await searchOperation(context, false), await searchOperation(context, true)],
      async () => [await slotsOperation(context)],
      async () => {
        const bookings = await bookingOperations(context);
        return [bookings.createMany, bookings.createOne, bookings.reschedule];
      },
      // After the bookings: its free times are found around what they booked.
      async () => [waitlistOperation(context, { rounds, cellMs })],
      () => segmentOperations(context, prisma!),
    ];
    for (const make of lazy) {
      for (const operation of await make()) {
        if (!wanted(operation.name)) continue;
        figures.push(...(await measure(operation, api)));
        if (operation.verify) verified.push(...(await operation.verify()));
        if (operation.name === 'searchMasters.anonymous') {
          const [apiStats, rawStats] = await Promise.all([api.stats(), raw.stats()]);
          const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
          rss = `bench rss api_fresh_mb=${mb(fresh.rss)} api_after_search16_mb=${mb(apiStats.rss)} raw_after_search16_mb=${mb(rawStats.rss)}`;
          log(rss);
        }
      }
    }
    for (const check of new Set(verified)) log(check);
    log(`\n${table(figures)}\n`);
    for (const figure of figures) log(line(figure));
    if (rss) log(rss);
    log(`bench total seconds=${((performance.now() - started) / 1000).toFixed(0)}`);
    await db.end();
  } finally {
    await Promise.all([api?.stop(), raw?.stop()]);
    await prisma?.$disconnect();
    await server.release();
  }
}

await main();
