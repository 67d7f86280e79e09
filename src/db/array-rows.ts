/**
 * Rows as plain arrays, for the statements drizzle reads that way.
 *
 * drizzle reads the rows of its own statements (relational queries, selects, counts) as arrays:
 * its libSQL session copies each row back into one (`Array.prototype.slice`). The worker-thread
 * client receives arrays from its threads, so for these statements it made libSQL-style row
 * objects (row-shape.ts) only for drizzle to read them back through their getters — about 1 µs a
 * row. A client that can hand the arrays over as they are says so by `executeArrays`.
 */
import type { InStatement } from '@libsql/client';

export interface ArrayRowsClient {
  /** `execute`, with only the rows, each a plain array of the statement's values in column order. */
  executeArrays(statement: InStatement): Promise<{ rows: unknown[][] }>;
}

export function answersArrays(client: unknown): client is ArrayRowsClient {
  return typeof (client as Partial<ArrayRowsClient>)?.executeArrays === 'function';
}
