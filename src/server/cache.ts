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
 * The cache is our own, not @envelop/response-cache: that plugin tracks entities for invalidation
 * by mutation, which we never use (the revision does it), and paid for it at start and on every
 * miss — a walk rebuilding the whole schema before the first query (a third of an edge isolate's
 * first query), a rewrite of every document adding `__typename` and `id` to each selection set
 * (so more fields resolved), and a copy of every result to strip them again. Here a miss is
 * executed as sent and stored as answered. What is cached is what was cached before: answers to
 * queries (not mutations) without errors and without `__schema` (introspection), each with its
 * ETag (the SHA-256 of its key) and Last-Modified.
 *
 * Conditional GETs: a 304 comes from http-hygiene.ts, which compares If-None-Match with the ETag of
 * this request's own answer — cached or computed — never with any other cached entry's.
 */
import type { DocumentNode, ExecutionResult } from 'graphql';
import { BREAK, getOperationAST, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Db } from '../db/client.ts';
import { recordOf } from './log/request-record.ts';
import { Lru } from './lru.ts';
import type { RevisionCheck } from './revision-check.ts';
import { sha256Hex } from './sha256.ts';

/** Entries kept per server (per isolate on the edge); least recently used go first. */
const MAX_ENTRIES = 1000;
/** Key texts longer than this are hashed every time rather than remembered (memory stays bounded). */
const MAX_REMEMBERED_KEY_CHARS = 16_384;
/** Marks a result served from this cache (the request log reads it: request-lifecycle.ts). */
const SERVED_FROM_CACHE = Symbol.for('servedFromResponseCache');

type Result = ExecutionResult & { extensions?: { http?: { headers?: Record<string, string> } } };

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
  let entries = new Lru<string, Result>(MAX_ENTRIES);
  let cachedGeneration: string | undefined;
  const generationOf = new WeakMap<Request, string>();
  /** The key of each request that may use the cache, from onParams on. */
  const keyOfRequest = new WeakMap<Request, string>();

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
        entries = new Lru(MAX_ENTRIES);
        cachedGeneration = generation;
      }
      generationOf.set(request, generation);
      const record = recordOf(serverContext);
      if (record) record.cache ??= 'miss'; // a hit says so when the cached answer comes back
    },
  };

  const responseCache: Plugin<Record<string, unknown>, TServerContext> = {
    // Before parsing: a hit skips parsing, validation, pricing and execution alike.
    async onParams({ request, params, setResult }) {
      const generation = generationOf.get(request);
      if (generation === undefined) return;
      const key = await keyOf(
        JSON.stringify([generation, params.query, params.operationName ?? null, params.variables ?? {}]),
      );
      keyOfRequest.set(request, key);
      const hit = entries.get(key);
      if (hit) setResult({ ...hit, [SERVED_FROM_CACHE]: true } as ExecutionResult);
    },
    onExecute({ args }) {
      const key = keyOfRequest.get((args.contextValue as { request: Request }).request);
      if (key === undefined) return;
      if (getOperationAST(args.document, args.operationName)?.operation !== 'query') return;
      if (asksForSchema(args.document)) return; // introspection is never cached
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return; // no @defer or subscriptions here
          if (result.errors?.length) return; // errors are never cached
          const answered = result as Result;
          const stored: Result = {
            ...answered,
            extensions: {
              ...answered.extensions,
              http: {
                ...answered.extensions?.http,
                headers: {
                  ...answered.extensions?.http?.headers,
                  ETag: key, // quoted on the way out (http-hygiene.ts)
                  'Last-Modified': new Date().toUTCString(),
                },
              },
            },
          };
          entries.set(key, stored);
          setResult(stored);
        },
      };
    },
    // A hit hands back the stored result: its JSON text is written once and reused (see below).
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !(result as Record<symbol, unknown>)[SERVED_FROM_CACHE]) return;
      const hit = result as ExecutionResult;
      if (hit.errors?.length || !hit.data) return;
      setResult({ ...hit, stringify: (sanitized: unknown) => storedJson(hit, sanitized) } as ExecutionResult);
    },
  };

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
    const hash = await sha256Hex(text);
    if (text.length <= MAX_REMEMBERED_KEY_CHARS) hashes.set(text, hash);
    return hash;
  }

  return [checkRevision, responseCache];
}

/** Whether a document asks for `__schema` anywhere (introspection); remembered per document. */
const schemaAsked = new WeakMap<DocumentNode, boolean>();

function asksForSchema(document: DocumentNode): boolean {
  let asks = schemaAsked.get(document);
  if (asks === undefined) {
    asks = false;
    visit(document, {
      Field(node) {
        if (node.name.value !== '__schema') return;
        asks = true;
        return BREAK;
      },
    });
    schemaAsked.set(document, asks);
  }
  return asks;
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
