/**
 * Where the naive peer's resolvers get rows. `directSource` is the tutorial's way: every call is
 * its own SQL statement for one parent, so a list of n parents costs n more statements (N+1), and
 * lists page with LIMIT/OFFSET. The DataLoader variant (batched-source.ts) implements the same
 * interface with batched relation lookups, so both peers share every resolver.
 */
import type { Client, InArgs } from '@libsql/client';
import { SEARCH_CANDIDATES } from '../../../src/search/hits.ts';

export type Row = Record<string, any>;

export interface Source {
  // Lookups by key (node, relations to one).
  article(key: string): Promise<Row | undefined>;
  actor(key: string): Promise<Row | undefined>;
  measure(key: string): Promise<Row | undefined>;
  quote(key: string): Promise<Row | undefined>;
  fundingItem(key: string): Promise<Row | undefined>;
  position(key: string): Promise<Row | undefined>;
  // Relations to many, per parent.
  topicsOf(articleKey: string): Promise<string[]>;
  quotesOf(articleKey: string, limit: number, offset: number): Promise<Row[]>;
  countQuotesOf(articleKey: string): Promise<number>;
  measuresOf(articleKey: string, limit: number, offset: number): Promise<Row[]>;
  countMeasuresOf(articleKey: string): Promise<number>;
  fundingItemsOf(measureKey: string): Promise<Row[]>;
  flagsOf(fundingItemKey: string): Promise<string[]>;
  evidenceOf(fundingItemKey: string): Promise<Row[]>;
  // Root lists, aggregates and search: one statement each in both variants.
  articles(limit: number, offset: number): Promise<Row[]>;
  countArticles(): Promise<number>;
  measures(statuses: string[] | null, limit: number, offset: number): Promise<Row[]>;
  countMeasures(statuses: string[] | null): Promise<number>;
  fundingByFunder(currency: string): Promise<Row[]>;
  articlesPerMonth(from: string, to: string): Promise<Row[]>;
  searchPage(match: string, limit: number): Promise<Row[]>;
  countSearch(match: string): Promise<number>;
}

export async function all(client: Client, sql: string, args: InArgs = []): Promise<Row[]> {
  return (await client.execute({ sql, args })).rows as Row[];
}

const one = async (client: Client, sql: string, args: InArgs) => (await all(client, sql, args))[0];
const count = async (client: Client, sql: string, args: InArgs = []) => Number((await one(client, sql, args))?.n);

const NEWEST = 'ORDER BY published_on DESC, id DESC';
// Dossier leaves REJECTED facts out of every read.
const statusFilter = (statuses: string[] | null) =>
  statuses
    ? {
        where: "WHERE status IN (SELECT value FROM json_each(?)) AND review_status <> 'REJECTED'",
        args: [JSON.stringify(statuses)],
      }
    : { where: "WHERE review_status <> 'REJECTED'", args: [] };

const NOT_REJECTED = `(d.type = 'ARTICLE' OR CASE d.type
  WHEN 'QUOTE' THEN (SELECT review_status FROM quotes WHERE id = d.key)
  WHEN 'MEASURE' THEN (SELECT review_status FROM measures WHERE id = d.key)
  WHEN 'POSITION' THEN (SELECT review_status FROM positions WHERE id = d.key)
  WHEN 'FUNDING_ITEM' THEN (SELECT review_status FROM funding_items WHERE id = d.key) END <> 'REJECTED')`;

/**
 * Hits ranked as Dossier ranks them, with the marked field and snippet for each: like Dossier,
 * among the newest SEARCH_CANDIDATES matches only (every match from the oldest of those on).
 */
export const SEARCH_PAGE = `
SELECT d.type, d.key, d.field, bm25(search_fts) AS rank,
  highlight(search_fts, 0, char(2), char(3)) AS marked,
  snippet(search_fts, 0, char(2), char(3), '…', 24) AS snippet
FROM search_fts CROSS JOIN search_fts_docs AS d ON d.id = search_fts.rowid
WHERE search_fts MATCH ?1 AND ${NOT_REJECTED} AND search_fts.rowid >= (
  SELECT min(id) FROM (SELECT search_fts.rowid AS id FROM search_fts CROSS JOIN search_fts_docs AS d ON d.id = search_fts.rowid
    WHERE search_fts MATCH ?1 AND ${NOT_REJECTED} ORDER BY search_fts.rowid DESC LIMIT ${SEARCH_CANDIDATES}))
ORDER BY rank, d.type, d.key, d.field LIMIT ?2`;

export function directSource(client: Client): Source {
  const byId = (table: string) => (key: string) => one(client, `SELECT * FROM ${table} WHERE id = ?`, [key]);
  return {
    article: byId('articles'),
    actor: byId('actors'),
    measure: byId('measures'),
    quote: byId('quotes'),
    fundingItem: byId('funding_items'),
    position: byId('positions'),
    topicsOf: async (key) =>
      (await all(client, 'SELECT topic FROM article_topics WHERE article_id = ? ORDER BY topic', [key])).map(
        (r) => r.topic,
      ),
    quotesOf: (key, limit, offset) =>
      all(
        client,
        "SELECT * FROM quotes WHERE article_id = ? AND review_status <> 'REJECTED' ORDER BY id LIMIT ? OFFSET ?",
        [key, limit, offset],
      ),
    countQuotesOf: (key) =>
      count(client, "SELECT count(*) AS n FROM quotes WHERE article_id = ? AND review_status <> 'REJECTED'", [key]),
    measuresOf: (key, limit, offset) =>
      all(
        client,
        "SELECT m.* FROM reports AS r JOIN measures AS m ON m.id = r.measure_id WHERE r.article_id = ? AND m.review_status <> 'REJECTED' ORDER BY m.id LIMIT ? OFFSET ?",
        [key, limit, offset],
      ),
    countMeasuresOf: (key) =>
      count(
        client,
        "SELECT count(*) AS n FROM reports AS r JOIN measures AS m ON m.id = r.measure_id WHERE r.article_id = ? AND m.review_status <> 'REJECTED'",
        [key],
      ),
    fundingItemsOf: (key) =>
      all(client, "SELECT * FROM funding_items WHERE measure_id = ? AND review_status <> 'REJECTED' ORDER BY id", [
        key,
      ]),
    flagsOf: async (key) =>
      (await all(client, 'SELECT flag FROM funding_item_flags WHERE funding_item_id = ? ORDER BY flag', [key])).map(
        (r) => r.flag,
      ),
    evidenceOf: (key) =>
      all(client, 'SELECT * FROM evidence WHERE funding_item_id = ? ORDER BY article_id, start, id', [key]),
    articles: (limit, offset) => all(client, `SELECT * FROM articles ${NEWEST} LIMIT ? OFFSET ?`, [limit, offset]),
    countArticles: () => count(client, 'SELECT count(*) AS n FROM articles'),
    measures: (statuses, limit, offset) => {
      const filter = statusFilter(statuses);
      return all(client, `SELECT * FROM measures ${filter.where} ORDER BY id LIMIT ? OFFSET ?`, [
        ...filter.args,
        limit,
        offset,
      ]);
    },
    countMeasures: (statuses) => {
      const filter = statusFilter(statuses);
      return count(client, `SELECT count(*) AS n FROM measures ${filter.where}`, filter.args);
    },
    // One aggregate statement, as anyone would write it; the funder of each row is a lookup of its own.
    // Sums come back as text: past 2^53 minor units libSQL's client refuses them as numbers.
    fundingByFunder: (currency) =>
      all(
        client,
        `SELECT currency_code, funder_id, count(*) AS count, CAST(sum(amount_minor) AS TEXT) AS total,
           sum(flagged) AS flagged_count,
           CAST(sum(CASE WHEN flagged THEN amount_minor ELSE 0 END) AS TEXT) AS flagged_total
         FROM (SELECT *, EXISTS (SELECT 1 FROM funding_item_flags WHERE funding_item_id = funding_items.id) AS flagged
               FROM funding_items WHERE review_status <> 'REJECTED' AND currency_code = ?)
         GROUP BY currency_code, funder_id ORDER BY currency_code, funder_id`,
        [currency],
      ),
    articlesPerMonth: (from, to) =>
      all(
        client,
        `SELECT strftime('%Y-%m-01', published_on) AS month, count(*) AS count FROM articles
         WHERE published_on >= ? AND published_on < ? GROUP BY 1`,
        [from, to],
      ),
    searchPage: (match, limit) => all(client, SEARCH_PAGE, [match, limit]),
    countSearch: (match) =>
      count(client, 'SELECT count(*) AS n FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ? LIMIT ?)', [
        match,
        SEARCH_CANDIDATES,
      ]),
  };
}
