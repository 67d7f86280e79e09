/**
 * What the log knows about one request while it runs: its ID, route, operation, SQL statements,
 * cache hit or miss, and its errors — identical ones folded into one entry with a count, so a
 * request whose 32,767 fields fail alike writes one error line, not 32,767. The record lives on
 * the request's server context; the CSV and saved-query routes run their inner GraphQL request
 * with that same context, so the inner request adds to the outer's record instead of logging apart.
 */
import { DrizzleQueryError } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { type Db, throughClient } from '../../db/client.ts';
import { countingClient } from '../../db/counting-client.ts';
import { clientWithSignal } from '../../db/request-signal.ts';
import { bounded, describeError, labelOf, MAX_MESSAGE_CHARS, messageOf } from '../describe-error.ts';
import { originalOf } from '../errors.ts';
import type { LineLevel, Logger } from './logger.ts';

const KEY = 'dossierRequest';
const MAX_ROUTE_CHARS = 200;

/** Codes of failures of the server (logged at `error`, with a stack); every other code is the client's. */
export const SERVER_ERROR_CODES = new Set([
  'INTERNAL_SERVER_ERROR',
  'SERVICE_UNAVAILABLE',
  'DATABASE_AUTH_FAILED',
  'SCHEMA_MISMATCH',
  'TIMEOUT',
]);

interface ErrorEntry {
  level: LineLevel;
  fields: Record<string, unknown>;
  count: number;
}

export interface RequestRecord {
  id: string;
  /** The server context of the outer request: the one that writes the lines. */
  owner: object;
  method: string;
  route: string;
  started: number;
  operation?: string;
  /** The GraphQL document, to name the operation of a cached answer (which is never parsed). */
  document?: string;
  sql: number;
  cache?: 'hit' | 'miss';
  /** Whether a query ran as a compiled read (src/server/execution/) or in graphql-js; unset when nothing ran. */
  compiled?: boolean;
  /** The cost an answer from the edge's shared cache had when it ran: the rate limit charges it. */
  cachedCost?: number;
  errors: Map<string, ErrorEntry>;
  errorCount: number;
  db?: { base: Db; counted: Db };
  /** Aborted at the request's deadline or when its client leaves (src/server/deadline.ts). */
  signal?: AbortSignal;
}

export function startRecord(serverContext: object, request: Request, url: URL): RequestRecord {
  const existing = recordOf(serverContext);
  if (existing) return existing;
  const record: RequestRecord = {
    id: crypto.randomUUID(),
    owner: serverContext,
    method: request.method,
    route: bounded(url.pathname, MAX_ROUTE_CHARS),
    started: performance.now(),
    sql: 0,
    errors: new Map(),
    errorCount: 0,
  };
  (serverContext as Record<string, unknown>)[KEY] = record;
  return record;
}

export function recordOf(serverContext: unknown): RequestRecord | undefined {
  return (serverContext as Record<string, RequestRecord | undefined> | undefined)?.[KEY];
}

/** Whether this context is the outer request's own (an inner request shares the record). */
export function ownsRecord(serverContext: object): boolean {
  return recordOf(serverContext)?.owner === serverContext;
}

/**
 * The request's database: bounded by its deadline (when it has one) and counting its statements
 * into the record (one wrapper per request).
 */
export function countedDb(serverContext: unknown, base: Db): Db {
  const record = recordOf(serverContext);
  if (!record) return base;
  if (record.db?.base !== base) {
    const client = record.signal ? clientWithSignal(base.$client, record.signal) : base.$client;
    const counted = throughClient(
      base,
      countingClient(client, (n) => {
        record.sql += n;
      }),
    );
    record.db = { base, counted };
  }
  return record.db.counted;
}

/** Adds an error as the client saw it (`shown`), with what it was made from, to the record. */
export function recordError(record: RequestRecord, shown: unknown, fallbackCode = 'INTERNAL_SERVER_ERROR'): void {
  record.errorCount++;
  const code = String((shown as GraphQLError)?.extensions?.code ?? fallbackCode);
  const original = innermost(originalOf(shown) ?? shown);
  const { key, fields } = describeOnce(original);
  const entry = record.errors.get(`${code}\n${key}`);
  if (entry) {
    entry.count++;
    return;
  }
  const server = SERVER_ERROR_CODES.has(code);
  record.errors.set(`${code}\n${key}`, {
    level: server ? 'error' : 'info',
    fields: {
      msg: 'error',
      requestId: record.id,
      code,
      ...fields,
      path: (shown as GraphQLError)?.path?.join('.'),
      stack: server ? framesOf(original) : undefined,
    },
    count: 1,
  });
}

/** Described once per error object: 32,767 fields failing with the same error cost one description. */
const descriptions = new WeakMap<object, { key: string; fields: Record<string, unknown> }>();

function describeOnce(original: unknown): { key: string; fields: Record<string, unknown> } {
  const cached = typeof original === 'object' && original !== null ? descriptions.get(original) : undefined;
  if (cached) return cached;
  const query = findQuery(original);
  const fields = {
    class: labelOf(original),
    message: original instanceof DrizzleQueryError ? 'Failed query' : messageOf(original),
    sql: query && bounded(query, MAX_MESSAGE_CHARS),
    cause: original instanceof Error && original.cause !== undefined ? describeError(original.cause) : undefined,
  };
  const described = { key: JSON.stringify(fields), fields };
  if (typeof original === 'object' && original !== null) descriptions.set(original, described);
  return described;
}

/** Writes the record's error lines, then its request line. */
export function writeRecord(logger: Logger, record: RequestRecord, status: number): void {
  for (const { level, fields, count } of record.errors.values()) logger.log(level, { ...fields, count });
  const quiet = record.route === '/live' || record.route === '/health';
  logger.log(status >= 500 ? 'error' : quiet ? 'debug' : 'info', {
    msg: 'request',
    requestId: record.id,
    method: record.method,
    route: record.route,
    operation: record.operation ?? firstOperationName(record.document),
    status,
    durationMs: Math.round((performance.now() - record.started) * 10) / 10,
    sql: record.sql,
    cache: record.cache,
    compiled: record.compiled,
    errors: record.errorCount,
  });
}

/** The name of the document's first operation, read without parsing ("query Quotes {" → Quotes). */
function firstOperationName(document: string | undefined): string | undefined {
  const match = /^\s*(?:#[^\n]*\n\s*)*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]{0,99})/.exec(
    document?.slice(0, 10_000) ?? '',
  );
  return match?.[1];
}

/** A GraphQL error's cause, and that one's, down to the error first thrown. */
function innermost(error: unknown): unknown {
  let e = error;
  for (let depth = 0; e instanceof GraphQLError && e.originalError && depth < 5; depth++) e = e.originalError;
  return e;
}

function findQuery(error: unknown): string | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof DrizzleQueryError) return e.query;
  }
  return undefined;
}

/** The stack's frames only: its first line repeats the message, which may hold query parameters. */
function framesOf(error: unknown): string | undefined {
  if (!(error instanceof Error) || !error.stack) return undefined;
  const frames = error.stack.split('\n').filter((line) => /^\s+at /.test(line));
  return frames.length ? bounded(frames.slice(0, 12).join(' | '), MAX_MESSAGE_CHARS) : undefined;
}
