/** orderBy on the lists, keyset paging under an ordering and a filter, and sealed cursors. */
import { beforeAll, describe, expect, it } from 'vitest';
import { seededDb, serverFor } from './helpers.ts';

let gql: ReturnType<typeof serverFor>;

beforeAll(async () => {
  gql = serverFor(await seededDb());
});

async function values(field: string, args: string, selection: string, pick: (node: any) => unknown) {
  const result = await gql(`{ ${field}(first: 100, ${args}) { nodes { ${selection} } } }`);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data[field].nodes.map(pick);
}

const sorted = (list: string[], direction: 1 | -1 = 1) =>
  [...list].sort((a, b) => direction * (a < b ? -1 : a > b ? 1 : 0));

describe('orderBy', () => {
  it('sorts measures by title both ways', async () => {
    const asc = await values('measures', 'orderBy: { field: TITLE }', 'title', (m) => m.title);
    expect(asc).toEqual(sorted(asc));
    expect(asc).toHaveLength(8);
    const desc = await values('measures', 'orderBy: { field: TITLE, direction: DESC }', 'title', (m) => m.title);
    expect(desc).toEqual([...asc].reverse());
  });

  it('sorts measures by deadline, those without one last', async () => {
    const deadlines = await values(
      'measures',
      'orderBy: { field: DEADLINE }',
      'deadline { earliest }',
      (m) => m.deadline?.earliest ?? null,
    );
    expect(deadlines.slice(0, 3)).toEqual(['2019-02-01', '2019-02-01', '2019-02-01']);
    expect(deadlines.slice(3).every((d: unknown) => d === null)).toBe(true);
  });

  it('sorts funding by normalised amount: €18.5 million, €500,000, then the flagged €100', async () => {
    const amounts = await values(
      'fundingItems',
      'orderBy: { field: AMOUNT, direction: DESC }',
      'amount { reportedText }',
      (f) => f.amount.reportedText,
    );
    expect(amounts).toEqual(['€18.5 million', '€500,000', '€100']);
  });

  it('sorts events by date: Madrid 2004 first, 2017 attacks last', async () => {
    const names = await values('events', 'orderBy: { field: DATE }', 'name date { earliest }', (e) => e.date.earliest);
    expect(names[0]).toBe('2004-01-01');
    expect(names).toEqual(sorted(names));
  });

  it('sorts actors by kind, then name', async () => {
    const kinds = await values('actors', 'orderBy: { field: KIND }', 'kind name', (a) => `${a.kind}|${a.name}`);
    expect(kinds).toEqual(sorted(kinds));
  });
});

describe('keyset paging under an ordering and a filter', () => {
  it('visits every filtered item exactly once, forwards and backwards, with a stable totalCount', async () => {
    const args = 'filter: { NOT: { status: [PLANNED] } }, orderBy: { field: TITLE, direction: DESC }';
    const all = await values('measures', args, 'title', (m) => m.title);
    expect(all).toHaveLength(6);
    const forward: string[] = [];
    let after = '';
    for (;;) {
      const page = await gql(
        `{ measures(first: 4, ${args}${after}) { totalCount nodes { title } pageInfo { hasNextPage endCursor } } }`,
      );
      expect(page.data.measures.totalCount).toBe(6);
      forward.push(...page.data.measures.nodes.map((m: any) => m.title));
      if (!page.data.measures.pageInfo.hasNextPage) break;
      after = `, after: "${page.data.measures.pageInfo.endCursor}"`;
    }
    expect(forward).toEqual(all);
    const last = await gql(
      `{ measures(last: 4, ${args}) { nodes { title } pageInfo { hasPreviousPage startCursor } } }`,
    );
    const before = await gql(
      `{ measures(last: 4, ${args}, before: "${last.data.measures.pageInfo.startCursor}") { nodes { title } } }`,
    );
    expect([...before.data.measures.nodes, ...last.data.measures.nodes].map((m: any) => m.title)).toEqual(all);
  });

  it('refuses a cursor made under another ordering or another filter', async () => {
    const page = await gql('{ measures(first: 2, orderBy: { field: TITLE }) { pageInfo { endCursor } } }');
    const cursor = page.data.measures.pageInfo.endCursor;
    for (const args of ['orderBy: { field: DEADLINE }', 'orderBy: { field: TITLE }, filter: { status: [PROPOSED] }']) {
      const result = await gql(`{ measures(first: 2, ${args}, after: "${cursor}") { nodes { title } } }`);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.extensions?.argument).toBe('after');
      expect(result.errors?.[0]?.message).toMatch(/another list, ordering, filter or search/);
    }
    const same = await gql(`{ measures(first: 2, orderBy: { field: TITLE }, after: "${cursor}") { nodes { title } } }`);
    expect(same.errors).toBeUndefined();
    expect(same.data.measures.nodes).toHaveLength(2);
  });
});
