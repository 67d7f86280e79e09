/**
 * A declared meaning for a field whose resolver only reads its parent's row (or object): the same
 * function is the resolver and an extension the compiled read path (src/server/execution/) calls
 * instead of running the field through graphql-js. Use it only for a pure, synchronous function
 * of the columns the field's `select` names.
 */
import type { Column } from 'drizzle-orm';

export const FROM_ROW = 'dossierFromRow';

export function fromRow<Row, Value>(read: (row: Row) => Value) {
  return { resolve: read, extensions: { [FROM_ROW]: read } };
}

/**
 * A declared meaning for a drizzleNode's `id`: the relay global ID of this key column (plugin-relay's
 * default encoding, which this schema keeps). Spread into the node's `id` options, which
 * plugin-drizzle passes on to the `id` field.
 */
export const GLOBAL_ID_COLUMN = 'dossierGlobalIdColumn';

/** The `id` option of a drizzleNode keyed by its `id` column: the key named once, for both uses. */
export const KEYED_BY_ID = {
  column: <Columns extends { id: Column }>(columns: Columns): Columns['id'] => columns.id,
  extensions: { [GLOBAL_ID_COLUMN]: 'id' },
};
