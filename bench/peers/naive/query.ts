/**
 * The naive peer's root fields (the tutorial's `rootValue`): lists page by OFFSET, counts are
 * COUNT statements, aggregates one GROUP BY whose related rows are looked up one by one, search
 * one ranked statement whose hit objects are each loaded on their own. Only the arguments the
 * benchmark sends are implemented; anything else is refused, never silently ignored.
 */
import type { CurrencyCode } from '../../../src/domain.ts';
import { minorToDecimal } from '../../../src/money.ts';
import { matchRanges, snippetHtml } from '../../../src/search/highlight.ts';
import { compileSearchQuery } from '../../../src/search/query.ts';
import { parseGlobalId, SEARCH_TYPE_NAMES } from '../ids.ts';
import { type ConnectionArgs, offsetConnection } from './connection.ts';
import { Actor, Article, type Context, loadNode, Measure } from './objects.ts';
import type { Row, Source } from './source.ts';

function refuse(what: string): never {
  throw new Error(`The naive peer does not implement ${what}.`);
}

class FundingSummaryRow {
  currencyCode: CurrencyCode;
  count: number;
  flaggedCount: number;
  #row: Row;
  constructor(row: Row) {
    this.currencyCode = row.currency_code;
    this.count = Number(row.count);
    this.flaggedCount = Number(row.flagged_count);
    this.#row = row;
  }
  funder(_args: unknown, { source }: Context) {
    const key = this.#row.funder_id;
    return key ? source.actor(key).then((r) => (r ? new Actor(r) : null)) : null;
  }
  total() {
    return { amount: minorToDecimal(String(this.#row.total), this.currencyCode), currencyCode: this.currencyCode };
  }
  flaggedTotal() {
    return {
      amount: minorToDecimal(String(this.#row.flagged_total), this.currencyCode),
      currencyCode: this.currencyCode,
    };
  }
}

class SearchHit {
  type: string;
  field: string;
  score: number;
  snippet: string;
  matches: { start: number; end: number }[];
  #key: string;
  constructor(row: Row) {
    this.type = row.type;
    this.field = row.field;
    this.score = -Number(row.rank);
    this.snippet = snippetHtml(row.snippet);
    this.matches = matchRanges(row.marked);
    this.#key = row.key;
  }
  node(_args: unknown, { source }: Context) {
    return loadNode(source, SEARCH_TYPE_NAMES[this.type] ?? '', this.#key);
  }
}

/** The first day of every month in [from, to). */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  const day = new Date(`${from.slice(0, 7)}-01T00:00:00Z`);
  for (let month = day.toISOString().slice(0, 10); month < to; month = day.toISOString().slice(0, 10)) {
    months.push(month);
    day.setUTCMonth(day.getUTCMonth() + 1);
  }
  return months;
}

interface TimeSeriesArgs {
  entity: string;
  metric: string;
  bucket: string;
  from: string;
  to: string;
  groupBy?: string | null;
  filter?: unknown;
  dateField?: string | null;
}

export class Query {
  node({ id }: { id: string }, { source }: Context) {
    const parsed = parseGlobalId(id);
    return parsed ? loadNode(source, parsed.type, parsed.key) : null;
  }
  article({ slug }: { slug: string }, { source }: Context) {
    return source.article(slug).then((r) => (r ? new Article(r) : null));
  }
  articles(args: ConnectionArgs & { filter?: unknown; orderBy?: unknown }, { source }: Context) {
    if (args.filter || args.orderBy) refuse('articles(filter, orderBy)');
    return offsetConnection(
      args,
      (limit, offset) => source.articles(limit, offset).then((rows) => rows.map((r) => new Article(r))),
      () => source.countArticles(),
    );
  }
  measures(args: ConnectionArgs & { filter?: { status?: string[] | null }; orderBy?: unknown }, { source }: Context) {
    const { status, ...rest } = args.filter ?? {};
    if (Object.keys(rest).length > 0 || args.orderBy) refuse('measures filters other than status, or orderBy');
    const statuses = status ?? null;
    return offsetConnection(
      args,
      (limit, offset) => source.measures(statuses, limit, offset).then((rows) => rows.map((r) => new Measure(r))),
      () => source.countMeasures(statuses),
    );
  }
  async fundingSummary(args: { groupBy?: string[]; filter?: { currencyCode?: string } }, { source }: Context) {
    const { currencyCode, ...rest } = args.filter ?? {};
    if (!currencyCode || Object.keys(rest).length > 0 || args.groupBy?.join() !== 'FUNDER') {
      refuse('fundingSummary other than groupBy: [FUNDER] in one currency');
    }
    return (await source.fundingByFunder(currencyCode)).map((row) => new FundingSummaryRow(row));
  }
  async timeSeries(args: TimeSeriesArgs, { source }: Context) {
    const { entity, metric, bucket, from, to } = args;
    if (entity !== 'ARTICLES' || bucket !== 'MONTH' || metric !== 'COUNT' || args.groupBy || args.filter) {
      refuse('timeSeries other than ARTICLES counted by MONTH');
    }
    const counts = new Map((await source.articlesPerMonth(from, to)).map((r) => [r.month, Number(r.count)]));
    return monthsBetween(from, to).map((time) => {
      const count = counts.get(time) ?? 0;
      return { time, timestamp: Date.parse(`${time}T00:00:00Z`), key: null, value: count, count };
    });
  }
  search(args: ConnectionArgs & { query: string; types?: unknown }, { source }: Context) {
    if (args.types || args.after) refuse('search(types, after)');
    const match = compileSearchQuery(args.query);
    const hits = (limit: number) => searchHits(source, match, limit);
    return offsetConnection(args, hits, () => source.countSearch(match));
  }
}

async function searchHits(source: Source, match: string, limit: number): Promise<SearchHit[]> {
  return (await source.searchPage(match, limit)).map((row) => new SearchHit(row));
}
