/**
 * `npm run bench:compression`: what HTTP compression saves and costs. Through the built server
 * (dist/server.js, GraphiQL on) on the benchmark's database at 1/10 scale (seed.ts, reused):
 * bytes on the wire of a searchMasters first page (the mini-app's search card) and of the GraphiQL
 * page, per Accept-Encoding; the CPU time of compressing that response at each brotli quality and
 * gzip level; and searchMasters throughput at 16 clients with and without compression.
 * The mini-app's JS is measured from the build by `npm run size --workspace @zapis/webapp`.
 *
 * Options: --scale X (default 0.1), --seconds S (per throughput cell, default 3), --rounds N (default 3).
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { encodeGlobalID } from '@pothos/plugin-relay';
import pg from 'pg';
import { DYNAMIC_BROTLI_QUALITY, DYNAMIC_GZIP_LEVEL } from '../src/http/compression.js';
import { benchServer } from './bench-server.js';
import { median, runCell } from './harness.js';
import { fullPages, SEARCH } from './operations/search.js';
import { type BenchProcess, startApi } from './processes.js';
import { prepareBenchDatabase } from './seed.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '0.1' },
    seconds: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '3' },
  },
});
const scale = Number(values.scale);
const cellMs = Number(values.seconds) * 1000;
const rounds = Number(values.rounds);
const database = scale === 1 ? 'zapis_bench' : `zapis_bench_${String(scale).replace('.', '_')}`;
const BOT_TOKEN = '123456789:bench-token-for-zapis-0123456789';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ENCODINGS = ['br, gzip', 'gzip', 'identity'] as const;

interface Sent {
  status: number;
  encoding: string;
  bytes: number;
  body: Buffer;
}

/** One request through node:http, which (unlike fetch) neither asks for nor undoes any encoding: the bytes as sent. */
function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string; agent?: Agent }): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const call = request(url, { method: options.method ?? 'GET', headers: options.headers, agent: options.agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({
          status: response.statusCode!,
          encoding: response.headers['content-encoding'] ?? 'identity',
          bytes: body.byteLength,
          body,
        });
      });
    });
    call.on('error', reject);
    call.end(options.body);
  });
}

async function build(): Promise<void> {
  const child = spawn('npx', ['turbo', 'run', 'build', '--filter=@zapis/api', '--filter=@zapis/webapp', '--output-logs=errors-only'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the build failed (${code})`);
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function transferLine(name: string, sent: Sent[]): string {
  return `bench transfer ${name} ${sent.map((one, i) => `${ENCODINGS[i]!.replace(', ', '+')}=${one.bytes}(${one.encoding})`).join(' ')}`;
}

/** Mean milliseconds per call of `compress` over at least ~1 s. */
function timePerCall(compress: () => unknown): number {
  compress();
  let calls = 0;
  const started = performance.now();
  while (performance.now() - started < 1000 || calls < 5) {
    compress();
    calls++;
  }
  return (performance.now() - started) / calls;
}

async function main() {
  const server = await benchServer();
  let api: BenchProcess | undefined;
  try {
    const prepared = await prepareBenchDatabase({ serverUrl: server.serverUrl, database, scale, reseed: false, log: console.log });
    await build();
    api = await startApi(prepared.url, BOT_TOKEN, { GRAPHIQL: 'true' });
    const db = new pg.Pool({ connectionString: prepared.url, max: 2 });
    const pages = await fullPages({ db });
    await db.end();
    const searchBody = (i: number) => {
      const { cityId, serviceId } = pages[i % pages.length]!;
      const filter = { cityId: encodeGlobalID('City', cityId), serviceId: encodeGlobalID('Service', serviceId) };
      return JSON.stringify({ query: SEARCH, variables: { filter, first: 20 } });
    };
    const search = (i: number, acceptEncoding: string, agent?: Agent) =>
      send(`${api!.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-encoding': acceptEncoding },
        body: searchBody(i),
        agent,
      });

    console.log(`\nBytes on the wire (scale ${scale}), by the request's Accept-Encoding:`);
    const searches = await Promise.all(ENCODINGS.map((encoding) => search(0, encoding)));
    const graphiql = await Promise.all(
      ENCODINGS.map((encoding) => send(`${api!.url}/graphql`, { headers: { accept: 'text/html', 'accept-encoding': encoding } })),
    );
    for (const [name, sent] of [
      ['searchMasters(first: 20)', searches],
      ['GraphiQL page', graphiql],
    ] as const) {
      console.log(`  ${name.padEnd(26)} ${sent.map((one, i) => `${ENCODINGS[i]}: ${kB(one.bytes)} (${one.encoding})`).join(', ')}`);
    }
    console.log(transferLine('searchMasters', searches));
    console.log(transferLine('graphiql', graphiql));

    const json = searches[2]!.body;
    const page = graphiql[2]!.body;
    console.log(`\nCPU per response, one core (searchMasters ${kB(json.byteLength)}, GraphiQL page ${kB(page.byteLength)}):`);
    const levels: [string, (body: Buffer) => Buffer][] = [
      ...[1, 4, 5, 6, 9, 11].map((quality): [string, (body: Buffer) => Buffer] => [
        `brotli q${quality}`,
        (body) =>
          brotliCompressSync(body, {
            params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: quality },
          }),
      ]),
      ...[1, 6, 9].map((level): [string, (body: Buffer) => Buffer] => [`gzip ${level}`, (body) => gzipSync(body, { level })]),
    ];
    for (const [name, compress] of levels) {
      const ms = timePerCall(() => compress(json));
      const chosen = name === `brotli q${DYNAMIC_BROTLI_QUALITY}` || name === `gzip ${DYNAMIC_GZIP_LEVEL}` ? '  <- used for responses' : '';
      const pageMs =
        name.endsWith('q11') || name.endsWith('q9') ? 'n/a (too slow per request)' : `${timePerCall(() => compress(page)).toFixed(0)} ms`;
      console.log(
        `  ${name.padEnd(10)} searchMasters ${kB(compress(json).byteLength).padStart(8)} in ${ms.toFixed(3)} ms; GraphiQL page ${pageMs}${chosen}`,
      );
      console.log(`bench compress ${name.replace(' ', '_')} search_bytes=${compress(json).byteLength} search_ms=${ms.toFixed(3)}`);
    }

    console.log(`\nsearchMasters throughput at 16 clients (${rounds} interleaved rounds of ${cellMs / 1000} s, medians):`);
    const cells = new Map<string, number[]>(ENCODINGS.map((encoding) => [encoding, []]));
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 ? [...ENCODINGS].reverse() : ENCODINGS;
      for (const encoding of order) {
        // Connections of the cell's own: one the server closed while idle would fail the first request.
        const agent = new Agent({ keepAlive: true });
        const cell = await runCell(16, cellMs, async (i) => {
          const sent = await search(i, encoding, agent);
          if (sent.status !== 200) throw new Error(`searchMasters answered ${sent.status}`);
        });
        agent.destroy();
        cells.get(encoding)!.push(cell.rps);
      }
    }
    for (const [encoding, rps] of cells) {
      console.log(`  Accept-Encoding: ${encoding.padEnd(9)} ${median(rps).toFixed(1)} req/s`);
      console.log(`bench throughput search16 ${encoding.replace(', ', '+')} rps=${median(rps).toFixed(1)}`);
    }
  } finally {
    await api?.stop();
    await server.release();
  }
}

await main();
