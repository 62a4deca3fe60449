import pg from 'pg';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { rateLimited } from './errors.js';

/**
 * Rate limits every API instance shares: the counters live in PostgreSQL (`rate_limits`, one row
 * per key and window, created by a migration), so N instances on one database together allow
 * exactly the configured number a minute, not N times it. PostgreSQL rather than Redis because
 * every deployment already has it (the embedded default included) and a limit must not depend
 * on a second service being up.
 *
 * Each request costs one statement: rate-limiter-flexible's atomic upsert (INSERT … ON CONFLICT
 * … RETURNING), a fixed window of one minute per key. A key over its limit is then refused from
 * memory until its window ends (`inMemoryBlockOnConsumed`), so a flood costs the database
 * nothing more. The counters have their own small pool, so a flood waiting on them cannot take
 * the connections bookings need; should that pool fail, each instance falls back to counting in
 * its own memory (`insuranceLimiter`) rather than refusing everyone.
 */
export interface RateLimitStore {
  /** A limit of `perMinute` requests a minute per key, named `name` (the keys' namespace). */
  limit(name: string, perMinute: number, refusal: string): RateLimit;
  close(): Promise<void>;
}

export interface RateLimit {
  /** Counts one request for `key`: RATE_LIMITED (429, `retryAfterSeconds`, `Retry-After`) once over the limit. */
  consume(key: string): Promise<void>;
}

/** The table the migration `…_rate_limits` creates, in rate-limiter-flexible's layout (key, points, expire in ms). */
const TABLE = 'rate_limits';
const WINDOW_SECONDS = 60;

export function openRateLimitStore(databaseUrl: string, log: Logger, poolSize = 3): RateLimitStore {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, idleTimeoutMillis: 30_000 });
  // An idle connection the server closed must not take the process down; the next query reconnects.
  pool.on('error', (error) => log.warn({ err: error }, 'rate limit connection lost'));
  let first = true;
  return {
    limit(name, perMinute, refusal) {
      const limiter = new RateLimiterPostgres({
        storeClient: pool,
        storeType: 'pool',
        tableName: TABLE,
        tableCreated: true,
        keyPrefix: name,
        points: perMinute,
        duration: WINDOW_SECONDS,
        inMemoryBlockOnConsumed: perMinute + 1,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points: perMinute, duration: WINDOW_SECONDS }),
        // Windows that ended over an hour ago are deleted every five minutes: one limiter does it for all.
        clearExpiredByTimeout: first,
      });
      first = false;
      return {
        async consume(key) {
          try {
            await limiter.consume(key);
          } catch (rejection) {
            if (!(rejection instanceof RateLimiterRes)) throw rejection;
            throw rateLimited(refusal, Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
          }
        },
      };
    },
    close: () => pool.end(),
  };
}
