import type { PrismaClient } from '../src/db.js';

let tables: string[] | undefined;

/**
 * Every application table's row count and a digest of its rows, by table: equal before and
 * after a request exactly when the request wrote nothing (the test file's own database). The
 * rate-limit counters are left out: every request counts there, a refused one too, by design.
 */
export async function databaseFingerprint(prisma: PrismaClient): Promise<Record<string, string>> {
  tables ??= (
    await prisma.$queryRaw<{ name: string }[]>`
      SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('_prisma_migrations', 'rate_limits')
      ORDER BY table_name`
  ).map((row) => row.name);
  const parts = tables.map(
    (table) =>
      `SELECT '${table}' AS name, count(*) || ':' || coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') AS digest FROM "${table}" t`,
  );
  const rows = await prisma.$queryRawUnsafe<{ name: string; digest: string }[]>(parts.join(' UNION ALL '));
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
}

/** The tables whose rows differ between two fingerprints. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
}
