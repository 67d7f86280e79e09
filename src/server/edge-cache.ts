/**
 * Cloudflare's Cache API (`caches.default`) in front of the saved queries (`/persisted/…`) and
 * `/csv` on the edge: a `Cache-Control` header on a Pages Function's answer does not put it in
 * Cloudflare's cache by itself, the function must. Keyed by the URL, the data revision and the
 * day the request is answered as of (revision-check.ts: read at most once per REVISION_CHECK_MS,
 * so a hit within it never reaches the database), so an entry never outlives its data nor its day.
 * Requests with `Authorization` neither read nor fill it. What is stored has no per-request headers
 * (request ID, RateLimit-*): a hit gets fresh ones on its way out, and is charged the cost its
 * answer had when it ran. Cloudflare applies the Cache API only on a custom domain (on
 * *.pages.dev it stores nothing); the tests see Miniflare's emulation (test/edge/cache-api.test.ts).
 */
import type { Plugin } from 'graphql-yoga';
import type { Db } from '../db/client.ts';
import { secondsLeftInUtcDay } from './clock.ts';
import { ownsRecord, type RequestRecord, recordOf } from './log/request-record.ts';
import { cacheControlAt } from './persisted.ts';
import { costOf } from './rate-limit/plugin.ts';
import type { RevisionCheck } from './revision-check.ts';
import { onRequestWhere } from './route-hook.ts';

/** The part of the Workers Cache API used here. */
export interface SharedCache {
  match(request: Request): Promise<Response | undefined>;
  put(request: Request, response: Response): Promise<void>;
}

export interface EdgeCacheOptions<TServerContext> {
  /** `caches.default`, or undefined when the cache is off (RESPONSE_CACHE=off) or absent. */
  cache: (serverContext: TServerContext) => SharedCache | undefined;
  getDb: (serverContext: TServerContext) => Db | Promise<Db>;
  revisions: RevisionCheck;
  revisionCheckMs: (serverContext: TServerContext) => number;
  dayOf: (request: Request) => string;
  clock: () => Date;
}

const CACHED_ROUTE = /^\/(csv|persisted\/[a-z0-9-]+(\.csv)?)$/;
/** Set fresh on every answer: never stored. */
const PER_REQUEST_HEADER = /^(x-request-id|ratelimit-.*|retry-after)$/;
/** On a stored copy only: what its answer cost when it ran, charged again on a hit. */
const COST_HEADER = 'x-dossier-cost';

export function useEdgeCache<TServerContext extends Record<string, unknown>>(
  options: EdgeCacheOptions<TServerContext>,
): Plugin<Record<string, unknown>, TServerContext> {
  /** Per outer request: where its answer is stored, what it cost, and whether it came from the cache. */
  const keys = new WeakMap<RequestRecord, { cache: SharedCache; key: Request; cost: number; hit: boolean }>();

  return {
    onRequest: onRequestWhere(
      ({ request, url }) => request.method === 'GET' && CACHED_ROUTE.test(url.pathname),
      async ({ request, url, serverContext, endResponse, fetchAPI }) => {
        const record = recordOf(serverContext);
        const context = serverContext as TServerContext;
        if (!record || !ownsRecord(serverContext) || request.method !== 'GET' || !CACHED_ROUTE.test(url.pathname))
          return;
        // A request with an API key is never answered from, nor stored in, the shared cache.
        if (request.headers.has('authorization')) return;
        const cache = options.cache(context);
        if (!cache) return;
        let revision: number;
        try {
          revision = await options.revisions.revisionFor(
            record,
            () => options.getDb(context),
            options.revisionCheckMs(context),
          );
        } catch {
          return; // The database is down: the request itself will report it, uncached.
        }
        const key = new fetchAPI.Request(cacheKeyUrl(url, revision, options.dayOf(request)));
        const entry = { cache, key, cost: 0, hit: false };
        keys.set(record, entry);
        const stored = await cache.match(key).catch(() => undefined);
        record.cache = stored ? 'hit' : 'miss';
        if (!stored) return;
        entry.hit = true;
        record.cachedCost = Number(stored.headers.get(COST_HEADER)) || 0;
        const response = new fetchAPI.Response(stored.body, stored); // a copy whose headers can change
        response.headers.delete(COST_HEADER);
        // Cache-Control as the route gives it now: a saved query's (see persisted.ts), none for /csv.
        if (url.pathname.startsWith('/persisted/')) {
          response.headers.set('cache-control', cacheControlAt(options.clock()));
        } else {
          response.headers.delete('cache-control');
        }
        endResponse(response);
      },
    ),
    onResultProcess({ result, serverContext }) {
      const record = recordOf(serverContext);
      const entry = record && keys.get(record);
      if (entry && !Array.isArray(result)) entry.cost += costOf(result as { extensions?: Record<string, unknown> });
    },
    // After the request lifecycle's and the rate limit's (plugin order): the answer as sent.
    onResponse({ response, serverContext, fetchAPI }) {
      const record = recordOf(serverContext);
      const entry = record && ownsRecord(serverContext) ? keys.get(record) : undefined;
      if (!entry || entry.hit || record?.errorCount || response.status !== 200) return;
      if (/no-store|private/.test(response.headers.get('cache-control') ?? '')) return;
      const copy = new fetchAPI.Response(response.clone().body, response);
      for (const name of [...copy.headers.keys()]) if (PER_REQUEST_HEADER.test(name)) copy.headers.delete(name);
      copy.headers.set(COST_HEADER, String(entry.cost));
      // For the cache only (a hit sets the route's own): the key already ends with the day.
      copy.headers.set('cache-control', `public, max-age=${secondsLeftInUtcDay(options.clock())}`);
      const put = entry.cache.put(entry.key, copy).catch(() => {});
      const waitUntil = (serverContext as { waitUntil?: (promise: Promise<unknown>) => void }).waitUntil;
      if (waitUntil) waitUntil(put);
      else return put;
    },
  };
}

/** The request's own URL, under a prefix naming the revision and the day. */
export function cacheKeyUrl(url: URL, revision: number, day: string): string {
  return `${url.origin}/.dossier-cache/${revision}/${day}${url.pathname}${url.search}`;
}
