/**
 * Wraps a libSQL client in drizzle. Takes the client, not a URL, so the same code serves Node
 * (file, :memory:, http) and the edge (`@libsql/client/web`); no env, no singleton here.
 * The `web` entry of drizzle's libsql driver only wraps the client it is given, so importing it
 * pulls no native code into the edge bundle.
 */
import type { Client } from '@libsql/client';
import type { Logger, SQL } from 'drizzle-orm';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import { drizzle } from 'drizzle-orm/libsql/web';
import { fastRelationalRows, type RelationalRowsOptions } from './relational-rows.ts';
import { relations } from './relations.ts';
import { fastSqlToQuery } from './sql-text.ts';

/**
 * `$client` is the libSQL client underneath, for what drizzle does not wrap (EXPLAIN, close);
 * `$logger` the query logger it was made with, so a wrapper of the client can keep it.
 */
export type Db = LibSQLDatabase<typeof relations> & { $client: Client; $logger?: Logger };

export function createDb(client: Client, logger?: Logger): Db {
  const db = drizzle({ client, relations, logger });
  const dialect = (db as unknown as { dialect: Dialect }).dialect;
  // Relational rows mapped with decoders found once per statement, not per row (relational-rows.ts).
  dialect.mapperGenerators.relationalRows = fastRelationalRows(dialect.mapperGenerators.relationalRows);
  // SQL text rendered flat, without drizzle's per-chunk objects and is() checks (sql-text.ts).
  dialect.sqlToQuery = fastSqlToQuery(dialect.sqlToQuery.bind(dialect), {
    escapeName: dialect.escapeName,
    escapeParam: dialect.escapeParam,
    escapeString: dialect.escapeString,
  });
  return Object.assign(db, { $logger: logger });
}

/** The parts of drizzle's SQLite dialect (internal to drizzle) that createDb replaces. */
interface Dialect {
  mapperGenerators: { relationalRows: (options: RelationalRowsOptions) => (rows: unknown[]) => unknown };
  sqlToQuery: (sql: SQL, invokeSource?: string) => { sql: string; params: unknown[] };
  escapeName(name: string): string;
  escapeParam(index: number, value: unknown): string;
  escapeString(text: string): string;
}
