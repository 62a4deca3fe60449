import path from 'node:path';
import type { Database } from './db.js';
import { repoRoot } from './env.js';

/** Which database this is, for people and logs: never its user or password. */
export function describeDatabase(database: Pick<Database, 'url' | 'embedded'>, base = repoRoot): string {
  if (database.embedded) {
    const { dataDir, port, origin } = database.embedded;
    const relative = path.relative(base, dataDir);
    const shown = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : dataDir;
    const how = origin === 'started' ? '' : ', already running: taken over';
    return `embedded PostgreSQL in ${shown} (127.0.0.1:${port}${how})`;
  }
  const url = new URL(database.url);
  const host = url.hostname || url.searchParams.get('host') || 'localhost';
  return `PostgreSQL at ${host}${url.port ? `:${url.port}` : ''}${url.pathname}`;
}

export interface StartupFacts {
  webapp: string;
  graphiql?: string;
  database: string;
  jobs: string[];
  readyInMs: number;
}

/** What a person at a terminal sees once the server is up. */
export function startupBanner(facts: StartupFacts): string {
  const rows: [string, string][] = [
    ['Mini-app', facts.webapp],
    ...(facts.graphiql ? ([['GraphiQL', facts.graphiql]] as [string, string][]) : []),
    ['Database', facts.database],
    ...facts.jobs.map((job, index): [string, string] => [index === 0 ? 'Jobs' : '', job]),
  ];
  return [
    '',
    `  Zapis is ready (${(facts.readyInMs / 1000).toFixed(1)} s)`,
    ...rows.map(([label, value]) => `    ${label.padEnd(9)} ${value}`),
    '  Ctrl-C stops it.',
    '',
  ].join('\n');
}
