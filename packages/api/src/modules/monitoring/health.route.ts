import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { jsonResponse } from '../../json-response.js';
import { metrics, type ReadinessReport } from './metrics.js';

export const HEALTH_PATH = '/health';
export const READY_PATH = '/ready';

/** A dependency's answer to "are you there?"; false or a thrown error both mean no. */
export type Probe = () => Promise<unknown>;

export interface HealthRoutesOptions {
  /** The application's database, e.g. `SELECT 1`. */
  database: Probe;
  /** This instance's job queue (pg-boss), where it runs one. */
  jobQueue?: Probe;
  /** True once shutdown has begun: /ready then answers 503 at once, so that a load balancer stops sending. */
  draining?: () => boolean;
  log: Logger;
}

type ProbeState = 'ok' | 'unreachable';

async function probe(name: string, check: Probe, log: Logger): Promise<ProbeState> {
  try {
    return (await check()) === false ? 'unreachable' : 'ok';
  } catch (error) {
    // The error stays in the log: its message names the database's address.
    log.warn({ err: error, dependency: name }, 'readiness check failed');
    return 'unreachable';
  }
}

/** What `/ready` answers and `zapis_ready` reports: the database and the job queue asked at once. */
export async function checkReadiness(options: HealthRoutesOptions): Promise<ReadinessReport> {
  if (options.draining?.()) return { status: 'draining' };
  const [database, jobQueue] = await Promise.all([
    probe('database', options.database, options.log),
    options.jobQueue ? probe('jobQueue', options.jobQueue, options.log) : ('off' as const),
  ]);
  const ready = database === 'ok' && jobQueue !== 'unreachable';
  return { status: ready ? 'ready' : 'unavailable', database, jobQueue };
}

/**
 * `GET /health`: the process answers (`{"status":"ok"}`). `GET /ready`: it can serve, 200 with
 * `{"status":"ready","database":"ok","jobQueue":"ok"}`, or 503 `"unavailable"` naming what is
 * unreachable, and nothing about where it is. `jobQueue` is `"off"` where none runs. From the
 * moment shutdown begins it answers 503 `{"status":"draining"}` without asking anyone. The same
 * check feeds `zapis_ready` and `zapis_dependency_up` at each scrape of `/metrics`.
 */
export function useHealthRoutes(options: HealthRoutesOptions): Plugin {
  metrics.observeReadiness(() => checkReadiness(options));
  return {
    async onRequest({ url, endResponse }) {
      if (url.pathname === HEALTH_PATH) {
        endResponse(jsonResponse({ status: 'ok' }));
        return;
      }
      if (url.pathname !== READY_PATH) return;
      const readiness = await checkReadiness(options);
      endResponse(jsonResponse(readiness, readiness.status === 'ready' ? 200 : 503));
    },
  };
}
