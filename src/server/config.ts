/** Reads the Node server's settings from the environment, with the defaults a newcomer needs. */
import { isLibsqlServerUrl } from './database-url.ts';
import { DEFAULT_DATABASE_TIMEOUT_MS } from './deadline.ts';
import { type LogLevel, parseLogLevel } from './log/logger.ts';
import { parseOrigins } from './origins.ts';
import { parseTrustedProxies } from './rate-limit/client.ts';
import { DEFAULT_RATE_LIMIT, type RateLimitSettings } from './rate-limit/plugin.ts';
import { parseRevisionCheckMs } from './revision-check.ts';

export interface NodeConfig {
  port: number;
  databaseUrl: string;
  authToken: string | undefined;
  /**
   * A libSQL server (Turso, `sqld`) to sync from. Set, it makes `databaseUrl` an embedded
   * replica: a local file that answers reads and forwards writes to this primary.
   */
  syncUrl: string | undefined;
  /** Seconds between the server's own syncs of the replica (src/server/replica-sync.ts). */
  syncIntervalSeconds: number;
  /** Seconds since the last successful sync after which `/health` says the replica is stale (503). */
  syncMaxStalenessSeconds: number;
  /** Cache answers to reads (RESPONSE_CACHE=off turns it off). */
  responseCache: boolean;
  /** How often the response cache re-reads the data revision (REVISION_CHECK_MS, 1,000 ms). */
  revisionCheckMs: number;
  /** How much the server logs (LOG_LEVEL): debug, info, warn, error or silent. */
  logLevel: LogLevel;
  /** Origins besides the server's own whose browser requests may carry an API key. */
  editorOrigins: string[];
  /** Milliseconds of database work one request may take (DATABASE_TIMEOUT_MS). */
  databaseTimeoutMs: number;
  /** The rate limit (RATE_LIMIT, RATE_LIMIT_POINTS, RATE_LIMIT_WINDOW, TRUST_PROXY); undefined when off. */
  rateLimit: RateLimitSettings | undefined;
}

export const DEFAULT_DATABASE_URL = 'file:data/dossier.db';
/** A replica gets its own default file: a plain local database cannot become a replica. */
export const DEFAULT_REPLICA_URL = 'file:data/replica.db';
export const DEFAULT_SYNC_INTERVAL_SECONDS = 60;
/** Without DATABASE_SYNC_MAX_STALENESS: stale once three syncs in a row have failed. */
export const DEFAULT_STALENESS_INTERVALS = 3;

export function readConfig(env: NodeJS.ProcessEnv = process.env): NodeConfig {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a TCP port number (0-65535); got "${env.PORT}".`);
  }
  const syncUrl = env.DATABASE_SYNC_URL?.trim() || undefined;
  if (syncUrl && !isLibsqlServerUrl(syncUrl)) {
    throw new Error('DATABASE_SYNC_URL must be the URL of a libSQL server: http(s)://, libsql:// or ws(s)://.');
  }
  const databaseUrl = env.DATABASE_URL?.trim() || (syncUrl ? DEFAULT_REPLICA_URL : DEFAULT_DATABASE_URL);
  if (!/^(file:|:memory:$)/.test(databaseUrl) && !isLibsqlServerUrl(databaseUrl)) {
    throw new Error(`DATABASE_URL must start with file:, http(s)://, libsql:// or be :memory:; got "${databaseUrl}".`);
  }
  if (syncUrl && !databaseUrl.startsWith('file:')) {
    throw new Error(
      `With DATABASE_SYNC_URL set, DATABASE_URL names the local replica file and must start with file:; got "${databaseUrl}".`,
    );
  }
  const syncIntervalSeconds = Number(env.DATABASE_SYNC_INTERVAL ?? DEFAULT_SYNC_INTERVAL_SECONDS);
  if (!Number.isFinite(syncIntervalSeconds) || syncIntervalSeconds <= 0) {
    throw new Error(
      `DATABASE_SYNC_INTERVAL must be a positive number of seconds; got "${env.DATABASE_SYNC_INTERVAL}".`,
    );
  }
  const syncMaxStalenessSeconds = positive(
    env,
    'DATABASE_SYNC_MAX_STALENESS',
    DEFAULT_STALENESS_INTERVALS * syncIntervalSeconds,
    'seconds',
  );
  if (syncMaxStalenessSeconds < syncIntervalSeconds) {
    // Shorter than the interval, every replica would be stale between two successful syncs.
    throw new Error(
      `DATABASE_SYNC_MAX_STALENESS (${syncMaxStalenessSeconds} s) must be at least DATABASE_SYNC_INTERVAL (${syncIntervalSeconds} s).`,
    );
  }
  const cacheSetting = (env.RESPONSE_CACHE ?? 'on').trim().toLowerCase();
  if (cacheSetting !== 'on' && cacheSetting !== 'off') {
    throw new Error(`RESPONSE_CACHE must be "on" or "off"; got "${env.RESPONSE_CACHE}".`);
  }
  const editorOrigins = parseOrigins(env.EDITOR_ORIGINS);
  const databaseTimeoutMs = positive(env, 'DATABASE_TIMEOUT_MS', DEFAULT_DATABASE_TIMEOUT_MS, 'milliseconds');
  const rateLimitSetting = (env.RATE_LIMIT ?? 'on').trim().toLowerCase();
  if (rateLimitSetting !== 'on' && rateLimitSetting !== 'off') {
    throw new Error(`RATE_LIMIT must be "on" or "off"; got "${env.RATE_LIMIT}".`);
  }
  const rateLimit =
    rateLimitSetting === 'off'
      ? undefined
      : {
          points: positive(env, 'RATE_LIMIT_POINTS', DEFAULT_RATE_LIMIT.points, 'points'),
          windowSeconds: positive(env, 'RATE_LIMIT_WINDOW', DEFAULT_RATE_LIMIT.windowSeconds, 'seconds'),
          trustedProxies: parseTrustedProxies(env.TRUST_PROXY),
        };
  return {
    editorOrigins,
    port,
    databaseUrl,
    authToken: env.DATABASE_AUTH_TOKEN || undefined,
    syncUrl,
    syncIntervalSeconds,
    syncMaxStalenessSeconds,
    responseCache: cacheSetting === 'on',
    revisionCheckMs: parseRevisionCheckMs(env.REVISION_CHECK_MS),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    databaseTimeoutMs,
    rateLimit,
  };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number, unit: string): number {
  const value = Number(env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number of ${unit}; got "${env[name]}".`);
  }
  return value;
}
