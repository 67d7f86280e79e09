/**
 * The worker thread's second connection, for plain reads (libsql-thread.mjs). `@libsql/client`
 * makes every row of a result an object with 2n + 1 `Object.defineProperty` calls (n columns),
 * which the thread then copies back into arrays to send them; for a page of 21 rows of 3 columns
 * that was about as much CPU as SQLite's own work. Here a `SELECT` runs on a connection of the
 * same file opened with libSQL's own binding, its rows come out as arrays, and each value is
 * converted as the client converts it (integers per `intMode`, blobs as ArrayBuffers).
 *
 * Only for a plain file database: an embedded replica or an encrypted file keeps one connection
 * (the client's), and so does anything that is not a `SELECT`. Both connections see the same
 * committed data (WAL; every statement here is its own read transaction). Any error, or a value
 * the client would refuse, sends the statement to the client, which runs it again and answers as
 * it always has: errors and their codes stay the client's own.
 */
import { expandConfig, isInMemoryConfig } from '@libsql/core/config';
import Database from 'libsql';

const SELECT = /^\s*select\b/i;
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Not a value this path converts as the client would: the client takes the statement. */
class NotPlain extends Error {}

/** A reader for `config`, or undefined where reads must stay on the client's connection. */
export function openReader(config) {
  const expanded = expandConfig(config, true);
  if (expanded.scheme !== 'file' || isInMemoryConfig(expanded)) return undefined;
  if (expanded.syncUrl || expanded.encryptionKey) return undefined;
  const db = new Database(expanded.path, { timeout: expanded.timeout });
  const toJs = fromSql(expanded.intMode);
  return {
    /** The result set of `statement` as the thread sends it, or undefined: the client's to run. */
    read(statement) {
      const sql = typeof statement === 'string' ? statement : statement?.sql;
      if (typeof sql !== 'string' || !SELECT.test(sql)) return undefined;
      try {
        const prepared = db.prepare(sql);
        if (!prepared.reader) return undefined;
        prepared.safeIntegers(true);
        prepared.raw(true);
        const columns = prepared.columns();
        const rows = prepared.all(bindable(typeof statement === 'string' ? [] : statement.args));
        for (const row of rows) for (let i = 0; i < row.length; i++) row[i] = toJs(row[i]);
        return {
          columns: columns.map((column) => column.name),
          columnTypes: columns.map((column) => column.type ?? ''),
          rows,
          rowsAffected: 0,
          lastInsertRowid: undefined,
        };
      } catch {
        return undefined;
      }
    },
    close() {
      db.close();
    },
  };
}

/** Arguments as libSQL binds them: only values that need no conversion; names without their sigil. */
function bindable(args) {
  if (args === undefined) return [];
  if (Array.isArray(args)) {
    for (const value of args) plainArgument(value);
    return args;
  }
  const named = {};
  for (const name in args) {
    const value = args[name];
    plainArgument(value);
    named[name[0] === '@' || name[0] === '$' || name[0] === ':' ? name.substring(1) : name] = value;
  }
  return named;
}

/** Strings, finite numbers and null bind as they are; the rest (bigint, bool, Date, bytes) is the client's. */
function plainArgument(value) {
  if (value === null || typeof value === 'string') return;
  if (typeof value === 'number' && Number.isFinite(value)) return;
  throw new NotPlain();
}

function fromSql(intMode) {
  return (value) => {
    if (typeof value === 'bigint') {
      if (intMode === 'bigint') return value;
      if (intMode === 'string') return `${value}`;
      // 'number' past 2^53 (and an unknown mode): the client throws, when it runs the statement again.
      if (intMode !== 'number' || value < MIN_SAFE || value > MAX_SAFE) throw new NotPlain();
      return Number(value);
    }
    // The client hands a blob over as its Buffer's ArrayBuffer.
    if (value instanceof Buffer) return value.buffer;
    return value;
  };
}
