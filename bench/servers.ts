/**
 * The four servers under test, each built on a libSQL client it is handed (so the caller can
 * count its statements): Dossier itself (createDossierYoga, response cache off, as shipped by
 * default), the raw-SQL limit L, the naive peer N and N with DataLoader. The same builders give
 * a fetch handler (tests, no port) and a node:http server (the benchmark).
 *
 * Dossier runs as production does (src/server/main.ts): the cost model, the request deadline and
 * the request log at `info` are on; only rate limiting is off (every benchmark request comes from
 * one address). The deadline is 60 s instead of 5 s: the same per-request work, but eight queued
 * funding dashboards on one shared CPU passed 5 s and answered 503. The benchmark's server writes its log lines to the null device, so each line is
 * built and written as in production but nothing piles up in a pipe.
 */
import { createWriteStream } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { devNull } from 'node:os';
import type { Client } from '@libsql/client';
import { createDb } from '../src/db/client.ts';
import { createLogger, type LogSink } from '../src/server/log/logger.ts';
import { nodeHandler } from '../src/server/node-handler.ts';
import { createDossierYoga } from '../src/server/yoga.ts';
import { type Answer, fetchHandler, listen } from './peers/http.ts';
import { createNaiveAnswer } from './peers/naive.ts';
import { createNaiveDataLoaderAnswer } from './peers/naive-dataloader.ts';
import { createRawSqlAnswer } from './peers/raw-sql.ts';

export const SERVER_NAMES = ['Dossier', 'L', 'N', 'N+DL'] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

const PEERS: Record<Exclude<ServerName, 'Dossier'>, (client: Client) => Answer> = {
  L: createRawSqlAnswer,
  N: createNaiveAnswer,
  'N+DL': createNaiveDataLoaderAnswer,
};

export const BENCH_DEADLINE_MS = 60_000;

function dossier(client: Client, logSink: LogSink) {
  const db = createDb(client);
  const logger = createLogger('info', logSink);
  // The cost limit off: the sweeps' nested depth-3 operation (articles → measures → funding → evidence,
  // priced at the write-time caps) costs more than 500,000 objects, and is timed against peers anyway.
  return createDossierYoga({
    getDb: () => db,
    logger: () => logger,
    databaseTimeoutMs: () => BENCH_DEADLINE_MS,
    maxCost: Number.POSITIVE_INFINITY,
  });
}

export function fetchHandlerFor(name: ServerName, client: Client): (request: Request) => Promise<Response> {
  if (name === 'Dossier') {
    const yoga = dossier(client, () => {});
    return async (request) => yoga.fetch(request);
  }
  return fetchHandler(PEERS[name](client));
}

/** Serves POST /graphql on 127.0.0.1:port (0 picks a free port). */
export function serve(name: ServerName, client: Client, port: number): Promise<Server> {
  if (name !== 'Dossier') return listen(PEERS[name](client), port);
  const sink = createWriteStream(devNull);
  // Through the Node handler, as src/server/main.ts serves.
  const server = createHttpServer(nodeHandler(dossier(client, (line) => sink.write(`${line}\n`))));
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
