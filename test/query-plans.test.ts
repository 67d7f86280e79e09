/**
 * Every list ordering and foreign-key filter is served by an index. On 10,000 synthetic articles,
 * the SQL each operation sends is run through EXPLAIN QUERY PLAN: the main table must be read
 * through an index (never `SCAN <table>` alone) and the ordering must not need a temporary sort.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { loadSyntheticSql } from './fixtures/sql-synthetic.ts';
import { emptyDb, SqlRecorder, serverFor } from './helpers.ts';

const recorder = new SqlRecorder();
let db: Db;
let gql: ReturnType<typeof serverFor>;

beforeAll(async () => {
  db = await emptyDb(recorder);
  await loadSyntheticSql(db, 10_000);
  gql = serverFor(db);
}, 60_000);

/** The plan lines of the first statement an operation runs (the page itself). */
async function planOf(query: string): Promise<string[]> {
  recorder.reset();
  const result = await gql(query);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  const [statement] = recorder.statements;
  const [params] = recorder.params;
  if (!statement) throw new Error('no SQL was run');
  const plan = await db.$client.execute({ sql: `EXPLAIN QUERY PLAN ${statement}`, args: (params ?? []) as never });
  return plan.rows.map((row) => String(row.detail));
}

const actor = btoa('Actor:synthetic-actor-7');
const article = btoa('Article:synthetic-000042');

const CASES: [string, string, RegExp][] = [
  ['articles newest first', '{ articles(first: 20) { nodes { slug } } }', /articles_published_on_idx/],
  [
    'articles by headline',
    '{ articles(first: 20, orderBy: { field: HEADLINE }) { nodes { slug } } }',
    /articles_headline_idx/,
  ],
  [
    'articles in a date range',
    '{ articles(first: 20, filter: { publishedOn: { from: "2016-01-01", to: "2016-02-01" } }) { nodes { slug } } }',
    /articles_published_on_idx/,
  ],
  ['measures by key', '{ measures(first: 20) { nodes { title } } }', /sqlite_autoindex_measures_1|PRIMARY KEY/],
  ['measures by title', '{ measures(first: 20, orderBy: { field: TITLE }) { nodes { title } } }', /measures_title_idx/],
  [
    'measures by deadline',
    '{ measures(first: 20, orderBy: { field: DEADLINE }) { nodes { title } } }',
    /measures_deadline_sort_idx/,
  ],
  [
    'measures by proposer',
    `{ measures(first: 20, filter: { proposer: "${actor}" }) { nodes { title } } }`,
    /measures_by_proposer_idx/,
  ],
  [
    'funding by amount',
    '{ fundingItems(first: 20, orderBy: { field: AMOUNT, direction: DESC }) { nodes { purpose } } }',
    /funding_items_by_amount_idx/,
  ],
  [
    'funding by funder',
    `{ fundingItems(first: 20, filter: { funder: "${actor}" }) { nodes { purpose } } }`,
    /funding_items_by_funder_idx/,
  ],
  [
    'quotes by speaker',
    `{ quotes(first: 20, filter: { speaker: "${actor}" }) { nodes { text } } }`,
    /quotes_by_speaker_idx/,
  ],
  [
    'quotes by article',
    `{ quotes(first: 20, filter: { article: "${article}" }) { nodes { text } } }`,
    /quotes_by_article_idx/,
  ],
  [
    'quotes ordered by article',
    '{ quotes(first: 20, orderBy: { field: ARTICLE }) { nodes { text } } }',
    /quotes_by_article_idx/,
  ],
  ['actors by name', '{ actors(first: 20) { nodes { name } } }', /actors_by_name_idx/],
  ['actors by kind', '{ actors(first: 20, orderBy: { field: KIND }) { nodes { name } } }', /actors_by_kind_idx/],
  ['events by date', '{ events(first: 20) { nodes { name } } }', /events_by_date_idx/],
];

describe('query plans on 10,000 articles', () => {
  it.each(CASES)('%s uses an index and no temporary sort', async (_name, query, index) => {
    const plan = await planOf(query);
    const text = plan.join('\n');
    expect(text).toMatch(index);
    expect(text).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    // The outer table of the page (alias d0) is never read by a bare full scan.
    expect(plan.filter((line) => /^SCAN d0$/.test(line))).toEqual([]);
  });

  it('a deep page by cursor uses the same index as the first page (keyset, not OFFSET)', async () => {
    let after = '';
    for (let i = 0; i < 5; i++) {
      const page = await gql(`{ articles(first: 100${after}) { pageInfo { endCursor } } }`);
      after = `, after: "${page.data.articles.pageInfo.endCursor}"`;
    }
    recorder.reset();
    await gql(`{ articles(first: 20${after}) { nodes { slug } } }`);
    expect(recorder.statements[0]).not.toMatch(/offset/i);
    const plan = await planOf(`{ articles(first: 20${after}) { nodes { slug } } }`);
    expect(plan.join('\n')).toMatch(
      /SEARCH d0 USING INDEX articles_published_on_idx|SCAN d0 USING INDEX articles_published_on_idx/,
    );
  });
});

describe('actor name substring', () => {
  it('is served by the trigram index, not a scan of actors', async () => {
    const plan = await planOf('{ actors(first: 20, filter: { name: "actor 7" }) { nodes { name } } }');
    expect(plan.join('\n')).toMatch(/actor_name_fts VIRTUAL TABLE INDEX/);
    const result = await gql('{ actors(first: 100, filter: { name: "Actor 7" }) { totalCount nodes { name } } }');
    // "Synthetic Actor 7", 70-79 and 700+ do not exist past 299: 7, 70-79 → 11 names.
    expect(result.data.actors.totalCount).toBe(11);
  });
});
