/**
 * Rate limits by cost, GitHub style: each client (client.ts) has a budget of points per window
 * (buckets.ts), and each request is charged what the cost model computed for it — the
 * `extensions.cost.requested` of its answer, which a cached answer carries as the first one did —
 * and at least MIN_CHARGE points: a request refused before it ran (invalid, too costly, a 304)
 * costs that much, so a flood of cheap requests is bounded too.
 * An empty budget gets `429 RATE_LIMITED` with `Retry-After`, before any database work. Every
 * limited answer carries the IETF draft headers `RateLimit-Limit`, `RateLimit-Remaining`,
 * `RateLimit-Reset` (seconds until the budget is full again) and `RateLimit-Policy`.
 *
 * An API key, once verified (src/server/yoga.ts calls setVerifiedKey), moves its request to the
 * key's own bucket: the request is admitted only if its address still has points at arrival and
 * its key has points once verified, and is charged to the key. A key that fails verification
 * (401) never gets a bucket: its request stays on its address's.
 *
 * Routes: /graphql, /csv and /persisted/… (their inner /graphql request is charged to the outer
 * one); /live, /health and GraphiQL are free. In memory: per process on Node, per isolate on the
 * edge (see README → Rate limits).
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ownsRecord, type RequestRecord, recordError, recordOf } from '../log/request-record.ts';
import { type BucketState, TokenBuckets } from './buckets.ts';
import { type ClientSources, clientOf, verifiedClientOf } from './client.ts';

export interface RateLimitSettings {
  /** Points in a full budget. */
  points: number;
  /** Seconds in which an empty budget refills. */
  windowSeconds: number;
  trustedProxies: ReadonlySet<string>;
}

/** The default budget: two answers of the largest allowed cost (500,000) per minute, or 10,000 small requests. */
export const DEFAULT_RATE_LIMIT = { points: 1_000_000, windowSeconds: 60 };
/** What any request costs at least (one GitHub point is 100 objects). */
export const MIN_CHARGE = 100;

export interface RateLimitOptions<TServerContext> {
  /** The budget, or undefined when rate limiting is off (RATE_LIMIT=off). */
  settings: (serverContext: TServerContext) => RateLimitSettings | undefined;
  /** The socket's peer on Node, CF-Connecting-IP on the edge. */
  peer: (serverContext: TServerContext, request: Request) => string | undefined;
  /** A clock in milliseconds (tests move it); performance.now() by default. */
  now?: () => number;
}

interface Charge {
  client: string;
  buckets: TokenBuckets;
  cost: number;
  /** Set when the request was refused: the bucket as it was. */
  refused?: BucketState;
}

const LIMITED_ROUTE = /^\/(graphql|csv|persisted\/[^/]+)$/;

export function useRateLimit<TServerContext extends Record<string, unknown>>(
  options: RateLimitOptions<TServerContext>,
): Plugin<Record<string, unknown>, TServerContext> {
  let buckets: TokenBuckets | undefined;
  const charges = new WeakMap<RequestRecord, Charge>();
  const bucketsFor = ({ points, windowSeconds }: RateLimitSettings) => {
    if (buckets?.points !== points || buckets.windowSeconds !== windowSeconds) {
      buckets = new TokenBuckets(points, windowSeconds, options.now);
    }
    return buckets;
  };

  return {
    onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
      const record = recordOf(serverContext);
      if (!record || !ownsRecord(serverContext) || !LIMITED_ROUTE.test(url.pathname)) return;
      const settings = options.settings(serverContext as TServerContext);
      if (!settings) return;
      const sources: ClientSources = {
        peer: options.peer(serverContext as TServerContext, request),
        trustedProxies: settings.trustedProxies,
      };
      const charge: Charge = { client: clientOf(request, sources), buckets: bucketsFor(settings), cost: 0 };
      charges.set(record, charge);
      const state = charge.buckets.state(charge.client);
      if (state.retryAfterSeconds === 0) return;
      charge.refused = state;
      const error = rateLimited(state);
      recordError(record, error);
      const csv = url.pathname === '/csv' || url.pathname.endsWith('.csv');
      endResponse(
        csv
          ? new fetchAPI.Response(error.message, {
              status: 429,
              headers: { 'content-type': 'text/plain; charset=utf-8' },
            })
          : new fetchAPI.Response(
              JSON.stringify({ errors: [{ message: error.message, extensions: error.extensions }] }),
              {
                status: 429,
                headers: { 'content-type': 'application/json; charset=utf-8' },
              },
            ),
      );
    },
    onContextBuilding({ context }) {
      const request = (context as { request?: Request }).request;
      // After the context is built: by then yoga.ts has verified the request's key, if it has one.
      return ({ context: built }) => {
        const record = recordOf(built as Record<string, unknown>);
        const charge = record && charges.get(record);
        const keyClient = request && verifiedClientOf(request);
        if (!charge || charge.refused || !keyClient || keyClient === charge.client) return;
        charge.client = keyClient;
        const state = charge.buckets.state(keyClient);
        if (state.retryAfterSeconds === 0) return;
        charge.refused = state;
        throw rateLimited(state, { status: 429 });
      };
    },
    onResultProcess({ result, serverContext }) {
      const record = recordOf(serverContext);
      const charge = record && charges.get(record);
      if (!charge || Array.isArray(result)) return;
      charge.cost += costOf(result as { extensions?: Record<string, unknown> });
    },
    onResponse({ response, serverContext }) {
      const record = recordOf(serverContext);
      const charge = record && ownsRecord(serverContext) ? charges.get(record) : undefined;
      if (!charge) return;
      // A shared-cache hit (src/server/edge-cache.ts) ran nothing here: it is charged what it cost when it ran.
      const cost = charge.cost + (record?.cachedCost ?? 0);
      const state = charge.refused ?? charge.buckets.charge(charge.client, Math.max(MIN_CHARGE, cost));
      const headers = response.headers;
      headers.set('ratelimit-limit', String(state.limit));
      headers.set('ratelimit-remaining', String(state.remaining));
      headers.set('ratelimit-reset', String(state.resetSeconds));
      headers.set('ratelimit-policy', `${state.limit};w=${charge.buckets.windowSeconds}`);
      if (charge.refused) headers.set('retry-after', String(state.retryAfterSeconds));
    },
  };
}

/** What an answer is charged: its cost when it ran (or came from the cache), else nothing here. */
export function costOf(result: { extensions?: Record<string, unknown> }): number {
  const cost = result.extensions?.cost as { requested?: unknown; limit?: unknown } | undefined;
  if (typeof cost?.requested !== 'number' || typeof cost.limit !== 'number') return 0;
  return cost.requested <= cost.limit ? cost.requested : 0; // refused as too costly: it ran nothing
}

/** `http` when thrown inside GraphQL (the key's bucket), where Yoga sets the status from it. */
function rateLimited(state: BucketState, http?: { status: number }): GraphQLError {
  const n = (x: number) => x.toLocaleString('en-US');
  return new GraphQLError(
    `Rate limit exceeded: this client's budget of ${n(state.limit)} points is spent. Try again in ${state.retryAfterSeconds} s (Retry-After).`,
    { extensions: { code: 'RATE_LIMITED', ...(http && { http }) } },
  );
}
