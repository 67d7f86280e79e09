/**
 * `taskset -c 0 npx tsx bench/request-parts.ts [--db data/synthetic-10000.db] [--rounds 8]`: where a
 * request's CPU goes, as a ladder of queries that each add one part to the one before — an empty
 * request, a page of 20 articles, their quotes, each quote's speaker (the benchmark's quotes page);
 * a lookup by global ID, by slug, and the benchmark's article by ID — with L's answer to the two
 * benchmark operations beside them. Each server's handler is called in this process (no sockets),
 * four requests in flight, on the database in worker threads as the servers open it; the figure is
 * the process CPU per request (all threads), the median of the rounds, which take turns.
 * Under `taskset -c 0` the worker threads share the one CPU, as in `npm run bench`.
 * A quick look for work on the read path; `npm run bench` remains the measurement of record.
 */
import { parseArgs } from 'node:util';
import { benchClient } from './harness/bench-client.ts';
import { percentile } from './harness/load-protocol.ts';
import { articleById, articlesWithQuotes } from './operations.ts';
import { fetchHandlerFor } from './servers.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'data/synthetic-10000.db' },
    rounds: { type: 'string', default: '8' },
  },
});
const ROUNDS = Number(values.rounds);
const PER_ROUND = 300;
const IN_FLIGHT = 4;

const client = await benchClient(`file:${values.db}`);
const key = String((await client.execute('SELECT id FROM articles ORDER BY id LIMIT 1 OFFSET 500')).rows[0]?.id);
const byId = articleById(Buffer.from(`Article:${key}`).toString('base64'));
const page = (name: string, selection: string) => ({
  operationName: name,
  query: `query ${name}($first: Int!) { articles(first: $first) { nodes { ${selection} } } }`,
  variables: { first: 20 },
});
const lookup = (name: string, query: string, variables: Record<string, unknown>) => ({
  operationName: name,
  query,
  variables,
});

const dossier = fetchHandlerFor('Dossier', client);
const limit = fetchHandlerFor('L', client);
type Handler = typeof dossier;
type Request = { operationName: string; query: string; variables: Record<string, unknown> };
const ladder: [string, Handler, Request][] = [
  ['{ __typename }', dossier, lookup('Empty', 'query Empty { __typename }', {})],
  ['20 articles: slug headline publishedOn', dossier, page('Page', 'slug headline publishedOn')],
  ['  + quotes { nodes { text } }', dossier, page('PageQuotes', 'slug headline publishedOn quotes { nodes { text } }')],
  ['  + speaker { name } (articles-with-quotes-20)', dossier, articlesWithQuotes(20)],
  ['  L: articles-with-quotes-20', limit, articlesWithQuotes(20)],
  ['node(id:) { id }', dossier, lookup('ById', 'query ById($id: ID!) { node(id: $id) { id } }', byId.variables)],
  [
    'article(slug:) { slug }',
    dossier,
    lookup('BySlug', 'query BySlug($s: String!) { article(slug: $s) { slug } }', { s: key }),
  ],
  ['article-by-id (node with 7 fields and topics)', dossier, byId],
  ['  L: article-by-id', limit, byId],
];

async function send(handle: Handler, request: Request): Promise<string> {
  const { operationName, query, variables } = request;
  const response = await handle(
    new Request('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operationName, query, variables }),
    }),
  );
  const text = await response.text();
  if (response.status !== 200 || (JSON.parse(text) as { errors?: unknown }).errors) {
    throw new Error(`${operationName}: HTTP ${response.status} ${text.slice(0, 300)}`);
  }
  return text;
}

async function run(handle: Handler, request: Request, count: number): Promise<void> {
  let sent = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (sent++ < count) await send(handle, request);
    }),
  );
}

const cpu: number[][] = ladder.map(() => []);
for (const [, handle, request] of ladder) await run(handle, request, 5 * PER_ROUND); // warm (V8, caches)
for (let round = 0; round < ROUNDS; round++) {
  for (const [i, [, handle, request]] of ladder.entries()) {
    const before = process.cpuUsage();
    await run(handle, request, PER_ROUND);
    const used = process.cpuUsage(before);
    cpu[i]?.push((used.user + used.system) / 1000 / PER_ROUND);
  }
}
/** The median round (nearest rank, the lower of two middles, as the report's cells). */
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
console.log(`taskset -c 0 npx tsx bench/request-parts.ts --db ${values.db} --rounds ${ROUNDS}`);
console.log('| query | CPU ms/request (median) | min–max |\n|---|---:|---:|');
for (const [i, [label]] of ladder.entries()) {
  const xs = cpu[i] ?? [];
  console.log(`| ${label} | ${median(xs).toFixed(2)} | ${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)} |`);
}
client.close();
