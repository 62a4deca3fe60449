import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { jsonResponse } from '../../json-response.js';

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

/**
 * `GET /health`: the process answers (`{"status":"ok"}`). `GET /ready`: it can serve, 200 with
 * `{"status":"ready","database":"ok","jobQueue":"ok"}`, or 503 `"unavailable"` naming what is
 * unreachable, and nothing about where it is. `jobQueue` is `"off"` where none runs. From the
 * moment shutdown begins it answers 503 `{"status":"draining"}` without asking anyone.
 */
export function useHealthRoutes(options: HealthRoutesOptions): Plugin {
  return {
    async onRequest({ url, endResponse }) {
      if (url.pathname === HEALTH_PATH) {
        endResponse(jsonResponse({ status: 'ok' }));
        return;
      }
      if (url.pathname !== READY_PATH) return;
      if (options.draining?.()) {
        endResponse(jsonResponse({ status: 'draining' }, 503));
        return;
      }
      const [database, jobQueue] = await Promise.all([
        probe('database', options.database, options.log),
        options.jobQueue ? probe('jobQueue', options.jobQueue, options.log) : ('off' as const),
      ]);
      const ready = database === 'ok' && jobQueue !== 'unreachable';
      endResponse(jsonResponse({ status: ready ? 'ready' : 'unavailable', database, jobQueue }, ready ? 200 : 503));
    },
  };
}
