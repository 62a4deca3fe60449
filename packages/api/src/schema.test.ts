import { readFileSync } from 'node:fs';
import path from 'node:path';
import { printSchema } from 'graphql';
import { expect, it } from 'vitest';
import { repoRoot } from './env.js';
import { schema } from './schema.js';

it('packages/schema/schema.graphql is the current schema (npm run schema regenerates it)', () => {
  const committed = readFileSync(path.join(repoRoot, 'packages', 'schema', 'schema.graphql'), 'utf8');
  expect(committed).toBe(`${printSchema(schema)}\n`);
});
