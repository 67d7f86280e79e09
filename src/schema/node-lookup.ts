/**
 * One object by its global ID, loaded as `article(slug:)` loads an article: the type's table
 * queried for that one key with the selection beneath the field (plugin-drizzle's `queryFromInfo`,
 * which also records where the nested relations' rows are, for their resolvers).
 *
 * plugin-relay's own path for `node` goes through plugin-drizzle's node loader, which holds every
 * ID of a tick back to load them in one `IN (…)` statement — what `nodes` needs, and what a single
 * `node` pays for without using: about a quarter of an article-by-ID request in process
 * (BENCHMARKS.md, "One node by its key"). Still one statement, and the same answer. Two aliased
 * `node` fields of one request are now two statements, as two `article(slug:)` fields are.
 */
import { brandWithType } from '@pothos/core';
import { queryFromInfo } from '@pothos/plugin-drizzle';
import { type GraphQLResolveInfo, isObjectType } from 'graphql';
import type { Db } from '../db/client.ts';
import type { relations } from '../db/relations.ts';
import { GLOBAL_ID_COLUMN } from './from-row.ts';

type TableName = keyof typeof relations;

/** A decoded global ID, as plugin-relay hands it to the `node` resolver. */
export interface GlobalId {
  id: string;
  typename: string;
}

/**
 * The row (branded with its type, for the `Node` interface), null when no row has the key, or
 * undefined when the type is not a drizzle node keyed by its `id` column: plugin-relay's path
 * then answers as before (an unknown type's error included).
 */
export function loadNode(
  id: GlobalId,
  ctx: { db: Db },
  info: GraphQLResolveInfo,
  /** plugin-drizzle's schema config (`getSchemaConfig(builder)`). */
  config: Parameters<typeof queryFromInfo>[0]['config'],
): Promise<unknown> | undefined {
  const table = tableKeyedById(info, id.typename);
  if (!table) return undefined;
  const query = queryFromInfo({
    config,
    context: ctx,
    info,
    typeName: id.typename,
    awaitSelections: true,
    where: { id: id.id },
  });
  const findFirst = (q: object) =>
    (ctx.db.query[table] as unknown as { findFirst(config: object): Promise<object | undefined> }).findFirst(q);
  return Promise.resolve(query)
    .then(findFirst)
    .then((row) => (row ? (brandWithType(row, id.typename as never), row) : null));
}

/** The table of a drizzle node type whose global ID is its `id` column (KEYED_BY_ID). */
function tableKeyedById(info: GraphQLResolveInfo, typename: string): TableName | undefined {
  const type = info.schema.getType(typename);
  if (!isObjectType(type)) return undefined;
  const model = type.extensions?.pothosDrizzleModel;
  const keyedById = type.getFields().id?.extensions?.[GLOBAL_ID_COLUMN] === 'id';
  return keyedById && typeof model === 'string' ? (model as TableName) : undefined;
}
