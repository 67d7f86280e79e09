/**
 * Nested reads are planned into one SQL statement per root field (plus one for a root
 * totalCount), whatever the page size: an N+1 would show up here as a count that grows with it.
 * The count alone would not catch a statement that does per-row work of another kind, so the
 * shape of that one statement is pinned too: one correlated subquery per nested relation (never
 * more), each reading its table through an index, never a scan.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { SqlRecorder, seededDb, serverFor, syntheticDb } from './helpers.ts';

const ARTICLES = 30;
const recorder = new SqlRecorder();
let db: Db;
let gql: ReturnType<typeof serverFor>;

beforeAll(async () => {
  db = await syntheticDb(ARTICLES, recorder);
  gql = serverFor(db);
}, 60_000);

const count = async (sql: string, args: string[] = []) =>
  Number((await db.$client.execute({ sql, args })).rows[0]?.[0]);

async function statementsFor(query: string) {
  recorder.reset();
  const result = await gql(query);
  expect(result.errors).toBeUndefined();
  return { count: recorder.statements.length, data: result.data };
}

/** The query plan of the first statement `query` sends: its correlated subqueries and table reads. */
async function shapeOf(query: string) {
  await statementsFor(query);
  const plan = await db.$client.execute({
    sql: `EXPLAIN QUERY PLAN ${recorder.statements[0]}`,
    args: (recorder.params[0] ?? []) as never,
  });
  const lines = plan.rows.map((row) => String(row.detail));
  return {
    correlated: lines.filter((line) => line.startsWith('CORRELATED SCALAR SUBQUERY')).length,
    // Reads of real tables; `t` is the subquery's own row set.
    reads: lines.filter((line) => /^(SCAN|SEARCH) /.test(line) && line !== 'SCAN t'),
  };
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
    const [first] = hundred.data.articles.nodes;
    // REJECTED quotes are left out of reads (the synthetic data has some).
    expect(first.quotes.totalCount).toBe(
      await count("SELECT count(*) FROM quotes WHERE article_id = ? AND review_status <> 'REJECTED'", [first.slug]),
    );
    const speakers = hundred.data.articles.nodes.flatMap((a: any) => a.quotes.nodes).map((q: any) => q.speaker);
    const named = speakers.find((s: any) => s);
    expect(await count('SELECT count(*) FROM actors WHERE name = ?', [named.name])).toBe(1);
    expect(one.count).toBe(1);
    expect(hundred.count).toBe(1);
  });

  // At first: 40, not 100: priced at their caps (100 funding items of 50 spans, each with its
  // article), 100 measures could return a million objects, more than the cost model admits.
  it('measures → funding items → evidence → article is one statement at first: 1 and at first: 40', async () => {
    const one = await statementsFor(measuresFundingEvidence(1));
    const forty = await statementsFor(measuresFundingEvidence(40));
    expect(forty.data.measures.nodes).toHaveLength(
      Math.min(40, await count("SELECT count(*) FROM measures WHERE review_status <> 'REJECTED'")),
    );
    const evidence = forty.data.measures.nodes.flatMap((m: any) => m.fundingItems).flatMap((f: any) => f.evidence);
    expect(evidence.length).toBeGreaterThan(0);
    expect(await count('SELECT count(*) FROM articles WHERE id = ?', [evidence[0].article.slug])).toBe(1);
    expect(one.count).toBe(1);
    expect(forty.count).toBe(1);
  });

  it('a root totalCount adds exactly one statement', async () => {
    const { count: statements, data } = await statementsFor('{ quotes(first: 5) { totalCount nodes { text } } }');
    expect(data.quotes.totalCount).toBe(await count("SELECT count(*) FROM quotes WHERE review_status <> 'REJECTED'"));
    expect(statements).toBe(2);
  });

  it('pages default to 20 items when neither first nor last is given', async () => {
    const { data } = await statementsFor('{ quotes { totalCount nodes { text } } }');
    expect(data.quotes.totalCount).toBe(await count("SELECT count(*) FROM quotes WHERE review_status <> 'REJECTED'"));
    expect(data.quotes.nodes).toHaveLength(20);
  });
});

describe('the columns of that one statement', () => {
  const selected = (statement: string) => ({
    reviewStatus: statement.includes('"review_status" as "reviewStatus"'),
    provenance: statement.includes('"provenance" as "provenance"'),
  });

  it("reads a fact's review status and provenance only when the query asks for them", async () => {
    await statementsFor('{ quotes(first: 5) { nodes { text } } }');
    expect(selected(recorder.statements[0] as string)).toEqual({ reviewStatus: false, provenance: false });

    const { data } = await statementsFor('{ quotes(first: 5) { nodes { key reviewStatus provenance } } }');
    expect(selected(recorder.statements[0] as string)).toEqual({ reviewStatus: true, provenance: true });
    const [first] = data.quotes.nodes;
    const row = (
      await db.$client.execute({ sql: 'SELECT review_status, provenance FROM quotes WHERE id = ?', args: [first.key] })
    ).rows[0];
    expect([first.reviewStatus, first.provenance]).toEqual([row?.review_status, row?.provenance]);
  });

  it('every fact type answers both fields from its own row (the seed article)', async () => {
    const seed = await seededDb();
    const seeded = serverFor(seed);
    const tables = {
      measures: 'measures',
      positions: 'positions',
      fundingItems: 'funding_items',
      quotes: 'quotes',
      figures: 'figures',
      events: 'events',
    };
    const lists = Object.keys(tables).map((list) => `${list}(first: 2) { nodes { key reviewStatus provenance } }`);
    const result = await seeded(`{ ${lists.join(' ')} }`);
    expect(result.errors).toBeUndefined();
    for (const [list, table] of Object.entries(tables)) {
      const nodes = result.data[list].nodes as { key: string; reviewStatus: string; provenance: string }[];
      expect(nodes.length, list).toBeGreaterThan(0);
      const { rows } = await seed.$client.execute({
        sql: `SELECT id, review_status, provenance FROM ${table} WHERE id IN (${nodes.map(() => '?').join(', ')})`,
        args: nodes.map((n) => n.key),
      });
      const stored = new Map(rows.map((row) => [row.id, [row.review_status, row.provenance]]));
      for (const node of nodes)
        expect([node.reviewStatus, node.provenance], `${list} ${node.key}`).toEqual(stored.get(node.key));
    }
  });
});

describe('the shape of that one statement', () => {
  it('articles → quotes (with totalCount) → speaker: three correlated subqueries, each an index search', async () => {
    const { correlated, reads } = await shapeOf(articlesQuotesSpeaker(100));
    expect(correlated).toBe(3); // the quotes' count, the quotes, each quote's speaker
    expect(reads).toEqual([
      // Covering: the page reads only the columns asked for (slug and date), all in the index.
      'SCAN d0 USING COVERING INDEX articles_published_on_idx',
      // Not covering: the count also reads each quote's review status (REJECTED ones are left out).
      'SEARCH quotes USING INDEX quotes_by_article_idx (article_id=?)',
      'SEARCH d1 USING INDEX quotes_by_article_idx (article_id=?)',
      'SEARCH d2 USING INDEX sqlite_autoindex_actors_1 (id=?)',
    ]);
  });

  it('measures → funding items → evidence → article: three correlated subqueries, each an index search', async () => {
    // At first: 40, as above: at 100 the cost model refuses it.
    const { correlated, reads } = await shapeOf(measuresFundingEvidence(40));
    expect(correlated).toBe(3);
    expect(reads).toEqual([
      'SCAN d0 USING INDEX sqlite_autoindex_measures_1',
      'SEARCH d1 USING INDEX funding_items_measure_idx (measure_id=?)',
      'SEARCH d2 USING INDEX evidence_funding_item_idx (funding_item_id=?)',
      'SEARCH d3 USING COVERING INDEX sqlite_autoindex_articles_1 (id=?)',
    ]);
  });
});
