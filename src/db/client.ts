/**
 * Wraps a libSQL client in drizzle. Takes the client, not a URL, so the same code serves Node
 * (file, :memory:, http) and the edge (`@libsql/client/web`); no env, no singleton here.
 * The `web` entry of drizzle's libsql driver only wraps the client it is given, so importing it
 * pulls no native code into the edge bundle.
 */
import type { Client, InStatement } from '@libsql/client';
import type { Logger, SQL } from 'drizzle-orm';
import { LibSQLDatabase } from 'drizzle-orm/libsql/driver-core';
import { LibSQLSession } from 'drizzle-orm/libsql/session';
import { drizzle } from 'drizzle-orm/libsql/web';
import { answersArrays } from './array-rows.ts';
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
  // drizzle's own construction, for the dialect it configures; the database is made below.
  const { dialect } = drizzle({ client, relations, logger }) as unknown as { dialect: Dialect };
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
  return databaseOver(client, dialect, logger, statementCache);
}

/**
 * The same database through another client (a request's counting, deadline-bound view of the
 * base's client, src/server/log/request-record.ts). The dialect, with what createDb put in it, is
 * the base's: a request makes a session and a database object only, not a dialect to patch anew.
 * `logged: false` leaves out the base's query logger, for statements that are never run (a probe).
 */
export function throughClient(base: Db, client: Client, { logged = true } = {}): Db {
  const { dialect } = base as unknown as { dialect: Dialect };
  return databaseOver(client, dialect, logged ? base.$logger : undefined, base.$statementCache);
}

/** What drizzle's libSQL driver builds (libsql/driver-core.js `construct`), with our session. */
function databaseOver(client: Client, dialect: Dialect, logger: Logger | undefined, cache: StatementCache | undefined) {
  const session = new ArrayRowsSession(client, dialect as never, relations, { logger }, undefined);
  const db = new LibSQLDatabase('async', dialect as never, session as never, relations) as unknown as Db;
  return Object.assign(db, { $client: client, $cache: undefined, $logger: logger, $statementCache: cache });
}

/**
 * drizzle's libSQL session, which asks a client that can (the worker-thread client) for the rows
 * of the statements it reads as arrays (src/db/array-rows.ts). Everything else — writes, `run`,
 * statements read as objects, transactions — goes through `execute` as before.
 */
class ArrayRowsSession extends (LibSQLSession as unknown as new (...args: unknown[]) => LooseSession) {
  override prepareQuery(...args: unknown[]): unknown {
    const [, mode, , executeMethod] = args;
    const { client } = this;
    if (
      mode !== 'arrays' ||
      (executeMethod !== 'all' && executeMethod !== 'get') ||
      this.tx ||
      !answersArrays(client)
    ) {
      return super.prepareQuery(...args);
    }
    // drizzle's session reads `this.client` once, as it prepares: here, a client answering arrays.
    const arrays = { execute: (statement: InStatement) => client.executeArrays(statement) };
    return super.prepareQuery.apply(Object.create(this, { client: { value: arrays } }), args);
  }
}

/** drizzle's LibSQLSession as this file uses it (its `client` and `tx` are internal to drizzle). */
interface LooseSession {
  client: Client;
  tx: unknown;
  prepareQuery(...args: unknown[]): unknown;
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
