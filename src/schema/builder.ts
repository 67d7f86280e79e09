/** The Pothos builder and its plugins. It defines no types: each type has its own file. */
import SchemaBuilder from '@pothos/core';
import DrizzlePlugin, { getSchemaConfig } from '@pothos/plugin-drizzle';
import RelayPlugin, { resolveNodes } from '@pothos/plugin-relay';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import type { GraphQLResolveInfo } from 'graphql';
import type { Editor } from '../auth/verify.ts';
import type { Db } from '../db/client.ts';
import { redirectOf } from '../db/redirects.ts';
import { relations } from '../db/relations.ts';
import type { Ingester } from '../ingest/ingester.ts';
import { badArgument } from './lists/errors.ts';
import { type GlobalId, loadNode } from './node-lookup.ts';
import PagingPlugin, { MAX_PAGE_SIZE } from './paging.ts';
import { keepSelectionPlans } from './plan-cache.ts';
import { MAX_NODE_IDS, PRICE } from './pricing.ts';
import { rootLookup } from './root-lookup.ts';

export interface Context {
  db: Db;
  /** The day (UTC, `YYYY-MM-DD`) this request is answered as of: read once per request. */
  today: string;
  /** The editor or admin whose API key the request carries; null for anonymous readers. */
  editor: Editor | null;
  /** Where mutations write (see `writableDb`); null where this server may not write. */
  writeDb: Db | null;
  /** Ingests an article with the extractor (Node only); null on the edge (NOT_AVAILABLE_ON_EDGE). */
  ingest: Ingester | null;
}

// plugin-drizzle's selection plans are kept across requests (plan-cache.ts).
keepSelectionPlans();

export const builder = new SchemaBuilder<{
  Context: Context;
  DrizzleRelations: typeof relations;
  DefaultFieldNullability: false;
  Scalars: {
    Date: { Input: string; Output: string };
    Decimal: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  // Paging first: it wraps every connection outermost (see paging.ts).
  plugins: [PagingPlugin, RelayPlugin, DrizzlePlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesOnConnection: { description: 'The items of this page, without cursors.' },
    nodeTypeOptions: { description: 'An object with a stable, opaque global ID.' },
    pageInfoTypeOptions: { description: 'Where a page sits in its connection, for paging on.' },
    nodeQueryOptions: {
      description: 'Fetches any object by its global ID; null when nothing has that ID.',
      args: { id: { description: 'The global ID of the object.' } },
      extensions: rootLookup,
      // A merged actor's old ID resolves to the actor it was merged into.
      resolve: async (_root, { id }, ctx, info, resolveNode) =>
        (await nullWhenMissing(lookupOne(id, ctx, info) ?? resolveNode(id))) ?? (await redirectedActor(id, ctx, info)),
    },
    nodesQueryOptions: {
      description: `Fetches several objects by their global IDs (at most ${MAX_NODE_IDS}), in the order given; null for each unknown ID.`,
      args: { ids: { description: `The global IDs of the objects (at most ${MAX_NODE_IDS}).` } },
      extensions: { [PRICE]: (args: { ids?: unknown[] }) => args.ids?.length ?? 0, ...rootLookup },
      // Relay's own callback loads all IDs together and fails them all when one is missing, so each
      // ID is resolved on its own (the drizzle plugin still batches them into one query per type).
      resolve: (_root, { ids }, ctx, info) => resolveEach(ids, ctx, info),
    },
    idFieldOptions: { description: 'The stable, opaque global ID of this object.' },
    cursorFieldOptions: { description: 'An opaque cursor for this edge, to pass as `after` or `before`.' },
    nodeFieldOptions: { description: 'The item at the end of the edge.' },
    edgesFieldOptions: { description: 'The edges of this page, each with its cursor.' },
    nodesFieldOptions: { description: 'The items of this page, without cursors.' },
    pageInfoFieldOptions: { description: 'Information to page through the connection.' },
    hasNextPageFieldOptions: { description: 'Whether more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether more items precede this page.' },
    startCursorFieldOptions: { description: 'The cursor of the first item of this page.' },
    endCursorFieldOptions: { description: 'The cursor of the last item of this page.' },
    firstArgOptions: { description: 'Returns the first n items (0 to 100; 20 when neither first nor last is given).' },
    lastArgOptions: { description: 'Returns the last n items (0 to 100).' },
    afterArgOptions: { description: 'Returns the items after this cursor.' },
    beforeArgOptions: { description: 'Returns the items before this cursor.' },
    defaultConnectionTypeOptions: { description: 'A page of items, with cursors and the total count.' },
    defaultEdgeTypeOptions: { description: 'An item in a connection, with its cursor.' },
  },
  drizzle: {
    client: (ctx) => ctx.db,
    getTableConfig,
    relations,
    defaultConnectionSize: 20,
    // The paging plugin refuses a larger page; compiled pages (src/server/execution/root-pages.ts) rely on it.
    maxConnectionSize: MAX_PAGE_SIZE,
  },
});

builder.queryType({ description: 'The root of every read.' });
builder.mutationType({
  description:
    'Every write. Needs an API key in `Authorization: Bearer dsk_…` (editor or admin); only over POST with `content-type: application/json`.',
});

/**
 * The drizzle plugin rejects a lookup of a row that does not exist ("Model actors(x) not found");
 * Relay's contract for node/nodes is null. Only that rejection becomes null: other errors pass.
 */
function resolveEach(
  ids: { id: string; typename: string }[],
  ctx: Context,
  info: GraphQLResolveInfo,
): Promise<unknown>[] {
  // The cost model refuses more before execution; this keeps the resolver safe on its own.
  if (ids.length > MAX_NODE_IDS) {
    throw badArgument('ids', `has ${ids.length} items; at most ${MAX_NODE_IDS} are allowed.`);
  }
  return ids.map((id) => nullWhenMissing(resolveNodes(builder, ctx, info, [id]).then(([node]) => node)));
}

/** One ID: its type's table read for that key (node-lookup.ts), not plugin-relay's batching loader. */
function lookupOne(id: GlobalId, ctx: Context, info: GraphQLResolveInfo): Promise<unknown> | undefined {
  return loadNode(id, ctx, info, getSchemaConfig(builder));
}

async function redirectedActor(id: GlobalId, ctx: Context, info: GraphQLResolveInfo): Promise<unknown> {
  if (id.typename !== 'Actor') return null;
  const to = await redirectOf(ctx.db, id.id);
  return to
    ? nullWhenMissing(resolveNodes(builder, ctx, info, [{ id: to, typename: 'Actor' }]).then(([n]) => n))
    : null;
}

async function nullWhenMissing(lookup: unknown): Promise<unknown> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof Error && /^Model \w+\(.*\) not found$/s.test(error.message)) return null;
    throw error;
  }
}
