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
import { useCsvExport } from './csv.ts';
import { maskError } from './errors.ts';
import { EXAMPLE_OPERATIONS } from './example-operations.ts';
import { useHealth } from './health.ts';
import { useOneGraphQLErrorClass } from './one-graphql.ts';

type ServerContext = Record<string, unknown>;

export interface DossierServerOptions<TServerContext extends ServerContext> {
  getDb: (serverContext: TServerContext) => Db | Promise<Db>;
  renderGraphiQL?: YogaServerOptions<TServerContext, Context>['renderGraphiQL'];
  logging?: boolean;
}

export function createDossierYoga<TServerContext extends ServerContext = ServerContext>(
  options: DossierServerOptions<TServerContext>,
) {
  // The CSV route runs its query through this same server, once it exists.
  let yoga: ReturnType<typeof createYoga<TServerContext, Context>> | undefined;
  const csv = useCsvExport(
    () => (request, context) => (yoga as NonNullable<typeof yoga>).fetch(request, context as TServerContext),
  );
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
      csv,
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
