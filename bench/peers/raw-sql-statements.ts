/**
 * The raw-SQL peer's statements: one per root field, written by hand for the benchmark's
 * documents. SQLite builds the nested JSON itself (json_object, json_group_array with ORDER BY),
 * so the handler splices the text into the body without parsing it. Everything here mirrors
 * Dossier's semantics: default page of 20 on nested connections, orderings ending in the key.
 */
import { CURRENCY_MINOR_UNITS } from '../../src/domain.ts';
import type { Depth } from '../operations.ts';

/** The exact decimal of an amount in minor units, as Dossier's minorToDecimal writes it (amounts are >= 0). */
export function decimalSql(minor: string, currency: string): string {
  const byDigits = new Map<number, string[]>();
  for (const [code, digits] of Object.entries(CURRENCY_MINOR_UNITS)) {
    byDigits.set(digits, [...(byDigits.get(digits) ?? []), `'${code}'`]);
  }
  const format = (digits: number) =>
    digits === 0
      ? `printf('%d', ${minor})`
      : `printf('%d.%0${digits}d', ${minor} / ${10 ** digits}, ${minor} % ${10 ** digits})`;
  const cases = [...byDigits].map(
    ([digits, codes]) => `WHEN ${currency} IN (${codes.join(', ')}) THEN ${format(digits)}`,
  );
  return `(CASE ${cases.join(' ')} END)`;
}

export const ARTICLE_BY_ID = `
SELECT json_object('id', :id, 'slug', a.id, 'headline', a.headline, 'publishedOn', a.published_on,
  'publisher', a.publisher, 'url', a.url, 'language', a.language, 'body', a.body,
  'topics', (SELECT json_group_array(topic ORDER BY topic) FROM article_topics WHERE article_id = a.id)) AS json
FROM articles AS a WHERE a.id = :key`;

/** Dossier's default article order: newest first, then by key. */
const NEWEST = 'published_on DESC, id DESC';

export const ARTICLES_WITH_QUOTES = `
SELECT json_group_array(json_object('slug', a.id, 'headline', a.headline, 'publishedOn', a.published_on,
  'quotes', json_object('nodes', (
    SELECT json_group_array(json_object('text', q.text,
      'speaker', CASE WHEN s.id IS NULL THEN NULL ELSE json_object('name', s.name) END) ORDER BY q.id)
    FROM (SELECT id, text, speaker_id FROM quotes WHERE article_id = a.id AND review_status <> 'REJECTED'
          ORDER BY id LIMIT 20) AS q
    LEFT JOIN actors AS s ON s.id = q.speaker_id))
) ORDER BY a.published_on DESC, a.id DESC) AS json
FROM (SELECT id, headline, published_on FROM articles ORDER BY ${NEWEST} LIMIT :first) AS a`;

const EVIDENCE = `, 'evidence', (SELECT json_group_array(json_object('exact', e.exact, 'role', e.role)
  ORDER BY e.article_id, e.start, e.id) FROM evidence AS e WHERE e.funding_item_id = f.id)`;

const fundingItems = (inner: string) => `, 'fundingItems', (SELECT json_group_array(json_object('key', f.id,
  'purpose', f.purpose, 'amount', json_object('amount', ${decimalSql('f.amount_minor', 'f.currency_code')},
  'currencyCode', f.currency_code)${inner}) ORDER BY f.id) FROM funding_items AS f
  WHERE f.measure_id = m.id AND f.review_status <> 'REJECTED')`;

const measures = (inner: string) => `'measures', json_object('nodes', (
  SELECT json_group_array(json_object('key', m.id, 'title', m.title, 'status', m.status${inner}) ORDER BY m.id)
  FROM (SELECT m.id, m.title, m.status FROM reports AS r JOIN measures AS m ON m.id = r.measure_id
        WHERE r.article_id = a.id AND m.review_status <> 'REJECTED' ORDER BY m.id LIMIT 20) AS m))`;

export function nestedSql(depth: Depth): string {
  const inner = depth === 1 ? '' : fundingItems(depth === 3 ? EVIDENCE : '');
  return `
SELECT json_group_array(json_object('slug', a.id, ${measures(inner)}) ORDER BY a.published_on DESC, a.id DESC) AS json
FROM (SELECT id, published_on FROM articles ORDER BY ${NEWEST} LIMIT :first) AS a`;
}

export const FUNDING_BY_FUNDER = `
SELECT json_group_array(json_object('currencyCode', g.currency_code,
  'funder', CASE WHEN g.funder_id IS NULL THEN NULL ELSE json_object('name', g.name) END,
  'count', g.count, 'total', json_object('amount', ${decimalSql('g.total', 'g.currency_code')}),
  'flaggedCount', g.flagged_count, 'flaggedTotal', json_object('amount', ${decimalSql('g.flagged_total', 'g.currency_code')}))
  ORDER BY g.currency_code, g.funder_id) AS json
FROM (
  SELECT f.currency_code, f.funder_id, a.name, count(*) AS count, sum(f.amount_minor) AS total,
    sum(f.flagged) AS flagged_count, sum(CASE WHEN f.flagged THEN f.amount_minor ELSE 0 END) AS flagged_total
  FROM (SELECT currency_code, funder_id, amount_minor,
          EXISTS (SELECT 1 FROM funding_item_flags WHERE funding_item_id = funding_items.id) AS flagged
        FROM funding_items WHERE review_status <> 'REJECTED' AND currency_code = :currency) AS f
  LEFT JOIN actors AS a ON a.id = f.funder_id
  GROUP BY f.currency_code, f.funder_id
) AS g`;

/** Every month of [from, to) with its article count, zero when empty. */
export const ARTICLES_PER_MONTH = `
WITH RECURSIVE months(start) AS (
  SELECT strftime('%Y-%m-01', :from)
  UNION ALL SELECT date(start, '+1 month') FROM months WHERE date(start, '+1 month') < :to
), counts AS (
  SELECT strftime('%Y-%m-01', published_on) AS start, count(*) AS n FROM articles
  WHERE published_on >= :from AND published_on < :to GROUP BY 1
)
SELECT json_group_array(json_object('time', m.start, 'timestamp', unixepoch(m.start) * 1000, 'key', NULL,
  'value', coalesce(c.n, 0), 'count', coalesce(c.n, 0)) ORDER BY m.start) AS json
FROM months AS m LEFT JOIN counts AS c ON c.start = m.start`;

/**
 * The first page of a search, ranked as Dossier ranks (bm25, then type, key, field), with its
 * total: like Dossier, only the newest :candidates matches (SEARCH_CANDIDATES) are ranked and counted.
 */
export const SEARCH_PAGE = `
WITH matched AS MATERIALIZED (
  SELECT d.id, d.type, d.key, d.field, bm25(search_fts) AS rank
  FROM search_fts CROSS JOIN search_fts_docs AS d ON d.id = search_fts.rowid
  WHERE search_fts MATCH :match AND (d.type = 'ARTICLE' OR CASE d.type
    WHEN 'QUOTE' THEN (SELECT review_status FROM quotes WHERE id = d.key)
    WHEN 'MEASURE' THEN (SELECT review_status FROM measures WHERE id = d.key)
    WHEN 'POSITION' THEN (SELECT review_status FROM positions WHERE id = d.key)
    WHEN 'FUNDING_ITEM' THEN (SELECT review_status FROM funding_items WHERE id = d.key) END <> 'REJECTED')
  ORDER BY search_fts.rowid DESC LIMIT :candidates
), page AS (
  SELECT *, count(*) OVER () AS total FROM matched ORDER BY rank, type, key, field LIMIT :first
)
SELECT page.type, page.key, page.field, page.rank, page.total,
  highlight(search_fts, 0, char(2), char(3)) AS marked,
  snippet(search_fts, 0, char(2), char(3), '…', 24) AS snippet
FROM page CROSS JOIN search_fts ON search_fts.rowid = page.id
WHERE search_fts MATCH :match
ORDER BY page.rank, page.type, page.key, page.field`;

/** Keyset: the rows after the cursor's (published_on, id) in newest-first order. */
const afterCursor = (hasCursor: boolean) => (hasCursor ? '(published_on, id) < (:publishedOn, :key)' : '1');

export function pageSql(hasCursor: boolean): string {
  return `
SELECT json_object(
  'nodes', json_group_array(json_object('slug', id, 'headline', headline, 'publishedOn', published_on)
    ORDER BY published_on DESC, id DESC) FILTER (WHERE n <= :first),
  'pageInfo', json_object('hasNextPage', json(CASE WHEN count(*) > :first THEN 'true' ELSE 'false' END))) AS json
FROM (SELECT id, headline, published_on, row_number() OVER (ORDER BY ${NEWEST}) AS n
      FROM articles WHERE ${afterCursor(hasCursor)} ORDER BY ${NEWEST} LIMIT :first + 1)`;
}

export function cursorSql(hasCursor: boolean): string {
  return `SELECT id, published_on FROM articles WHERE ${afterCursor(hasCursor)} ORDER BY ${NEWEST} LIMIT :first + 1`;
}

/** Statuses arrive as one JSON array, so the statement text is the same for any number of them. */
export function countSql(filtered: boolean): string {
  return filtered
    ? "SELECT count(*) AS n FROM measures WHERE status IN (SELECT value FROM json_each(:statuses)) AND review_status <> 'REJECTED'"
    : "SELECT count(*) AS n FROM measures WHERE review_status <> 'REJECTED'";
}
