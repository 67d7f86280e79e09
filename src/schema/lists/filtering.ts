/**
 * Compiles a filter input object into one SQL condition. Every list filter has the same shape:
 * named conditions that must all hold, plus `AND`, `OR` and `NOT` over filters of the same type.
 * Conditions are SQL built from the table handed in, so the same filter serves a connection
 * (through the relational query's `RAW`), its `totalCount`, and the aggregates.
 */

import { decodeGlobalID } from '@pothos/plugin-relay';
import { and, not, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { badArgument, echo } from './errors.ts';

export interface Logical<F> {
  AND?: F[] | null;
  OR?: F[] | null;
  NOT?: F | null;
}

/** What a condition may depend on besides its value: the request's day (e.g. for `overdue`). */
export interface FilterScope {
  today: string;
}

/** How each named field of filter `F` becomes a condition on table `T`. */
export type Conditions<F, T> = {
  [K in Exclude<keyof F, keyof Logical<F>>]-?: (
    value: NonNullable<F[K]>,
    table: T,
    path: string,
    scope: FilterScope,
  ) => SQL;
};

const TRUE = sql`1`;
const FALSE = sql`0`;

export function compileFilter<F extends Logical<F>, T>(
  filter: F | null | undefined,
  table: T,
  conditions: Conditions<F, T>,
  scope: FilterScope,
  path = 'filter',
): SQL | undefined {
  if (!filter) return undefined;
  const parts: SQL[] = [];
  for (const [key, value] of Object.entries(filter) as [string, unknown][]) {
    if (value == null) continue;
    if (key === 'AND' || key === 'OR') {
      const branches = (value as F[]).map(
        (f, i) => compileFilter(f, table, conditions, scope, `${path}.${key}[${i}]`) ?? TRUE,
      );
      // An empty AND is true and an empty OR is false, as in logic.
      parts.push((key === 'AND' ? and(...branches) : or(...branches)) ?? (key === 'AND' ? TRUE : FALSE));
    } else if (key === 'NOT') {
      parts.push(not(compileFilter(value as F, table, conditions, scope, `${path}.NOT`) ?? TRUE));
    } else {
      const condition = (conditions as Record<string, (v: unknown, t: T, p: string, s: FilterScope) => SQL>)[key];
      if (condition) parts.push(condition(value, table, `${path}.${key}`, scope));
    }
  }
  return and(...parts);
}

/**
 * A list's filter as the list applies it: rejected facts are left out of every list, count,
 * aggregate and time series unless the filter asks about review status anywhere.
 */
export function compileListFilter<F extends Logical<F>, T>(
  filter: F | null | undefined,
  table: T,
  conditions: Conditions<F, T>,
  scope: FilterScope,
  path = 'filter',
): SQL | undefined {
  const compiled = compileFilter(filter, table, conditions, scope, path);
  const reviewStatus = (table as { reviewStatus?: SQLWrapper }).reviewStatus;
  if (!reviewStatus || asksReviewStatus(filter)) return compiled;
  return and(compiled, notRejected(reviewStatus));
}

export function notRejected(column: SQLWrapper): SQL {
  return sql`${column} <> 'REJECTED'`;
}

function asksReviewStatus(filter: unknown): boolean {
  if (!filter || typeof filter !== 'object') return false;
  return Object.entries(filter).some(([key, value]) =>
    key === 'reviewStatus'
      ? value != null
      : key === 'AND' || key === 'OR'
        ? ((value as unknown[] | null) ?? []).some(asksReviewStatus)
        : key === 'NOT' && asksReviewStatus(value),
  );
}

/** The natural key inside a global ID, after checking it names an object of the expected type. */
export function keyOf(globalId: string, typename: string, path: string): string {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    throw badArgument(path, `${echo(globalId)} is not a global ID.`);
  }
  if (decoded.typename !== typename) {
    throw badArgument(path, `expected the ID of a ${typename}, got the ID of a ${decoded.typename}.`);
  }
  return decoded.id;
}

/** A literal, case-insensitive substring test: `%`, `_` and backslashes have no special meaning. */
export function containsText(column: SQL | SQL.Aliased | object, text: string): SQL {
  return sql`instr(lower(${column}), lower(${text})) > 0`;
}
