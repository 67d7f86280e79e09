/**
 * (N+DL) The naive peer with DataLoader: the same schema, resolvers and server as N, but each
 * request gets fresh loaders that batch every relation (one `IN (…)` statement per relation and
 * nesting level) — the usual first fix for N+1.
 *
 * Run alone: `tsx bench/peers/serve.ts N+DL <database url> <port>`.
 */
import type { Client } from '@libsql/client';
import type { Answer } from './http.ts';
import { batchedSource } from './naive/batched-source.ts';
import { naiveGraphQL } from './naive.ts';

export function createNaiveDataLoaderAnswer(client: Client): Answer {
  return naiveGraphQL(() => batchedSource(client));
}
