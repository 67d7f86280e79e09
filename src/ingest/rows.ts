/** Row-building helpers for the writer: upserts, and parents before their parts. */
import { type Column, getColumns, type InferInsertModel, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.ts';
import type { MeasureInput } from './format.ts';

export type Statement = Parameters<Db['batch']>[0][number];

/** INSERT … ON CONFLICT(id) DO UPDATE SET every column to the new value. */
export function upsert<T extends SQLiteTable & { id: Column }>(db: Db, table: T, rows: InferInsertModel<T>[]) {
  const set = Object.fromEntries(
    Object.entries(getColumns(table))
      .filter(([key]) => key !== 'id')
      .map(([key, column]) => [key, sql.raw(`excluded."${column.name}"`)]),
  );
  return db
    .insert(table)
    .values(rows as never)
    .onConflictDoUpdate({ target: table.id, set: set as never });
}

/** A part references its package, so packages are written first. */
export function parentsFirst(measures: MeasureInput[]): MeasureInput[] {
  const depth = (m: MeasureInput, seen = new Set<string>()): number => {
    const parent = measures.find((p) => p.id === m.parent);
    if (!parent || seen.has(m.id)) return 0;
    seen.add(m.id);
    return 1 + depth(parent, seen);
  };
  return [...measures].sort((x, y) => depth(x) - depth(y));
}
