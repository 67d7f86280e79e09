/**
 * The cost model: before anything runs, the largest number of objects an operation's answer can
 * hold, computed from the query and its variables alone (search also looks up how many index
 * terms its prefixes expand to). GitHub's rule, counted over every object:
 *
 * - a field that returns one object counts 1;
 * - a connection (a field with `first`/`last`) counts 1, and its `edges` and `nodes` count its
 *   page size each: `first`, else `last`, else 20 (at most 100);
 * - any other list of objects counts the most items it can return, declared on the field
 *   (src/schema/pricing.ts): its write-time cap, the 100 of a deprecated plain list, a
 *   time series' series × buckets, a stats list's row cap, the IDs given to `nodes`;
 * - what a list holds is counted once per item it can return: nested lists multiply;
 * - fields may add a surcharge for work that is not objects (search: its term expansions);
 * - scalars, enums and `__typename` are free; fragments on different types add up.
 *
 * Every argument is also checked against the input limits (limits.ts) on the way, with variables
 * substituted, so variables count exactly like literals.
 */
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLField,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { MAX_PAGE_SIZE } from '../../schema/paging.ts';
import { PLAIN_LIST_CAP, PRICE, type Price, type PriceContext, SURCHARGE } from '../../schema/pricing.ts';
import { checkArguments } from '../limits.ts';

/** Objects one request may ask for (GitHub's limit). */
export const MAX_COST = 500_000;
/** The page size of a connection asked without `first` or `last`. */
export const DEFAULT_PAGE_SIZE = 20;

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  context: PriceContext;
}

/** The cost of `operation`; throws a GraphQLError (BAD_USER_INPUT) for an argument over a limit. */
export async function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  context: PriceContext,
): Promise<number> {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return selectionCost({ schema, fragments, variables, context }, root, operation.selectionSet, [], null);
}

async function selectionCost(
  walk: Walk,
  type: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  path: string[],
  pageSize: number | null,
): Promise<number> {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : type;
      if (isCompositeType(on)) total += await selectionCost(walk, on, selection.selectionSet, path, pageSize);
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = walk.fragments[selection.name.value];
      const on = fragment && walk.schema.getType(fragment.typeCondition.name.value);
      if (fragment && isCompositeType(on))
        total += await selectionCost(walk, on, fragment.selectionSet, path, pageSize);
      continue;
    }
    const name = selection.name.value;
    if (name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    const field = type.getFields()[name];
    if (!field) continue; // validation reports it
    const at = [...path, selection.alias?.value ?? name];
    const args = argumentsOf(field, selection, walk.variables, at);
    checkArguments(field, type.name, args, at);
    const returned = getNamedType(field.type);
    if (isLeafType(returned) || !isCompositeType(returned)) continue;
    const items = await itemsOf(walk, field, args, pageSize, at);
    const surcharge = await priceOf(field.extensions?.[SURCHARGE] as Price | undefined, args, walk.context, 0);
    const childPageSize = field.args.some((a) => a.name === 'first') ? connectionPageSize(args) : null;
    total += items + surcharge;
    if (selection.selectionSet && items > 0) {
      total += items * (await selectionCost(walk, returned, selection.selectionSet, at, childPageSize));
    }
  }
  return total;
}

function argumentsOf(
  field: GraphQLField<unknown, unknown>,
  node: Parameters<typeof getArgumentValues>[1],
  variables: Record<string, unknown>,
  at: string[],
): Record<string, unknown> {
  try {
    return getArgumentValues(field, node, variables);
  } catch (error) {
    // Only a value execution would refuse too; refuse it here, at the field's path.
    if (error instanceof GraphQLError)
      throw new GraphQLError(error.message, { path: at, extensions: { code: 'BAD_USER_INPUT' } });
    throw error;
  }
}

/** How many objects the field returns at most. */
async function itemsOf(
  walk: Walk,
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  pageSize: number | null,
  at: string[],
): Promise<number> {
  if (!isListType(getNullableType(field.type))) return 1;
  // `edges` and `nodes` of a connection: its page size.
  if (pageSize !== null && (field.name === 'edges' || field.name === 'nodes')) return pageSize;
  const price = field.extensions?.[PRICE] as Price | undefined;
  if (price === undefined) {
    // The schema test makes sure every list of objects declares its price; this is a backstop.
    throw new Error(`${at.join('.')}: this list has no price.`);
  }
  return priceOf(price, args, walk.context, PLAIN_LIST_CAP);
}

async function priceOf(
  price: Price | undefined,
  args: Record<string, unknown>,
  context: PriceContext,
  fallback: number,
) {
  if (price === undefined) return fallback;
  return typeof price === 'number' ? price : await price(args, context);
}

/** Out-of-range values are refused by the paging guard when the field runs; here they are clamped. */
function connectionPageSize(args: Record<string, unknown>): number {
  const asked = (args.first ?? args.last ?? DEFAULT_PAGE_SIZE) as number;
  return Math.min(Math.max(asked, 0), MAX_PAGE_SIZE);
}
