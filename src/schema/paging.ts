/**
 * Paging arguments are checked on every connection field before it resolves. Pothos would
 * silently clamp `first: 500` to the maximum, skips the resolver (and so every check) when only
 * `totalCount` is selected, and passes a hand-made or foreign cursor straight into SQL. Here each
 * of those is a clear BAD_USER_INPUT naming the argument.
 *
 * Cursors stay in the drizzle plugin's own format: for a nested connection the plugin reads them
 * while planning the parent's query, before this wrapper runs, so they cannot be re-encoded.
 */
import { defaultFieldResolver, GraphQLError, type GraphQLField, type GraphQLSchema, isObjectType } from 'graphql';

export const MAX_PAGE_SIZE = 100;

/**
 * Field extension: how many columns a connection orders by (default 1, the key alone). A cursor
 * holds one value per column; all our ordering columns are text.
 */
export const ORDERING_COLUMNS = 'orderingColumns';

interface PagingArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

function badInput(argument: string, message: string) {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

export function checkPageSize(args: PagingArgs): void {
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw badInput(name, `Argument "${name}" must be between 0 and ${MAX_PAGE_SIZE}; got ${value}.`);
    }
  }
  if (args.first != null && args.last != null) {
    throw badInput('last', 'Arguments "first" and "last" cannot be used together.');
  }
}

/** The ordering values a cursor holds, or null when it is not a cursor this API could have made. */
function cursorValues(cursor: string): unknown[] | null {
  try {
    const text = atob(cursor);
    if (text.startsWith('DC:S:')) return [text.slice('DC:'.length)];
    if (!text.startsWith('DC:T:')) return null;
    const values: unknown = JSON.parse(text.slice('DC:T:'.length));
    return Array.isArray(values) ? values : null;
  } catch {
    return null;
  }
}

export function checkCursors(args: PagingArgs, orderingColumns: number): void {
  for (const name of ['after', 'before'] as const) {
    const cursor = args[name];
    if (cursor == null) continue;
    const values = cursorValues(cursor);
    if (!values || values.length === 0 || !values.every((v) => typeof v === 'string' && v.startsWith('S:'))) {
      throw badInput(name, `Argument "${name}" is not a cursor from this API: use a cursor from pageInfo or edges.`);
    }
    // A single-column cursor is also a valid (coarser) position in a longer ordering.
    if (values.length > 1 && values.length !== orderingColumns) {
      throw badInput(
        name,
        `Argument "${name}" is a cursor from another list; cursors only page the list that returned them.`,
      );
    }
  }
}

function orderingColumnsOf(field: GraphQLField<unknown, unknown>): number {
  const value = field.extensions?.[ORDERING_COLUMNS];
  return typeof value === 'number' ? value : 1;
}

/** Wraps every field that takes `first` so its paging arguments are checked before it resolves. */
export function guardPaging(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.args.some((arg) => arg.name === 'first')) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const columns = orderingColumnsOf(field);
      field.resolve = (source, args: PagingArgs, context, info) => {
        checkPageSize(args);
        checkCursors(args, columns);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
