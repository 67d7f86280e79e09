/**
 * Paging seals only the cursors a document selects (src/schema/cursor-selection.ts). Every way a
 * client can select one — pageInfo alone, an alias, a fragment, a merged field, `@include` with a
 * variable — must still get the sealed cursor, the same one `edges { cursor }` hands out, and the
 * API must page on from it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_SLUG, type GqlResult, seededDb, serverFor } from './helpers.ts';

let gql: ReturnType<typeof serverFor>;

/** The article's five quotes in id order, and the cursors of the first two, selected the plain way. */
let allQuotes: string[];
let plain: { edges: string[]; startCursor: string; endCursor: string };

beforeAll(async () => {
  gql = serverFor(await seededDb());
  const all = ok(await gql('{ quotes(first: 5) { nodes { text } } }'));
  allQuotes = all.quotes.nodes.map((quote: { text: string }) => quote.text);
  const page = ok(await gql('{ quotes(first: 2) { edges { cursor } pageInfo { startCursor endCursor } } }'));
  plain = {
    edges: page.quotes.edges.map((edge: { cursor: string }) => edge.cursor),
    startCursor: page.quotes.pageInfo.startCursor,
    endCursor: page.quotes.pageInfo.endCursor,
  };
});

function ok(result: GqlResult) {
  expect(result.errors).toBeUndefined();
  return result.data;
}

/** The quotes after `cursor`: the cursor opens and pages on. */
async function quotesAfter(cursor: string): Promise<string[]> {
  const data = ok(await gql(`{ quotes(first: 5, after: "${cursor}") { nodes { text } } }`));
  return data.quotes.nodes.map((quote: { text: string }) => quote.text);
}

describe('cursors are sealed however a document selects them', () => {
  it('hands out sealed cursors that page on', async () => {
    // The article has five quotes (seeds/sources/000_8226112b5d290b71.txt).
    expect(allQuotes).toHaveLength(5);
    expect(allQuotes[0]).toBe(
      'is far from clear that encryption is a key tool through which terrorists avoid detection.',
    );
    for (const cursor of [...plain.edges, plain.endCursor]) expect(atob(cursor)).toMatch(/^dossier:2:[0-9a-f]{8}:/);
    expect(plain.edges).toEqual([plain.startCursor, plain.endCursor]);
    expect(await quotesAfter(plain.endCursor)).toEqual(allQuotes.slice(2));
  });

  it('through pageInfo only, next to nodes', async () => {
    const data = ok(await gql('{ quotes(first: 2) { nodes { text } pageInfo { endCursor hasNextPage } } }'));
    expect(data.quotes.pageInfo).toEqual({ endCursor: plain.endCursor, hasNextPage: true });
    expect(await quotesAfter(data.quotes.pageInfo.endCursor)).toEqual(allQuotes.slice(2));
  });

  it('through aliases', async () => {
    const data = ok(await gql('{ q: quotes(first: 2) { e: edges { c: cursor } p: pageInfo { last: endCursor } } }'));
    expect(data.q.e.map((edge: { c: string }) => edge.c)).toEqual(plain.edges);
    expect(data.q.p.last).toBe(plain.endCursor);
  });

  it('through a fragment spread and an inline fragment', async () => {
    const data = ok(
      await gql(`
        { quotes(first: 2) { ...Cursors ... on QueryQuotesConnection { pageInfo { startCursor } } } }
        fragment Cursors on QueryQuotesConnection { edges { ...EdgeCursor } }
        fragment EdgeCursor on QueryQuotesConnectionEdge { cursor }`),
    );
    expect(data.quotes.edges.map((edge: { cursor: string }) => edge.cursor)).toEqual(plain.edges);
    expect(data.quotes.pageInfo.startCursor).toBe(plain.startCursor);
  });

  it('through a second selection of the same field, merged with one that selects no cursor', async () => {
    const data = ok(await gql('{ quotes(first: 2) { nodes { text } } quotes(first: 2) { edges { cursor } } }'));
    expect(data.quotes.nodes).toHaveLength(2);
    expect(data.quotes.edges.map((edge: { cursor: string }) => edge.cursor)).toEqual(plain.edges);
  });

  it('through @include with a variable, and not at all when it is false', async () => {
    const query = `query Q($withCursors: Boolean!) {
      quotes(first: 2) { nodes { text } edges @include(if: $withCursors) { cursor } pageInfo { endCursor @include(if: $withCursors) } }
    }`;
    const shown = ok(await gql(query, { withCursors: true }));
    expect(shown.quotes.edges.map((edge: { cursor: string }) => edge.cursor)).toEqual(plain.edges);
    expect(shown.quotes.pageInfo.endCursor).toBe(plain.endCursor);
    // The same document again with the other value: no cursor appears.
    const hidden = ok(await gql(query, { withCursors: false }));
    expect(hidden.quotes).toEqual({ nodes: shown.quotes.nodes, pageInfo: {} });
  });

  it('in a nested connection reached through a fragment, the same cursors as selected directly', async () => {
    const direct = ok(
      await gql(
        `{ article(slug: "${ARTICLE_SLUG}") { quotes(first: 2) { edges { cursor } pageInfo { endCursor } } } }`,
      ),
    );
    const viaFragment = ok(
      await gql(`
        { article(slug: "${ARTICLE_SLUG}") { ...Quotes } }
        fragment Quotes on Article { quotes(first: 2) { nodes { text } ... on ArticleQuotesConnection { pageInfo { endCursor } } } }`),
    );
    const endCursor = viaFragment.article.quotes.pageInfo.endCursor;
    expect(endCursor).toBe(direct.article.quotes.pageInfo.endCursor);
    expect(atob(endCursor)).toMatch(/^dossier:2:[0-9a-f]{8}:/);
    const rest = ok(
      await gql(`{ article(slug: "${ARTICLE_SLUG}") { quotes(first: 5, after: "${endCursor}") { nodes { text } } } }`),
    );
    expect(rest.article.quotes.nodes.map((quote: { text: string }) => quote.text)).toEqual(allQuotes.slice(2));
  });
});
