/**
 * The platform-neutral server: the same Yoga serves Node and the edge. The platform hands over
 * the database per request through `getDb`, and optionally a GraphiQL renderer (Node serves it
 * offline; the edge serves GraphiQL as a static asset instead).
 */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useContentEncoding } from '@whatwg-node/server';
import { createYoga, type YogaServerOptions } from 'graphql-yoga';
import type { Db } from '../db/client.ts';
import type { Context } from '../schema/builder.ts';
import { schema } from '../schema/index.ts';
import { useDossierResponseCache } from './cache.ts';
import { useCsvExport } from './csv.ts';
import { maskError } from './errors.ts';
import { EXAMPLE_OPERATIONS } from './example-operations.ts';
import { useHealth } from './health.ts';
import { useOneGraphQLErrorClass } from './one-graphql.ts';
import { usePersistedQueries } from './persisted.ts';

type ServerContext = Record<string, unknown>;

export interface DossierServerOptions<TServerContext extends ServerContext> {
  getDb: (serverContext: TServerContext) => Db | Promise<Db>;
  renderGraphiQL?: YogaServerOptions<TServerContext, Context>['renderGraphiQL'];
  /**
   * Whether to cache answers to reads, per request (the edge decides from its `env`). Entries are
   * keyed on the data revision: one extra single-row read per request when on.
   */
  responseCache?: (serverContext: TServerContext) => boolean;
  logging?: boolean;
}

export function createDossierYoga<TServerContext extends ServerContext = ServerContext>(
  options: DossierServerOptions<TServerContext>,
) {
  // The CSV and saved-query routes run their query through this same server, once it exists.
  let yoga: ReturnType<typeof createYoga<TServerContext, Context>> | undefined;
  const self = () => (request: Request, context: Record<string, unknown>) =>
    (yoga as NonNullable<typeof yoga>).fetch(request, context as TServerContext);
  yoga = createYoga<TServerContext, Context>({
    schema,
    context: async (serverContext) => ({ db: await options.getDb(serverContext) }),
    graphqlEndpoint: '/graphql',
    // Yoga's own check only says the process is up; /health (useHealth) also asks the database.
    healthCheckEndpoint: '/live',
    landingPage: false,
    logging: options.logging ?? false,
    maskedErrors: { maskError },
    cors: { origin: '*', credentials: false, methods: ['GET', 'POST', 'OPTIONS'] },
    graphiql: options.renderGraphiQL
      ? { title: 'Dossier', defaultQuery: EXAMPLE_OPERATIONS, shouldPersistHeaders: false }
      : false,
    renderGraphiQL: options.renderGraphiQL,
    plugins: [
      useHealth(options.getDb),
      usePersistedQueries(self),
      useCsvExport(self),
      // Before the execution plugins, so a cache hit skips armor's checks and execution alike.
      ...(options.responseCache ? useDossierResponseCache(options.getDb, options.responseCache) : []),
      useContentEncoding(),
      EnvelopArmorPlugin({
        maxDepth: { n: 12 },
        maxAliases: { n: 15 },
        maxTokens: { n: 2000 },
        costLimit: { maxCost: 50_000 },
        maxDirectives: { n: 10 },
      }),
      // After armor, whose parser may throw another copy's GraphQLError in a bundle.
      useOneGraphQLErrorClass(),
    ],
  });
  return yoga;
}
