import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Names this run's golden database or cluster folder (e2e/server.ts), made by the first file that starts a server. */
    e2eRunId: string;
  }
}

/** A name for the run's golden copy, and its removal once every file has run. */
export default function setup(project: TestProject) {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  project.provide('e2eRunId', runId);
  return async () => {
    await rm(path.join(tmpdir(), `zapis-e2e-golden-${runId}`), { recursive: true, force: true });
    const serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) return;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "zapis_e2e_golden_${runId}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  };
}
