/**
 * `npm run bench:cost -- [FILE]`: the costliest queries the cost model admits, timed against a
 * synthetic database (default data/synthetic-2000.db, made by `npm run db:synth -- --articles
 * 2000`). Each runs in-process through the real server (yoga.fetch: planning, SQL, JSON), three
 * times; the median, the cost and the answer's size are printed. The limits in README ("Limits")
 * are calibrated so that every one of these finishes within 1 s.
 */
import { sql } from 'drizzle-orm';
import { createDb } from '../src/db/client.ts';
import { openClient } from '../src/db/node-client.ts';
import { MAX_COST } from '../src/server/cost/model.ts';
import { createDossierYoga } from '../src/server/yoga.ts';

const file = process.argv[2] ?? 'data/synthetic-2000.db';
const db = createDb(openClient({ url: `file:${file}` }));
const yoga = createDossierYoga({ getDb: () => db });

const aliases = (n: number, body: (i: number) => string) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${body(i)}`).join(' ')} }`;

/** The actor mentioned most often, and the index terms found in the most documents. */
const [busiest] = (await db.all(
  sql`SELECT actor_id AS id FROM mentions GROUP BY actor_id ORDER BY count(*) DESC LIMIT 1`,
)) as { id: string }[];
const commonTerms = (
  (await db.all(sql`SELECT term FROM search_fts_vocab ORDER BY doc DESC LIMIT 100`)) as { term: string }[]
).map((r) => r.term);
const actorId = btoa(`Actor:${busiest?.id}`);
const ids = ((await db.all(sql`SELECT id FROM articles ORDER BY id LIMIT 100`)) as { id: string }[]).map((r) =>
  btoa(`Article:${r.id}`),
);

const CASES: Record<string, { query: string; variables?: Record<string, unknown> }> = {
  'mentions three deep (100 × 100 × 23)': {
    query: `{ node(id: "${actorId}") { ... on Actor { articleMentions(first: 100) { nodes { article {
      actorMentions(first: 100) { nodes { actor { articleMentions(first: 23) { nodes { nameAsWritten article { slug } } } } } } } } } } } }`,
  },
  'actors × mentions × mentions (100 × 100 × 23)': {
    query: `{ actors(first: 100) { nodes { articleMentions(first: 100) { nodes { article {
      actorMentions(first: 23) { nodes { nameAsWritten actor { name } } } } } } } } }`,
  },
  '15 × 100 quotes with evidence, speaker and article body': {
    query: aliases(
      15,
      () =>
        'quotes(first: 100) { nodes { text speaker { name } article { body } evidence { sentence article { headline } } } }',
    ),
  },
  '15 × 100 articles with body, 100 evidence spans, 100 mentions': {
    query: aliases(
      15,
      () =>
        'articles(first: 100) { nodes { body evidenceSpans(first: 100) { nodes { sentence } } actorMentions(first: 100) { nodes { actor { name } } } } }',
    ),
  },
  '15 × time series, 1,000 days × 7 statuses': {
    query: aliases(
      15,
      () =>
        'timeSeries(entity: MEASURES, dateField: ANNOUNCED, bucket: DAY, from: "2015-01-01", to: "2017-09-27", groupBy: STATUS) { time timestamp key value count }',
    ),
  },
  '15 × time series, 1,000 days by speaker': {
    query: aliases(
      15,
      () =>
        'timeSeries(entity: QUOTES, bucket: DAY, from: "2015-01-01", to: "2017-09-27", groupBy: SPEAKER) { time timestamp key value count }',
    ),
  },
  '4 × search, 100 most common terms OR-ed, 100 hits with matches and body': {
    query: `query ($q: String!) ${aliases(
      4,
      () =>
        'search(query: $q, first: 100) { totalCount nodes { score snippet matches { start end } node { ... on Article { body } } } }',
    ).slice(0)}`,
    variables: { q: commonTerms.join(' OR ') },
  },
  '15 × nodes(100 article IDs) with body and evidence spans': {
    query: `query ($ids: [ID!]!) ${aliases(15, () => 'nodes(ids: $ids) { ... on Article { body evidenceSpans(first: 100) { nodes { exact sentence } } } }')}`,
    variables: { ids },
  },
  '15 × quote stats by speaker and year, with speakers': {
    query: aliases(15, () => 'quoteStats(groupBy: [SPEAKER, PUBLISHED_YEAR]) { count publishedYear speaker { name } }'),
  },
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
console.log(`database: ${file}; limit ${MAX_COST.toLocaleString('en-US')} objects\n`);
console.log('| query | cost | answer | median of 3 (min–max) |\n|---|---:|---:|---:|');
for (const [name, body] of Object.entries(CASES)) {
  const times: number[] = [];
  let cost = 0;
  let bytes = 0;
  let error = '';
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    const response = await yoga.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    times.push(performance.now() - started);
    const parsed = JSON.parse(text);
    cost = parsed.extensions?.cost?.requested ?? 0;
    bytes = text.length;
    error = parsed.errors?.[0] ? `${parsed.errors[0].extensions?.code}: ${parsed.errors[0].message.slice(0, 80)}` : '';
  }
  const ms = (x: number) => `${Math.round(x).toLocaleString('en-US')} ms`;
  console.log(
    `| ${name}${error ? ` — refused ${error}` : ''} | ${cost.toLocaleString('en-US')} | ${(bytes / 1e6).toFixed(1)} MB | ${ms(median(times))} (${ms(Math.min(...times))}–${ms(Math.max(...times))}) |`,
  );
}
