/**
 * The benchmark operations, shared by all four servers (Dossier, L, N, N+DL): each is a named
 * GraphQL document and its variables. The raw-SQL peer (L) recognises them by operation name, so
 * a name always means one document shape; the sweeps vary page size through `$first` and nesting
 * depth through the operation name (`NestedDepth1` … `NestedDepth3`).
 *
 * No operation compared for identity selects a cursor: each server has its own cursor format
 * (N's is an offset). The deep page gets its `after` from walking the list on the server under
 * test with `ArticleCursor` (`prepare`), so every server reaches the page its own way.
 */

export interface Operation {
  /** A label for reports: several labels can share one operation name (rare vs frequent search). */
  label: string;
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
  /**
   * Variables only the server under test can give (its own cursor), found by sending requests
   * to it; merged over `variables`.
   */
  prepare?: (send: Send) => Promise<Record<string, unknown>>;
}

/** Sends one operation to one server and returns the parsed JSON body. */
export type Send = (request: { operationName: string; query: string; variables: Record<string, unknown> }) => Promise<{
  data?: any;
  errors?: unknown[];
}>;

export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEPTHS = [1, 2, 3] as const;
export type Depth = (typeof DEPTHS)[number];

const op = (label: string, operationName: string, query: string, variables: Record<string, unknown> = {}) => ({
  label,
  operationName,
  query: query.trim(),
  variables,
});

/** (1) One article by its global ID, with its scalar fields and topics. */
export function articleById(id: string): Operation {
  return op(
    'article-by-id',
    'ArticleById',
    `
query ArticleById($id: ID!) {
  node(id: $id) {
    id
    ... on Article { slug headline publishedOn publisher url language body topics }
  }
}`,
    { id },
  );
}

/** (2) A page of articles with their quotes: text and speaker name. */
export function articlesWithQuotes(first = 20): Operation {
  return op(
    `articles-with-quotes-${first}`,
    'ArticlesWithQuotes',
    `
query ArticlesWithQuotes($first: Int!) {
  articles(first: $first) {
    nodes { slug headline publishedOn quotes { nodes { text speaker { name } } } }
  }
}`,
    { first },
  );
}

/** What each nesting level selects; level n + 1 goes inside level n's last field. */
const LEVELS = [
  (inner: string) => `measures { nodes { key title status${inner} } }`,
  (inner: string) => ` fundingItems { key purpose amount { amount currencyCode }${inner} }`,
  () => ' evidence { exact role }',
];

/** (3) articles → measures (depth 1) → funding items (2) → evidence (3). */
export function nested(depth: Depth = 3, first = 20): Operation {
  let selection = '';
  for (let level = depth - 1; level >= 0; level--) selection = (LEVELS[level] as (inner: string) => string)(selection);
  const name = `NestedDepth${depth}`;
  return op(
    `nested-depth-${depth}-${first}`,
    name,
    `
query ${name}($first: Int!) {
  articles(first: $first) { nodes { slug ${selection} } }
}`,
    { first },
  );
}

/**
 * (4) A dashboard aggregate: funding in euros per funder, with flags. One currency: per funder and
 * currency, 100k articles give 1,205 groups, past the 1,000 a stats field returns (MAX_GROUPS).
 * The group of unnamed funders sums past 2^53 cents there, so the exact-money path is timed too.
 */
export function fundingDashboard(): Operation {
  return op(
    'funding-dashboard',
    'FundingDashboard',
    `
query FundingDashboard {
  fundingSummary(groupBy: [FUNDER], filter: { currencyCode: EUR }) {
    currencyCode funder { name } count total { amount } flaggedCount flaggedTotal { amount }
  }
}`,
  );
}

/** (5) Articles per month over one year. */
export function timeSeries(year = 2017): Operation {
  return op(
    'time-series',
    'TimeSeries',
    `
query TimeSeries($from: Date!, $to: Date!) {
  timeSeries(entity: ARTICLES, bucket: MONTH, from: $from, to: $to) { time timestamp key value count }
}`,
    { from: `${year}-01-01`, to: `${year + 1}-01-01` },
  );
}

/** (6, 7) Full-text search; the term decides rare or frequent. */
export function search(label: string, query: string, first = 20): Operation {
  return op(
    label,
    'Search',
    `
query Search($query: String!, $first: Int!) {
  search(query: $query, first: $first) {
    totalCount
    nodes { type field score snippet matches { start end } node { id } }
  }
}`,
    { query, first },
  );
}

/** Walks the article list; only used to find a deep cursor, never compared (cursors differ). */
export const ARTICLE_CURSOR = op(
  'article-cursor',
  'ArticleCursor',
  `
query ArticleCursor($first: Int!, $after: String) {
  articles(first: $first, after: $after) { pageInfo { endCursor hasNextPage } }
}`,
);

/** The cursor after the first `offset` articles (a multiple of 100), found by walking `send`'s server. */
export async function cursorAt(send: Send, offset: number): Promise<string | null> {
  let after: string | null = null;
  for (let walked = 0; walked < offset; walked += 100) {
    const first = Math.min(100, offset - walked);
    const { operationName, query } = ARTICLE_CURSOR;
    const body = await send({ operationName, query, variables: { first, after } });
    if (!body.data) throw new Error(`ArticleCursor failed: ${JSON.stringify(body.errors)}`);
    after = body.data.articles.pageInfo.endCursor;
  }
  return after;
}

/**
 * (8) A page far into the list: keyset from a cursor on Dossier and L, OFFSET on N and N+DL.
 * `deepPage(0)` is the same query's first page, the yardstick of issue 14's deep-page target
 * (after 50,000 at 100k: within 1.5× of the first page).
 */
export function deepPage(offset: number, first = 20): Operation {
  return {
    ...op(
      `deep-page-${offset}`,
      'DeepPage',
      `
query DeepPage($first: Int!, $after: String) {
  articles(first: $first, after: $after) { nodes { slug headline publishedOn } pageInfo { hasNextPage } }
}`,
      { first, after: null },
    ),
    prepare: async (send) => ({ after: await cursorAt(send, offset) }),
  };
}

/** (9) A filtered count alone. */
export function filteredCount(status: string[] = ['PROPOSED']): Operation {
  return op(
    'filtered-count',
    'FilteredCount',
    `
query FilteredCount($status: [MeasureStatus!]) {
  measures(filter: { status: $status }) { totalCount }
}`,
    { status },
  );
}

export interface Dataset {
  /** The global ID of an article that exists. */
  articleId: string;
  rareTerm: string;
  frequentTerm: string;
  /** How far into the article list the deep page starts (a multiple of 100). */
  deepOffset: number;
  /** A year with articles in it, for the time series. */
  year: number;
}

/** The ten operations at their default sizes (the deep page twice: first and deep). */
export function benchmarkOperations(dataset: Dataset): Operation[] {
  return [
    articleById(dataset.articleId),
    articlesWithQuotes(20),
    nested(3, 20),
    fundingDashboard(),
    timeSeries(dataset.year),
    search('search-rare', dataset.rareTerm),
    search('search-frequent', dataset.frequentTerm),
    deepPage(0),
    deepPage(dataset.deepOffset),
    filteredCount(['PROPOSED']),
  ];
}

/** The sweeps: page size for the quotes page and the nested read, and depth at page size 20. */
export function sweepOperations(): Operation[] {
  return [
    ...PAGE_SIZES.map((first) => articlesWithQuotes(first)),
    ...PAGE_SIZES.map((first) => nested(3, first)),
    ...DEPTHS.map((depth) => nested(depth, 20)),
  ];
}
