/**
 * `GET /persisted/<name>[.csv]`: runs a committed query (persisted-queries.ts) through the same
 * server — response cache and ETag included — and marks the answer cacheable by CDNs and browsers
 * for a minute, then servable while revalidating. Unknown names are 404: nothing else can run here.
 */
import type { Plugin } from 'graphql-yoga';
import { type Clock, secondsLeftInUtcDay } from './clock.ts';
import { PERSISTED_QUERIES } from './persisted-queries.ts';
import { onRequestWhere } from './route-hook.ts';
import type { ServerFetch } from './server-fetch.ts';

const MAX_AGE = 60;
const STALE_WHILE_REVALIDATE = 600;
export const PERSISTED_CACHE_CONTROL = `public, max-age=${MAX_AGE}, stale-while-revalidate=${STALE_WHILE_REVALIDATE}`;

/**
 * A CDN keys on the URL, which says nothing of the day, and an answer may depend on it
 * (`overdue-measures` without `asOf`): no answer may be served, fresh or stale, past the UTC
 * midnight after it was computed. Only the last minutes of each day are cached for less.
 */
export function cacheControlAt(now: Date): string {
  const left = secondsLeftInUtcDay(now);
  if (left >= MAX_AGE + STALE_WHILE_REVALIDATE) return PERSISTED_CACHE_CONTROL;
  const maxAge = Math.min(MAX_AGE, left);
  return `public, max-age=${maxAge}, stale-while-revalidate=${left - maxAge}`;
}

export function usePersistedQueries(server: () => ServerFetch, clock: Clock): Plugin {
  return {
    onRequest: onRequestWhere(
      ({ url }) => url.pathname.startsWith('/persisted/'),
      async ({ request, url, fetchAPI, endResponse, serverContext }) => {
        const match = /^\/persisted\/([a-z0-9-]+?)(\.csv)?$/.exec(url.pathname);
        if (!match) return;
        const [, name = '', csv] = match;
        const query = PERSISTED_QUERIES[name];
        if (!query || request.method !== 'GET') {
          const message = query
            ? 'Use GET.'
            : `No saved query "${name}". Known: ${Object.keys(PERSISTED_QUERIES).join(', ')}.`;
          return endResponse(
            new fetchAPI.Response(message, {
              status: query ? 405 : 404,
              headers: { 'content-type': 'text/plain; charset=utf-8' },
            }),
          );
        }
        const inner = new URL(csv ? '/csv' : '/graphql', url);
        inner.searchParams.set('query', query);
        const variables = url.searchParams.get('variables');
        if (variables) inner.searchParams.set('variables', variables);
        const now = clock(); // before the answer is computed: it is at least this old
        const headers = new fetchAPI.Headers({ accept: 'application/json' });
        const ifNoneMatch = request.headers.get('if-none-match');
        if (ifNoneMatch) headers.set('if-none-match', ifNoneMatch);
        const response = await server()(
          new fetchAPI.Request(inner, { headers }),
          serverContext as Record<string, unknown>,
        );
        // CSV fails with 400; a JSON answer can be a 200 that still holds errors, which no one should cache.
        const body = response.status === 304 ? null : await response.text();
        const failed = response.status >= 400 || (!csv && body !== null && hasErrors(body));
        const out = new fetchAPI.Response(body, { status: response.status, headers: response.headers });
        out.headers.set('cache-control', failed ? 'no-store' : cacheControlAt(now));
        endResponse(out);
      },
    ),
  };
}

function hasErrors(json: string): boolean {
  try {
    return Array.isArray((JSON.parse(json) as { errors?: unknown }).errors);
  } catch {
    return true;
  }
}
