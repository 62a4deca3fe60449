import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrate } from '../src/db.js';

/**
 * The benchmark's database, built with set-based SQL (INSERT … SELECT over generate_series)
 * at `scale` × the full size: 50,000 active masters in 10 cities of different sizes, ~175k
 * offers, 200,000 clients, ~1M bookings, their exact client_service_stats, 1M interest rows,
 * reviews with their master_ratings. Skew: city sizes from 20 % down to 5 % of the masters,
 * 1 master in 40 booked out for the next two weeks, clients' bookings concentrated on some of
 * them. Every master offers 2–5 of the 20 catalogue services, so every city offers most of
 * them. A marker table records the scale and the migrations' checksum: the database is
 * reused while both match.
 */

export interface SeedScale {
  masters: number;
  clients: number;
}

export function seedScale(scale: number): SeedScale {
  return { masters: Math.max(40, Math.round(50_000 * scale)), clients: Math.max(100, Math.round(200_000 * scale)) };
}

/** telegram_id = base + n: masters are 1…masters, the solo master (one-master bookings) is masters + 1. */
export const MASTER_TELEGRAM_BASE = 8_000_000_000;
export const CLIENT_TELEGRAM_BASE = 9_000_000_000;
/** Future bookings of seeded masters lie within this many days; later days are free (the booking operations use them). */
export const SEEDED_FUTURE_DAYS = 14;

const CITIES: [slug: string, share: number, timeZone: string, currency: string, country: string][] = [
  ['moscow', 0.2, 'Europe/Moscow', 'RUB', 'RU'],
  ['spb', 0.16, 'Europe/Moscow', 'RUB', 'RU'],
  ['almaty', 0.13, 'Asia/Almaty', 'KZT', 'KZ'],
  ['tbilisi', 0.11, 'Asia/Tbilisi', 'GEL', 'GE'],
  ['belgrade', 0.09, 'Europe/Belgrade', 'RSD', 'RS'],
  ['yekaterinburg', 0.08, 'Asia/Yekaterinburg', 'RUB', 'RU'],
  ['astana', 0.07, 'Asia/Almaty', 'KZT', 'KZ'],
  ['novosibirsk', 0.06, 'Asia/Novosibirsk', 'RUB', 'RU'],
  ['riga', 0.05, 'Europe/Riga', 'EUR', 'LV'],
  ['batumi', 0.05, 'Asia/Tbilisi', 'GEL', 'GE'],
];
export const SERVICES = 20;

const FIRST_NAMES = [
  'Анна',
  'Мария',
  'Елена',
  'Ольга',
  'Наталья',
  'Ирина',
  'Светлана',
  'Татьяна',
  'Юлия',
  'Дарья',
  'Алина',
  'Ксения',
  'Виктория',
  'Полина',
  'Екатерина',
  'Софья',
  'Алексей',
  'Дмитрий',
  'Сергей',
  'Андрей',
  'Иван',
  'Максим',
  'Nino',
  'Ana',
];
const LAST_NAMES = [
  'Иванова',
  'Смирнова',
  'Кузнецова',
  'Попова',
  'Васильева',
  'Петрова',
  'Соколова',
  'Михайлова',
  'Новикова',
  'Фёдорова',
  'Морозова',
  'Волкова',
  'Алексеева',
  'Лебедева',
  'Семёнова',
  'Егорова',
  'Павлова',
  'Козлова',
  'Степанова',
  'Николаева',
];

const apiRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Of every migration's SQL: a database migrated by other migrations is seeded again. */
async function migrationsChecksum(): Promise<string> {
  const dir = path.join(apiRoot, 'prisma', 'migrations');
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const hash = createHash('sha256');
  for (const name of names) hash.update(name).update(await readFile(path.join(dir, name, 'migration.sql')));
  return hash.digest('hex').slice(0, 16);
}

const sqlArray = (values: string[]) => `ARRAY[${values.map((value) => `'${value}'`).join(',')}]`;

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Drops a table's indexes and constraints but its primary key, runs `load`, then builds them again: one sort per index instead of a million inserts into each. */
async function withoutIndexes(db: pg.Client, table: string, load: () => Promise<void>): Promise<void> {
  const { rows: constraints } = await db.query<{ name: string; def: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE conrelid = $1::regclass AND contype <> 'p' ORDER BY contype = 'f', conname`,
    [table],
  );
  const { rows: indexes } = await db.query<{ name: string; def: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
     WHERE x.indrelid = $1::regclass AND NOT x.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)`,
    [table],
  );
  for (const { name } of constraints) await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${db.escapeIdentifier(name)}`);
  for (const { name } of indexes) await db.query(`DROP INDEX ${db.escapeIdentifier(name)}`);
  await load();
  for (const { def } of indexes) await db.query(def);
  for (const { name, def } of constraints) await db.query(`ALTER TABLE ${table} ADD CONSTRAINT ${db.escapeIdentifier(name)} ${def}`);
}

export interface PreparedDatabase {
  url: string;
  reused: boolean;
  seedSeconds: number;
  counts: Record<string, number>;
}

/**
 * Creates (or reuses) `database` on the server of `serverUrl`, applies the migrations with the
 * project's own runner (Prisma's `migrate deploy`), and seeds it at `scale`.
 */
export async function prepareBenchDatabase(options: {
  serverUrl: URL;
  database: string;
  scale: number;
  reseed: boolean;
  log: (line: string) => void;
}): Promise<PreparedDatabase> {
  const { database, scale, log } = options;
  const url = new URL(options.serverUrl);
  url.pathname = `/${database}`;
  const checksum = await migrationsChecksum();
  const marker = `scale=${scale} migrations=${checksum}`;

  const current = await withClient(options.serverUrl.toString(), async (admin) => {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) return undefined;
    return withClient(url.toString(), async (db) => {
      // A run that wrote (bookings made, moved, cancelled; waitlist entries and the times held for
      // them, which the seed never makes) used up or held free time the next run needs: seed again.
      const found = await db
        .query<{ marker: string; seconds: number; written: boolean }>(
          `SELECT marker, seconds,
                  EXISTS (SELECT 1 FROM bookings WHERE created_at > s.seeded_at OR updated_at > s.seeded_at)
                  OR EXISTS (SELECT 1 FROM booking_moves) OR EXISTS (SELECT 1 FROM waitlist_entries) AS written
           FROM bench_seed s`,
        )
        .catch(() => undefined);
      return found?.rows[0];
    });
  });
  if (current?.written) log(`${database} holds an earlier run's writes: seeding it again.`);
  if (current?.marker === marker && !current.written && !options.reseed) {
    log(`Reusing ${database} (${marker}; --reseed to build it again).`);
    return { url: url.toString(), reused: true, seedSeconds: current.seconds, counts: await countRows(url.toString()) };
  }

  await withClient(options.serverUrl.toString(), async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(database)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
  });
  const started = performance.now();
  await migrate(url.toString());
  const size = seedScale(scale);
  log(`Seeding ${database} at scale ${scale}: ${size.masters} masters, ${size.clients} clients…`);
  await withClient(url.toString(), (db) => seed(db, size, log));
  const seedSeconds = (performance.now() - started) / 1000;
  await withClient(url.toString(), async (db) => {
    await db.query('CREATE TABLE bench_seed (marker text NOT NULL, seconds real NOT NULL, seeded_at timestamptz NOT NULL DEFAULT now())');
    await db.query('INSERT INTO bench_seed (marker, seconds) VALUES ($1, $2)', [marker, seedSeconds]);
  });
  log(`Seeded in ${seedSeconds.toFixed(1)} s (migrations included).`);
  return { url: url.toString(), reused: false, seedSeconds, counts: await countRows(url.toString()) };
}

async function countRows(url: string): Promise<Record<string, number>> {
  return withClient(url, async (db) => {
    const tables = ['masters', 'master_services', 'clients', 'bookings', 'client_service_stats', 'client_service_interest', 'reviews'];
    const { rows } = await db.query<Record<string, number>>(
      `SELECT ${tables.map((table) => `(SELECT count(*)::int FROM ${table}) AS ${table}`).join(', ')}`,
    );
    return rows[0]!;
  });
}

async function seed(db: pg.Client, { masters, clients }: SeedScale, log: (line: string) => void): Promise<void> {
  await db.query(`SET synchronous_commit = off`);
  await db.query(`SET maintenance_work_mem = '512MB'`);
  await db.query(`SET work_mem = '256MB'`);
  const step = async (label: string, sql: string) => {
    const started = performance.now();
    const result = await db.query(sql);
    log(`  ${label}: ${result.rowCount ?? 0} rows, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  // Shares become ranges of [0, 1): master n lies in the city whose range holds a hash of n.
  let low = 0;
  const cityRows = CITIES.map(([slug, share, timeZone, currency, country], index) => {
    const row = `('bench-${slug}', 'Город ${slug}', 'City ${slug}', '${country}', '${timeZone}', '${currency}', ${index}, ${low}, ${low + share})`;
    low += share;
    return row;
  });
  await db.query(`CREATE TEMP TABLE city_shares (slug text, low float8, high float8)`);
  await db.query(`
    WITH rows (slug, name_ru, name_en, country_code, time_zone, currency, position, low, high) AS (VALUES ${cityRows.join(', ')}),
    cities AS (
      INSERT INTO cities (slug, name_ru, name_en, country_code, time_zone, currency, position)
      SELECT slug, name_ru, name_en, country_code, time_zone, currency, position FROM rows RETURNING slug)
    INSERT INTO city_shares SELECT slug, low, CASE WHEN high > 0.999 THEN 1.01 ELSE high END FROM rows`);
  await db.query(`
    INSERT INTO services (slug, category, name_ru, name_en, default_duration_minutes, position)
    SELECT 'bench-service-' || n, 'bench', 'Услуга ' || n, 'Service ' || n, 60, n FROM generate_series(0, ${SERVICES - 1}) n`);

  await step(
    'telegram users',
    `INSERT INTO telegram_users (telegram_id, first_name, updated_at)
     SELECT ${MASTER_TELEGRAM_BASE} + n, 'Master ' || n, now() FROM generate_series(1, ${masters + 1}) n
     UNION ALL
     SELECT ${CLIENT_TELEGRAM_BASE} + n, 'Client ' || n, now() FROM generate_series(1, ${clients}) n`,
  );
  // Names repeat (24 × 20 of them), so the search's order by name, then id, has ties to break.
  await step(
    'masters',
    `INSERT INTO masters (telegram_id, status, is_active, profile_completed_at, display_name, about, phone, phone_verified_at,
                          phone_verification_method, city_id, address, time_zone, updated_at)
     SELECT ${MASTER_TELEGRAM_BASE} + n, 'ACTIVE', true, now() - interval '100 days',
            (${sqlArray(FIRST_NAMES)})[1 + (hashint4(n) & 2147483647) % ${FIRST_NAMES.length}] || ' ' ||
            (${sqlArray(LAST_NAMES)})[1 + (hashint4(n * 7) & 2147483647) % ${LAST_NAMES.length}],
            'Мастер с опытом', '+7901' || lpad(n::text, 7, '0'), now(), 'OTP', c.id, 'ул. Тестовая, ' || n, c.time_zone, now()
     FROM generate_series(1, ${masters}) n
     JOIN city_shares s ON ((hashint4(n * 13) & 2147483647) / 2147483648.0) >= s.low AND ((hashint4(n * 13) & 2147483647) / 2147483648.0) < s.high
     JOIN cities c ON c.slug = s.slug`,
  );
  // The solo master takes the one-master bookings: works round the clock, 15-minute slots, a year ahead.
  await db.query(`
    INSERT INTO masters (telegram_id, status, is_active, profile_completed_at, display_name, city_id, address, time_zone, updated_at)
    SELECT ${MASTER_TELEGRAM_BASE + masters + 1}, 'ACTIVE', true, now(), 'Я Соло', id, 'ул. Соло, 1', time_zone, now()
    FROM cities WHERE slug = 'bench-moscow'`);
  await db.query(`CREATE TEMP TABLE master_n AS SELECT id, (telegram_id - ${MASTER_TELEGRAM_BASE})::int AS n, city_id FROM masters`);
  await db.query(`ALTER TABLE master_n ADD PRIMARY KEY (n)`);
  await step(
    'slot settings',
    `INSERT INTO slot_settings (master_id, step_minutes, buffer_minutes, min_notice_minutes, horizon_days)
     SELECT id, CASE WHEN n > ${masters} THEN 15 ELSE (ARRAY[15, 30, 30, 60])[1 + n % 4] END,
            CASE WHEN n > ${masters} THEN 0 ELSE (ARRAY[0, 0, 10, 15])[1 + (n / 4) % 4] END,
            CASE WHEN n > ${masters} THEN 0 ELSE 60 END,
            CASE WHEN n > ${masters} THEN 365 ELSE (ARRAY[30, 60])[1 + n % 2] END
     FROM master_n`,
  );
  // Monday to Saturday 10:00–20:00; every fifth master with a lunch break; the solo master all week, all day.
  await step(
    'schedules',
    `INSERT INTO schedule_intervals (master_id, weekday, start_minute, end_minute)
     SELECT m.id, d, i.start_minute, i.end_minute
     FROM master_n m
     CROSS JOIN generate_series(1, 7) d
     CROSS JOIN LATERAL (
       SELECT * FROM (VALUES (0, 1440, 0), (600, 1200, 1), (600, 840, 2), (900, 1200, 2)) v (start_minute, end_minute, kind)
       WHERE kind = CASE WHEN m.n > ${masters} THEN 0 WHEN m.n % 5 = 1 AND m.n % 40 <> 0 THEN 2 ELSE 1 END) i
     WHERE d <= 6 OR m.n > ${masters}`,
  );
  // 2–5 services per master (3.5 on average), spread over the catalogue; one for the solo master.
  await step(
    'offers',
    `INSERT INTO master_services (master_id, service_id, price_minor, currency, duration_minutes, position, updated_at)
     SELECT m.id, s.id, 100000 + (hashint4(m.n::int * 5 + j) & 2147483647) % 400000, c.currency,
            CASE WHEN m.n > ${masters} THEN 15 ELSE (ARRAY[30, 60, 60, 90, 120])[1 + (m.n + j) % 5] END, j, now()
     FROM master_n m
     JOIN cities c ON c.id = m.city_id
     CROSS JOIN LATERAL generate_series(0, CASE WHEN m.n > ${masters} THEN 0 ELSE 1 + (hashint4(m.n::int) & 3) END) j
     JOIN services s ON s.slug = 'bench-service-' || ((m.n * 7 + j * 3) % ${SERVICES})`,
  );
  await step(
    'clients',
    `INSERT INTO clients (telegram_id, first_name, last_name, phone, preferred_channels, last_seen_at, updated_at)
     SELECT ${CLIENT_TELEGRAM_BASE} + n, 'Client', 'N' || n, '+7900' || lpad(n::text, 7, '0'), '{TELEGRAM}', now(), now()
     FROM generate_series(1, ${clients}) n`,
  );
  await db.query(`CREATE TEMP TABLE client_n AS SELECT id, (telegram_id - ${CLIENT_TELEGRAM_BASE})::int AS n FROM clients`);
  await db.query(`ALTER TABLE client_n ADD PRIMARY KEY (n)`);
  await db.query(`
    CREATE TEMP TABLE offer_n AS
    SELECT o.id, o.master_id, o.service_id, o.price_minor, o.currency, o.duration_minutes, m.n, m.city_id,
           (row_number() OVER (PARTITION BY o.master_id ORDER BY o.position) - 1)::int AS ord,
           count(*) OVER (PARTITION BY o.master_id)::int AS offers
    FROM master_services o JOIN master_n m ON m.id = o.master_id`);
  await db.query(`CREATE INDEX ON offer_n (n, ord)`);

  // Bookings of each master at positions that never overlap: past ones on distinct days of the last
  // year, future ones within SEEDED_FUTURE_DAYS; 1 master in 40 has every working hour of those days booked.
  // Clients are drawn with a skew (u^1.6): some book often, most rarely.
  await withoutIndexes(db, 'bookings', async () => {
    await step(
      'bookings',
      `WITH positions AS (
         SELECT m.n, m.id AS master_id, p, 'past' AS kind FROM master_n m
         CROSS JOIN LATERAL generate_series(0, 5 + (hashint4(m.n::int * 3) & 2147483647) % 15) p WHERE m.n <= ${masters}
         UNION ALL
         SELECT m.n, m.id, p, 'future' FROM master_n m
         CROSS JOIN LATERAL generate_series(0, CASE WHEN m.n % 40 = 0 THEN ${SEEDED_FUTURE_DAYS * 10 - 1} ELSE (hashint4(m.n::int * 11) & 7) - 1 END) p
         WHERE m.n <= ${masters}),
       placed AS (
         SELECT pos.*, o.id AS offer_id, o.service_id, o.price_minor, o.currency, o.duration_minutes, o.city_id, mm.time_zone,
                hashint4((pos.n * 131 + pos.p)::int) & 2147483647 AS h,
                CASE WHEN kind = 'past' THEN -(1 + (pos.p * 17 + pos.n % 17) % 360)
                     WHEN pos.n % 40 = 0 THEN pos.p % ${SEEDED_FUTURE_DAYS}
                     ELSE pos.p END AS day,
                CASE WHEN kind = 'future' AND pos.n % 40 = 0 THEN 10 + pos.p / ${SEEDED_FUTURE_DAYS}
                     WHEN kind = 'future' THEN 10 + pos.n % 8
                     ELSE 10 + (hashint4((pos.n * 7 + pos.p)::int) & 7) END AS hour
         FROM positions pos
         JOIN masters mm ON mm.id = pos.master_id
         JOIN offer_n o ON o.n = pos.n AND o.ord = pos.p % o.offers),
       timed AS (
         SELECT placed.*, ((current_date + day) + make_time(hour, 0, 0)) AT TIME ZONE time_zone AS starts_at,
                1 + floor(${clients} * power((h % 1000003) / 1000003.0, 1.6))::int AS client_n
         FROM placed)
       INSERT INTO bookings (master_id, client_id, master_service_id, service_id, city_id, starts_at, ends_at, status, source,
                             client_name, client_phone, price_minor, currency, cancelled_at, cancelled_by, created_at, updated_at)
       SELECT t.master_id, c.id, t.offer_id, t.service_id, t.city_id, t.starts_at,
              t.starts_at + make_interval(mins => CASE WHEN t.kind = 'future' AND t.n % 40 = 0 THEN 60 ELSE t.duration_minutes END),
              s.status::"BookingStatus", 'CLIENT', 'Client', '+7900' || lpad(t.client_n::text, 7, '0'), t.price_minor, t.currency,
              CASE WHEN s.status = 'CANCELLED' THEN t.starts_at - interval '1 day' END,
              CASE WHEN s.status = 'CANCELLED' THEN 'CLIENT'::"BookingActor" END,
              least(now(), t.starts_at) - make_interval(hours => 1 + t.h % 300), now()
       FROM timed t
       JOIN client_n c ON c.n = t.client_n
       CROSS JOIN LATERAL (SELECT CASE WHEN t.kind = 'future' THEN 'CONFIRMED'
                                       WHEN t.h % 20 < 2 THEN 'CANCELLED' WHEN t.h % 20 = 2 THEN 'NO_SHOW'
                                       ELSE 'COMPLETED' END AS status) s`,
    );
  });
  await withoutIndexes(db, 'client_service_stats', () =>
    step(
      'client_service_stats (from the bookings)',
      `INSERT INTO client_service_stats (client_id, service_id, city_id, bookings_count, last_booked_at)
       SELECT client_id, service_id, city_id, count(*), max(created_at) FROM bookings
       WHERE status <> 'CANCELLED' AND client_id IS NOT NULL GROUP BY client_id, service_id, city_id`,
    ),
  );
  // Interest without (or beside) bookings: 5 (service, city) pairs per client over the last year.
  await withoutIndexes(db, 'client_service_interest', () =>
    step(
      'client_service_interest',
      `INSERT INTO client_service_interest (client_id, service_id, city_id, first_seen_at, last_seen_at)
       SELECT c.id, s.id, ci.id, now() - interval '400 days',
              now() - make_interval(secs => (hashint4((c.n * 13 + k)::int) & 2147483647) % 31536000)
       FROM client_n c
       CROSS JOIN generate_series(0, 4) k
       JOIN services s ON s.slug = 'bench-service-' || ((c.n * 7 + k * 3) % ${SERVICES})
       JOIN cities ci ON ci.position = (c.n + k) % ${CITIES.length}`,
    ),
  );
  await step(
    'consents (a third of the clients)',
    `INSERT INTO client_consents (client_id, kind, text_version)
     SELECT id, 'SHARE_CONTACT_WITH_PARTNERS', 'partners-v1' FROM client_n WHERE n % 3 = 0`,
  );
  // A review for one completed booking in six; master_ratings as the review module keeps it.
  await withoutIndexes(db, 'reviews', () =>
    step(
      'reviews',
      `INSERT INTO reviews (booking_id, master_id, client_id, author_name, rating, text, created_at)
       SELECT id, master_id, client_id, 'Client N.', 3 + (hashint4(hashtext(id::text)) & 2147483647) % 3, 'Отлично', ends_at + interval '1 day'
       FROM bookings WHERE status = 'COMPLETED' AND (hashint4(hashtext(id::text)) & 2147483647) % 6 = 0`,
    ),
  );
  await step(
    'master_ratings',
    `INSERT INTO master_ratings (master_id, review_count, rating_sum, updated_at)
     SELECT master_id, count(*), sum(rating), now() FROM reviews WHERE status = 'PUBLISHED' GROUP BY master_id`,
  );
  const started = performance.now();
  // As autovacuum leaves a live database: statistics gathered, visibility maps set.
  await db.query('VACUUM ANALYZE');
  log(`  VACUUM ANALYZE: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
