/**
 * The response cache for public reads, in memory. Entries are keyed on the data revision (bumped
 * by every import in the same batch as its data), so a cached answer — and its ETag — never
 * outlives the data it was computed from by more than the revision check's interval
 * (revision-check.ts; at once for this process's own writes). When the revision moved, the whole
 * cache is dropped.
 *
 * Some answers also depend on the day (`overdue` defaults `asOf` to today), so the request's day
 * is part of every key and, like the revision, empties the cache when it changes: nothing cached
 * yesterday, nor its ETag, is served today.
 *
 * Conditional GETs: the plugin's own shortcut would answer 304 to any If-None-Match naming any
 * cached entry, whatever the request asks for. It is never reached (the cache is enabled only from
 * onParams on); a 304 comes from http-hygiene.ts instead, which compares If-None-Match with the
 * ETag of this request's own answer — cached or computed.
 */
import { createInMemoryCache, hashSHA256, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Db } from '../db/client.ts';
import { withDeferredSchemaWalk } from './deferred-schema-walk.ts';
import { recordOf } from './log/request-record.ts';
import type { RevisionCheck } from './revision-check.ts';

type Cache = ReturnType<typeof createInMemoryCache>;

/** Entries kept per server (per isolate on the edge); least recently used go first. */
const MAX_ENTRIES = 1000;
/** Key texts longer than this are hashed every time rather than remembered (memory stays bounded). */
const MAX_REMEMBERED_KEY_CHARS = 16_384;
const SERVED_FROM_CACHE = Symbol.for('servedFromResponseCache');

export interface ResponseCacheOptions<TServerContext> {
  getDb: (serverContext: TServerContext) => Db | Promise<Db>;
  isOn: (serverContext: TServerContext) => boolean;
  dayOf: (request: Request) => string;
  revisions: RevisionCheck;
  /** REVISION_CHECK_MS: how old the revision this request is answered at may be. */
  revisionCheckMs: (serverContext: TServerContext) => number;
}

export function useDossierResponseCache<TServerContext extends Record<string, unknown>>({
  getDb,
  isOn,
  dayOf,
  revisions,
  revisionCheckMs,
}: ResponseCacheOptions<TServerContext>): Plugin<Record<string, unknown>, TServerContext>[] {
  let inner: Cache = createInMemoryCache({ max: MAX_ENTRIES });
  let cachedGeneration: string | undefined;
  const generationOf = new WeakMap<Request, string>();
  /** Requests past onParams: only they may use the cache (see the top of this file). */
  const ready = new WeakSet<Request>();
  // The plugin keeps this object; swapping `inner` empties the cache for it.
  const cache: Cache = {
    get: (id) => inner.get(id),
    set: (id, data, entities, ttl) => inner.set(id, data, entities, ttl),
    invalidate: (entities) => inner.invalidate(entities),
  };

  const checkRevision: Plugin<Record<string, unknown>, TServerContext> = {
    async onRequest({ request, url, serverContext }) {
      const context = serverContext as TServerContext;
      if (url.pathname !== '/graphql' || !isOn(context)) return;
      // A request with an API key is never answered from, nor stored in, the shared cache.
      if (request.headers.has('authorization')) return;
      let revision: number;
      try {
        revision = await revisions.revisionFor(
          recordOf(serverContext) ?? request,
          () => getDb(context),
          revisionCheckMs(context),
        );
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
    // Runs before the response cache's own onParams (plugin order), which looks the answer up.
    onParams({ request }) {
      if (generationOf.has(request)) ready.add(request);
    },
    // A hit hands back the stored result: its JSON text is written once and reused (see below).
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !(result as Record<symbol, unknown>)[SERVED_FROM_CACHE]) return;
      const hit = result as ExecutionResult;
      if (hit.errors?.length || !hit.data) return;
      setResult({ ...hit, stringify: (sanitized: unknown) => storedJson(hit, sanitized) } as ExecutionResult);
    },
  };

  // Its walk of the whole schema waits for the first execution (deferred-schema-walk.ts).
  const responseCache = withDeferredSchemaWalk(
    useResponseCache({
      cache,
      session: () => null, // Every read is public: one shared entry per query and variables.
      enabled: (request) => ready.has(request),
      includeExtensionMetadata: false,
      buildResponseCacheKey: ({ documentString, variableValues, operationName, request }) =>
        keyOf(JSON.stringify([generationOf.get(request), documentString, operationName ?? null, variableValues ?? {}])),
    }),
  ) as Plugin<Record<string, unknown>, TServerContext>;

  /**
   * The SHA-256 of a key text (the entry's ID and ETag), remembered for the texts of the entries
   * that can be cached: a repeated request costs a map lookup instead of an asynchronous digest.
   * Emptied with the cache, since every text holds the generation.
   */
  const hashes = new Map<string, string>();
  let hashesGeneration: string | undefined;
  async function keyOf(text: string): Promise<string> {
    if (hashesGeneration !== cachedGeneration || hashes.size >= MAX_ENTRIES) {
      hashes.clear();
      hashesGeneration = cachedGeneration;
    }
    const known = hashes.get(text);
    if (known) return known;
    const hash = await hashSHA256(text);
    if (text.length <= MAX_REMEMBERED_KEY_CHARS) hashes.set(text, hash);
    return hash;
  }

  return [checkRevision, responseCache];
}

/**
 * The JSON text of a hit, written on the first hit of an entry and kept with it: every hit of an
 * entry carries the stored `data` and `extensions` objects themselves, so the text is the same
 * (Yoga strips `extensions.http` before calling this, as for any result).
 */
const jsonOfStored = new WeakMap<object, { extensions: unknown; json: string }>();

function storedJson(hit: ExecutionResult, sanitized: unknown): string {
  const data = hit.data as object;
  const known = jsonOfStored.get(data);
  if (known && known.extensions === hit.extensions) return known.json;
  const json = JSON.stringify(sanitized);
  jsonOfStored.set(data, { extensions: hit.extensions, json });
  return json;
}
