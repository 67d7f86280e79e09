/**
 * GROUP BY in SQL for the stats fields: each requested dimension adds a column to SELECT and
 * GROUP BY, so the database does the counting and summing and only the groups come back.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { badArgument } from '../lists/errors.ts';

/**
 * Rows one stats field returns at most: it is priced at this (the cost model), and a grouping
 * that would give more is refused, naming `groupBy`, rather than cut short.
 */
export const MAX_GROUPS = 1000;

export interface Dimension {
  /** The expression grouped by, over the list's table. */
  expression: SQL;
}

export interface GroupQuery<D extends string> {
  from: SQL; // e.g. sql`${measures}`
  where: SQL | undefined;
  dimensions: Record<D, Dimension>;
  groupBy: readonly D[];
  /** Aggregates besides `count`, by output name. */
  aggregates?: Record<string, SQL>;
  /** Dimensions always grouped by, first (currency, so amounts are never summed across currencies). */
  always?: readonly D[];
}

export async function groupRows<D extends string>(db: Db, q: GroupQuery<D>): Promise<Record<string, unknown>[]> {
  const keys = [...new Set([...(q.always ?? []), ...q.groupBy])];
  const selected = [
    ...keys.map((k) => sql`${q.dimensions[k].expression} AS ${sql.identifier(k)}`),
    sql`count(*) AS "count"`,
    ...Object.entries(q.aggregates ?? {}).map(([name, expression]) => sql`${expression} AS ${sql.identifier(name)}`),
  ];
  const grouping = keys.length
    ? sql` GROUP BY ${sql.join(
        keys.map((k) => sql.identifier(k)),
        sql`, `,
      )} ORDER BY ${sql.join(
        keys.map((k) => sql.identifier(k)),
        sql`, `,
      )}`
    : sql``;
  const where = q.where ? sql` WHERE ${q.where}` : sql``;
  const limit = sql` LIMIT ${MAX_GROUPS + 1}`;
  const rows = (await db.all(
    sql`SELECT ${sql.join(selected, sql`, `)} FROM ${q.from}${where}${grouping}${limit}`,
  )) as Record<string, unknown>[];
  if (rows.length > MAX_GROUPS) {
    throw badArgument('groupBy', `gives more than ${MAX_GROUPS} groups; filter the items or group by fewer keys.`);
  }
  return rows;
}

/**
 * The full rows for the keys a grouping returned (one query per table, however many groups), so
 * `funder { name }` and the like resolve without a query per row.
 */
export async function rowsById<T extends { id: string }>(
  ids: (string | null | undefined)[],
  load: (ids: string[]) => Promise<T[]>,
): Promise<Map<string, T>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  if (wanted.length === 0) return new Map();
  return new Map((await load(wanted)).map((row) => [row.id, row]));
}
