/**
 * Paging arguments are checked on every connection field before it resolves. Pothos would
 * silently clamp `first: 500` to the maximum, skips the resolver (and so every check) when only
 * `totalCount` is selected, and passes a hand-made or foreign cursor straight into SQL. Here each
 * of those is a clear BAD_USER_INPUT naming the argument.
 */
import { defaultFieldResolver, GraphQLError, type GraphQLField, type GraphQLSchema, isObjectType } from 'graphql';

export const MAX_PAGE_SIZE = 100;

/**
 * Field extension: how many columns a connection orders by (default 1, the key alone). A cursor
 * holds one value per column; all our ordering columns are text.
 */
export const ORDERING_COLUMNS = 'orderingColumns';

/** Field extension: a function that throws on bad non-paging arguments (a root list's filter). */
export const VALIDATE_ARGS = 'validateArgs';

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

/** The ordering values a plugin cursor holds, or null when it is not one this API could have made. */
function cursorValues(cursor: string): unknown[] | null {
  try {
    const text = atob(cursor);
    if (/^DC:[SN]:/.test(text)) return [text.slice('DC:'.length)];
    if (!text.startsWith('DC:T:')) return null;
    const values: unknown = JSON.parse(text.slice('DC:T:'.length));
    return Array.isArray(values) ? values : null;
  } catch {
    return null;
  }
}

/** Text (`S:`) or finite numbers (`N:`): the only column types our orderings use. */
function isOrderingValue(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (value.startsWith('S:')) return true;
  return value.startsWith('N:') && Number.isFinite(Number(value.slice(2))) && value.length > 2;
}

function notACursor(argument: string) {
  return badInput(
    argument,
    `Argument "${argument}" is not a cursor from this API: use a cursor from pageInfo or edges.`,
  );
}

/** Nested lists: the plugin reads their cursors while planning the parent, so they stay unsealed. */
export function checkCursors(args: PagingArgs, orderingColumns: number): void {
  for (const name of ['after', 'before'] as const) {
    const cursor = args[name];
    if (cursor == null) continue;
    const values = cursorValues(cursor);
    if (!values || values.length === 0 || !values.every(isOrderingValue)) throw notACursor(name);
    // A single-column cursor is also a valid (coarser) position in a longer ordering.
    if (values.length > 1 && values.length !== orderingColumns) {
      throw badInput(
        name,
        `Argument "${name}" is a cursor from another list; cursors only page the list that returned them.`,
      );
    }
  }
}

/**
 * Root lists: their cursors are sealed with the list, ordering and filter that made them, so a
 * cursor reused under another ordering or filter is refused instead of silently mispaging.
 */
const SEAL = 'dossier:1:';

function listTag(field: string, args: Record<string, unknown>): string {
  return `${field}|${stableJson(args.orderBy ?? null)}|${stableJson(args.filter ?? null)}|${stableJson(args.query ?? null)}|${stableJson(args.types ?? null)}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && v !== null);
    return `{${entries
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** FNV-1a: a short, stable fingerprint of the tag (not a security measure). */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

function seal(tag: string, inner: string): string {
  return btoa(`${SEAL}${fingerprint(tag)}:${inner}`);
}

function unseal(tag: string, argument: string, cursor: string): string {
  let text: string;
  try {
    text = atob(cursor);
  } catch {
    throw notACursor(argument);
  }
  if (!text.startsWith(SEAL)) throw notACursor(argument);
  const rest = text.slice(SEAL.length);
  const colon = rest.indexOf(':');
  if (rest.slice(0, colon) !== fingerprint(tag)) {
    throw badInput(
      argument,
      `Argument "${argument}" is a cursor from another list, ordering or filter; page with the same arguments that returned it.`,
    );
  }
  const inner = rest.slice(colon + 1);
  if (inner.startsWith('REM6') || inner.startsWith('DC:')) {
    const values = cursorValues(inner);
    if (!values || values.length === 0 || !values.every(isOrderingValue)) throw notACursor(argument);
  }
  return inner;
}

interface ConnectionShape {
  edges?: ({ cursor: string } | null)[];
  pageInfo?: { startCursor?: string | null; endCursor?: string | null };
}

function sealConnection(tag: string, result: unknown): unknown {
  const shape = result as ConnectionShape | null;
  if (!shape || typeof shape !== 'object') return result;
  const wrap = (cursor: string | null | undefined) => (cursor == null ? cursor : seal(tag, cursor));
  return {
    ...shape,
    ...(shape.edges ? { edges: shape.edges.map((edge) => edge && { ...edge, cursor: wrap(edge.cursor) }) } : {}),
    ...(shape.pageInfo
      ? {
          pageInfo: {
            ...shape.pageInfo,
            startCursor: wrap(shape.pageInfo.startCursor),
            endCursor: wrap(shape.pageInfo.endCursor),
          },
        }
      : {}),
  };
}

function orderingColumnsOf(field: GraphQLField<unknown, unknown>): number {
  const value = field.extensions?.[ORDERING_COLUMNS];
  return typeof value === 'number' ? value : 1;
}

/** Wraps every field that takes `first` so its paging arguments are checked before it resolves. */
export function guardPaging(schema: GraphQLSchema): GraphQLSchema {
  const queryType = schema.getQueryType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.args.some((arg) => arg.name === 'first')) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      if (type === queryType) {
        const validate = field.extensions?.[VALIDATE_ARGS] as ((args: unknown, context: unknown) => void) | undefined;
        field.resolve = async (source, args: PagingArgs & Record<string, unknown>, context, info) => {
          checkPageSize(args);
          validate?.(args, context);
          const tag = listTag(field.name, args);
          const opened = { ...args };
          for (const name of ['after', 'before'] as const) {
            const cursor = args[name];
            if (cursor != null) opened[name] = unseal(tag, name, cursor);
          }
          return sealConnection(tag, await resolve(source, opened, context, info));
        };
      } else {
        const columns = orderingColumnsOf(field);
        field.resolve = (source, args: PagingArgs, context, info) => {
          checkPageSize(args);
          checkCursors(args, columns);
          return resolve(source, args, context, info);
        };
      }
    }
  }
  return schema;
}
