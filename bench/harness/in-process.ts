/**
 * What the in-process scripts (bench/request-parts.ts, bench/kept-plans.ts) share: their two
 * options (`--db`, `--rounds`), the database and handlers as the servers open them, an article's
 * key, and the loop that sends one request many times and measures the process CPU it took.
 *
 * Each handler is called in this process (no sockets), four requests in flight, every answer
 * checked (200, no `errors`). Requests declare their Content-Length, as the benchmark's client
 * does, so the body is read as the Node server reads it (src/server/node-handler.ts).
 */
import { parseArgs } from 'node:util';
import { fetchHandlerFor } from '../servers.ts';
import { benchClient } from './bench-client.ts';
import { percentile } from './load-protocol.ts';

export type Handler = ReturnType<typeof fetchHandlerFor>;
export interface GraphQLRequest {
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
}

const PER_ROUND = 300;
const IN_FLIGHT = 4;

/** The options, the client, Dossier's and L's handlers, and the key of an article that exists. */
export async function openInProcess(script: string) {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'data/synthetic-10000.db' },
      rounds: { type: 'string', default: '8' },
    },
  });
  const client = await benchClient(`file:${values.db}`);
  const articleKey = String(
    (await client.execute('SELECT id FROM articles ORDER BY id LIMIT 1 OFFSET 500')).rows[0]?.id,
  );
  return {
    command: `taskset -c 0 npx tsx ${script} --db ${values.db} --rounds ${values.rounds}`,
    rounds: Number(values.rounds),
    client,
    articleKey,
    dossier: fetchHandlerFor('Dossier', client),
    limit: fetchHandlerFor('L', client),
  };
}

/** Sends `request` `count` times, four in flight; throws on any answer that is not a clean 200. */
export async function sendMany(handle: Handler, request: GraphQLRequest, count: number): Promise<void> {
  const { operationName, query, variables } = request;
  const body = JSON.stringify({ operationName, query, variables });
  const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
  let sent = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (sent++ < count) {
        const response = await handle(new Request('http://localhost/graphql', { method: 'POST', headers, body }));
        const text = await response.text();
        if (response.status !== 200 || (JSON.parse(text) as { errors?: unknown }).errors) {
          throw new Error(`${operationName}: HTTP ${response.status} ${text.slice(0, 300)}`);
        }
      }
    }),
  );
}

/** Warms `request` up (V8, caches): five rounds' worth, untimed. */
export function warmUp(handle: Handler, request: GraphQLRequest): Promise<void> {
  return sendMany(handle, request, 5 * PER_ROUND);
}

/** One round: the process CPU (all threads) per request, in ms. */
export async function cpuPerRequest(handle: Handler, request: GraphQLRequest): Promise<number> {
  const before = process.cpuUsage();
  await sendMany(handle, request, PER_ROUND);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / PER_ROUND;
}

/** The median round (nearest rank, the lower of two middles, as the report's cells). */
export function medianOf(xs: number[]): number {
  return percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
}
