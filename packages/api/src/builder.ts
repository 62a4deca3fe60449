import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import {
  type ActiveMasterContext,
  type ClientContext,
  type Context,
  clientOf,
  type MasterContext,
  masterOf,
  type PartnerContext,
  type TelegramContext,
} from './context.js';
import { scopeFailureError, validationFailureError } from './errors.js';
import type PrismaTypes from './generated/pothos-prisma-types.js';
import { getDatamodel } from './generated/pothos-prisma-types.js';
import InputRulePlugin from './input-rule.js';

export interface AuthScopes {
  /** A Telegram user whose init data was verified. */
  telegramUser: boolean;
  /** A verified user with a master profile (draft or active, not archived). */
  master: boolean;
  /** A master whose profile is complete and activated (it may be hidden from clients). */
  activeMaster: boolean;
  /** A verified user with a client profile that was not erased (see `upsertClient`). */
  client: boolean;
  /** An operator: the request carries ADMIN_API_KEY in `X-Admin-Key`. */
  operator: boolean;
  /** A partner's server with a valid API key (`Authorization: Bearer <key>`). */
  partner: boolean;
  /** Anyone but a partner key: partner keys reach only partner fields and the public catalogue. */
  notPartner: boolean;
}

/** A file of a multipart request (the GraphQL multipart request spec), as the request parser hands it over. */
export interface UploadedFile {
  name: string;
  type: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

function isUploadedFile(value: unknown): value is UploadedFile {
  return (
    typeof value === 'object' && value !== null && 'size' in value && 'arrayBuffer' in value && typeof value.arrayBuffer === 'function'
  );
}

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: AuthScopes;
  /** What a field guarded by a scope may read from the context (`t.withAuth({ scope: true })`). */
  AuthContexts: {
    telegramUser: TelegramContext;
    master: MasterContext;
    activeMaster: ActiveMasterContext;
    client: ClientContext;
    partner: PartnerContext;
  };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
    File: { Input: UploadedFile; Output: never };
  };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  // InputRulePlugin last: its step runs before the others' (see input-rule.ts).
  plugins: [ScopeAuthPlugin, ValidationPlugin, PrismaPlugin, RelayPlugin, InputRulePlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  scopeAuth: {
    authScopes: (context) => ({
      telegramUser: context.viewer.kind === 'telegram',
      master: async () => (await masterOf(context)) !== null,
      activeMaster: async () => (await masterOf(context))?.status === 'ACTIVE',
      client: async () => (await clientOf(context)) !== null,
      operator: context.operator,
      partner: context.viewer.kind === 'partner',
      notPartner: context.viewer.kind !== 'partner',
    }),
    unauthorizedError: (_parent, context, _info, result) => scopeFailureError(context, result),
  },
  validation: {
    validationError: (failure) => validationFailureError(failure),
  },
  prisma: {
    client: (context) => context.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'error',
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // Our own `node` and `nodes` (node.ts) answer every id they cannot load alike.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('JSON', JSONResolver);
builder.scalarType('File', {
  description: 'A file sent beside the operation in a multipart request (the GraphQL multipart request spec). Input only.',
  serialize: () => {
    throw new Error('File is an input-only scalar.');
  },
  parseValue: (value) => {
    if (isUploadedFile(value)) return value;
    throw new GraphQLError('Send the file as a part of a multipart request (the GraphQL multipart request spec).');
  },
});
// Partner keys reach only the fields that say so (skipTypeScopes with the `partner` scope, and the catalogue).
builder.queryType({ authScopes: { notPartner: true } });
builder.mutationType({ authScopes: { notPartner: true } });
