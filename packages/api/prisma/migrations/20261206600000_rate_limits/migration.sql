-- Rate-limit counters shared by every API instance (src/rate-limits.ts), in rate-limiter-flexible's
-- layout. UNLOGGED: a counter is worth less than the WAL it would write on every request, and a
-- crash or failover that empties the table only restarts the current minute's windows.
-- A lower fillfactor leaves room on each page for the constant updates to stay HOT.
CREATE UNLOGGED TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
) WITH (fillfactor = 70);
