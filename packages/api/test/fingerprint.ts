import type { PrismaClient } from '../src/db.js';

let tables: string[] | undefined;

/**
 * Every application table's row count and a digest of its rows, as one string: equal before
 * and after a request exactly when the request wrote nothing (the test file's own database).
 */
export async function databaseFingerprint(prisma: PrismaClient): Promise<string> {
  tables ??= (
    await prisma.$queryRaw<{ name: string }[]>`
      SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
      ORDER BY table_name`
  ).map((row) => row.name);
  const parts = tables.map(
    (table) =>
      `SELECT '${table}:' || count(*) || ':' || coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') AS part FROM "${table}" t`,
  );
  const [row] = await prisma.$queryRawUnsafe<{ fingerprint: string }[]>(
    `SELECT string_agg(part, ',') AS fingerprint FROM (${parts.join(' UNION ALL ')}) parts`,
  );
  return row?.fingerprint ?? '';
}
