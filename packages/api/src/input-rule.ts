import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import {
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { validationFailureError } from './errors.js';

/**
 * The one rule every piece of text a client sends passes, whatever field it is in: no NUL
 * (PostgreSQL cannot store it) and no lone UTF-16 surrogate (not text: it cannot be encoded as
 * UTF-8), and the text is normalised to NFC so that the same words are stored, compared and
 * searched as the same characters. Trimming is each field's own rule (its zod schema says so).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

type Issue = StandardSchemaV1.Issue;

function textIssue(value: string): string | null {
  if (value.includes('\u0000')) return 'Text may not contain NUL characters.';
  if (LONE_SURROGATE.test(value)) return 'Text may not contain unpaired UTF-16 surrogates.';
  return null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Free-form JSON (a JSON scalar, a request body): every string in it, keys included, passes
 * the rule. Anything that is not plain JSON (a Date, an uploaded file) is left as it is.
 */
export function cleanJson(value: unknown, path: readonly PropertyKey[], issues: Issue[]): unknown {
  if (typeof value === 'string') {
    const message = textIssue(value);
    if (message) issues.push({ message, path });
    return value.normalize('NFC');
  }
  if (Array.isArray(value)) return value.map((item, index) => cleanJson(item, [...path, index], issues));
  if (!isPlainObject(value)) return value;
  const cleaned: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const keyMessage = textIssue(key);
    if (keyMessage) issues.push({ message: keyMessage, path: [...path, key] });
    cleaned[key.normalize('NFC')] = cleanJson(item, [...path, key], issues);
  }
  return cleaned;
}

/** A coerced argument value, walked along its GraphQL type: input objects, lists and scalars at any depth. */
function cleanValue(type: GraphQLInputType, value: unknown, path: readonly PropertyKey[], issues: Issue[]): unknown {
  if (value === null || value === undefined) return value;
  if (isNonNullType(type)) return cleanValue(type.ofType, value, path, issues);
  if (isListType(type)) {
    return Array.isArray(value) ? value.map((item, index) => cleanValue(type.ofType, item, [...path, index], issues)) : value;
  }
  if (isEnumType(type)) return value;
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    const cleaned: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[key];
      cleaned[key] = field ? cleanValue(field.type, item, [...path, key], issues) : item;
    }
    return cleaned;
  }
  // String and ID are strings; JSON may hold strings anywhere; Date, File and numbers pass as they are.
  return cleanJson(value, path, issues);
}

/** The field's arguments after the rule, or BAD_USER_INPUT naming every field that broke it. */
export function cleanArguments(definitions: readonly GraphQLArgument[], args: Record<string, unknown>): Record<string, unknown> {
  const issues: Issue[] = [];
  const cleaned: Record<string, unknown> = { ...args };
  for (const definition of definitions) {
    if (definition.name in args) cleaned[definition.name] = cleanValue(definition.type, args[definition.name], [definition.name], issues);
  }
  if (issues.length > 0) throw validationFailureError({ issues });
  return cleaned;
}

function argumentsOf(schema: GraphQLSchema, parentType: string, fieldName: string): readonly GraphQLArgument[] {
  const type = schema.getType(parentType);
  return isObjectType(type) || isInterfaceType(type) ? (type.getFields()[fieldName]?.args ?? []) : [];
}

/**
 * Applies the rule to the arguments of every field that takes any, before anything else sees
 * them: it is registered last, and Pothos runs the argument steps of the plugins listed later
 * first, so field validation (zod) and global-id parsing get the cleaned values, and no
 * resolver or database call ever sees text that broke the rule.
 */
export class InputRulePlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    if (Object.keys(fieldConfig.args).length === 0) return fieldConfig;
    return {
      ...fieldConfig,
      argMappers: [
        ...(fieldConfig.argMappers ?? []),
        (args, _context, info) => cleanArguments(argumentsOf(info.schema, fieldConfig.parentType, fieldConfig.name), args),
      ],
    };
  }
}

const pluginName = 'inputRule';

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      inputRule: InputRulePlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(pluginName, InputRulePlugin);

export default pluginName;
