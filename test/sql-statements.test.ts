/**
 * Nested reads are planned into one SQL statement per root field (plus one for a root
 * totalCount), whatever the page size: an N+1 would show up here as a count that grows with it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSynthetic } from './fixtures/synthetic.ts';
import { emptyDb, SqlRecorder, serverFor } from './helpers.ts';

const ARTICLES = 30;
const recorder = new SqlRecorder();
let gql: ReturnType<typeof serverFor>;

beforeAll(async () => {
  const db = await emptyDb(recorder);
  await loadSynthetic(db, ARTICLES);
  gql = serverFor(db);
});

async function statementsFor(query: string) {
  recorder.reset();
  const result = await gql(query);
  expect(result.errors).toBeUndefined();
  return { count: recorder.statements.length, data: result.data };
}

const articlesQuotesSpeaker = (first: number) => `{
  articles(first: ${first}) { nodes { slug quotes(first: 10) { totalCount nodes { text speaker { name } } } } }
}`;
const measuresFundingEvidence = (first: number) => `{
  measures(first: ${first}) { nodes { title fundingItems { amount { amount } evidence { exact sentence article { slug } } } } }
}`;

describe('SQL statements per request', () => {
  it('articles → quotes (with totalCount) → speaker is one statement at first: 1 and at first: 100', async () => {
    const one = await statementsFor(articlesQuotesSpeaker(1));
    const hundred = await statementsFor(articlesQuotesSpeaker(100));
    expect(one.data.articles.nodes).toHaveLength(1);
    expect(hundred.data.articles.nodes).toHaveLength(ARTICLES);
    expect(hundred.data.articles.nodes[0].quotes.totalCount).toBe(3);
    expect(hundred.data.articles.nodes[0].quotes.nodes[0].speaker.name).toMatch(/^Synthetic Speaker \d$/);
    expect(one.count).toBe(1);
    expect(hundred.count).toBe(1);
  });

  it('measures → funding items → evidence → article is one statement at first: 1 and at first: 100', async () => {
    const one = await statementsFor(measuresFundingEvidence(1));
    const hundred = await statementsFor(measuresFundingEvidence(100));
    expect(hundred.data.measures.nodes).toHaveLength(ARTICLES * 2);
    expect(hundred.data.measures.nodes[0].fundingItems[0].evidence[0].article.slug).toMatch(/^synthetic-article-/);
    expect(one.count).toBe(1);
    expect(hundred.count).toBe(1);
  });

  it('a root totalCount adds exactly one statement', async () => {
    const { count, data } = await statementsFor('{ quotes(first: 5) { totalCount nodes { text } } }');
    expect(data.quotes.totalCount).toBe(ARTICLES * 3);
    expect(count).toBe(2);
  });

  it('pages default to 20 items when neither first nor last is given', async () => {
    const { data } = await statementsFor('{ quotes { totalCount nodes { text } } }');
    expect(data.quotes.totalCount).toBe(ARTICLES * 3);
    expect(data.quotes.nodes).toHaveLength(20);
  });
});
