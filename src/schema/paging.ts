/**
 * Paging: one mechanism for every connection (a field taking `first` and `after`), a small Pothos
 * plugin applied as each field is built — listed first in builder.ts, so it wraps outermost.
 *
 * - Cursors are sealed to their list (src/schema/cursors.ts): the ones a connection hands out,
 *   and the ones it is given are opened and checked, so a cursor from another list, ordering,
 *   filter or search, or one made by hand, is refused instead of paging the wrong rows.
 * - Page sizes are checked rather than clamped (Pothos would turn `first: 500` into 100 silently).
 *
 * The arguments are read by an argument mapper, which plugin-drizzle also runs when it plans a
 * nested connection into its parent's statement. The mapper never throws (the error would land on
 * the parent): it plans without what it refuses, and the field raises the refusal at its own path
 * — also when only `totalCount` is selected, where plugin-drizzle never calls the resolve callback.
 * Every refusal is BAD_USER_INPUT naming the argument (`badArgument`).
 */
import SchemaBuilder, { BasePlugin, isThenable, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLError, GraphQLFieldResolver } from 'graphql';
import { type SelectedCursors, selectedCursors } from './cursor-selection.ts';
import { isOrderingCursor, listScope, openCursor, sealCursor } from './cursors.ts';
import { badArgument } from './lists/errors.ts';

export const MAX_PAGE_SIZE = 100;

/** Field extension: a function that throws on bad non-paging arguments (a root list's filter). */
export const VALIDATE_ARGS = 'validateArgs';

/**
 * Field extension: whether this field's resolver can read an opened cursor, for a connection whose
 * cursors are its own (search); the default reads plugin-drizzle's (`isOrderingCursor`).
 */
export const READABLE_CURSOR = 'readableCursor';

const TOTAL_COUNT_DESCRIPTION = 'The number of items in the whole list, on every page.';

interface PagingArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  [argument: string]: unknown;
}

/** Set by the mapper on the arguments it hands on: the list's fingerprint, and what it refused. */
const SCOPE = Symbol('cursor scope');
const REFUSAL = Symbol('paging refusal');

interface OpenedArgs extends PagingArgs {
  [SCOPE]: string;
  [REFUSAL]?: GraphQLError;
}

function pageSizeRefusal(args: PagingArgs): GraphQLError | undefined {
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      return badArgument(name, `must be between 0 and ${MAX_PAGE_SIZE}; got ${value}.`);
    }
  }
  if (args.first != null && args.last != null) return badArgument('last', 'cannot be used together with `first`.');
  return undefined;
}

const CURSOR_REFUSALS = {
  'not-a-cursor': 'is not a cursor from this API: use a cursor from pageInfo or edges.',
  'other-list':
    'is a cursor from another list, ordering, filter or search; page with the same arguments that returned it.',
};

/**
 * Opens the cursors and checks the page size; hands on what can be planned safely. Never throws.
 * Arguments with nothing to open or refuse (a nested connection on every parent row, usually) are
 * handed on as they are: the list's fingerprint is then worked out only if a cursor is sealed.
 */
function openPagingArgs(coordinate: string, readable: (inner: string) => boolean) {
  return (args: PagingArgs): PagingArgs | OpenedArgs => {
    let refusal = pageSizeRefusal(args);
    if (!refusal && args.after == null && args.before == null) return args;
    const opened: OpenedArgs = { ...args, [SCOPE]: listScope(coordinate, args) };
    if (refusal) {
      opened.first = null;
      opened.last = null;
    }
    for (const name of ['after', 'before'] as const) {
      const cursor = args[name];
      if (cursor == null) continue;
      const result = openCursor(opened[SCOPE], cursor, readable);
      if ('inner' in result) {
        opened[name] = result.inner;
      } else {
        opened[name] = null;
        refusal ??= badArgument(name, CURSOR_REFUSALS[result.refused]);
      }
    }
    if (refusal) opened[REFUSAL] = refusal;
    return opened;
  };
}

interface ConnectionShape {
  edges?: ({ cursor: string } | null)[];
  pageInfo?: { startCursor?: string | null; endCursor?: string | null };
}

/**
 * Seals the cursors the document selects (see cursor-selection.ts); the others stay as the
 * resolver made them, where no client can see them.
 */
function sealConnection(scope: string, result: unknown, selected: SelectedCursors): unknown {
  if (!result || typeof result !== 'object') return result;
  const { edges, pageInfo } = result as ConnectionShape;
  const seal = (cursor: string | null | undefined) => (cursor == null ? cursor : sealCursor(scope, cursor));
  return {
    ...result,
    ...(selected.edges && edges && { edges: edges.map((edge) => edge && { ...edge, cursor: seal(edge.cursor) }) }),
    ...(selected.pageInfo &&
      pageInfo && {
        pageInfo: { ...pageInfo, startCursor: seal(pageInfo.startCursor), endCursor: seal(pageInfo.endCursor) },
      }),
  };
}

/** The argument mappers paging added, to check that each runs last (see wrapResolve). */
const pagingMappers = new WeakSet<object>();

function isConnection(fieldConfig: { args: object }): boolean {
  return 'first' in fieldConfig.args && 'after' in fieldConfig.args;
}

export class PothosPagingPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    // plugin-drizzle adds `totalCount` to its connections without a way to describe it.
    if (fieldConfig.extensions?.pothosDrizzleTotalCount && !fieldConfig.description) {
      return { ...fieldConfig, description: TOTAL_COUNT_DESCRIPTION };
    }
    if (!isConnection(fieldConfig)) return fieldConfig;
    const readable = (fieldConfig.extensions?.[READABLE_CURSOR] as (inner: string) => boolean) ?? isOrderingCursor;
    const mapper = openPagingArgs(`${fieldConfig.parentType}.${fieldConfig.name}`, readable);
    pagingMappers.add(mapper);
    return { ...fieldConfig, argMappers: [...fieldConfig.argMappers, mapper as never] };
  }

  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (!isConnection(fieldConfig)) return resolver;
    const validate = fieldConfig.extensions?.[VALIDATE_ARGS] as ((args: object, context: object) => void) | undefined;
    const coordinate = `${fieldConfig.parentType}.${fieldConfig.name}`;
    // The resolver works the fingerprint out from the arguments it is given, so they must be the
    // ones the mapper opened the cursors with: no other plugin's mapper may run after ours.
    if (!pagingMappers.has(fieldConfig.argMappers.at(-1) as never)) {
      throw new Error(`${coordinate}: another argument mapper runs after paging's; cursors would not open.`);
    }
    return (parent, args, context, info) => {
      const opened = args as Partial<OpenedArgs>;
      if (opened[REFUSAL]) throw opened[REFUSAL];
      validate?.(args, context);
      const result = resolver(parent, args, context, info);
      // Most nested pages are read through `nodes`: they return here, with no closure made.
      const selected = selectedCursors(info);
      if (!selected.edges && !selected.pageInfo) return result;
      // The list's fingerprint, from the arguments the mapper opened the cursors with.
      const scope = opened[SCOPE] ?? listScope(coordinate, args as Record<string, unknown>);
      return isThenable(result)
        ? Promise.resolve(result).then((connection) => sealConnection(scope, connection, selected))
        : sealConnection(scope, result, selected);
    };
  }
}

SchemaBuilder.registerPlugin('dossierPaging', PothosPagingPlugin);

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      dossierPaging: PothosPagingPlugin<Types>;
    }
  }
}

export default 'dossierPaging' as const;
