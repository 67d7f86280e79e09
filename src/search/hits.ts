/**
 * Runs a compiled search against the FTS5 index (see the search_fts migration): one statement
 * takes the candidates (every match, up to SEARCH_CANDIDATES of them), ranks them by bm25, counts
 * them, takes the page after (or before) a keyset cursor and highlights only the hits on that
 * page — with one more pass of the MATCH over the page's rowids, never one per hit (a MATCH
 * constrained to one rowid re-reads every term's postings, which is what made a page of prefix
 * hits slow). A page past the end costs one more statement, for the counts.
 *
 * Why a bound: bm25 reads each match's positions and size, and the join reads its document, so
 * ranking all 50,000 fields a common word matches costs ~200 ms on 100,000 articles
 * (BENCHMARKS.md). Past SEARCH_CANDIDATES matches, the most recently indexed ones (highest rowid:
 * FTS5 walks its doclists backwards and stops there) are ranked, and the count stops too:
 * `totalCount` is then SEARCH_CANDIDATES, a lower bound, and `totalCountIsExact` false.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { HitPosition } from './cursor.ts';
import { MATCH_END, MATCH_START, matchRanges, snippetHtml, type TextRange } from './highlight.ts';

/** What can be searched, as stored in search_fts_docs.type. */
export const SEARCHABLE_TYPES = ['ARTICLE', 'QUOTE', 'MEASURE', 'POSITION', 'FUNDING_ITEM'] as const;
export type SearchableTypeValue = (typeof SEARCHABLE_TYPES)[number];

/** Tokens of context snippet() keeps around the best match (FTS5 allows up to 64). */
const SNIPPET_TOKENS = 24;

/** Match ranges returned per hit: the first this many of the field. */
export const MAX_MATCHES_PER_HIT = 100;

/**
 * Matches a search ranks and counts at most: up to here `totalCount` is exact and every match is
 * ranked; past it, the SEARCH_CANDIDATES most recently indexed matches are ranked and paged.
 */
export const SEARCH_CANDIDATES = 2000;

export interface SearchRequest {
  /** An FTS5 MATCH expression from compileSearchQuery. */
  match: string;
  /** Only hits of these types; null for all. */
  types: readonly SearchableTypeValue[] | null;
  /** Only facts with these review statuses; null for every fact but REJECTED ones. */
  reviewStatus: readonly string[] | null;
  after: HitPosition | null;
  before: HitPosition | null;
  /** Page forward (`first`) or backward (`last`, counted back from `before` or the end). */
  limit: number;
  backward: boolean;
}

export interface Hit extends HitPosition {
  type: SearchableTypeValue;
  snippet: string;
  matches: TextRange[];
}

export interface HitPage {
  hits: Hit[];
  /** Exact when `totalCountIsExact`; else a lower bound (SEARCH_CANDIDATES). */
  totalCount: number;
  totalCountIsExact: boolean;
  hasPreviousPage: boolean;
  hasNextPage: boolean;
}

interface Row {
  id: number;
  type: SearchableTypeValue;
  key: string;
  field: string;
  rank: number;
  total: number;
  /** Matches found, up to SEARCH_CANDIDATES + 1: more than the bound means totalCount is a lower bound. */
  found_count: number;
  at_or_before_after: number;
  at_or_after_before: number;
  marked: string;
  snippet: string;
  has_sentinels: number;
}

const position = sql.raw('(rank, type, key, field)');
const cursorValues = (p: HitPosition) => sql`(${p.rank}, ${p.type}, ${p.key}, ${p.field})`;

export async function findHits(db: Db, request: SearchRequest): Promise<HitPage> {
  const { match, types, reviewStatus, after, before, limit, backward } = request;
  const status = sql`CASE d.type
      WHEN 'QUOTE' THEN (SELECT review_status FROM quotes WHERE id = d.key)
      WHEN 'MEASURE' THEN (SELECT review_status FROM measures WHERE id = d.key)
      WHEN 'POSITION' THEN (SELECT review_status FROM positions WHERE id = d.key)
      WHEN 'FUNDING_ITEM' THEN (SELECT review_status FROM funding_items WHERE id = d.key) END`;
  const reviewFilter = reviewStatus
    ? sql`AND (d.type = 'ARTICLE' OR ${status} IN (${sql.join(
        reviewStatus.map((s) => sql`${s}`),
        sql`, `,
      )}))`
    : sql`AND (d.type = 'ARTICLE' OR ${status} <> 'REJECTED')`;
  const typeFilter = types
    ? sql`AND d.type IN (${sql.join(
        types.map((t) => sql`${t}`),
        sql`, `,
      )})`
    : sql``;
  const afterIt = after ? sql`${position} > ${cursorValues(after)}` : sql`1`;
  const beforeIt = before ? sql`${position} < ${cursorValues(before)}` : sql`1`;
  const direction = sql.raw(backward ? 'DESC' : 'ASC');
  // Qualified: search_fts has a hidden column named rank too.
  const order = sql`page.rank ${direction}, page.type ${direction}, page.key ${direction}, page.field ${direction}`;
  // Materialized: bm25() only works while search_fts is being scanned, never folded into an aggregate.
  // One match more than the bound, newest first, tells whether there are more; it is not ranked.
  const matched = sql`found AS MATERIALIZED (
    SELECT d.id, d.type, d.key, d.field, bm25(search_fts) AS rank
    FROM search_fts CROSS JOIN search_fts_docs AS d ON d.id = search_fts.rowid
    WHERE search_fts MATCH ${match} ${typeFilter} ${reviewFilter}
    ORDER BY search_fts.rowid DESC LIMIT ${SEARCH_CANDIDATES + 1}
  ),
  matched AS MATERIALIZED (
    SELECT *, (SELECT count(*) FROM found) AS found_count FROM found ORDER BY id DESC LIMIT ${SEARCH_CANDIDATES}
  )`;
  // Counted over every candidate, so totalCount and hasPrevious/NextPage hold on every page.
  const counts = sql`count(*) OVER () AS total,
    coalesce(sum(NOT (${afterIt})) OVER (), 0) AS at_or_before_after,
    coalesce(sum(NOT (${beforeIt})) OVER (), 0) AS at_or_after_before`;
  // `highlighted` is one pass of the MATCH for the whole page: `+rowid` is not a constraint FTS5
  // can take, so the page's rows are picked out of a single scan rather than a MATCH run per row.
  const rows = (await db.all(sql`
    WITH ${matched},
    counted AS (SELECT matched.*, ${counts} FROM matched),
    page AS MATERIALIZED (SELECT * FROM counted AS page WHERE ${afterIt} AND ${beforeIt} ORDER BY ${order} LIMIT ${limit + 1}),
    highlighted AS MATERIALIZED (
      SELECT rowid AS id,
        highlight(search_fts, 0, ${MATCH_START}, ${MATCH_END}) AS marked,
        snippet(search_fts, 0, ${MATCH_START}, ${MATCH_END}, '…', ${SNIPPET_TOKENS}) AS snippet
      FROM search_fts WHERE search_fts MATCH ${match}
        AND rowid BETWEEN (SELECT min(id) FROM page) AND (SELECT max(id) FROM page) AND +rowid IN (SELECT id FROM page)
    )
    SELECT page.*, highlighted.marked, highlighted.snippet,
      (SELECT instr(text, ${MATCH_START}) OR instr(text, ${MATCH_END}) FROM search_fts_docs WHERE id = page.id)
        AS has_sentinels
    FROM page CROSS JOIN highlighted ON highlighted.id = page.id
    ORDER BY ${order}
  `)) as Row[];

  let stats = rows[0];
  if (!stats) {
    [stats] = (await db.all(sql`
      WITH ${matched}
      SELECT count(*) AS total, (SELECT count(*) FROM found) AS found_count,
        coalesce(sum(NOT (${afterIt})), 0) AS at_or_before_after,
        coalesce(sum(NOT (${beforeIt})), 0) AS at_or_after_before
      FROM matched
    `)) as Row[];
  }

  const more = rows.length > limit;
  const onPage = rows.slice(0, limit);
  if (backward) onPage.reverse();
  return {
    hits: onPage.map((row) => ({
      type: row.type,
      key: row.key,
      field: row.field,
      rank: row.rank,
      // A field that itself holds a sentinel character cannot be measured: no ranges rather than wrong ones.
      matches: row.has_sentinels ? [] : matchRanges(row.marked).slice(0, MAX_MATCHES_PER_HIT),
      snippet: snippetHtml(row.snippet),
    })),
    totalCount: Number(stats?.total ?? 0),
    totalCountIsExact: Number(stats?.found_count ?? 0) <= SEARCH_CANDIDATES,
    hasPreviousPage: backward ? more : Number(stats?.at_or_before_after) > 0,
    hasNextPage: backward ? Number(stats?.at_or_after_before) > 0 : more,
  };
}
