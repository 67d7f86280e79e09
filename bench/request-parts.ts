/**
 * `taskset -c 0 npx tsx bench/request-parts.ts [--db data/synthetic-10000.db] [--rounds 8]`: where a
 * request's CPU goes, as a ladder of queries that each add one part to the one before — an empty
 * request, a page of 20 articles, their quotes, each quote's speaker (the benchmark's quotes page);
 * a lookup by global ID, by slug, and the benchmark's article by ID — with L's answer to the two
 * benchmark operations beside them. Each server's handler is called in this process (no sockets),
 * four requests in flight, on the database in worker threads as the servers open it; the figure is
 * the process CPU per request (all threads), the median of the rounds, which take turns.
 * Under `taskset -c 0` the worker threads share the one CPU, as in `npm run bench`. Requests declare
 * their Content-Length, as the benchmark's client does. Before 2026-12-01 08:00 UTC they did not,
 * and every figure included reading the body through two streams: `{ __typename }` 0.61 → 0.21 ms,
 * the quotes page 4.47 → 1.89 ms on the same machine the same morning.
 * A quick look for work on the read path; `npm run bench` remains the measurement of record.
 */
import {
  cpuPerRequest,
  type GraphQLRequest,
  type Handler,
  medianOf,
  openInProcess,
  warmUp,
} from './harness/in-process.ts';
import { articleById, articlesWithQuotes } from './operations.ts';

const { command, rounds, client, articleKey: key, dossier, limit } = await openInProcess('bench/request-parts.ts');
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

const ladder: [string, Handler, GraphQLRequest][] = [
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

const cpu: number[][] = ladder.map(() => []);
for (const [, handle, request] of ladder) await warmUp(handle, request);
for (let round = 0; round < rounds; round++) {
  for (const [i, [, handle, request]] of ladder.entries()) cpu[i]?.push(await cpuPerRequest(handle, request));
}
console.log(command);
console.log('| query | CPU ms/request (median) | min–max |\n|---|---:|---:|');
for (const [i, [label]] of ladder.entries()) {
  const xs = cpu[i] ?? [];
  console.log(
    `| ${label} | ${medianOf(xs).toFixed(2)} | ${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)} |`,
  );
}
client.close();
