/**
 * Bounded inputs: every argument a client sends is checked against these limits before anything
 * runs, so no list, string or nesting depth is large enough to reach a limit of SQLite (or of the
 * stack) as a server error. Each refusal is BAD_USER_INPUT naming the argument path, and echoes
 * at most a short prefix of the input. The values are documented in README ("Limits").
 */
import {
  GraphQLError,
  type GraphQLField,
  type GraphQLInputType,
  isInputObjectType,
  isListType,
  isNonNullType,
} from 'graphql';
import { MAX_BODY_LENGTH } from '../ingest/caps.ts';
import { badArgument, echo } from '../schema/lists/errors.ts';
import { MAX_NODE_IDS } from '../schema/pricing.ts';
import { thousands } from '../text/thousands.ts';

/** Items in any list argument or filter array (an IN list, an OR of conditions). */
export const MAX_LIST_ITEMS = 250;
/** Nesting of AND / OR / NOT in one filter. */
export const MAX_FILTER_DEPTH = 10;
/** Characters in any string argument (IDs, cursors, dates, keys) unless a field says less. */
export const MAX_STRING_LENGTH = 1000;
/**
 * Characters in a string of a mutation's input: an article body's cap. Shorter caps of the import
 * format (10,000 for other text) are the validator's, answered with a userError naming the field.
 */
export const MAX_MUTATION_STRING_LENGTH = MAX_BODY_LENGTH;
/** Nesting depth of the JSON `variables` object. */
export const MAX_VARIABLES_DEPTH = 32;

/** Stricter limits of some arguments, by schema coordinate (`Type.field(arg)` or `Input.field`). */
export const ARGUMENT_LIMITS: Record<string, number> = {
  'Query.nodes(ids)': MAX_NODE_IDS,
  'Query.search(query)': 500,
  'ActorFilter.name': 200,
  'QuoteFilter.text': 500,
};

/**
 * Checks one field's arguments (variables already substituted, so variables count exactly like
 * literals): string lengths, list lengths and filter nesting, naming the argument's path.
 */
export function checkArguments(
  field: GraphQLField<unknown, unknown>,
  parent: string,
  args: Record<string, unknown>,
  responsePath: readonly string[],
) {
  const strings = parent === 'Mutation' ? MAX_MUTATION_STRING_LENGTH : MAX_STRING_LENGTH;
  for (const arg of field.args) {
    const value = args[arg.name];
    try {
      if (value !== undefined)
        checkValue(value, arg.type, arg.name, `${parent}.${field.name}(${arg.name})`, 0, strings);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      throw new GraphQLError(error.message, { path: responsePath, extensions: error.extensions });
    }
  }
}

function checkValue(
  value: unknown,
  type: GraphQLInputType,
  path: string,
  coordinate: string,
  depth: number,
  strings: number,
): void {
  if (value == null) return;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    if (!Array.isArray(value)) {
      checkValue(value, inner.ofType, path, coordinate, depth, strings);
      return;
    }
    const max = ARGUMENT_LIMITS[coordinate] ?? MAX_LIST_ITEMS;
    if (value.length > max) {
      throw badArgument(path, `has ${thousands(value.length)} items; at most ${max} are allowed.`);
    }
    value.forEach((item, i) => {
      checkValue(item, inner.ofType, `${path}[${i}]`, coordinate, depth, strings);
    });
    return;
  }
  if (isInputObjectType(inner)) {
    const fields = inner.getFields();
    for (const [key, fieldValue] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[key];
      if (!field) continue;
      const nested = key === 'AND' || key === 'OR' || key === 'NOT' ? depth + 1 : depth;
      if (nested > MAX_FILTER_DEPTH) {
        throw badArgument(`${path}.${key}`, `filters nest AND, OR and NOT at most ${MAX_FILTER_DEPTH} deep.`);
      }
      checkValue(fieldValue, field.type, `${path}.${key}`, `${inner.name}.${key}`, nested, strings);
    }
    return;
  }
  if (typeof value === 'string') {
    const max = ARGUMENT_LIMITS[coordinate] ?? strings;
    if (value.length > max) {
      throw badArgument(path, `${echo(value)} is too long: at most ${thousands(max)} characters.`);
    }
  }
}

/**
 * The depth of a parsed JSON value, counted without recursion (a value 100,000 levels deep must not
 * overflow the stack while it is being measured); stops counting past `max`.
 */
export function jsonDepthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (!node || typeof node !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(node)) if (child && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}
