import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeDatabase, startupBanner } from './banner.js';

describe('the start-up banner', () => {
  it('names the database without its user or password', () => {
    const external = describeDatabase({ url: 'postgresql://zapis:s3cret-Pa55@db.internal:6432/zapis_prod?sslmode=require' });
    expect(external).toBe('PostgreSQL at db.internal:6432/zapis_prod');
    expect(external).not.toMatch(/s3cret|zapis:/);

    const cwd = '/home/dev/zapis';
    const embedded = (origin: 'started' | 'adopted') =>
      describeDatabase(
        {
          url: 'postgresql://postgres:random-password@127.0.0.1:41234/zapis',
          embedded: { dataDir: path.join(cwd, '.data/postgres'), port: 41234, origin, url: '', serverUrl: '', release: async () => {} },
        },
        cwd,
      );
    expect(embedded('started')).toBe('embedded PostgreSQL in .data/postgres (127.0.0.1:41234)');
    expect(embedded('adopted')).toBe('embedded PostgreSQL in .data/postgres (127.0.0.1:41234, already running: taken over)');
  });

  it('lists the addresses, the database and the background jobs', () => {
    const banner = startupBanner({
      webapp: 'http://localhost:4000/',
      graphiql: 'http://localhost:4000/graphql',
      database: 'embedded PostgreSQL in .data/postgres (127.0.0.1:41234)',
      jobs: ['draft clean-up', 'booking notifications'],
      readyInMs: 1234,
    });
    expect(banner).toContain('Zapis is ready (1.2 s)');
    expect(banner).toMatch(/Mini-app +http:\/\/localhost:4000\/\n +GraphiQL +http:\/\/localhost:4000\/graphql\n +Database +embedded/);
    expect(banner).toMatch(/Jobs +draft clean-up\n +booking notifications\n/);
  });
});
