/**
 * `npm run bench:segments`: partner segment pulls through the whole API (GraphQL over
 * app.fetch, key check, audit row included) next to the same SQL run directly through `pg`,
 * on a database of 200k clients, 1M client_service_stats rows and 1M client_service_interest
 * rows. Prints p50/p95 latency, rows per second and the query plans.
 *
 * Uses the PostgreSQL server of DATABASE_URL (without it, the embedded one) and a database of
 * its own, `zapis_bench_segments`, seeded once and reused (`--reseed` to start over).
 * Options: --iterations N (default 200 per kind), --page N (default 100).
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { encodeGlobalID } from '@pothos/plugin-relay';
import pg from 'pg';
import { createPrismaClient, migrate } from '../src/db.js';
import { loadEnv } from '../src/env.js';
import { createLogger } from '../src/logger.js';
import { type SegmentFilter, type SegmentKind, segmentPageSql } from '../src/modules/analytics/segments.service.js';
import { createPartnerKey } from '../src/modules/partner/partner-keys.service.js';
import { DevelopmentOtpSender } from '../src/modules/phone/otp-sender.js';
import { createApp } from '../src/yoga.js';
import { benchServer } from './bench-server.js';

const CLIENTS = 200_000;
const PER_CLIENT = 5; // stats rows and interest rows per client: 1M each
const CITIES = 10;
const SERVICES = 20;
const DATABASE = 'zapis_bench_segments';

const { values } = parseArgs({
  options: {
    reseed: { type: 'boolean', default: false },
    iterations: { type: 'string', default: '200' },
    page: { type: 'string', default: '100' },
  },
});
const iterations = Number(values.iterations);
const pageSize = Number(values.page);

const server = await benchServer();
const { serverUrl } = server;
const benchUrl = new URL(serverUrl);
benchUrl.pathname = `/${DATABASE}`;

async function withServer<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl.toString() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function prepareDatabase(): Promise<void> {
  const exists = await withServer(async (client) => {
    if (values.reseed) await client.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
    return Boolean(rowCount);
  });
  await migrate(benchUrl.toString());
  const db = new pg.Client({ connectionString: benchUrl.toString() });
  await db.connect();
  try {
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM client_service_stats');
    if (exists && rows[0]!.n >= CLIENTS * PER_CLIENT) {
      console.log(`Reusing ${DATABASE} (run with --reseed to start over).`);
      return;
    }
    const started = performance.now();
    console.log(`Seeding ${DATABASE}: ${CLIENTS} clients, ${CLIENTS * PER_CLIENT} stats rows, ${CLIENTS * PER_CLIENT} interest rows…`);
    await db.query(
      `TRUNCATE client_service_stats, client_service_interest, client_consents, clients, telegram_users, segment_pulls, partner_api_keys, partners CASCADE`,
    );
    await db.query(`DELETE FROM cities WHERE slug LIKE 'bench-%'`);
    await db.query(`DELETE FROM services WHERE slug LIKE 'bench-%'`);
    await db.query(`
      INSERT INTO cities (slug, name_ru, name_en, country_code, time_zone, position)
      SELECT 'bench-city-' || n, 'Город ' || n, 'City ' || n, 'RU', 'Europe/Moscow', 100 + n FROM generate_series(0, ${CITIES - 1}) n`);
    await db.query(`
      INSERT INTO services (slug, category, name_ru, name_en, default_duration_minutes, position)
      SELECT 'bench-service-' || n, 'bench', 'Услуга ' || n, 'Service ' || n, 60, 100 + n FROM generate_series(0, ${SERVICES - 1}) n`);
    await db.query(`
      INSERT INTO telegram_users (telegram_id, first_name, updated_at)
      SELECT 9000000000 + n, 'Client ' || n, now() FROM generate_series(1, ${CLIENTS}) n`);
    await db.query(`
      INSERT INTO clients (telegram_id, first_name, phone, preferred_channels, last_seen_at, updated_at)
      SELECT 9000000000 + n, 'Client ' || n, '+7900' || lpad(n::text, 7, '0'), '{TELEGRAM}', now(), now()
      FROM generate_series(1, ${CLIENTS}) n`);
    // A third of the clients consent to share their contact with partners; 1 in 200 erased.
    await db.query(`
      INSERT INTO client_consents (client_id, kind, text_version)
      SELECT id, 'SHARE_CONTACT_WITH_PARTNERS', 'partners-v1' FROM clients WHERE telegram_id % 3 = 0`);
    await db.query(`UPDATE clients SET erased_at = now(), first_name = NULL, phone = NULL WHERE telegram_id % 200 = 0`);
    // Each client has PER_CLIENT distinct (service, city) pairs in each table, spread over the
    // catalogue, with times over the last year.
    const pairs = (table: string, columns: string, values: string, salt: number) => `
      INSERT INTO ${table} (client_id, service_id, city_id, ${columns})
      SELECT c.id, s.id, ci.id, ${values}
      FROM (SELECT id, row_number() OVER (ORDER BY telegram_id) AS n FROM clients) c
      CROSS JOIN generate_series(0, ${PER_CLIENT - 1}) k
      JOIN services s ON s.slug = 'bench-service-' || ((c.n * 7 + k * ${3 + salt}) % ${SERVICES})
      JOIN cities ci ON ci.slug = 'bench-city-' || ((c.n + k * ${salt}) % ${CITIES})`;
    await db.query(
      pairs(
        'client_service_stats',
        'bookings_count, last_booked_at',
        `1 + (hashint4((c.n * 31 + k)::int) & 3), now() - make_interval(secs => (hashint4((c.n * 17 + k)::int) & 2147483647) % 31536000)`,
        0,
      ),
    );
    await db.query(
      pairs(
        'client_service_interest',
        'first_seen_at, last_seen_at',
        `now() - interval '400 days', now() - make_interval(secs => (hashint4((c.n * 13 + k)::int) & 2147483647) % 31536000)`,
        1,
      ),
    );
    // As autovacuum leaves a live database: visibility maps set, so index-only scans apply.
    await db.query('VACUUM ANALYZE');
    console.log(`Seeded in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await db.end();
  }
}

interface Figures {
  p50: number;
  p95: number;
  rowsPerSecond: number;
}

function figuresOf(durations: number[], rows: number): Figures {
  const sorted = [...durations].sort((a, b) => a - b);
  const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const total = durations.reduce((sum, value) => sum + value, 0);
  return { p50: pick(0.5), p95: pick(0.95), rowsPerSecond: (rows / total) * 1000 };
}

const SEGMENT = `
  query Segment($filter: SegmentFilter!, $first: Int) {
    segment(filter: $filter, first: $first) {
      withheld
      edges { node { id bookingsCount lastBookedAt firstSeenAt lastSeenAt contact { name phone preferredChannels } } }
      pageInfo { hasNextPage endCursor }
    }
  }`;

async function main() {
  await prepareDatabase();
  const direct = new pg.Pool({ connectionString: benchUrl.toString(), max: 2 });
  const prisma = createPrismaClient(benchUrl.toString(), 4);
  const log = createLogger('silent');
  const env = loadEnv({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: benchUrl.toString(),
    PARTNER_REQUESTS_PER_MINUTE: '1000000',
    LOG_LEVEL: 'silent',
  });
  const app = createApp({
    env,
    prisma,
    log,
    bot: { botToken: '1:bench' },
    otpSender: new DevelopmentOtpSender(log),
    otpSecret: 'bench'.repeat(8),
  });

  const cities = (await direct.query<{ id: string }>(`SELECT id FROM cities WHERE slug LIKE 'bench-city-%' ORDER BY slug`)).rows.map(
    (r) => r.id,
  );
  const services = (await direct.query<{ id: string }>(`SELECT id FROM services WHERE slug LIKE 'bench-service-%' ORDER BY slug`)).rows.map(
    (r) => r.id,
  );
  const { key } = await createPartnerKey(prisma, {
    partnerName: `bench ${Date.now()}`,
    cityIds: cities,
    serviceIds: services,
    expiresAt: new Date(Date.now() + 86_400_000),
  });

  const segmentSizes = await direct.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM client_service_stats GROUP BY service_id, city_id ORDER BY 1 DESC LIMIT 1',
  );
  console.log(
    `\nData: ${CLIENTS} clients, ${CLIENTS * PER_CLIENT} stats rows, ${CLIENTS * PER_CLIENT} interest rows, ` +
      `${CITIES} cities × ${SERVICES} services (largest booked segment ${segmentSizes.rows[0]?.n} clients). ` +
      `Page size ${pageSize}, ${iterations} pulls per kind over varying service and city.\n`,
  );

  const kinds: SegmentKind[] = ['BOOKED', 'INTERESTED', 'ANY'];
  const table: string[] = [];
  for (const kind of kinds) {
    const filters: SegmentFilter[] = Array.from({ length: iterations }, (_, i) => ({
      serviceId: services[(i * 7) % services.length]!,
      cityId: cities[(i * 3) % cities.length]!,
      kind,
    }));
    // Warm both paths up.
    for (const filter of filters.slice(0, 10)) {
      const sql = segmentPageSql(filter, pageSize + 1);
      await direct.query(sql.text, sql.values as unknown[]);
    }
    const directTimes: number[] = [];
    let directRows = 0;
    for (const filter of filters) {
      const sql = segmentPageSql(filter, pageSize + 1);
      const started = performance.now();
      const result = await direct.query(sql.text, sql.values as unknown[]);
      directTimes.push(performance.now() - started);
      directRows += Math.min(result.rowCount ?? 0, pageSize);
    }
    const apiTimes: number[] = [];
    let apiRows = 0;
    for (const [index, filter] of filters.entries()) {
      const started = performance.now();
      const response = await app.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({
          query: SEGMENT,
          variables: {
            filter: { serviceId: encodeGlobalID('Service', filter.serviceId), cityId: encodeGlobalID('City', filter.cityId), kind },
            first: pageSize,
          },
        }),
      });
      const body = (await response.json()) as { data?: { segment: { edges: unknown[] } }; errors?: unknown[] };
      if (index >= 10) apiTimes.push(performance.now() - started);
      if (body.errors) throw new Error(`API error: ${JSON.stringify(body.errors)}`);
      if (index >= 10) apiRows += body.data!.segment.edges.length;
    }
    const d = figuresOf(directTimes, directRows);
    const a = figuresOf(apiTimes, apiRows);
    table.push(
      `${kind.padEnd(10)} direct SQL  p50 ${d.p50.toFixed(2).padStart(7)} ms  p95 ${d.p95.toFixed(2).padStart(7)} ms  ${Math.round(d.rowsPerSecond).toString().padStart(8)} rows/s`,
      `${''.padEnd(10)} API         p50 ${a.p50.toFixed(2).padStart(7)} ms  p95 ${a.p95.toFixed(2).padStart(7)} ms  ${Math.round(a.rowsPerSecond).toString().padStart(8)} rows/s  (p50 ×${(a.p50 / d.p50).toFixed(2)} of direct)`,
    );

    const sql = segmentPageSql(filters[0]!, pageSize + 1);
    const plan = await direct.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql.text}`, sql.values as unknown[]);
    console.log(`Plan, ${kind}:\n${plan.rows.map((row) => `  ${row['QUERY PLAN']}`).join('\n')}\n`);
  }
  // What any partner request costs before it reads a segment: HTTP, GraphQL and the key check.
  const floorTimes: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    const response = await app.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: '{ cities(first: 1) { edges { node { id } } } }' }),
    });
    await response.json();
    if (i >= 10) floorTimes.push(performance.now() - started);
  }
  const floor = figuresOf(floorTimes, 0);
  console.log('Latency per pull of one page (API: GraphQL request through app.fetch with key check and audit row):');
  console.log(table.join('\n'));
  console.log(
    `API floor  a one-field request with the key (no segment read, no audit): p50 ${floor.p50.toFixed(2)} ms, ` +
      `p95 ${floor.p95.toFixed(2)} ms — the fixed part of every API figure above.`,
  );

  await direct.end();
  await prisma.$disconnect();
}

try {
  await main();
} finally {
  await server.release();
}
