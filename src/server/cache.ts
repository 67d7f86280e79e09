/**
 * The response cache for public reads. Entries are keyed on the data revision (bumped by every
 * import in the same batch as its data), so a cached answer — and its ETag — never outlives the
 * data it was computed from, whichever process wrote. The revision is read once at the start of
 * each request (one indexed single-row read); when it moved, the whole cache is dropped, which
 * also keeps Yoga's If-None-Match → 304 shortcut from confirming a stale ETag.
 *
 * Some answers also depend on the day (`overdue` defaults `asOf` to today), so the request's day
 * is part of every key and, like the revision, empties the cache when it changes: nothing cached
 * yesterday, nor its ETag, is served today.
 */
import { createInMemoryCache, hashSHA256, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { eq } from 'drizzle-orm';
import type { Plugin } from 'graphql-yoga';
import type { Db } from '../db/client.ts';
import { dataRevision } from '../db/schema.ts';
import { recordOf } from './log/request-record.ts';

type Cache = ReturnType<typeof createInMemoryCache>;

/** Entries kept per server (per isolate on the edge); least recently used go first. */
const MAX_ENTRIES = 1000;

export async function readRevision(db: Db): Promise<number> {
  const [row] = await db.select({ revision: dataRevision.revision }).from(dataRevision).where(eq(dataRevision.id, 1));
  return row?.revision ?? 0;
}

export function useDossierResponseCache<TServerContext extends Record<string, unknown>>(
  getDb: (serverContext: TServerContext) => Db | Promise<Db>,
  isOn: (serverContext: TServerContext) => boolean,
  dayOf: (request: Request) => string,
): Plugin<Record<string, unknown>, TServerContext>[] {
  let inner: Cache = createInMemoryCache({ max: MAX_ENTRIES });
  let cachedGeneration: string | undefined;
  const generationOf = new WeakMap<Request, string>();
  // The plugin keeps this object; swapping `inner` empties the cache for it.
  const cache: Cache = {
    get: (id) => inner.get(id),
    set: (id, data, entities, ttl) => inner.set(id, data, entities, ttl),
    invalidate: (entities) => inner.invalidate(entities),
  };

  const checkRevision: Plugin<Record<string, unknown>, TServerContext> = {
    async onRequest({ request, url, serverContext }) {
      if (url.pathname !== '/graphql' || !isOn(serverContext as TServerContext)) return;
      // A request with an API key is never answered from, nor stored in, the shared cache.
      if (request.headers.has('authorization')) return;
      let revision: number;
      try {
        revision = await readRevision(await getDb(serverContext as TServerContext));
      } catch {
        return; // The database is down: the request itself will report it, uncached.
      }
      const generation = `${revision}@${dayOf(request)}`;
      if (generation !== cachedGeneration) {
        inner = createInMemoryCache({ max: MAX_ENTRIES });
        cachedGeneration = generation;
      }
      generationOf.set(request, generation);
      const record = recordOf(serverContext);
      if (record) record.cache ??= 'miss'; // a hit says so when the cached answer comes back
    },
  };

  const responseCache = useResponseCache({
    cache,
    session: () => null, // Every read is public: one shared entry per query and variables.
    enabled: (request) => generationOf.has(request),
    includeExtensionMetadata: false,
    buildResponseCacheKey: ({ documentString, variableValues, operationName, request }) =>
      hashSHA256(
        JSON.stringify([generationOf.get(request), documentString, operationName ?? null, variableValues ?? {}]),
      ),
  }) as Plugin<Record<string, unknown>, TServerContext>;

  return [checkRevision, responseCache];
}
