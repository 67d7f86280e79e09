/**
 * A root list: a Relay connection over one table with `filter` and `orderBy`, keyset paging by
 * the drizzle plugin, and a `totalCount` that honours the filter (one extra statement, only when
 * selected). Every root list is built here, so they all behave the same.
 */
import { and, type SQL, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { relations } from '../../db/relations.ts';
import { builder, type Context } from '../builder.ts';
import { VALIDATE_ARGS } from '../paging.ts';
import { type Conditions, compileListFilter, type FilterScope, type Logical } from './filtering.ts';
import { keysetBound } from './keyset-bound.ts';
import type { OrderInput, Ordering } from './ordering.ts';

type TableName = keyof typeof relations;

/** Field extension: this is a root list, which the compiled read path (src/server/execution/) may run. */
export const ROOT_LIST = 'dossierRootList';

interface RootListOptions<F extends Logical<F>, T extends SQLiteTable, O extends string> {
  type: TableName;
  table: T;
  description: string;
  filter: { ref: unknown; conditions: Conditions<F, T> };
  /** `O`: the list's own order fields. */
  order: { Input: unknown; resolve: (input: OrderInput<O> | null | undefined) => Ordering };
}

/**
 * The relational query of one table, seen through the one method a root list calls: TypeScript
 * cannot call `findMany` on the union of every table's query builder.
 */
function manyOf(ctx: Context, type: TableName): { findMany(config: object): Promise<unknown[]> } {
  return ctx.db.query[type] as { findMany(config: object): Promise<unknown[]> };
}

export function rootList<F extends Logical<F>, T extends SQLiteTable, O extends string>(
  name: string,
  options: RootListOptions<F, T, O>,
) {
  const where = (filter: F | null | undefined, table: T, scope: FilterScope): SQL | undefined =>
    compileListFilter(filter, table, options.filter.conditions, scope);
  builder.queryField(name, (t) =>
    t.drizzleConnection({
      type: options.type,
      description: options.description,
      // Checked by the paging guard before anything resolves, so a bad filter is reported at the
      // list's own path even when only totalCount is selected.
      extensions: {
        [VALIDATE_ARGS]: (args: { filter?: F }, ctx: FilterScope) => where(args.filter, options.table, ctx),
        [ROOT_LIST]: true,
      },
      args: {
        filter: t.arg({ type: options.filter.ref as never, description: 'Only items matching every condition given.' }),
        orderBy: t.arg({ type: options.order.Input as never, description: 'The order of the items.' }),
      },
      totalCount: (_root: unknown, args: { filter?: F }, ctx: Context) =>
        ctx.db.$count(options.table, where(args.filter, options.table, ctx)),
      resolve: (
        query: (q: object) => object,
        _root: unknown,
        args: { filter?: F; orderBy?: OrderInput<O>; after?: string | null; before?: string | null },
        ctx: Context,
      ) => {
        const ordering = options.order.resolve(args.orderBy);
        const { orderBy, extras } = ordering;
        // The filter, and the cursor's range on the first ordering column (keyset-bound.ts).
        const condition = (table: T) => {
          const parts = [where(args.filter, table, ctx), keysetBound(table, ordering, args)].filter(Boolean);
          return parts.length ? and(...parts) : sql`1`;
        };
        const filtered = { where: { RAW: condition } };
        return manyOf(ctx, options.type).findMany(query({ ...filtered, orderBy, ...(extras ? { extras } : {}) }));
      },
    } as never),
  );
}
