/**
 * Selection plans kept across requests (src/schema/plan-cache.ts). One server answers from two
 * databases (the seed article, and synthetic articles), chosen per request by its server context,
 * so a plan that carried anything of one request into the next — its database, its variables, the
 * mappings graphql-js's resolvers read — would answer from the wrong data or in more statements.
 * Each answer is checked against the same request to a server of its own (a document of its own,
 * so nothing kept) and against SQL.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { selectionPlanStats } from '../src/schema/plan-cache.ts';
import { createDossierYoga } from '../src/server/yoga.ts';
import { ARTICLE_SLUG, SqlRecorder, seededDb, syntheticDb } from './helpers.ts';

type Which = 'seed' | 'synthetic';
let dbs: Record<Which, Db>;
const recorder = new SqlRecorder();

beforeAll(async () => {
  dbs = { seed: await seededDb(), synthetic: await syntheticDb(12, recorder) };
}, 60_000);

/** A server whose database is the request's (`which` in its server context). */
function server() {
  const yoga = createDossierYoga<{ which: Which }>({ getDb: ({ which }) => dbs[which] });
  return async (which: Which, query: string, variables: Record<string, unknown> = {}) => {
    const response = await yoga.fetch(
      'http://test/graphql',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      },
      { which },
    );
    const body = (await response.json()) as { data?: any; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data;
  };
}

const count = async (db: Db, sql: string, args: string[]) =>
  Number((await db.$client.execute({ sql, args })).rows[0]?.[0]);

const QUOTES = `query Quotes($articles: Int!, $quotes: Int!) {
  articles(first: $articles) { nodes { slug quotes(first: $quotes) { nodes { text speaker { name } } } } }
}`;
// Not compiled (a directive): graphql-js resolves every field, reading the kept plan's mappings.
const QUOTES_IN_GRAPHQL_JS = `query Quotes($articles: Int!) {
  articles(first: $articles) { nodes { slug quotes @include(if: true) { nodes { text speaker { name } } } } }
}`;
const COUNTS = `query Counts($articles: Int!) {
  articles(first: $articles) { nodes { slug quotes { totalCount } } }
}`;

describe('selection plans kept across requests', () => {
  it('answer each request from its own database and variables', async () => {
    const shared = server();
    const reusedBefore = selectionPlanStats.reused;
    const asked: [Which, Record<string, number>][] = [
      ['seed', { articles: 1, quotes: 2 }],
      ['synthetic', { articles: 5, quotes: 2 }],
      ['synthetic', { articles: 5, quotes: 1 }],
      ['seed', { articles: 1, quotes: 2 }],
      ['synthetic', { articles: 5, quotes: 2 }],
    ];
    for (const [which, variables] of asked) {
      const answer = await shared(which, QUOTES, variables);
      expect(answer).toEqual(await server()(which, QUOTES, variables));
      const nodes = answer.articles.nodes as { slug: string; quotes: { nodes: unknown[] } }[];
      expect(nodes).toHaveLength(variables.articles as number);
      if (which === 'seed') expect(nodes[0]?.slug).toBe(ARTICLE_SLUG);
      else expect(nodes.every((node) => node.slug.startsWith('synthetic-'))).toBe(true);
      expect(Math.max(...nodes.map((node) => node.quotes.nodes.length))).toBe(variables.quotes);
    }
    // The last two repeat an earlier request's variables: their plans were kept.
    expect(selectionPlanStats.reused - reusedBefore).toBeGreaterThanOrEqual(2);
  });

  it('record the mappings of each request, so graphql-js reads a kept plan in one statement', async () => {
    const shared = server();
    await shared('seed', QUOTES_IN_GRAPHQL_JS, { articles: 4 });
    const reusedBefore = selectionPlanStats.reused;
    recorder.reset();
    const answer = await shared('synthetic', QUOTES_IN_GRAPHQL_JS, { articles: 4 });
    expect(selectionPlanStats.reused).toBeGreaterThan(reusedBefore);
    expect(recorder.statements).toHaveLength(1);
    expect(answer).toEqual(await server()('synthetic', QUOTES_IN_GRAPHQL_JS, { articles: 4 }));
  });

  it('are not kept when a selection reads the request when its statement is built (totalCount)', async () => {
    const shared = server();
    const notKeptBefore = selectionPlanStats.notKept;
    await shared('seed', COUNTS, { articles: 1 });
    const answer = await shared('synthetic', COUNTS, { articles: 6 });
    expect(selectionPlanStats.notKept - notKeptBefore).toBeGreaterThanOrEqual(2);
    for (const { slug, quotes } of answer.articles.nodes as { slug: string; quotes: { totalCount: number } }[]) {
      const expected = await count(
        dbs.synthetic,
        "SELECT count(*) FROM quotes WHERE article_id = ? AND review_status <> 'REJECTED'",
        [slug],
      );
      expect(quotes.totalCount).toBe(expected);
    }
  });
});
