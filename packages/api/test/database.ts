/** The connection string of this test file's own database (made by test/file-database.ts). */
export function testDatabaseUrl(): string {
  const url = process.env.ZAPIS_TEST_DATABASE_URL;
  if (!url) throw new Error('No test database: run the tests with vitest (test/file-database.ts makes one per file).');
  return url;
}
