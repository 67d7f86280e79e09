/**
 * The platform-neutral server: the same Yoga serves Node and the edge. The platform hands over
 * the database per request through `getDb`, and optionally a GraphiQL renderer (Node serves it
 * offline; the edge serves GraphiQL as a static asset instead).
 */
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { useContentEncoding } from '@whatwg-node/server';
import { createYoga } from 'graphql-yoga';
import { authenticate } from '../auth/verify.ts';
import type { Db } from '../db/client.ts';
import type { Ingester } from '../ingest/ingester.ts';
import type { Context } from '../schema/builder.ts';
import { schema } from '../schema/index.ts';
import { useBodyLimit } from './body-limit.ts';
import { useDossierResponseCache } from './cache.ts';
import { type Clock, requestDays, systemClock } from './clock.ts';
import { useBoundedVariables, useCostLimit } from './cost/plugin.ts';
import { useCsvExport } from './csv.ts';
import { type StaticAssets, useDashboard } from './dashboard.ts';
import { DEFAULT_DATABASE_TIMEOUT_MS, useRequestDeadline } from './deadline.ts';
import { type SharedCache, useEdgeCache } from './edge-cache.ts';
import { maskError } from './errors.ts';
import { EXAMPLE_OPERATIONS } from './example-operations.ts';
import { type CompiledReadsOptions, useCompiledReads } from './execution/compiled-reads.ts';
import { useGraphiQLAsset } from './graphiql-asset.ts';
import { graphiqlPage, type RenderGraphiQL } from './graphiql-page.ts';
import { useHealth } from './health.ts';
import { MAX_BODY_BYTES } from './http-hygiene.ts';
import type { Logger } from './log/logger.ts';
import { countedDb } from './log/request-record.ts';
import { useMaxTokens } from './max-tokens.ts';
import { usePersistedQueries } from './persisted.ts';
import { setVerifiedKey } from './rate-limit/client.ts';
import { type RateLimitOptions, useRateLimit } from './rate-limit/plugin.ts';
import type { ReplicaHealth } from './replica-sync.ts';
import { useRequestGuards } from './request-guards.ts';
import { useRequestLifecycle } from './request-lifecycle.ts';
import { DEFAULT_REVISION_CHECK_MS, revisionCheck } from './revision-check.ts';
import type { ServerFetch } from './server-fetch.ts';

type ServerContext = Record<string, unknown>;

export interface DossierServerOptions<TServerContext extends ServerContext> {
  getDb: (serverContext: TServerContext) => Db | Promise<Db>;
  renderGraphiQL?: RenderGraphiQL;
  /**
   * Whether to cache answers to reads, per request (the edge decides from its `env`). Entries are
   * keyed on the data revision: one extra single-row read per request when on.
   */
  responseCache?: (serverContext: TServerContext) => boolean;
  /**
   * REVISION_CHECK_MS: the response caches re-read the data revision at most this often (per
   * process or isolate), so another process's write is seen at most this late; this process's own
   * writes at once. 1,000 by default; tests give 0 (every request reads it).
   */
  revisionCheckMs?: (serverContext: TServerContext) => number;
  /**
   * The edge's shared cache (`caches.default`) for saved queries and CSV (edge-cache.ts), or
   * undefined where there is none (Node, RESPONSE_CACHE=off).
   */
  sharedCache?: (serverContext: TServerContext) => SharedCache | undefined;
  /** Where the request and error lines go (see src/server/log/logger.ts); none: no log. */
  logger?: (serverContext: TServerContext) => Logger | undefined;
  /** The edge's static GraphiQL page (Pages' ASSETS binding), answered for a browser's GET /graphql. */
  graphiqlAsset?: (serverContext: TServerContext) => { fetch(request: Request): Promise<Response> } | undefined;
  /** Where "today" comes from (tests move it); the system clock by default. */
  clock?: Clock;
  /**
   * The database connection writes go through, or null where this server may not write (the edge
   * without DATABASE_WRITE_TOKEN): mutations then answer WRITES_DISABLED (503), and keys' "last
   * used" is not updated. Asked only once a key has been verified.
   */
  getWriteDb?: (serverContext: TServerContext) => Db | null | Promise<Db | null>;
  /** Origins besides the server's own whose browser requests may carry an API key. */
  editorOrigins?: (serverContext: TServerContext) => readonly string[];
  /**
   * Objects one operation may ask for (the cost model; default MAX_COST, 500,000). Only the
   * benchmarks raise it, to time operations the limit would refuse against peers that have none.
   */
  maxCost?: number;
  /** The dashboard's static pages (src/server/dashboard.ts): built files on Node, ASSETS on the edge. */
  dashboardAssets?: (serverContext: TServerContext) => StaticAssets | undefined;
  /**
   * How `articleIngest` runs the extractor and stores its drafts (src/ingest/ingest-article.ts).
   * The Node server passes it; the edge does not, and answers NOT_AVAILABLE_ON_EDGE (501).
   */
  ingester?: Ingester;
  /** Milliseconds of database work one request may take (DATABASE_TIMEOUT_MS); 5,000 by default. */
  databaseTimeoutMs?: (serverContext: TServerContext) => number;
  /** Rate limits by cost (rate-limit/plugin.ts); none: no limit (tests, benchmarks). */
  rateLimit?: RateLimitOptions<TServerContext>;
  /**
   * Compiled reads (src/server/execution/compiled-reads.ts): on unless `false`; `onOutcome` hears
   * whether each operation ran compiled (tests, debugging).
   */
  compiledReads?: false | CompiledReadsOptions;
  /** An embedded replica's last sync, reported (and judged stale) by /health; none: not a replica. */
  replicaHealth?: () => ReplicaHealth;
}

export function createDossierYoga<TServerContext extends ServerContext = ServerContext>(
  options: DossierServerOptions<TServerContext>,
) {
  // The CSV and saved-query routes run their query through this same server, once it exists.
  let yoga: ReturnType<typeof createYoga<TServerContext, Context>> | undefined;
  // Every query of a request goes through one counting wrapper of the database, for its log line.
  const getDb = async (serverContext: TServerContext) => countedDb(serverContext, await options.getDb(serverContext));
  const graphiql = options.renderGraphiQL && graphiqlPage(options.renderGraphiQL);
  const self = (): ServerFetch => (request, context) =>
    (yoga as NonNullable<typeof yoga>).fetch(request, context as TServerContext);
  const clock = options.clock ?? systemClock;
  const dayOf = requestDays(clock);
  const revisions = revisionCheck(() => clock().getTime());
  const revisionCheckMs = options.revisionCheckMs ?? (() => DEFAULT_REVISION_CHECK_MS);
  const keyedContext = async (
    serverContext: TServerContext & { request: Request },
    base: Db | Promise<Db>,
    authorization: string | null,
  ): Promise<Context> => {
    const readDb = await base;
    let db = countedDb(serverContext, readDb);
    // The write connection is opened only for a request that carries a key. It is the platform's
    // own (not the per-request counting wrapper), so the write queue is one per database.
    const writeDb = authorization && options.getWriteDb ? await options.getWriteDb(serverContext) : null;
    const editor = await authenticate(db, authorization, writeDb);
    // Only now, the key verified, may the rate limit give the request the key's own bucket.
    if (editor) setVerifiedKey(serverContext.request, editor.name);
    // An editor reads where they write when the platform has a separate write connection (the
    // edge's DATABASE_WRITE_URL: the primary), so a mutation's payload shows its own write,
    // which a read replica may not have yet. Keyed requests are never cached.
    if (editor && writeDb && writeDb !== readDb) db = countedDb(serverContext, writeDb);
    return { db, today: dayOf(serverContext.request), writeDb, ingest: options.ingester ?? null, editor };
  };
  yoga = createYoga<TServerContext, Context>({
    schema,
    context: (serverContext) => {
      const authorization = serverContext.request.headers.get('authorization');
      const base = options.getDb(serverContext);
      // Most requests carry no key and the platform's db is at hand: no promise to wait for.
      if (!authorization && !(base instanceof Promise)) {
        const db = countedDb(serverContext, base);
        return {
          db,
          today: dayOf(serverContext.request),
          writeDb: null,
          ingest: options.ingester ?? null,
          editor: null,
        };
      }
      return keyedContext(serverContext, base, authorization);
    },
    graphqlEndpoint: '/graphql',
    // Yoga's own check only says the process is up; /health (useHealth) also asks the database.
    healthCheckEndpoint: '/live',
    landingPage: false,
    // Off: Yoga would log every masked error in full, once per failing field. Our own log
    // (useRequestLifecycle) writes bounded lines, identical errors folded into one.
    logging: false,
    // Our own limit (body-limit.ts): the same checks, without a second stream per request.
    maxRequestBodySize: false,
    maskedErrors: { maskError },
    // Keys travel in a header, never in cookies: no credentials, so any origin may read.
    cors: { origin: '*', credentials: false, methods: ['GET', 'POST', 'OPTIONS'] },
    graphiql: graphiql ? { title: 'Dossier', defaultQuery: EXAMPLE_OPERATIONS, shouldPersistHeaders: false } : false,
    renderGraphiQL: graphiql?.render,
    plugins: [
      // First, so that every request, even one answered early, gets its ID, headers and log line.
      useRequestLifecycle<TServerContext>({ logger: options.logger, graphiqlEtag: graphiql?.etag }),
      // Before anything touches the database: a client whose budget is spent costs nothing more.
      ...(options.rateLimit ? [useRateLimit(options.rateLimit)] : []),
      // Next, before anything touches the database: every statement of the request is bounded.
      useRequestDeadline<TServerContext>(options.databaseTimeoutMs ?? (() => DEFAULT_DATABASE_TIMEOUT_MS)),
      ...(options.graphiqlAsset ? [useGraphiQLAsset(options.graphiqlAsset)] : []),
      useRequestGuards(options.editorOrigins ?? (() => [])),
      ...(options.dashboardAssets ? [useDashboard(options.dashboardAssets)] : []),
      useHealth(getDb, options.replicaHealth),
      // Before the routes it answers for: a hit from the Cache API runs none of them.
      ...(options.sharedCache
        ? [
            useEdgeCache({
              cache: options.sharedCache,
              getDb,
              revisions,
              revisionCheckMs,
              dayOf,
              clock,
            }),
          ]
        : []),
      usePersistedQueries(self, clock),
      useCsvExport(self),
      // Before the response cache, which hashes the variables.
      useBoundedVariables(),
      // Before the cache too, so a cached answer carries its cost as the first one did.
      useCostLimit(options.maxCost),
      // The execution step itself (compiled reads, else graphql-js); the response cache below
      // stores what it answers (onExecuteDone).
      ...(options.compiledReads === false ? [] : [useCompiledReads(options.compiledReads)]),
      // Before the execution plugins, so a cache hit skips armor's checks and execution alike.
      ...(options.responseCache
        ? useDossierResponseCache({ getDb, isOn: options.responseCache, dayOf, revisions, revisionCheckMs })
        : []),
      useContentEncoding(),
      useBodyLimit(MAX_BODY_BYTES),
      // graphql-armor's checks, one package each (its bundle of them would also bring its token
      // parser: see max-tokens.ts); cost is our own model (cost/model.ts).
      blockFieldSuggestionsPlugin(),
      useMaxTokens(2000),
      maxDirectivesPlugin({ n: 10 }),
      maxAliasesPlugin({ n: 15 }),
      maxDepthPlugin({ n: 12 }),
    ],
  });
  return yoga;
}
