/**
 * The database of an edge function, from the function's `env` (no `process.env`, no `fs`):
 * `@libsql/client/web` speaks HTTP to Turso or `sqld`. One client per isolate, rebuilt only when
 * the env values change. A request's database work is bounded by its deadline (DATABASE_TIMEOUT_MS,
 * src/server/deadline.ts): at the deadline it stops waiting and answers 503 TIMEOUT — the server
 * may still finish a statement nobody waits for. Each round trip's fetch is also aborted after
 * that long, so an abandoned one does not linger.
 */
import { createClient } from '@libsql/client/web';
import { GraphQLError } from 'graphql';
import { createDb, type Db } from '../db/client.ts';
import { isLibsqlServerUrl } from './database-url.ts';
import { DEFAULT_DATABASE_TIMEOUT_MS } from './deadline.ts';
import { RETRY_LATER } from './unavailable.ts';

export interface EdgeDbEnv {
  DATABASE_URL?: string;
  DATABASE_AUTH_TOKEN?: string;
  /**
   * A second token, allowed to write, used only for a mutation once an editor's or admin's key is
   * verified: the read path can run on a read-only DATABASE_AUTH_TOKEN. Without it, mutations
   * answer WRITES_DISABLED (503).
   */
  DATABASE_WRITE_TOKEN?: string;
  /**
   * Where mutations write, when not DATABASE_URL: the primary, when DATABASE_URL is a read replica
   * (sqld's forwards writes, but a payload read back through it may not show them yet).
   */
  DATABASE_WRITE_URL?: string;
  /** Milliseconds of database work one request may take before it fails with a 503. */
  DATABASE_TIMEOUT_MS?: string;
}

const cached = new Map<'read' | 'write', { key: string; db: Db }>();

export function dbFromEnv(env: EdgeDbEnv): Db {
  return connect(env, 'read', env.DATABASE_URL, env.DATABASE_AUTH_TOKEN);
}

/** The connection mutations write through, or null when the function has no write token. */
export function writeDbFromEnv(env: EdgeDbEnv): Db | null {
  const token = env.DATABASE_WRITE_TOKEN?.trim();
  if (!token) return null;
  const writeUrl = env.DATABASE_WRITE_URL?.trim();
  return writeUrl
    ? connect(env, 'write', writeUrl, token, 'DATABASE_WRITE_URL')
    : connect(env, 'write', env.DATABASE_URL, token);
}

function connect(
  env: EdgeDbEnv,
  slot: 'read' | 'write',
  configuredUrl: string | undefined,
  authToken: string | undefined,
  variable = 'DATABASE_URL',
): Db {
  const url = configuredUrl?.trim();
  if (!url) {
    throw misconfigured(
      `${variable} is not set: give the function the URL of its libSQL server (libsql://… or https://…).`,
    );
  }
  const timeoutMs = databaseTimeoutOf(env);
  const key = [url, authToken ?? '', timeoutMs].join('\n');
  const hit = cached.get(slot);
  if (hit?.key === key) return hit.db;

  if (!isLibsqlServerUrl(url)) {
    // Only the scheme: the rest of the URL may carry credentials.
    const scheme = /^[a-z]+:/i.exec(url)?.[0] ?? url.slice(0, 8);
    throw misconfigured(`${variable} must be a libsql://, https:// or http:// URL on the edge; got "${scheme}…".`);
  }
  const client = createClient({
    url,
    authToken: authToken || undefined,
    fetch: (input: Request | string, init?: RequestInit) =>
      fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
  });
  const db = createDb(client);
  cached.set(slot, { key, db });
  return db;
}

/** The request deadline from the env; a value that is not a positive number is a deploy mistake. */
export function databaseTimeoutOf(env: EdgeDbEnv): number {
  const timeoutMs = Number(env.DATABASE_TIMEOUT_MS ?? DEFAULT_DATABASE_TIMEOUT_MS);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw misconfigured(
      `DATABASE_TIMEOUT_MS must be a positive number of milliseconds; got "${env.DATABASE_TIMEOUT_MS}".`,
    );
  }
  return timeoutMs;
}

/** A deploy mistake: named plainly (the variable, never its value) and answered with a 503. */
function misconfigured(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'SERVICE_UNAVAILABLE', http: RETRY_LATER } });
}
