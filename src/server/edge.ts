/**
 * Dossier as an edge function: the same platform-neutral Yoga as Node, with the database taken
 * from the function's `env`. One Yoga (and so one schema build) per isolate. GraphiQL is not in
 * this bundle (it is ~9 MB): a browser's GET /graphql gets `graphql.html`, the static page the
 * build wrote into the Pages project's assets — byte for byte the page Node renders there.
 * The log goes to `console`, which Cloudflare's logs collect.
 */
import { DEFAULT_DATABASE_TIMEOUT_MS } from './deadline.ts';
import type { SharedCache } from './edge-cache.ts';
import { databaseTimeoutOf, dbFromEnv, type EdgeDbEnv, writeDbFromEnv } from './edge-db.ts';
import { consoleLogger } from './log/console-logger.ts';
import { parseOrigins } from './origins.ts';
import { DEFAULT_RATE_LIMIT, type RateLimitSettings } from './rate-limit/plugin.ts';
import { DEFAULT_REVISION_CHECK_MS, parseRevisionCheckMs } from './revision-check.ts';
import { schemaCheckedDb } from './schema-guard.ts';
import { createDossierYoga } from './yoga.ts';

export interface EdgeEnv extends EdgeDbEnv {
  /** "off" disables the response caches, in memory and the Cache API (both on by default). */
  RESPONSE_CACHE?: string;
  /** How often, in ms, an isolate re-reads the data revision (default 1,000; 0: every request). */
  REVISION_CHECK_MS?: string;
  /** debug, info (default), warn, error or silent. */
  LOG_LEVEL?: string;
  /** Comma-separated origins besides the function's own whose browser pages may send API keys. */
  EDITOR_ORIGINS?: string;
  /** "off" disables the rate limit (it is on by default); RATE_LIMIT_POINTS / _WINDOW size it. */
  RATE_LIMIT?: string;
  RATE_LIMIT_POINTS?: string;
  RATE_LIMIT_WINDOW?: string;
  /** Cloudflare Pages' binding to the project's static assets. */
  ASSETS?: { fetch(input: Request): Promise<Response> };
}

type WaitUntil = (promise: Promise<unknown>) => void;

const yoga = createDossierYoga<{ env: EdgeEnv; waitUntil?: WaitUntil }>({
  getDb: ({ env }) => schemaCheckedDb(dbFromEnv(env)),
  responseCache: ({ env }) => env.RESPONSE_CACHE !== 'off',
  sharedCache: ({ env }) => (env.RESPONSE_CACHE !== 'off' ? defaultCache() : undefined),
  revisionCheckMs: ({ env }) => revisionCheckMsOf(env.REVISION_CHECK_MS),
  logger: ({ env }) => consoleLogger(env.LOG_LEVEL),
  graphiqlAsset: ({ env }) => env.ASSETS,
  getWriteDb: ({ env }) => writeDbFromEnv(env),
  editorOrigins: ({ env }) => editorOriginsOf(env.EDITOR_ORIGINS),
  dashboardAssets: ({ env }) => env.ASSETS,
  // A bad value is reported by dbFromEnv, by name; the deadline meanwhile keeps its default.
  databaseTimeoutMs: ({ env }) => {
    try {
      return databaseTimeoutOf(env);
    } catch {
      return DEFAULT_DATABASE_TIMEOUT_MS;
    }
  },
  // Per isolate: see README → Rate limits. Cloudflare's own header names the client.
  rateLimit: {
    settings: ({ env }) => edgeRateLimit(env),
    peer: (_context, request) => request.headers.get('cf-connecting-ip') ?? undefined,
  },
});

/** EDITOR_ORIGINS, checked once per value an isolate sees (a bad one throws, naming the variable). */
let origins: { value: string | undefined; parsed: string[] | Error } | null = null;
function editorOriginsOf(value: string | undefined): string[] {
  if (!origins || origins.value !== value) {
    let parsed: string[] | Error;
    try {
      parsed = parseOrigins(value);
    } catch (error) {
      parsed = error as Error;
    }
    origins = { value, parsed };
  }
  if (origins.parsed instanceof Error) throw origins.parsed;
  return origins.parsed;
}

/** Cloudflare's `caches.default` (Miniflare emulates it); undefined where the runtime has none. */
function defaultCache(): SharedCache | undefined {
  return (globalThis as { caches?: { default?: SharedCache } }).caches?.default;
}

/** A bad REVISION_CHECK_MS keeps the default: the staleness bound README documents. */
function revisionCheckMsOf(value: string | undefined): number {
  try {
    return parseRevisionCheckMs(value);
  } catch {
    return DEFAULT_REVISION_CHECK_MS;
  }
}

const NO_PROXIES: ReadonlySet<string> = new Set();

function edgeRateLimit(env: EdgeEnv): RateLimitSettings | undefined {
  if (env.RATE_LIMIT?.trim().toLowerCase() === 'off') return undefined;
  const positive = (value: string | undefined, fallback: number) => {
    const n = Number(value ?? fallback);
    return Number.isFinite(n) && n > 0 ? n : fallback;
  };
  return {
    points: positive(env.RATE_LIMIT_POINTS, DEFAULT_RATE_LIMIT.points),
    windowSeconds: positive(env.RATE_LIMIT_WINDOW, DEFAULT_RATE_LIMIT.windowSeconds),
    trustedProxies: NO_PROXIES,
  };
}

/** `waitUntil` (the Pages context's) lets a Cache API write finish after the answer is sent. */
export async function handleEdgeRequest(request: Request, env: EdgeEnv, waitUntil?: WaitUntil): Promise<Response> {
  return yoga.fetch(request, waitUntil ? { env, waitUntil } : { env });
}
