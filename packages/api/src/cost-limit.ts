import type { Plugin } from '@envelop/core';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from 'graphql';

/** The most a single operation may cost; the README ("Limits") shows what pages cost. */
export const MAX_OPERATION_COST = 15_000;
/**
 * A connection asked for without `first` is counted at its default page: 20 (bookings, reviews,
 * search) unless listed here.
 */
const DEFAULT_PAGE = 20;
const DEFAULT_PAGES: Record<string, number> = { 'Query.segment': 100, 'Query.cities': 50, 'Query.services': 50 };
/** A plain list (no `first`) of objects is counted as this many. */
const LIST_ITEMS = 10;
/**
 * What one item of these fields costs on top of its selected fields: work done per item beyond
 * reading columns. A master found by `searchMasters` comes with their next free start, which the
 * slot engine computes from their schedule and bookings.
 */
const ITEM_COST: Record<string, number> = { 'Query.searchMasters': 25 };

type Variables = Readonly<Record<string, unknown>>;

interface Walk {
  fragments: Record<string, FragmentDefinitionNode | undefined>;
  variables: Variables;
  schema: GraphQLSchema;
}

function intOf(node: ValueNode | undefined, variables: Variables): number | undefined {
  if (!node) return undefined;
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const value = variables[node.name.value];
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  }
  return undefined;
}

function listLengthOf(node: ValueNode | undefined, variables: Variables): number | undefined {
  if (!node) return undefined;
  if (node.kind === Kind.LIST) return node.values.length;
  if (node.kind === Kind.VARIABLE) {
    const value = variables[node.name.value];
    return Array.isArray(value) ? value.length : 1;
  }
  return 1;
}

/** How many items a field's selection is paid for: its page size, its ids, or a nominal list length. */
function itemsOf(node: FieldNode, field: GraphQLField<unknown, unknown>, parent: string, walk: Walk): number {
  const argument = (name: string) => node.arguments?.find((candidate) => candidate.name.value === name)?.value;
  if (field.args.some((arg) => arg.name === 'first' || arg.name === 'last')) {
    const asked = Math.max(intOf(argument('first'), walk.variables) ?? 0, intOf(argument('last'), walk.variables) ?? 0);
    return asked > 0 ? asked : (DEFAULT_PAGES[`${parent}.${field.name}`] ?? DEFAULT_PAGE);
  }
  if (field.args.some((arg) => arg.name === 'ids')) return listLengthOf(argument('ids'), walk.variables) ?? 1;
  return isListType(getNullableType(field.type)) ? LIST_ITEMS : 1;
}

function selectionCost(selectionSet: SelectionSetNode, type: GraphQLNamedType | undefined, walk: Walk, seen: ReadonlySet<string>): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      cost += fieldCost(selection, type, walk, seen);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : type;
      cost += selectionCost(selection.selectionSet, condition ?? undefined, walk, seen);
    } else {
      const fragment = walk.fragments[selection.name.value];
      // A fragment that spreads itself is refused by validation; here it only must not loop.
      if (!fragment || seen.has(fragment.name.value)) continue;
      const condition = walk.schema.getType(fragment.typeCondition.name.value) ?? undefined;
      cost += selectionCost(fragment.selectionSet, condition, walk, new Set([...seen, fragment.name.value]));
    }
  }
  return cost;
}

/**
 * A field costs 1, plus its selection once per item it returns. For a connection the page size
 * multiplies `edges` and `nodes`, not `pageInfo` or `totalCount`.
 */
function fieldCost(node: FieldNode, parent: GraphQLNamedType | undefined, walk: Walk, seen: ReadonlySet<string>): number {
  if (node.name.value.startsWith('__')) return 0;
  const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[node.name.value] : undefined;
  if (!field || !node.selectionSet) return 1;
  const type = getNamedType(field.type);
  const items = itemsOf(node, field, parent?.name ?? '', walk);
  const extra = ITEM_COST[`${parent?.name}.${field.name}`] ?? 0;
  const isConnection = (isObjectType(type) || isInterfaceType(type)) && 'edges' in type.getFields();
  if (!isConnection) return 1 + items * (extra + selectionCost(node.selectionSet, type, walk, seen));
  let cost = 1;
  for (const selection of node.selectionSet.selections) {
    const listField = selection.kind === Kind.FIELD ? type.getFields()[selection.name.value] : undefined;
    if (
      selection.kind === Kind.FIELD &&
      selection.selectionSet &&
      listField &&
      (listField.name === 'edges' || listField.name === 'nodes')
    ) {
      // The page: each of its items once, with what is selected of it.
      cost += items * (1 + extra + selectionCost(selection.selectionSet, getNamedType(listField.type), walk, seen));
    } else {
      cost += selectionCost({ kind: Kind.SELECTION_SET, selections: [selection] }, type, walk, seen);
    }
  }
  return cost;
}

/** What an operation costs, with the request's variables. */
export function operationCost(
  operation: OperationDefinitionNode,
  document: DocumentNode,
  schema: GraphQLSchema,
  variables: Variables = {},
): number {
  const fragments: Walk['fragments'] = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const root = schema.getRootType(operation.operation) ?? undefined;
  return selectionCost(operation.selectionSet, root, { fragments, variables, schema }, new Set());
}

/**
 * Refuses operations that would cost more than `maxCost` (GRAPHQL_VALIDATION_FAILED, from Yoga's
 * validation errors). Unlike GraphQL Armor's cost limit, page sizes given as variables count,
 * connections multiply only their items, and the documented largest pages fit.
 */
export function useCostLimit({ maxCost = MAX_OPERATION_COST }: { maxCost?: number } = {}): Plugin {
  return {
    onValidate({ addValidationRule, context }) {
      const variables = ((context as { params?: { variables?: Variables } }).params?.variables ?? {}) as Variables;
      addValidationRule((validation: ValidationContext) => ({
        OperationDefinition(operation: OperationDefinitionNode) {
          const cost = operationCost(operation, validation.getDocument(), validation.getSchema(), variables);
          if (cost > maxCost) {
            validation.reportError(
              new GraphQLError(`Over the cost limit: this operation costs ${cost}, the limit is ${maxCost}.`, { nodes: operation }),
            );
          }
        },
      }));
    },
  };
}
