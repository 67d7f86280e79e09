/**
 * The breaking-change rule: between two versions of the schema, every change that
 * `@graphql-inspector/core` rates BREAKING (a removed field, a changed argument type, a new
 * required argument, …) must touch only what the older version had already deprecated. A type
 * cannot carry `@deprecated`, so a type counts as deprecated when every field, argument and input
 * field that uses it was.
 */
import { type Change, CriticalityLevel, diff } from '@graphql-inspector/core';
import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
} from 'graphql';

export interface Breach {
  path: string;
  message: string;
}

type Usage = GraphQLField<unknown, unknown> | GraphQLArgument | GraphQLInputField;

/** Every field, argument and input field whose type (unwrapped) is `typeName`. */
function usagesOf(schema: GraphQLSchema, typeName: string): Usage[] {
  const usages: Usage[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (getNamedType(field.type).name === typeName) usages.push(field);
        for (const arg of field.args) if (getNamedType(arg.type).name === typeName) usages.push(arg);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (getNamedType(field.type).name === typeName) usages.push(field);
      }
    }
  }
  return usages;
}

function typeDeprecated(schema: GraphQLSchema, type: GraphQLNamedType): boolean {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  if (roots.includes(type as never)) return false;
  const usages = usagesOf(schema, type.name);
  return usages.length > 0 && usages.every((usage) => usage.deprecationReason != null);
}

/** Whether `path` (`Type`, `Type.member`, `Type.field.argument`) was deprecated in `schema`. */
export function deprecatedIn(schema: GraphQLSchema, path: string): boolean {
  const [typeName = '', member, argument] = path.split('.');
  const type = schema.getType(typeName);
  if (!type) return false;
  if (member === undefined) return typeDeprecated(schema, type);
  if (isEnumType(type)) {
    const value = type.getValue(member);
    if (value?.deprecationReason != null) return true;
  } else if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
    const field = type.getFields()[member];
    if (field?.deprecationReason != null) return true;
    if (field && argument !== undefined && 'args' in field) {
      const arg = field.args.find((a) => a.name === argument);
      if (arg?.deprecationReason != null) return true;
    }
  }
  // A member that is not deprecated itself (or is new) is fine only inside a deprecated type.
  return typeDeprecated(schema, type);
}

/** The breaking changes from `before` to `after` that `before` had not announced by deprecation. */
export async function undeprecatedBreaks(before: string, after: string): Promise<Breach[]> {
  const old = buildSchema(before);
  const changes: Change[] = await diff(old, buildSchema(after));
  return changes
    .filter((change) => change.criticality.level === CriticalityLevel.Breaking)
    .filter((change) => !change.path || !deprecatedIn(old, change.path))
    .map((change) => ({ path: change.path ?? '(schema)', message: change.message }));
}
