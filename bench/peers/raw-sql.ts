/**
 * (L) The raw-SQL limit: a hand-written handler that answers the benchmark operations, known by
 * operation name, with one hand-written statement each and no GraphQL at all. It returns the
 * same `{"data":…}` body Dossier does. Where SQLite can write the JSON it does, and the text is
 * spliced in; search needs JavaScript (offsets, HTML snippets), so it goes through JSON.stringify.
 * Cursors are L's own (base64 of the ordering values); identity checks never compare them.
 *
 * Run alone: `tsx bench/peers/serve.ts L <database url> <port>`.
 */
import type { Client, InArgs } from '@libsql/client';
import { matchRanges, snippetHtml } from '../../src/search/highlight.ts';
import { SEARCH_CANDIDATES } from '../../src/search/hits.ts';
import { compileSearchQuery } from '../../src/search/query.ts';
import type { Depth } from '../operations.ts';
import { type Answer, errorReply } from './http.ts';
import { globalId, parseGlobalId, SEARCH_TYPE_NAMES } from './ids.ts';
import * as statements from './raw-sql-statements.ts';

type Variables = Record<string, any>;
type Handler = (client: Client, variables: Variables) => Promise<string>;

const NESTED = { 1: statements.nestedSql(1), 2: statements.nestedSql(2), 3: statements.nestedSql(3) };
const PAGE = { first: statements.pageSql(false), after: statements.pageSql(true) };
const CURSOR = { first: statements.cursorSql(false), after: statements.cursorSql(true) };

async function json(client: Client, sql: string, args: InArgs): Promise<string | null> {
  const { rows } = await client.execute({ sql, args });
  return (rows[0]?.json as string | undefined) ?? null;
}

const data = (field: string, value: string) => `{"data":{"${field}":${value}}}`;

/** L's cursor: the (published_on, id) of the last row, as Dossier's article ordering needs. */
function encodeCursor(publishedOn: string, key: string): string {
  return Buffer.from(JSON.stringify([publishedOn, key])).toString('base64url');
}

function cursorArgs(after: string | null | undefined, first: number): InArgs {
  if (!after) return { first };
  const [publishedOn, key] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as [string, string];
  return { first, publishedOn, key };
}

const nested =
  (depth: Depth): Handler =>
  async (client, v) =>
    data('articles', `{"nodes":${await json(client, NESTED[depth], { first: v.first })}}`);

const HANDLERS: Record<string, Handler> = {
  async ArticleById(client, v) {
    const parsed = parseGlobalId(String(v.id));
    if (parsed?.type !== 'Article') return data('node', 'null');
    // The canonical ID, as Dossier writes it, whatever spelling of it the request used.
    const args = { id: globalId('Article', parsed.key), key: parsed.key };
    return data('node', (await json(client, statements.ARTICLE_BY_ID, args)) ?? 'null');
  },
  async ArticlesWithQuotes(client, v) {
    return data('articles', `{"nodes":${await json(client, statements.ARTICLES_WITH_QUOTES, { first: v.first })}}`);
  },
  NestedDepth1: nested(1),
  NestedDepth2: nested(2),
  NestedDepth3: nested(3),
  async FundingDashboard(client) {
    return data('fundingSummary', (await json(client, statements.FUNDING_BY_FUNDER, { currency: 'EUR' })) ?? '[]');
  },
  async TimeSeries(client, v) {
    return data('timeSeries', (await json(client, statements.ARTICLES_PER_MONTH, { from: v.from, to: v.to })) ?? '[]');
  },
  // Dossier also empties `matches` for a field that itself holds a sentinel character; no
  // benchmark text does, so L leaves that check out (a difference would fail the identity test).
  async Search(client, v) {
    const { rows } = await client.execute({
      sql: statements.SEARCH_PAGE,
      args: { match: compileSearchQuery(String(v.query)), first: v.first, candidates: SEARCH_CANDIDATES },
    });
    const nodes = rows.map((row) => ({
      type: row.type,
      field: row.field,
      score: -Number(row.rank),
      snippet: snippetHtml(String(row.snippet)),
      matches: matchRanges(String(row.marked)),
      node: { id: globalId(SEARCH_TYPE_NAMES[String(row.type)] ?? '', String(row.key)) },
    }));
    return JSON.stringify({ data: { search: { totalCount: Number(rows[0]?.total ?? 0), nodes } } });
  },
  async DeepPage(client, v) {
    const sql = v.after ? PAGE.after : PAGE.first;
    return data('articles', (await json(client, sql, cursorArgs(v.after, v.first))) ?? 'null');
  },
  async ArticleCursor(client, v) {
    const { rows } = await client.execute({
      sql: v.after ? CURSOR.after : CURSOR.first,
      args: cursorArgs(v.after, v.first),
    });
    const last = rows[Math.min(rows.length, v.first) - 1];
    const endCursor = last ? encodeCursor(String(last.published_on), String(last.id)) : null;
    return JSON.stringify({ data: { articles: { pageInfo: { endCursor, hasNextPage: rows.length > v.first } } } });
  },
  async FilteredCount(client, v) {
    const filtered = Array.isArray(v.status);
    const args: InArgs = filtered ? { statuses: JSON.stringify(v.status) } : {};
    const { rows } = await client.execute({ sql: statements.countSql(filtered), args });
    return data('measures', `{"totalCount":${Number(rows[0]?.n)}}`);
  },
};

export function createRawSqlAnswer(client: Client): Answer {
  return async (text) => {
    const body = JSON.parse(text) as { operationName?: string; variables?: Variables };
    const handler = HANDLERS[body.operationName ?? ''];
    if (!handler) return errorReply(400, `The raw-SQL peer does not know operation ${body.operationName}.`);
    return { status: 200, body: await handler(client, body.variables ?? {}) };
  };
}
