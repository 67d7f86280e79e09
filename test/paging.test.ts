import { beforeAll, describe, expect, it } from 'vitest';
import { type GqlResult, seededDb, serverFor } from './helpers.ts';

type Gql = ReturnType<typeof serverFor>;
let gql: Gql;

beforeAll(async () => {
  gql = serverFor(await seededDb());
});

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

async function page(list: string, args: string): Promise<Page> {
  const result: GqlResult = await gql(
    `{ ${list}${args ? `(${args})` : ''} { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
  );
  expect(result.errors).toBeUndefined();
  return result.data[list];
}

async function walkForward(list: string, size: number) {
  const keys: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const p = await page(list, `first: ${size}${after ? `, after: "${after}"` : ''}`);
    keys.push(...p.edges.map((e) => e.node.id));
    if (!p.pageInfo.hasNextPage) return { keys, totalCount: p.totalCount };
    after = p.pageInfo.endCursor;
  }
  throw new Error('paging did not end');
}

async function walkBackward(list: string, size: number) {
  const keys: string[] = [];
  let before: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const p = await page(list, `last: ${size}${before ? `, before: "${before}"` : ''}`);
    keys.unshift(...p.edges.map((e) => e.node.id));
    if (!p.pageInfo.hasPreviousPage) return keys;
    before = p.pageInfo.startCursor;
  }
  throw new Error('paging did not end');
}

describe('paging with small pages', () => {
  // Counts typed from the article: 5 quotes, 3 funding items, 4 figures.
  it.each([
    ['quotes', 5],
    ['fundingItems', 3],
    ['figures', 4],
  ])('%s: every item exactly once forwards and backwards, totalCount %i', async (list, expected) => {
    const all = await page(list, 'first: 100');
    expect(all.totalCount).toBe(expected);
    expect(all.edges).toHaveLength(expected);
    for (const size of [1, 2, 3]) {
      const forward = await walkForward(list, size);
      expect(forward.totalCount).toBe(expected);
      expect(forward.keys).toEqual(all.edges.map((e) => e.node.id));
      expect(await walkBackward(list, size)).toEqual(all.edges.map((e) => e.node.id));
    }
  });

  it('pages every list the same way, including the larger ones', async () => {
    for (const list of ['measures', 'positions', 'events', 'actors', 'articles']) {
      const all = await page(list, 'first: 100');
      expect(all.edges.length).toBe(all.totalCount);
      expect(all.totalCount).toBeGreaterThan(0);
      const forward = await walkForward(list, 2);
      expect(forward.keys).toEqual(all.edges.map((e) => e.node.id));
      expect(new Set(forward.keys).size).toBe(forward.keys.length);
    }
  });

  it('pages a nested connection (an actor’s quotes) with the same cursors', async () => {
    const first = await gql(
      `{ node(id: "${btoa('Actor:julian-king')}") { ... on Actor { quotes(first: 3) { totalCount nodes { text } pageInfo { endCursor hasNextPage } } } } }`,
    );
    expect(first.errors).toBeUndefined();
    const quotes = first.data.node.quotes;
    // King is quoted four times in the article.
    expect(quotes.totalCount).toBe(4);
    expect(quotes.nodes).toHaveLength(3);
    expect(quotes.pageInfo.hasNextPage).toBe(true);
    const rest = await gql(
      `{ node(id: "${btoa('Actor:julian-king')}") { ... on Actor { quotes(first: 3, after: "${quotes.pageInfo.endCursor}") { nodes { text } pageInfo { hasNextPage } } } } }`,
    );
    expect(rest.errors).toBeUndefined();
    expect(rest.data.node.quotes.nodes).toHaveLength(1);
    expect(rest.data.node.quotes.pageInfo.hasNextPage).toBe(false);
  });

  it('allows first: 0, which still counts', async () => {
    const none = await page('quotes', 'first: 0');
    expect(none.edges).toHaveLength(0);
    expect(none.totalCount).toBe(5);
  });
});

describe('bad paging input', () => {
  const expectBadInput = (result: GqlResult, argument: string, message: RegExp) => {
    expect(result.status).toBe(200);
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors ?? [];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.extensions?.argument).toBe(argument);
    expect(error?.message).toMatch(message);
  };

  it('rejects a page size above 100 or below 0, even when only totalCount is selected', async () => {
    expectBadInput(await gql('{ quotes(first: 101) { totalCount } }'), 'first', /at most|between 0 and 100; got 101/);
    expectBadInput(await gql('{ quotes(last: -1) { nodes { text } } }'), 'last', /between 0 and 100; got -1/);
  });

  it('rejects an oversized nested page at its own path', async () => {
    const result = await gql('{ articles { nodes { quotes(first: 500) { totalCount } } } }');
    expectBadInput(result, 'first', /got 500/);
    expect(result.errors?.[0]?.path).toEqual(['articles', 'nodes', 0, 'quotes']);
  });

  it('rejects a malformed cursor', async () => {
    expectBadInput(await gql('{ quotes(first: 2, after: "not-a-cursor") { totalCount } }'), 'after', /not a cursor/);
  });

  it('rejects a hand-made plugin cursor that would otherwise reach SQL', async () => {
    // "DC:N:xyz" is the drizzle plugin's own format with a number that is not one.
    expectBadInput(
      await gql(`{ quotes(first: 2, after: "${btoa('DC:N:xyz')}") { totalCount } }`),
      'after',
      /not a cursor/,
    );
  });

  it('rejects a cursor from a list with another ordering', async () => {
    // Articles are ordered by (publishedOn, id): their cursors hold two values, quotes' hold one.
    const articles = await page('articles', 'first: 1');
    const result = await gql(`{ quotes(first: 2, before: "${articles.pageInfo.endCursor}") { nodes { text } } }`);
    expectBadInput(result, 'before', /cursor from another list/);
  });

  it('rejects first and last together', async () => {
    expectBadInput(await gql('{ quotes(first: 1, last: 1) { totalCount } }'), 'last', /cannot be used together/);
  });
});
