import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { graphiqlOptions } from './graphiql.js';
import { schema } from './schema.js';

describe('GraphiQL example operations', () => {
  it('are all valid against the schema, so they run as shown', () => {
    const document = parse(graphiqlOptions(undefined).defaultQuery!);
    expect(validate(schema, document)).toEqual([]);
    const names = document.definitions.map((definition) => ('name' in definition ? definition.name?.value : undefined));
    expect(names).toEqual(expect.arrayContaining(['Cities', 'SearchMasters', 'AvailableSlots', 'Funnel', 'Segment', 'SegmentSize']));
  });
});
