/**
 * (N) The naive peer: graphql-js on the committed SDL (`buildSchema(schema.graphql)`), resolved
 * the way the graphql-js tutorial does it — a root value and a class per type whose methods are
 * the resolvers, each relation one statement per parent (N+1), OFFSET paging, COUNT statements
 * for totalCount. Served by plain `graphql()` behind a few lines of node:http (peers/http.ts),
 * the plainest server there is: so, unlike Yoga, it parses and validates every request anew.
 *
 * Run alone: `tsx bench/peers/serve.ts N <database url> <port>`.
 */
import { readFileSync } from 'node:fs';
import type { Client } from '@libsql/client';
import { buildSchema, graphql } from 'graphql';
import type { Answer } from './http.ts';
import { Query } from './naive/query.ts';
import { directSource, type Source } from './naive/source.ts';

export const NAIVE_SCHEMA = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));

/** A GraphQL answer over the naive resolvers; `sourceFor` gives each request its row source. */
export function naiveGraphQL(sourceFor: () => Source): Answer {
  const rootValue = new Query();
  return async (text) => {
    const { query, variables, operationName } = JSON.parse(text) as {
      query: string;
      variables?: Record<string, unknown>;
      operationName?: string;
    };
    const result = await graphql({
      schema: NAIVE_SCHEMA,
      source: query,
      rootValue,
      contextValue: { source: sourceFor() },
      variableValues: variables ?? null,
      operationName: operationName ?? null,
    });
    return { status: 200, body: JSON.stringify(result) };
  };
}

export function createNaiveAnswer(client: Client): Answer {
  const source = directSource(client);
  return naiveGraphQL(() => source);
}
