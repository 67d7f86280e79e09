/** Every object type round-trips through `node(id:)` and `nodes(ids:)`; bad IDs are clear errors. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_SLUG, SqlRecorder, seededDb, serverFor } from './helpers.ts';

let gql: ReturnType<typeof serverFor>;
const recorder = new SqlRecorder();

beforeAll(async () => {
  gql = serverFor(await seededDb(recorder));
});

// One object of each type, picked from the first page of its list, with a field that names it.
const LISTS = [
  ['articles', 'Article', 'slug'],
  ['actors', 'Actor', 'name'],
  ['measures', 'Measure', 'title'],
  ['positions', 'Position', 'summary'],
  ['fundingItems', 'FundingItem', 'purpose'],
  ['quotes', 'Quote', 'text'],
  ['figures', 'Figure', 'reportedText'],
  ['events', 'Event', 'name'],
] as const;

describe('node(id:)', () => {
  it.each(LISTS)('round-trips every %s item as a %s', async (list, typename, field) => {
    const listed = await gql(`{ ${list}(first: 100) { nodes { id ${field} } } }`);
    expect(listed.errors).toBeUndefined();
    const items: { id: string }[] = listed.data[list].nodes;
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      const found = await gql(`query ($id: ID!) { node(id: $id) { __typename id ... on ${typename} { ${field} } } }`, {
        id: item.id,
      });
      expect(found.data.node).toEqual({ __typename: typename, ...item });
    }
  });

  it('loads a node and the lists beneath it as article(slug:) does: the same answer, as many statements', async () => {
    // Arguments on the nested lists: graphql-js resolves them, from the rows the lookup loaded.
    const fields = `headline quotes(first: 2) { totalCount nodes { text speaker { name } } }
      measures(first: 1, reviewStatus: [UNREVIEWED, CONFIRMED]) { nodes { title fundingItems { purpose } } }`;
    const answer = async (query: string, variables: Record<string, unknown>) => {
      recorder.reset();
      const result = await gql(query, variables);
      expect(result.errors).toBeUndefined();
      return { data: Object.values(result.data)[0], statements: recorder.statements.length };
    };
    const bySlug = await answer(`query ($s: String!) { article(slug: $s) { ${fields} } }`, { s: ARTICLE_SLUG });
    const byId = await answer(`query ($id: ID!) { node(id: $id) { ... on Article { ${fields} } } }`, {
      id: btoa(`Article:${ARTICLE_SLUG}`),
    });
    expect(byId).toEqual(bySlug);
    expect((bySlug.data as { quotes: { nodes: unknown[] } }).quotes.nodes).toHaveLength(2);
    expect(bySlug.statements).toBe(1);
  });

  it('uses opaque IDs built from natural keys, so they survive re-seeding', async () => {
    const result = await gql(`{ article(slug: "${ARTICLE_SLUG}") { id } }`);
    expect(atob(result.data.article.id)).toBe(`Article:${ARTICLE_SLUG}`);
  });

  it('nodes(ids:) returns objects in the order asked, null for unknown ones', async () => {
    const king = btoa('Actor:julian-king');
    const europol = btoa('Actor:europol');
    const missing = btoa('Actor:nobody-at-all');
    const result = await gql(`query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Actor { name kind } } }`, {
      ids: [europol, missing, king],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data.nodes).toEqual([
      { name: 'Europol', kind: 'EU_AGENCY' },
      null,
      { name: 'Julian King', kind: 'PERSON' },
    ]);
  });

  it('returns null for a well-formed ID of an unknown object', async () => {
    const result = await gql(`{ node(id: "${btoa('Quote:no-such-quote')}") { id } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.node).toBeNull();
  });

  it.each(['%%%', 'not base64!', btoa('no-colon-here')])(
    'rejects the malformed ID %j as BAD_USER_INPUT',
    async (id) => {
      const result = await gql('query ($id: ID!) { node(id: $id) { id } }', { id });
      expect(result.status).toBe(200);
      expect(result.data.node).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(/Invalid global ID/);
      expect(result.errors?.[0]?.path).toEqual(['node']);
    },
  );
});
