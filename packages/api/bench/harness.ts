import { performance } from 'node:perf_hooks';
import { decodeGlobalID } from '@pothos/plugin-relay';
import type pg from 'pg';
import { signInitData } from '../src/telegram/init-data.js';
import { CLIENT_TELEGRAM_BASE } from './seed.js';

/** What every operation gets: both servers, the benchmark's own pool for fixtures, the scale. */
export interface BenchContext {
  apiUrl: string;
  rawUrl: string;
  db: pg.Pool;
  botToken: string;
  clients: number;
  masters: number;
  quick: boolean;
}

/**
 * One operation, asked of both servers. `api(i)` and `raw(i)` make the i-th request of a cell and
 * return its result normalised (database ids, ISO times), so that `same(i)` can compare them.
 * Writes cannot ask both the same question (one slot is booked once): they check each answer
 * against the request instead, and `verify` checks the database afterwards.
 */
export interface Operation {
  name: string;
  concurrencies: number[];
  api(i: number): Promise<unknown>;
  raw(i: number): Promise<unknown>;
  /** Reads: the same request of both must give the same normalised result. */
  same?: boolean;
  /** Runs before the operation is measured. */
  prepare?(): Promise<void>;
  verify?(): Promise<string[]>;
}

export class BenchError extends Error {}

/**
 * The headers of every request to either server. Both answer uncompressed: the baseline does not
 * compress, and fetch would otherwise ask the API for gzip and spend the client's CPU (on the same
 * two cores) undoing it. `npm run bench:compression` measures what compression costs and saves.
 */
export const PLAIN_JSON = { 'content-type': 'application/json', 'accept-encoding': 'identity' } as const;

/** Signed init data of the n-th seeded client, as the mini-app sends it. */
export function clientInitData(context: BenchContext, n: number): string {
  return signInitData({ user: { id: CLIENT_TELEGRAM_BASE + n, first_name: 'Client', language_code: 'ru' } }, context.botToken);
}

export async function graphql<T>(context: BenchContext, query: string, variables: Record<string, unknown>, initData?: string): Promise<T> {
  const response = await fetch(`${context.apiUrl}/graphql`, {
    method: 'POST',
    headers: { ...PLAIN_JSON, ...(initData ? { authorization: `tma ${initData}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data) throw new BenchError(`API ${response.status}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

export async function raw<T>(context: BenchContext, route: string, input: unknown): Promise<T> {
  const response = await fetch(`${context.rawUrl}${route}`, {
    method: 'POST',
    headers: PLAIN_JSON,
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { data?: T; error?: string };
  if (body.error !== undefined || body.data === undefined) throw new BenchError(`baseline ${response.status}: ${body.error}`);
  return body.data;
}

export const databaseId = (globalId: string) => decodeGlobalID(globalId).id;

export interface CellResult {
  rps: number;
  p50: number;
  requests: number;
}

/** `concurrency` clients calling `call` back to back for `durationMs`; every request's latency is kept. */
export async function runCell(concurrency: number, durationMs: number, call: (i: number) => Promise<unknown>): Promise<CellResult> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const i = next++;
        const begin = performance.now();
        await call(i);
        latencies.push(performance.now() - begin);
      }
    }),
  );
  const elapsed = performance.now() - started;
  return { rps: (latencies.length / elapsed) * 1000, p50: median(latencies), requests: latencies.length };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A stable JSON form for comparing results. */
export const canonical = (value: unknown) => JSON.stringify(value);
