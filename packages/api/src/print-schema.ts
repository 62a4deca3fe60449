import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printSchema } from 'graphql';
import { repoRoot } from './env.js';
import { schema } from './schema.js';

/** Writes packages/schema/schema.graphql, the committed contract the clients are typed from. */
const target = path.join(repoRoot, 'packages', 'schema', 'schema.graphql');
writeFileSync(target, `${printSchema(schema)}\n`);
console.log(`wrote ${path.relative(process.cwd(), target)}`);
