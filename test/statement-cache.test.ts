/**
 * Relational statements built once per shape (src/db/statement-cache.ts) against drizzle building
 * each one: the same text and parameters for queries of one shape with other values, the same
 * answers over HTTP from a server whose database caches and one whose database does not, and
 * drizzle's own statement for whatever the cache does not understand.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { and, gt, type SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql/web';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/db/client.ts';
import { relations } from '../src/db/relations.ts';
import { createDossierYoga } from '../src/server/yoga.ts';
import { ARTICLE_SLUG, syntheticDb } from './helpers.ts';

type Built = { toSQL(): { sql: string; params: unknown[] } };

type Review = 'UNREVIEWED' | 'CONFIRMED' | 'CORRECTED' | 'REJECTED';
type Status = 'ADOPTED' | 'ANNOUNCED' | 'IN_FORCE' | 'PLANNED' | 'PROPOSED' | 'WITHDRAWN';
interface Values {
  text: string;
  other: string;
  review: Review;
  statuses: [Status, Status];
  n: number;
}

/** One query shape, called with different values. */
const SHAPES: [string, (db: Db, value: Values) => Built][] = [
  [
    'a page: RAW filter, order, limit, nested relations with filters and limits',
    (db, v) =>
      db.query.articles.findMany({
        where: { RAW: (t) => and(gt(t.publishedOn, v.text), sql`${t.language} <> ${v.other}`) as SQL },
        orderBy: { publishedOn: 'desc', id: 'desc' },
        limit: v.n,
        columns: { id: true, headline: true },
        with: {
          quotes: { where: { reviewStatus: { ne: v.review } }, limit: v.n + 1, with: { speaker: true } },
          measures: { limit: 3, with: { fundingItems: { with: { evidence: { columns: { exact: true } } } } } },
        },
      }),
  ],
  [
    // On the first call both values are equal: where each lands must come from the build, not the value.
    'two filter values, equal on the first call',
    (db, v) =>
      db.query.articles.findMany({
        where: { headline: { ne: v.text }, publisher: { ne: v.other } },
        columns: { id: true },
        limit: 2,
      }),
  ],
  [
    'in-lists, OR and NOT',
    (db, v) =>
      db.query.measures.findMany({
        where: {
          OR: [{ status: { in: v.statuses } }, { NOT: { title: { like: `%${v.other}%` } } }],
          id: { notIn: [v.text] },
        },
        orderBy: { id: 'asc' },
        offset: v.n,
        limit: v.n,
      }),
  ],
  ['findFirst by key', (db, v) => db.query.articles.findFirst({ where: { id: v.text }, with: { topics: true } })],
  [
    'an ordering given as a function, with a value in it',
    (db, v) =>
      db.query.articles.findMany({
        columns: { id: true },
        orderBy: (t, { desc }) => [desc(t.headline), sql`length(${t.headline}) > ${v.n}`, t.id],
        limit: 3,
      }),
  ],
  [
    'extras whose SQL takes a value',
    (db, v) =>
      db.query.articles.findMany({
        columns: { id: true },
        extras: { longer: (t) => sql<number>`length(${t.headline}) > ${v.n}` },
        limit: 3,
      }),
  ],
];

const VALUES: Values[] = [
  { text: 'x', other: 'x', review: 'REJECTED', statuses: ['PROPOSED', 'PROPOSED'], n: 2 },
  { text: '2017-01-01', other: 'en', review: 'UNREVIEWED', statuses: ['ADOPTED', 'IN_FORCE'], n: 5 },
  { text: 'synthetic-0000003', other: 'de', review: 'CONFIRMED', statuses: ['PLANNED', 'PROPOSED'], n: 1 },
];

describe('relational statements built once per shape', () => {
  let db: Db;
  let plain: ReturnType<typeof drizzle<typeof relations>>;
  beforeAll(async () => {
    db = await syntheticDb(40);
    plain = drizzle({ client: db.$client, relations });
  });

  it.each(SHAPES)('%s: drizzle’s text and parameters for every new value', async (_name, shape) => {
    const stats = db.$statementCache?.stats ?? expect.fail('the cache is on by default');
    const hitsBefore = stats.hits;
    for (const value of VALUES) {
      const cached = shape(db, value);
      expect(cached.toSQL()).toEqual(shape(plain as unknown as Db, value).toSQL());
      // And it runs, with the same rows.
      expect(await (cached as unknown as Promise<unknown>)).toEqual(
        await (shape(plain as unknown as Db, value) as unknown as Promise<unknown>),
      );
    }
    // The first call built the shape; each later statement of it came from the cache.
    expect(stats.hits - hitsBefore).toBeGreaterThanOrEqual(2 * (VALUES.length - 1));
  });

  it('leaves to drizzle what it does not read: a relation filter, a placeholder, a null value', async () => {
    const stats = db.$statementCache?.stats ?? expect.fail('the cache is on by default');
    const uncachedBefore = stats.uncached;
    const queries: ((d: Db) => Built)[] = [
      (d) => d.query.articles.findMany({ where: { quotes: { text: { like: '%a%' } } }, limit: 2 }),
      (d) => d.query.articles.findMany({ columns: { id: true }, limit: sql.placeholder('n') }),
      (d) => d.query.articles.findMany({ where: { publisher: { ne: null as unknown as string } }, limit: 2 }),
    ];
    for (const query of queries) expect(query(db).toSQL()).toEqual(query(plain as unknown as Db).toSQL());
    expect(stats.uncached - uncachedBefore).toBe(queries.length);
  });
});

describe('a server on a caching database answers as one on a database that builds every statement', () => {
  /** The answer's body (JSON), the same from both servers. */
  let ask: (query: string, variables?: Record<string, unknown>) => Promise<any>;
  let db: Db;
  beforeAll(async () => {
    db = await syntheticDb(60);
    const uncached = createDb(db.$client, undefined, { statementCache: false });
    const server = (database: Db) => createDossierYoga({ getDb: () => database, maxCost: Number.MAX_SAFE_INTEGER });
    const [on, off] = [server(db), server(uncached)];
    const post = async (yoga: typeof on, query: string, variables?: Record<string, unknown>) => {
      const response = await yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: await response.text() };
    };
    ask = async (query, variables) => {
      const cached = await post(on, query, variables);
      expect(cached).toEqual(await post(off, query, variables));
      expect(cached.status).toBe(200);
      return JSON.parse(cached.body);
    };
  });

  it('pages, filters, orderings and lookups with changing values', async () => {
    const stats = db.$statementCache?.stats ?? expect.fail('the cache is on by default');
    const page = `query P($first: Int!, $after: String, $filter: ArticleFilter) {
      articles(first: $first, after: $after, filter: $filter) {
        nodes { id slug headline quotes(first: 2) { nodes { text speaker { name } } } }
        pageInfo { endCursor hasNextPage } } }`;
    let after: string | null = null;
    const slugs: string[] = [];
    for (const first of [3, 5, 2, 4]) {
      const answer: { nodes: { slug: string }[]; pageInfo: { endCursor: string } } = (
        await ask(page, { first, after, filter: null })
      ).data.articles;
      slugs.push(...answer.nodes.map((node: { slug: string }) => node.slug));
      after = answer.pageInfo.endCursor;
    }
    // Every page followed on from the one before: 14 articles, none twice.
    expect(new Set(slugs).size).toBe(14);
    for (const filter of [
      { publishedOn: { from: '2019-01-01' } },
      { publishedOn: { from: '2021-06-01', to: '2022-01-01' } },
      { publishedOn: { from: '2020-02-02' } },
      { OR: [{ topic: 'synthetic-recok' }, { publishedOn: { to: '2019-01-01' } }] },
    ]) {
      expect((await ask(page, { first: 4, after: null, filter })).data.articles.nodes.length).toBeGreaterThan(0);
    }
    const measures = `query M($status: [MeasureStatus!], $by: MeasureOrderField!) {
      measures(first: 5, filter: { status: $status }, orderBy: { field: $by }) { totalCount nodes { key status } } }`;
    for (const status of [['PROPOSED'], ['ADOPTED'], ['PROPOSED', 'ADOPTED'], ['IN_FORCE', 'PROPOSED']]) {
      for (const by of ['KEY', 'DEADLINE']) await ask(measures, { status, by });
    }
    const lookup = 'query L($id: ID!) { node(id: $id) { id ... on Article { slug headline topics } } }';
    for (const slug of slugs.slice(0, 4)) {
      const answer = await ask(lookup, { id: encodeGlobalID('Article', slug) });
      expect(answer.data.node.slug).toBe(slug);
    }
    // A lookup of nothing is null both ways.
    expect((await ask(lookup, { id: encodeGlobalID('Article', `${ARTICLE_SLUG}-none`) })).data.node).toBe(null);
    // Pages after the first (3), measures of a list length and ordering seen before (4), and of the
    // lookups, the first one's probe and the unknown ID (2): the other lookups run the statement
    // learned for their type (src/server/execution/node-lookups.ts), without drizzle.
    expect(stats.hits).toBeGreaterThanOrEqual(9);
  });
});
