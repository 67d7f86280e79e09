/**
 * Every cursor is sealed to the list that handed it out (src/schema/paging.ts): each way of using
 * one elsewhere, or of making one by hand, is refused over HTTP with BAD_USER_INPUT naming the
 * argument, at the field's own path — root lists, search and nested connections alike — while
 * the same list under the same arguments (a set given in another order included) pages on.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../src/schema/cursors.ts';
import { type GqlResult, seededDb, serverFor } from './helpers.ts';

let gql: ReturnType<typeof serverFor>;

beforeAll(async () => {
  gql = serverFor(await seededDb());
});

const ANOTHER_LIST = /^(after|before): is a cursor from another list, ordering, filter or search; /;
const NOT_A_CURSOR = /^(after|before): is not a cursor from this API: use a cursor from pageInfo or edges\.$/;
const KING = btoa('Actor:julian-king');

function expectRefused(result: GqlResult, argument: string, path: (string | number)[], message: RegExp) {
  expect(result.status).toBe(200);
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors ?? [];
  expect(error?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument });
  expect(error?.path).toEqual(path);
  expect(error?.message).toMatch(message);
}

async function endCursor(query: string, at: (data: any) => any): Promise<string> {
  const result = await gql(query);
  expect(result.errors).toBeUndefined();
  const cursor = at(result.data).pageInfo.endCursor;
  expect(cursor).toEqual(expect.any(String));
  return cursor;
}

const titles = (result: GqlResult) => result.data.measures.nodes.map((m: { title: string }) => m.title);

describe('root lists', () => {
  it('refuse a cursor from another list', async () => {
    const quotes = await endCursor('{ quotes(first: 1) { pageInfo { endCursor } } }', (d) => d.quotes);
    expectRefused(
      await gql(`{ fundingItems(first: 1, after: "${quotes}") { nodes { purpose } } }`),
      'after',
      ['fundingItems'],
      ANOTHER_LIST,
    );
  });

  it('refuse a cursor made under another orderBy, and take it under the same one', async () => {
    const byTitle = await endCursor(
      '{ measures(first: 2, orderBy: { field: TITLE }) { pageInfo { endCursor } } }',
      (d) => d.measures,
    );
    expectRefused(
      await gql(
        `{ measures(first: 2, orderBy: { field: TITLE, direction: DESC }, after: "${byTitle}") { totalCount } }`,
      ),
      'after',
      ['measures'],
      ANOTHER_LIST,
    );
    // ASC is the default: spelling it out is the same ordering.
    const next = await gql(
      `{ measures(first: 2, orderBy: { field: TITLE, direction: ASC }, after: "${byTitle}") { nodes { title } } }`,
    );
    expect(next.errors).toBeUndefined();
    expect(titles(next)).toEqual([
      'Network of encryption experts',
      'Plan to give police greater powers to decrypt encrypted messages',
    ]);
  });

  it('refuse a cursor made under another filter; a set of values in another order is the same filter', async () => {
    const proposedOrPlanned = await endCursor(
      '{ measures(first: 5, filter: { status: [PROPOSED, PLANNED] }) { pageInfo { endCursor } } }',
      (d) => d.measures,
    );
    expectRefused(
      await gql(`{ measures(first: 5, filter: { status: [PROPOSED] }, after: "${proposedOrPlanned}") { totalCount } }`),
      'after',
      ['measures'],
      ANOTHER_LIST,
    );
    // Five of the seven proposed or planned measures on the first page; the other two follow.
    const rest = await gql(
      `{ measures(first: 5, filter: { status: [PLANNED, PROPOSED, PLANNED] }, after: "${proposedOrPlanned}") { nodes { title } } }`,
    );
    expect(rest.errors).toBeUndefined();
    expect(titles(rest)).toHaveLength(2);
  });

  it('refuse it when only totalCount is selected, where no resolver reads the cursor', async () => {
    const quotes = await endCursor('{ quotes(first: 1) { pageInfo { endCursor } } }', (d) => d.quotes);
    expectRefused(await gql(`{ figures(before: "${quotes}") { totalCount } }`), 'before', ['figures'], ANOTHER_LIST);
  });
});

describe('search', () => {
  const SEARCH = `query ($query: String!, $types: [SearchableType!], $reviewStatus: [ReviewStatus!], $after: String) {
    search(query: $query, types: $types, reviewStatus: $reviewStatus, first: 2, after: $after) {
      nodes { type field node { id } } pageInfo { endCursor } } }`;
  const search = (variables: Record<string, unknown>) => gql(SEARCH, variables);

  it('refuses a cursor from another query', async () => {
    const encryption = await endCursor(
      '{ search(query: "encryption", first: 2) { pageInfo { endCursor } } }',
      (d) => d.search,
    );
    expectRefused(await search({ query: 'backdoors', after: encryption }), 'after', ['search'], ANOTHER_LIST);
  });

  it('refuses a cursor from other types or review statuses, and pages on with the same types in another order', async () => {
    const first = await search({ query: 'encryption', types: ['QUOTE', 'MEASURE'] });
    const after = first.data.search.pageInfo.endCursor;
    expectRefused(await search({ query: 'encryption', types: ['MEASURE'], after }), 'after', ['search'], ANOTHER_LIST);
    expectRefused(
      await search({ query: 'encryption', types: ['QUOTE', 'MEASURE'], reviewStatus: ['CONFIRMED'], after }),
      'after',
      ['search'],
      ANOTHER_LIST,
    );
    const reordered = await search({ query: 'encryption', types: ['MEASURE', 'QUOTE', 'MEASURE'], after });
    expect(reordered.errors).toBeUndefined();
    // The same walk as one page of four: the second page goes on where the first stopped.
    const four = await gql(
      '{ search(query: "encryption", types: [QUOTE, MEASURE], first: 4) { nodes { type field node { id } } } }',
    );
    expect([...first.data.search.nodes, ...reordered.data.search.nodes]).toEqual(four.data.search.nodes);
  });

  it('refuses a list cursor, and a list refuses a search cursor', async () => {
    const quotes = await endCursor('{ quotes(first: 1) { pageInfo { endCursor } } }', (d) => d.quotes);
    expectRefused(await search({ query: 'encryption', after: quotes }), 'after', ['search'], ANOTHER_LIST);
    const hit = await endCursor(
      '{ search(query: "encryption", first: 1) { pageInfo { endCursor } } }',
      (d) => d.search,
    );
    expectRefused(await gql(`{ quotes(after: "${hit}") { totalCount } }`), 'after', ['quotes'], ANOTHER_LIST);
  });
});

describe('malformed cursors', () => {
  /** A real cursor of `quotes` with its contents replaced and its checksum made to match. */
  async function forged(inner: string): Promise<string> {
    const real = atob(await endCursor('{ quotes(first: 1) { pageInfo { endCursor } } }', (d) => d.quotes));
    const [prefix, version, scope] = real.split(':');
    return btoa(`${prefix}:${version}:${scope}:${fingerprint(scope + inner)}:${inner}`);
  }

  it.each([
    ['not base64', 'not-a-cursor'],
    ['base64 of something else', btoa('page 2')],
    ["the drizzle plugin's own unsealed format", btoa('DC:S:king-quote-agreements-progress')],
    ['a sealed cursor cut short', btoa('dossier:2:0a1b')],
  ])('refuses %s', async (_what, cursor) => {
    expectRefused(
      await gql(`{ quotes(first: 2, after: "${cursor}") { totalCount } }`),
      'after',
      ['quotes'],
      NOT_A_CURSOR,
    );
  });

  it('refuses a real cursor edited by hand', async () => {
    const real = atob(await endCursor('{ quotes(first: 1) { pageInfo { endCursor } } }', (d) => d.quotes));
    const edited = btoa(real.replace(/REM6[A-Za-z0-9+/=]+$/, btoa('DC:S:zzz')));
    expect(edited).not.toBe(btoa(real));
    expectRefused(
      await gql(`{ quotes(first: 2, after: "${edited}") { totalCount } }`),
      'after',
      ['quotes'],
      NOT_A_CURSOR,
    );
  });

  it.each([
    ['a date', 'DC:D:0'],
    ['JSON', 'DC:O:{"gt":1}'],
    ['an empty tuple', 'DC:T:[]'],
    ['a number that is not finite', 'DC:N:Infinity'],
  ])('refuses a cursor with a valid checksum that holds %s', async (_what, inner) => {
    const cursor = await forged(btoa(inner));
    expectRefused(
      await gql(`{ quotes(first: 2, before: "${cursor}") { totalCount } }`),
      'before',
      ['quotes'],
      NOT_A_CURSOR,
    );
  });
});

describe('nested connections', () => {
  const ARTICLE_QUOTES = ['articles', 'nodes', 0, 'quotes'];

  it('refuse a root cursor, and one from the same table under another parent type', async () => {
    const root = await endCursor('{ quotes(first: 1) { pageInfo { endCursor } } }', (d) => d.quotes);
    expectRefused(
      await gql(`{ articles { nodes { quotes(first: 2, after: "${root}") { nodes { text } } } } }`),
      'after',
      ARTICLE_QUOTES,
      ANOTHER_LIST,
    );
    const kings = await endCursor(
      `{ node(id: "${KING}") { ... on Actor { quotes(first: 1) { pageInfo { endCursor } } } } }`,
      (d) => d.node.quotes,
    );
    expectRefused(
      await gql(`{ articles { nodes { quotes(first: 2, after: "${kings}") { totalCount } } } }`),
      'after',
      ARTICLE_QUOTES,
      ANOTHER_LIST,
    );
  });

  it('refuse a cursor made under another reviewStatus', async () => {
    const all = await endCursor(
      '{ articles { nodes { quotes(first: 1) { pageInfo { endCursor } } } } }',
      (d) => d.articles.nodes[0].quotes,
    );
    expectRefused(
      await gql(
        `{ articles { nodes { quotes(first: 1, reviewStatus: [CONFIRMED], after: "${all}") { totalCount } } } }`,
      ),
      'after',
      ARTICLE_QUOTES,
      ANOTHER_LIST,
    );
  });

  it('refuse a cursor of the wrong shape at their own path, never as a server error', async () => {
    // Two ordering values where quotes order by their key alone: this used to reach SQL.
    const tuple = btoa('DC:T:["S:a","S:b"]');
    expectRefused(
      await gql(`{ articles { nodes { quotes(first: 2, after: "${tuple}") { totalCount nodes { text } } } } }`),
      'after',
      ARTICLE_QUOTES,
      NOT_A_CURSOR,
    );
    expectRefused(
      await gql('{ articles { nodes { quotes(first: -1) { totalCount } } } }'),
      'first',
      ARTICLE_QUOTES,
      /^first: must be between 0 and 100; got -1\.$/,
    );
  });

  it('page on with their own cursors, a tie-broken ordering included', async () => {
    // An article's actor mentions order by actor key, with the article as tie-breaker: two values.
    const all = await gql(
      '{ articles { nodes { actorMentions(first: 100) { totalCount nodes { actor { key } } } } } }',
    );
    const mentions = all.data.articles.nodes[0].actorMentions;
    expect(mentions.totalCount).toBe(20);
    const page = await gql('{ articles { nodes { actorMentions(first: 15) { pageInfo { endCursor } } } } }');
    const after = page.data.articles.nodes[0].actorMentions.pageInfo.endCursor;
    const rest = await gql(
      `{ articles { nodes { actorMentions(first: 15, after: "${after}") { nodes { actor { key } } pageInfo { hasNextPage } } } } }`,
    );
    expect(rest.errors).toBeUndefined();
    expect(rest.data.articles.nodes[0].actorMentions.nodes).toEqual(mentions.nodes.slice(15));
    expect(rest.data.articles.nodes[0].actorMentions.nodes.at(-1)).toEqual({ actor: { key: 'whatsapp' } });
  });
});
