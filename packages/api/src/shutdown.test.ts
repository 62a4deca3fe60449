import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../test/database.js';
import { startServerProcess } from '../test/server-process.js';

/**
 * SIGTERM under steady load: the real server process, 20 clients sending GraphQL requests over
 * keep-alive connections in a loop, then SIGTERM. The server must answer every request it took,
 * none with a 5xx, and exit 0 within the drain time + 2 s.
 *
 * What counts, as a load balancer in front would see it:
 * - answered: any HTTP answer below 500 (taken and finished);
 * - failed: a 5xx, or a request the server took (its event row is in the database) whose
 *   connection then broke without an answer: a request dropped in flight;
 * - refused: the connection was refused (the listener had closed), or reset before the server
 *   took the request (no row): a connection still in the kernel's accept queue when the listener
 *   closed, which the application never accepted. Either way the request never reached the
 *   application, and a load balancer sends it to another instance. Each client stops at its
 *   first refusal, as a balancer stops sending to an instance that refuses.
 * Every request is a `logWebAppEvent` mutation with a unique path, so the database says which
 * requests the server took. The drain must also end before its deadline (when busy connections
 * would be cut), so no request the server had read was dropped before it wrote its row.
 *
 * CI runs it SHUTDOWN_TEST_RUNS times (3 by default); `SHUTDOWN_TEST_RUNS=20 npx vitest run
 * src/shutdown.test.ts` is the acceptance run.
 */

const RUNS = Number(process.env.SHUTDOWN_TEST_RUNS ?? 3);
const CLIENTS = 20;
const DRAIN_SECONDS = 5;
const LOAD_BEFORE_SIGTERM_MS = 1_500;

/** Every client is anonymous on 127.0.0.1, counted in the database across runs: the limits must not be what refuses them here. */
const UNLIMITED = { WEBAPP_EVENTS_PER_MINUTE: '1000000', GRAPHQL_REQUESTS_PER_MINUTE_PER_ADDRESS: '1000000' };

const mutation = 'mutation($input: LogWebAppEventInput!) { logWebAppEvent(input: $input) { path } }';

type Outcome = { path: string } & ({ kind: 'answered'; status: number } | { kind: 'refused' } | { kind: 'broken'; error: string });

function errorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? String(error);
}

async function send(origin: string, eventPath: string): Promise<Outcome> {
  try {
    const response = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: mutation, variables: { input: { stage: 'search', path: eventPath } } }),
    });
    await response.arrayBuffer();
    return { path: eventPath, kind: 'answered', status: response.status };
  } catch (error) {
    const code = errorCode(error);
    return code === 'ECONNREFUSED' ? { path: eventPath, kind: 'refused' } : { path: eventPath, kind: 'broken', error: code };
  }
}

interface RunFigures {
  answered: number;
  answeredAfterSigterm: number;
  refused: number;
  resetBeforeTaken: number;
  failed: string[];
  exitCode: number | null;
  exitMs: number;
}

async function runOnce(db: pg.Client, run: number): Promise<RunFigures> {
  const server = await startServerProcess({
    SHUTDOWN_DRAIN_SECONDS: String(DRAIN_SECONDS),
    // Every client is anonymous on 127.0.0.1: the limits must not be what refuses them here.
    WEBAPP_EVENTS_PER_MINUTE: '1000000',
    GRAPHQL_REQUESTS_PER_MINUTE_PER_ADDRESS: '1000000',
  });
  const prefix = `/load/${randomBytes(4).toString('hex')}/${run}`;
  let sigtermAt = 0;
  const outcomes: (Outcome & { sentAt: number })[] = [];
  const client = async (index: number) => {
    for (let n = 0; ; n++) {
      const sentAt = Date.now();
      const outcome = await send(server.origin, `${prefix}/${index}/${n}`);
      outcomes.push({ ...outcome, sentAt });
      if (outcome.kind !== 'answered') return;
    }
  };
  const clients = Array.from({ length: CLIENTS }, (_, index) => client(index));
  await new Promise((resolve) => setTimeout(resolve, LOAD_BEFORE_SIGTERM_MS));
  sigtermAt = Date.now();
  server.child.kill('SIGTERM');
  const exitCode = await server.exited;
  const exitMs = Date.now() - sigtermAt;
  await Promise.all(clients);

  const { rows } = await db.query<{ path: string }>('SELECT path FROM webapp_events WHERE path LIKE $1', [`${prefix}/%`]);
  const taken = new Set(rows.map((row) => row.path));
  const failed: string[] = [];
  let resetBeforeTaken = 0;
  for (const outcome of outcomes) {
    if (outcome.kind === 'answered' && outcome.status >= 500) failed.push(`${outcome.path}: HTTP ${outcome.status}`);
    if (outcome.kind === 'broken') {
      if (taken.has(outcome.path)) failed.push(`${outcome.path}: taken, then ${outcome.error}`);
      else resetBeforeTaken++;
    }
  }
  expect(server.output()).not.toContain('shutdown took longer than the drain time');
  return {
    answered: outcomes.filter((outcome) => outcome.kind === 'answered' && outcome.status < 500).length,
    answeredAfterSigterm: outcomes.filter((outcome) => outcome.kind === 'answered' && outcome.sentAt >= sigtermAt).length,
    refused: outcomes.filter((outcome) => outcome.kind === 'refused').length,
    resetBeforeTaken,
    failed,
    exitCode,
    exitMs,
  };
}

describe('SIGTERM under steady load', { timeout: RUNS * 60_000 }, () => {
  it(`answers every request it took and exits 0 within the drain time + 2 s (${RUNS} runs)`, async () => {
    const db = new pg.Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    try {
      const figures: RunFigures[] = [];
      for (let run = 0; run < RUNS; run++) {
        const result = await runOnce(db, run);
        figures.push(result);
        console.info(`run ${run + 1}/${RUNS}: ${JSON.stringify(result)}`);
      }
      for (const result of figures) {
        expect(result.failed).toEqual([]);
        expect(result.exitCode).toBe(0);
        // The drain ended before its deadline: no busy connection was cut.
        expect(result.exitMs).toBeLessThan(DRAIN_SECONDS * 1000);
        expect(result.answered).toBeGreaterThan(CLIENTS);
      }
    } finally {
      await db.end();
    }
  });
});

describe('SIGTERM with a pre-stop time (SHUTDOWN_PRESTOP_SECONDS)', { timeout: 60_000 }, () => {
  it('answers /ready with 503 at once, goes on serving requests until the pre-stop time is over, then drains and exits 0', async () => {
    const PRESTOP_SECONDS = 1.5;
    const server = await startServerProcess({
      ...UNLIMITED,
      SHUTDOWN_DRAIN_SECONDS: String(DRAIN_SECONDS),
      SHUTDOWN_PRESTOP_SECONDS: String(PRESTOP_SECONDS),
    });
    const sigtermAt = Date.now();
    server.child.kill('SIGTERM');
    // The signal is handled within a turn; give it that turn before asking.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const ready = await fetch(`${server.origin}/ready`);
    // A new connection, as a balancer that has not noticed yet would open: still served.
    const served = await send(server.origin, `/prestop/${randomBytes(4).toString('hex')}`);
    const servedAt = Date.now();
    const exitCode = await server.exited;
    const exitMs = Date.now() - sigtermAt;

    expect(ready.status).toBe(503);
    expect(served).toMatchObject({ kind: 'answered', status: 200 });
    expect(servedAt - sigtermAt).toBeLessThan(PRESTOP_SECONDS * 1000);
    expect(exitCode).toBe(0);
    expect(exitMs).toBeGreaterThanOrEqual(PRESTOP_SECONDS * 1000);
    expect(exitMs).toBeLessThan((PRESTOP_SECONDS + DRAIN_SECONDS + 2) * 1000);
  });
});
