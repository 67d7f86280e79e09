/**
 * Review in reads: once a fact is REJECTED it is left out of every list (root and nested), every
 * totalCount, search, the aggregates, time series and CSV — unless `reviewStatus` asks for it —
 * while `node` still shows it, as REJECTED.
 */
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { createDossierYoga } from '../src/server/yoga.ts';
import { ARTICLE_SLUG, newApiKey, seededDb, serverFor } from './helpers.ts';

const gid = (type: string, key: string) => Buffer.from(`${type}:${key}`).toString('base64');
const QUOTE = 'king-quote-public-spaces';
const HUNDRED = 'funding-public-spaces-regional-next-year';

let db: Db;
let gql: ReturnType<typeof serverFor>;

beforeAll(async () => {
  db = await seededDb();
  const editor = serverFor(db, { key: await newApiKey(db, 'reviewer', 'EDITOR') });
  for (const id of [gid('Quote', QUOTE), gid('FundingItem', HUNDRED)]) {
    const result = await editor(
      'mutation($input: FactReviewInput!) { factReview(input: $input) { userErrors { code } } }',
      { input: { id, status: 'REJECTED', note: 'Rejected for this test.' } },
    );
    expect(result.data.factReview.userErrors).toEqual([]);
  }
  gql = serverFor(db);
});

describe('a rejected fact', () => {
  it('is left out of root lists and their counts, unless the filter asks', async () => {
    const read = await gql(`{
      quotes(first: 100) { totalCount nodes { key } }
      rejected: quotes(filter: { reviewStatus: [REJECTED] }) { totalCount nodes { key } }
      either: quotes(filter: { OR: [{ reviewStatus: [REJECTED] }, { reviewStatus: [UNREVIEWED] }] }) { totalCount }
      fundingItems { totalCount } }`);
    expect(read.errors).toBeUndefined();
    expect(read.data.quotes.totalCount).toBe(4);
    expect(read.data.quotes.nodes.map((q: { key: string }) => q.key)).not.toContain(QUOTE);
    expect(read.data.rejected).toEqual({ totalCount: 1, nodes: [{ key: QUOTE }] });
    expect(read.data.either.totalCount).toBe(5);
    expect(read.data.fundingItems.totalCount).toBe(2);
  });

  it('is left out of nested lists, their counts and the article’s evidence', async () => {
    const read = await gql(`{
      article(slug: "${ARTICLE_SLUG}") {
        quotes { totalCount nodes { key } }
        rejectedQuotes: quotes(reviewStatus: [REJECTED]) { totalCount nodes { key } }
        fundingItems { totalCount }
        evidence { exact }
      }
      king: node(id: "${gid('Actor', 'julian-king')}") { ... on Actor { quotes { totalCount } } }
      measure: node(id: "${gid('Measure', 'public-spaces-protection-funding')}") { ... on Measure { fundingItems { key } } }
    }`);
    expect(read.errors).toBeUndefined();
    const article = read.data.article;
    expect(article.quotes.totalCount).toBe(4);
    expect(article.quotes.nodes).toHaveLength(4);
    expect(article.rejectedQuotes).toEqual({ totalCount: 1, nodes: [{ key: QUOTE }] });
    expect(article.fundingItems.totalCount).toBe(2);
    const spans = article.evidence.map((e: { exact: string }) => e.exact);
    expect(spans).not.toContain('to make public spaces less vulnerable without completely changing their nature');
    expect(spans).not.toContain('€100');
    expect(spans).toContain('€500,000');
    expect(read.data.king.quotes.totalCount).toBe(3);
    expect(read.data.measure.fundingItems).toEqual([{ key: 'funding-public-spaces-eu-security-funds' }]);
  });

  it('is left out of search unless reviewStatus asks', async () => {
    const read = await gql(`{
      hidden: search(query: "\\"changing their nature\\"", types: [QUOTE]) { totalCount }
      asked: search(query: "\\"changing their nature\\"", types: [QUOTE], reviewStatus: [REJECTED]) { totalCount nodes { type } }
      article: search(query: "backdoors", reviewStatus: [REJECTED]) { nodes { type } } }`);
    expect(read.errors).toBeUndefined();
    expect(read.data.hidden.totalCount).toBe(0);
    expect(read.data.asked).toEqual({ totalCount: 1, nodes: [{ type: 'QUOTE' }] });
    expect(read.data.article.nodes).toEqual([{ type: 'ARTICLE' }]);
  });

  it('is left out of aggregates and time series', async () => {
    const read = await gql(`{
      fundingSummary { currencyCode count total { amount } flaggedCount }
      all: fundingSummary(filter: { reviewStatus: [UNREVIEWED, REJECTED] }) { count total { amount } }
      quoteStats(groupBy: [SPEAKER]) { speaker { key } count }
      timeSeries(entity: FUNDING_ITEMS, metric: AMOUNT, bucket: YEAR, from: "2017-01-01", to: "2019-01-01") { time value count } }`);
    expect(read.errors).toBeUndefined();
    expect(read.data.fundingSummary).toEqual([
      { currencyCode: 'EUR', count: 2, total: { amount: '19000000.00' }, flaggedCount: 0 },
    ]);
    expect(read.data.all).toEqual([{ count: 3, total: { amount: '19000100.00' } }]);
    expect(read.data.quoteStats).toEqual([
      { speaker: { key: 'civil-liberties-union-for-europe' }, count: 1 },
      { speaker: { key: 'julian-king' }, count: 3 },
    ]);
    expect(read.data.timeSeries).toEqual([
      { time: '2017-01-01', value: 18500000, count: 1 },
      { time: '2018-01-01', value: 0, count: 0 },
    ]);
  });

  it('is left out of CSV', async () => {
    const yoga = createDossierYoga({ getDb: () => db });
    const response = await yoga.fetch(`http://test/csv?query=${encodeURIComponent('{ quotes { nodes { key } } }')}`);
    const rows = parse(await response.text(), { columns: true }) as { key: string }[];
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r.key)).not.toContain(QUOTE);
  });

  it('still answers node(id), marked REJECTED', async () => {
    const read = await gql(`{ node(id: "${gid('Quote', QUOTE)}") { ... on Quote { key reviewStatus } } }`);
    expect(read.data.node).toEqual({ key: QUOTE, reviewStatus: 'REJECTED' });
  });
});
