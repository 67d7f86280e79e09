/**
 * What `npm run load` sends. Three kinds of client, each on its own addresses (X-Forwarded-For,
 * believed because the server runs with TRUST_PROXY=127.0.0.1):
 * - legitimate: README's example queries and every saved query, at a dashboard's pace;
 * - heavy: the costliest operations the cost model admits (bench/cost-calibration.ts's shapes,
 *   each made unique so the response cache cannot answer them), as fast as they are answered;
 * - hostile: refused work at full speed — over the cost limit, malformed, too deep, bad search
 *   syntax, forged X-Forwarded-For entries — plus the costly operations again.
 */
import { PERSISTED_QUERIES } from '../../src/server/persisted-queries.ts';

export interface Spec {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  /** Made unique per request (an alias of __typename), so the response cache cannot answer it. */
  unique?: boolean;
}

const post = (query: string, unique = false): Spec => ({
  method: 'POST',
  path: '/graphql',
  body: JSON.stringify({ query }),
  unique,
});

/** The example operations of README (what a newcomer runs first). */
export const LEGITIMATE: Spec[] = [
  post('{ quotes(first: 2) { totalCount nodes { text speaker { name } evidence { role exact } } } }'),
  post(
    '{ fundingItems(first: 3) { nodes { purpose amount { reportedText approximate amount currencyCode } qualityFlags } } }',
  ),
  post('{ measures(first: 20) { nodes { title deadline { earliest latest precision reportedText derivation } } } }'),
  post(
    '{ search(query: "backdoors") { totalCount nodes { type field score snippet matches { start end } node { ... on Position { actor { name } } ... on Article { slug } } } } }',
  ),
  post('{ measures(filter: { overdue: { asOf: "2019-03-01" } }) { totalCount nodes { title deadline { latest } } } }'),
  post('{ fundingSummary { currencyCode count total { amount } flaggedCount flaggedTotal { amount } } }'),
  post('{ quoteStats(groupBy: [SPEAKER]) { speaker { name } count } }'),
  post(
    '{ timeSeries(entity: FUNDING_ITEMS, metric: AMOUNT, bucket: YEAR, from: "2017-01-01", to: "2019-01-01") { time timestamp key value count } }',
  ),
  ...Object.keys(PERSISTED_QUERIES).map(
    (name): Spec => ({
      method: 'GET',
      path:
        name === 'articles-per-month'
          ? `/persisted/${name}?variables=${encodeURIComponent('{"from":"2017-01-01","to":"2018-01-01"}')}`
          : `/persisted/${name}`,
    }),
  ),
];

const aliases = (n: number, body: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${body}`).join(' ')} }`;

/** The costliest admitted shapes (costs 490,302 · 490,201 · 454,515 · 105,000 at 2,000 articles). */
export function heavy(busiestActorId: string): Spec[] {
  const actor = btoa(`Actor:${busiestActorId}`);
  return [
    post(
      `{ node(id: "${actor}") { ... on Actor { articleMentions(first: 100) { nodes { article { actorMentions(first: 100) { nodes { actor { articleMentions(first: 23) { nodes { nameAsWritten article { slug } } } } } } } } } } } }`,
      true,
    ),
    post(
      '{ actors(first: 100) { nodes { articleMentions(first: 100) { nodes { article { actorMentions(first: 23) { nodes { nameAsWritten actor { name } } } } } } } } }',
      true,
    ),
    post(
      aliases(
        15,
        'articles(first: 100) { nodes { body evidenceSpans(first: 100) { nodes { sentence } } actorMentions(first: 100) { nodes { actor { name } } } } }',
      ),
      true,
    ),
    post(
      aliases(
        15,
        'timeSeries(entity: MEASURES, dateField: ANNOUNCED, bucket: DAY, from: "2015-01-01", to: "2017-09-27", groupBy: STATUS) { time timestamp key value count }',
      ),
      true,
    ),
  ];
}

/** Requests that must be refused, cheaply. */
export const HOSTILE: Spec[] = [
  post(
    '{ quotes(first: 100) { nodes { evidence { article { actorMentions(first: 100) { nodes { actor { name } } } } } } } }',
  ),
  { method: 'POST', path: '/graphql', body: '{"query": ' },
  post(
    `{ actors(first: 1) { nodes { ${'articleMentions(first: 1) { nodes { article { actorMentions(first: 1) { nodes { actor { '.repeat(4)}name${' } } } } } }'.repeat(4)} } } }`,
  ),
  post('{ search(query: "\\"unbalanced") { totalCount } }'),
  post(aliases(40, '__typename')),
  { method: 'GET', path: `/csv?query=${encodeURIComponent('{ nope }')}` },
];
