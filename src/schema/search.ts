/** `search`: full-text search over articles and facts, ranked, with highlights and match offsets. */
import { resolveNodes } from '@pothos/plugin-relay';
import { decodeCursor, encodeCursor } from '../search/cursor.ts';
import { countIndexTerms, MAX_INDEX_TERMS } from '../search/expansion.ts';
import type { TextRange as TextRangeShape } from '../search/highlight.ts';
import {
  findHits,
  type Hit,
  MAX_MATCHES_PER_HIT,
  SEARCH_CANDIDATES,
  SEARCHABLE_TYPES,
  type SearchableTypeValue,
} from '../search/hits.ts';
import { compileSearch, compileSearchQuery, MAX_QUERY_LENGTH, SearchQueryError } from '../search/query.ts';
import { thousands } from '../text/thousands.ts';
import { builder } from './builder.ts';
import { describedEnum } from './described-enum.ts';
import { ReviewStatus } from './enums.ts';
import { badArgument } from './lists/errors.ts';
import { READABLE_CURSOR } from './paging.ts';
import { PRICE, type PriceContext, SURCHARGE } from './pricing.ts';

const DEFAULT_PAGE_SIZE = 20;
/** SEARCH_CANDIDATES as the descriptions write it ("2,000"). */
const CANDIDATES = thousands(SEARCH_CANDIDATES);

/**
 * What reading one index term costs, in objects (the cost model): a MATCH ranks every row a term
 * finds before it can page, so a search costs its page plus this per term it reads.
 */
export const INDEX_TERM_COST = 1000;

/**
 * The search's surcharge: INDEX_TERM_COST per index term it reads (prefixes expanded). A query
 * that expands past MAX_INDEX_TERMS is refused here, before anything runs; one the grammar
 * rejects costs nothing here and is refused by the resolver.
 */
async function termsSurcharge(args: Record<string, unknown>, ctx: PriceContext): Promise<number> {
  let terms: ReturnType<typeof compileSearch>['terms'];
  try {
    terms = compileSearch(String(args.query)).terms;
  } catch (error) {
    if (error instanceof SearchQueryError) return 0;
    throw error;
  }
  const count = await countIndexTerms(ctx.db, terms);
  if (count > MAX_INDEX_TERMS) {
    throw badArgument(
      'query',
      `reads more than ${MAX_INDEX_TERMS} terms of the index (its prefixes expand to that many words): use longer prefixes or fewer of them.`,
    );
  }
  return count * INDEX_TERM_COST;
}

/** The GraphQL object type of each searchable type. */
const OBJECT_TYPES: Record<SearchableTypeValue, string> = {
  ARTICLE: 'Article',
  QUOTE: 'Quote',
  MEASURE: 'Measure',
  POSITION: 'Position',
  FUNDING_ITEM: 'FundingItem',
};

const SEARCHED_FIELDS: Record<SearchableTypeValue, string> = {
  ARTICLE: 'An article: its `headline` and `body`.',
  QUOTE: 'A quote: its `text`.',
  MEASURE: 'A measure: its `title` and `summary`.',
  POSITION: 'A position: its `question` and `summary`.',
  FUNDING_ITEM: 'A funding item: its `purpose` and `amount.reportedText`.',
};

export const SearchableType = describedEnum(
  'SearchableType',
  'A kind of object the search looks in, with the fields it searches.',
  Object.fromEntries(SEARCHABLE_TYPES.map((v) => [v, SEARCHED_FIELDS[v]])) as Record<SearchableTypeValue, string>,
);

const TextRange = builder.objectRef<TextRangeShape>('TextRange').implement({
  description: 'A range of a text, in UTF-16 code units (JavaScript string indices): text.slice(start, end).',
  fields: (t) => ({
    start: t.exposeInt('start', { description: 'Offset of the first code unit.' }),
    end: t.exposeInt('end', { description: 'Offset just past the last code unit.' }),
  }),
});

const SearchHit = builder.objectRef<Hit>('SearchHit').implement({
  description: 'One field of one object that matches a search, with where and how well it matches.',
  fields: (t) => ({
    node: t.field({
      type: builder.nodeInterfaceRef(),
      description: 'The object that matches: an Article, Quote, Measure, Position or FundingItem.',
      resolve: async (hit, _args, ctx, info) => {
        const [node] = await resolveNodes(builder, ctx, info, [{ id: hit.key, typename: OBJECT_TYPES[hit.type] }]);
        return node as never;
      },
    }),
    type: t.field({ type: SearchableType, description: 'The type of the object.', resolve: (hit) => hit.type }),
    field: t.exposeString('field', {
      description:
        'The field of the object that matches, as its GraphQL path: headline, body, text, title, summary, question, purpose or amount.reportedText.',
    }),
    score: t.float({
      description: 'How well it matches (bm25; higher is better). Comparable only between hits of the same search.',
      resolve: (hit) => -hit.rank,
    }),
    snippet: t.exposeString('snippet', {
      description:
        'A short passage of the field around the best match, as HTML: the text escaped (&amp; &lt; &gt;), each match in <mark>…</mark>, and … where the field goes on.',
    }),
    matches: t.field({
      type: [TextRange],
      description: `The matches in the field's full text (the first ${MAX_MATCHES_PER_HIT}), in order, as UTF-16 offsets (for an article body, the same offsets as evidence spans). A phrase is one range.`,
      extensions: { [PRICE]: MAX_MATCHES_PER_HIT },
      resolve: (hit) => hit.matches,
    }),
  }),
});

builder.queryField('search', (t) =>
  t.connection(
    {
      type: SearchHit,
      extensions: { [SURCHARGE]: termsSurcharge, [READABLE_CURSOR]: (inner: string) => decodeCursor(inner) !== null },
      description: `Full-text search over article headlines and bodies, quote texts, measure titles and summaries, position questions and summaries, and funding purposes and reported amounts; best matches first (bm25, ties by type, key and field). Each hit is one field of one object, so an object matching in two fields gives two hits. A search with more than ${CANDIDATES} hits ranks and pages the ${CANDIDATES} most recently indexed of them only (ranking every hit of a very common word would cost hundreds of milliseconds): its \`totalCount\` is then a lower bound and \`totalCountIsExact\` false; add a word to narrow it. Grammar: words must all match, in any form of the word (stemmed: "attacking" finds "attacks"); "a phrase" matches those words next to each other; word* matches words starting with it; a OR b matches either (OR in capitals, binding the terms next to it); -word leaves out what matches word. Punctuation separates words as the index does ("e-evidence" is the phrase "e evidence"); %, _, backslashes and other punctuation are never operators. An unbalanced quotation mark, an empty query, or one of only exclusions is a BAD_USER_INPUT error.`,
      args: {
        query: t.arg.string({
          required: true,
          description: `What to search for, in the grammar described on this field (at most ${MAX_QUERY_LENGTH} characters).`,
        }),
        types: t.arg({
          type: [SearchableType],
          description: 'Only hits on these types of object; every type when left out.',
        }),
        reviewStatus: t.arg({
          type: [ReviewStatus],
          description:
            'Only hits on facts with one of these review statuses (articles always match); when left out, every fact but REJECTED ones.',
        }),
      },
      resolve: async (_root, args, ctx) => {
        let match: string;
        try {
          match = compileSearchQuery(args.query);
        } catch (error) {
          if (error instanceof SearchQueryError) throw badArgument('query', error.message);
          throw error;
        }
        if (args.types && args.types.length === 0) {
          throw badArgument('types', 'is empty: give at least one type, or leave it out to search all.');
        }
        const types = args.types ? [...new Set(args.types)] : null;
        const reviewStatus = args.reviewStatus?.length ? [...new Set(args.reviewStatus)] : null;
        // Opened by the paging plugin, which has checked they are hit positions of this search.
        const after = args.after == null ? null : decodeCursor(args.after);
        const before = args.before == null ? null : decodeCursor(args.before);
        const backward = args.last != null;
        const page = await findHits(ctx.db, {
          match,
          types,
          reviewStatus,
          after,
          before,
          limit: (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE,
          backward,
        });
        const edges = page.hits.map((hit) => ({ cursor: encodeCursor(hit), node: hit }));
        return {
          edges,
          totalCount: page.totalCount,
          totalCountIsExact: page.totalCountIsExact,
          pageInfo: {
            hasNextPage: page.hasNextPage,
            hasPreviousPage: page.hasPreviousPage,
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges.at(-1)?.cursor ?? null,
          },
        };
      },
    },
    {
      name: 'SearchHitConnection',
      description: 'A page of search hits, best first, with cursors and the total number of hits.',
      fields: (c) => ({
        totalCount: c.int({
          description: `The number of hits of the whole search, on every page: exact up to ${CANDIDATES}; past that, ${CANDIDATES} as a lower bound (see \`totalCountIsExact\`).`,
          resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount,
        }),
        totalCountIsExact: c.boolean({
          description: `Whether \`totalCount\` is the exact number of hits (true up to ${CANDIDATES}); false: there are more, and only the ${CANDIDATES} most recently indexed are ranked and paged.`,
          resolve: (connection) => (connection as unknown as { totalCountIsExact: boolean }).totalCountIsExact,
        }),
      }),
    },
    { name: 'SearchHitEdge', description: 'A search hit, with its cursor.' },
  ),
);
