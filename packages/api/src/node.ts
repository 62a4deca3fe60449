import { decodeGlobalID, resolveNodes } from '@pothos/plugin-relay';
import { type GraphQLSchema, isObjectType } from 'graphql';
import { builder } from './builder.js';
import { badInput } from './errors.js';
import { UUID } from './global-id.js';

/** `nodes(ids:)` loads at most this many objects in one call. */
export const MAX_NODE_IDS = 100;

interface NodeLoaders {
  loadOne?: unknown;
  loadMany?: unknown;
  loadWithoutCache?: unknown;
  loadManyWithoutCache?: unknown;
}

/**
 * What `node` may load for a global id: an object type of the schema that implements Node and
 * loads by id, with a database id. Anything else — garbage, an id of an internal or unloadable
 * type, an id that is not a UUID — is nothing, exactly like an object that does not exist or
 * that the caller may not see (the types' loaders answer null for those).
 */
function loadableId(globalId: string, schema: GraphQLSchema): { typename: string; id: string } | null {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    return null;
  }
  if (!UUID.test(decoded.id)) return null;
  const type = schema.getType(decoded.typename);
  if (!isObjectType(type) || !type.getInterfaces().some((node) => node.name === 'Node')) return null;
  const loaders = builder.configStore.getTypeConfig(decoded.typename, 'Object').pothosOptions as NodeLoaders;
  const loads = loaders.loadOne ?? loaders.loadMany ?? loaders.loadWithoutCache ?? loaders.loadManyWithoutCache;
  return loads ? decoded : null;
}

builder.queryField('node', (t) =>
  t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    description:
      'The object with this global id, or null: for an id that does not exist, is malformed, or names something you may not see.',
    args: { id: t.arg.id() },
    resolve: async (_root, { id }, context, info) => {
      const [node] = await resolveNodes(builder, context, info, [loadableId(String(id), info.schema)]);
      return node ?? null;
    },
  }),
);

builder.queryField('nodes', (t) =>
  t.field({
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    description: `The objects with these global ids, in order, null where \`node\` would answer null. At most ${MAX_NODE_IDS} ids.`,
    args: { ids: t.arg.idList() },
    resolve: async (_root, { ids }, context, info) => {
      if (ids.length > MAX_NODE_IDS) throw badInput('ids', `At most ${MAX_NODE_IDS} ids.`);
      const nodes = await resolveNodes(
        builder,
        context,
        info,
        ids.map((id) => loadableId(String(id), info.schema)),
      );
      return nodes.map((node) => node ?? null);
    },
  }),
);
