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
import {
  cacheRelationalStatements,
  createStatementCache,
  type RelationalBuildInput,
  type RelationalBuilt,
  type StatementCache,
} from './statement-cache.ts';

/**
 * `$client` is the libSQL client underneath, for what drizzle does not wrap (EXPLAIN, close);
 * `$logger` the query logger it was made with, so a wrapper of the client can keep it.
 */
export type Db = LibSQLDatabase<typeof relations> & {
  $client: Client;
  $logger?: Logger;
  /** What the relational statement cache did (statement-cache.ts); undefined when off. */
  $statementCache?: StatementCache;
};

export interface DbOptions {
  /**
   * Where relational statements built once per shape are kept (statement-cache.ts): another db's
   * over the same database, a new one by default, or false for none (tests compare).
   */
  statementCache?: StatementCache | false;
}

export function createDb(client: Client, logger?: Logger, options: DbOptions = {}): Db {
  const db = drizzle({ client, relations, logger });
  const dialect = (db as unknown as { dialect: Dialect }).dialect;
  // Relational rows mapped with decoders found once per statement, not per row (relational-rows.ts).
  dialect.mapperGenerators.relationalRows = fastRelationalRows(dialect.mapperGenerators.relationalRows);
  // SQL text rendered flat, without drizzle's per-chunk objects and is() checks (sql-text.ts).
  const renderConfig = {
    escapeName: dialect.escapeName,
    escapeParam: dialect.escapeParam,
    escapeString: dialect.escapeString,
  };
  dialect.sqlToQuery = fastSqlToQuery(dialect.sqlToQuery.bind(dialect), renderConfig);
  // Each relational query shape built once, its values put in place per request (statement-cache.ts).
  const statementCache =
    options.statementCache === false ? undefined : (options.statementCache ?? createStatementCache());
  if (statementCache) cacheRelationalStatements(dialect, renderConfig, statementCache);
  return Object.assign(db, { $logger: logger, $statementCache: statementCache });
}

/** The parts of drizzle's SQLite dialect (internal to drizzle) that createDb replaces. */
interface Dialect {
  mapperGenerators: { relationalRows: (options: RelationalRowsOptions) => (rows: unknown[]) => unknown };
  sqlToQuery: (sql: SQL, invokeSource?: string) => { sql: string; params: unknown[] };
  buildRelationalQuery: (input: RelationalBuildInput) => RelationalBuilt;
  escapeName(name: string): string;
  escapeParam(index: number, value: unknown): string;
  escapeString(text: string): string;
}
