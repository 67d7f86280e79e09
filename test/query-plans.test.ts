/**
 * Every list ordering and foreign-key filter is served by an index. On synthetic articles, the
 * SQL each operation sends is run through EXPLAIN QUERY PLAN: the main table must be read
 * through an index (never `SCAN <table>` alone) and the ordering must not need a temporary sort.
 * The migrations run no ANALYZE, so SQLite plans without knowing table sizes: 300 articles give
 * the plans 10,000 do (all fifteen compared, identical), in a fraction of the time.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { SqlRecorder, serverFor, syntheticDb } from './helpers.ts';

const ARTICLES = 300;
const recorder = new SqlRecorder();
let db: Db;
let gql: ReturnType<typeof serverFor>;
let actor: string;
let article: string;

const first = async (sql: string) => String((await db.$client.execute(sql)).rows[0]?.[0]);

beforeAll(async () => {
  db = await syntheticDb(ARTICLES, recorder);
  gql = serverFor(db);
  // An actor who proposes, funds and speaks, and an article in the middle.
  actor = btoa(
    `Actor:${await first(`SELECT proposer_id FROM measures WHERE proposer_id IN (SELECT funder_id FROM funding_items)
      AND proposer_id IN (SELECT speaker_id FROM quotes) ORDER BY proposer_id LIMIT 1`)}`,
  );
  article = btoa(`Article:${await first('SELECT id FROM articles ORDER BY id LIMIT 1 OFFSET 150')}`);
}, 120_000);

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

const CASES: [string, () => string, RegExp][] = [
  ['articles newest first', () => '{ articles(first: 20) { nodes { slug } } }', /articles_published_on_idx/],
  [
    'articles by headline',
    () => '{ articles(first: 20, orderBy: { field: HEADLINE }) { nodes { slug } } }',
    /articles_headline_idx/,
  ],
  [
    'articles in a date range',
    () =>
      '{ articles(first: 20, filter: { publishedOn: { from: "2016-01-01", to: "2016-02-01" } }) { nodes { slug } } }',
    /articles_published_on_idx/,
  ],
  ['measures by key', () => '{ measures(first: 20) { nodes { title } } }', /sqlite_autoindex_measures_1|PRIMARY KEY/],
  [
    'measures by title',
    () => '{ measures(first: 20, orderBy: { field: TITLE }) { nodes { title } } }',
    /measures_title_idx/,
  ],
  [
    'measures by deadline',
    () => '{ measures(first: 20, orderBy: { field: DEADLINE }) { nodes { title } } }',
    /measures_deadline_sort_idx/,
  ],
  [
    'measures by proposer',
    () => `{ measures(first: 20, filter: { proposer: "${actor}" }) { nodes { title } } }`,
    /measures_by_proposer_idx/,
  ],
  [
    'funding by amount',
    () => '{ fundingItems(first: 20, orderBy: { field: AMOUNT, direction: DESC }) { nodes { purpose } } }',
    /funding_items_by_amount_idx/,
  ],
  [
    'funding by funder',
    () => `{ fundingItems(first: 20, filter: { funder: "${actor}" }) { nodes { purpose } } }`,
    /funding_items_by_funder_idx/,
  ],
  [
    'quotes by speaker',
    () => `{ quotes(first: 20, filter: { speaker: "${actor}" }) { nodes { text } } }`,
    /quotes_by_speaker_idx/,
  ],
  [
    'quotes by article',
    () => `{ quotes(first: 20, filter: { article: "${article}" }) { nodes { text } } }`,
    /quotes_by_article_idx/,
  ],
  [
    'quotes ordered by article',
    () => '{ quotes(first: 20, orderBy: { field: ARTICLE }) { nodes { text } } }',
    /quotes_by_article_idx/,
  ],
  ['actors by name', () => '{ actors(first: 20) { nodes { name } } }', /actors_by_name_idx/],
  ['actors by kind', () => '{ actors(first: 20, orderBy: { field: KIND }) { nodes { name } } }', /actors_by_kind_idx/],
  ['events by date', () => '{ events(first: 20) { nodes { name } } }', /events_by_date_idx/],
];

describe(`query plans on ${ARTICLES} synthetic articles`, () => {
  it.each(CASES)('%s uses an index and no temporary sort', async (_name, query, index) => {
    const plan = await planOf(query());
    const text = plan.join('\n');
    expect(text).toMatch(index);
    expect(text).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    // The outer table of the page (alias d0) is never read by a bare full scan.
    expect(plan.filter((line) => /^SCAN d0$/.test(line))).toEqual([]);
  });

  it('a deep page by cursor seeks the ordering index to the cursor (keyset, not OFFSET, no walk from the top)', async () => {
    let after = '';
    for (let i = 0; i < 2; i++) {
      const page = await gql(`{ articles(first: 100${after}) { pageInfo { endCursor } } }`);
      after = `, after: "${page.data.articles.pageInfo.endCursor}"`;
    }
    recorder.reset();
    await gql(`{ articles(first: 20${after}) { nodes { slug } } }`);
    expect(recorder.statements[0]).not.toMatch(/offset/i);
    const plan = await planOf(`{ articles(first: 20${after}) { nodes { slug } } }`);
    // A range on the first ordering column (src/schema/lists/keyset-bound.ts): SQLite starts at the
    // cursor. Without it the plan is `SCAN d0 USING INDEX …`, every entry above the cursor read.
    expect(plan.join('\n')).toMatch(/SEARCH d0 USING (COVERING )?INDEX articles_published_on_idx \(published_on<\?\)/);
  });
});

describe('actor name substring', () => {
  it('is served by the trigram index, not a scan of actors', async () => {
    // Three letters from the middle of a made-up name, in another case.
    const name = await first('SELECT name FROM actors ORDER BY id LIMIT 1');
    const text = name.slice(1, 4).toUpperCase();
    const plan = await planOf(`{ actors(first: 20, filter: { name: "${text}" }) { nodes { name } } }`);
    expect(plan.join('\n')).toMatch(/actor_name_fts VIRTUAL TABLE INDEX/);
    const result = await gql(`{ actors(first: 100, filter: { name: "${text}" }) { totalCount nodes { name } } }`);
    const expected = await first(`SELECT count(*) FROM actors WHERE instr(lower(name), lower('${text}')) > 0
      OR id IN (SELECT actor_id FROM actor_aliases WHERE instr(lower(alias), lower('${text}')) > 0)`);
    expect(result.data.actors.totalCount).toBe(Number(expected));
    expect(result.data.actors.nodes.map((n: any) => n.name)).toContain(name);
  });
});
