/**
 * A range bound on the first ordering column for a root list paged by cursor. The drizzle plugin
 * writes the keyset condition as `a < ? OR (a = ? AND id < ?)`, which SQLite cannot use as an
 * index range: it walks the ordering index from the top of the list to the cursor (50,000 entries
 * for a page after 50,000 articles). The bound `a <= ?` is implied by that condition, so it never
 * changes which rows match, and it lets SQLite start the index walk at the cursor instead.
 */
import { decodeCursorChunk } from '@pothos/core';
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Ordering } from './ordering.ts';

/** The first ordering value a plugin cursor (base64 of `DC:…`) holds, or undefined when it holds none. */
function firstValue(cursor: string): unknown {
  try {
    const text = atob(cursor);
    if (!text.startsWith('DC:')) return undefined;
    const value = decodeCursorChunk(text.slice('DC:'.length));
    return Array.isArray(value) ? value[0] : value;
  } catch {
    return undefined; // the paging guard has already refused anything that is not a cursor
  }
}

/**
 * The bounds `after` and `before` put on the first ordering column of `ordering`, for a table
 * (drizzle's alias of it) the statement is built against; undefined when there are none.
 */
export function keysetBound(
  table: SQLiteTable,
  ordering: Ordering,
  cursors: { after?: string | null; before?: string | null },
): SQL | undefined {
  const first = Object.entries(ordering.orderBy)[0];
  if (!first) return undefined;
  const [key, direction] = first;
  // A drizzle table object holds its columns by name.
  const columns = table as unknown as Record<string, SQLWrapper>;
  const target = ordering.extras?.[key]?.(columns) ?? columns[key];
  if (!target) return undefined;
  const bounds: SQL[] = [];
  for (const side of ['after', 'before'] as const) {
    const cursor = cursors[side];
    if (cursor == null) continue;
    const value = firstValue(cursor);
    // A NULL never sorts past anything here: orderings of nullable columns go through `coalesce`.
    if (value === undefined || value === null) continue;
    const upward = (side === 'after') === (direction === 'asc');
    bounds.push(upward ? sql`${target} >= ${value}` : sql`${target} <= ${value}`);
  }
  if (bounds.length === 0) return undefined;
  return bounds.length === 1 ? bounds[0] : sql.join(bounds, sql` and `);
}
