/**
 * The bound on a frequent-term search, on made-up articles from the synthetic generator: up to
 * SEARCH_CANDIDATES matching fields every hit is ranked and `totalCount` is exact; past it the
 * most recently indexed SEARCH_CANDIDATES are ranked and paged, and `totalCount` is a lower bound
 * with `totalCountIsExact: false`. Checked against the FTS5 index itself.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { SEARCH_CANDIDATES } from '../src/search/hits.ts';
import { serverFor, syntheticDb } from './helpers.ts';

let db: Db;
let gql: ReturnType<typeof serverFor>;

beforeAll(async () => {
  db = await syntheticDb(300);
  gql = serverFor(db);
}, 120_000);

/** Index terms by how many fields hold them (fts5vocab, 'row': doc = fields). */
async function termWithFields(where: ReturnType<typeof sql>): Promise<{ term: string; doc: number }> {
  const [row] = (await db.all(
    sql`SELECT term, doc FROM search_fts_vocab WHERE ${where} AND term GLOB '[a-z]*' ORDER BY doc DESC, term LIMIT 1`,
  )) as { term: string; doc: number }[];
  if (!row) throw new Error('no such term in the synthetic index');
  return row;
}

/** The ids of the fields a term matches, newest first, as the index holds them. */
async function matchingIds(term: string): Promise<number[]> {
  const rows = (await db.all(
    sql`SELECT rowid AS id FROM search_fts WHERE search_fts MATCH ${`"${term}"`} ORDER BY rowid DESC`,
  )) as { id: number }[];
  return rows.map((r) => r.id);
}

/** Every review status, so that every field the index matches is a hit. */
const PAGE = `query($q: String!, $after: String) {
  search(query: $q, first: 100, after: $after, reviewStatus: [UNREVIEWED, CONFIRMED, CORRECTED, REJECTED]) {
  totalCount totalCountIsExact pageInfo { hasNextPage endCursor } nodes { type field score node { id } } } }`;

interface Hit {
  type: string;
  field: string;
  score: number;
  node: { id: string };
}

/** Every hit of a search, page by page through its cursors. */
async function allHits(q: string) {
  const hits: Hit[] = [];
  let after: string | null = null;
  let first: { totalCount: number; totalCountIsExact: boolean } | undefined;
  for (;;) {
    const { data, errors }: { data?: any; errors?: unknown } = await gql(PAGE, { q, after });
    expect(errors).toBeUndefined();
    first ??= data.search;
    hits.push(...data.search.nodes);
    if (!data.search.pageInfo.hasNextPage) break;
    after = data.search.pageInfo.endCursor;
  }
  return { ...(first as { totalCount: number; totalCountIsExact: boolean }), hits };
}

/** search_fts_docs ids of hits, through their (type, key, field). */
async function docIds(hits: Hit[]): Promise<number[]> {
  const keys = hits.map((h) => [h.type, Buffer.from(h.node.id, 'base64').toString().split(':')[1], h.field]);
  const rows = (await db.all(
    sql`SELECT d.id FROM json_each(${JSON.stringify(keys)}) AS k
        JOIN search_fts_docs AS d ON d.type = k.value ->> 0 AND d.key = k.value ->> 1 AND d.field = k.value ->> 2`,
  )) as { id: number }[];
  return rows.map((r) => r.id);
}

describe('frequent-term search, bounded', () => {
  it(`a word in more than ${SEARCH_CANDIDATES} fields: totalCount ${SEARCH_CANDIDATES} as a lower bound, the newest ${SEARCH_CANDIDATES} ranked`, async () => {
    const { term, doc } = await termWithFields(sql`doc > ${SEARCH_CANDIDATES}`);
    const ids = await matchingIds(term);
    expect(ids.length).toBe(doc);

    const found = await allHits(term);
    expect(found.totalCount).toBe(SEARCH_CANDIDATES);
    expect(found.totalCountIsExact).toBe(false);
    // Paging reaches exactly the most recently indexed SEARCH_CANDIDATES fields, each once…
    expect(found.hits).toHaveLength(SEARCH_CANDIDATES);
    expect((await docIds(found.hits)).sort((a, b) => b - a)).toEqual(ids.slice(0, SEARCH_CANDIDATES));
    // …best first.
    const scores = found.hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  }, 120_000);

  it(`a word in fewer than ${SEARCH_CANDIDATES} fields: the exact count and every hit`, async () => {
    const { term } = await termWithFields(sql`doc BETWEEN 100 AND ${SEARCH_CANDIDATES}`);
    const found = await allHits(term);
    expect(found.totalCount).toBe((await matchingIds(term)).length);
    expect(found.totalCountIsExact).toBe(true);
    expect((await docIds(found.hits)).sort((a, b) => b - a)).toEqual(await matchingIds(term));
  }, 120_000);

  it('a rare word: its exact count', async () => {
    const { term } = await termWithFields(sql`doc BETWEEN 2 AND 20`);
    const { data } = await gql(
      'query($q: String!) { search(query: $q, reviewStatus: [UNREVIEWED, CONFIRMED, CORRECTED, REJECTED]) { totalCount totalCountIsExact } }',
      { q: term },
    );
    expect(data.search).toEqual({ totalCount: (await matchingIds(term)).length, totalCountIsExact: true });
  });
});
