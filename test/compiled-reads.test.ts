/**
 * Compiled reads (src/server/execution/) against graphql-js: the same request to a server with
 * them on and one with them off, over HTTP, on the same database, must answer the same bytes; and
 * each document must be compiled, or not, as expected (a document the compiler does not handle
 * says why and still answers).
 */

import { encodeGlobalID } from '@pothos/plugin-relay';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_CURSOR, articleById, articlesWithQuotes, deepPage, nested } from '../bench/operations.ts';
import type { Db } from '../src/db/client.ts';
import type { CompiledReadOutcome } from '../src/server/execution/compiled-reads.ts';
import { createLogger } from '../src/server/log/logger.ts';
import { createDossierYoga } from '../src/server/yoga.ts';
import { ARTICLE_SLUG, SqlRecorder, seededDb, syntheticDb } from './helpers.ts';

interface Request {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

function servers(db: Db, responseCache = false) {
  const outcomes: CompiledReadOutcome[] = [];
  // The cost limit raised as the benchmark's servers raise it: its operations exceed it.
  const maxCost = Number.MAX_SAFE_INTEGER;
  const cache = responseCache ? { responseCache: () => true, revisionCheckMs: () => 0 } : {};
  const on = createDossierYoga({
    getDb: () => db,
    maxCost,
    ...cache,
    compiledReads: { onOutcome: (o) => outcomes.push(o) },
  });
  const off = createDossierYoga({ getDb: () => db, maxCost, ...cache, compiledReads: false });
  const post = async (yoga: typeof on, request: Request) => {
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: request.query,
        variables: request.variables,
        operationName: request.operationName,
      }),
    });
    return { status: response.status, body: await response.text() };
  };
  /** Both answers (which must be identical) and what the compiled server did with the operation. */
  return async (request: Request) => {
    outcomes.length = 0;
    const compiled = await post(on, request);
    const outcome = outcomes[0];
    const interpreted = await post(off, request);
    expect(compiled).toEqual(interpreted);
    return { ...compiled, json: JSON.parse(compiled.body), outcome };
  };
}

const ARTICLE_FIELDS = 'slug headline headlineProvenance publishedOn publisher url language sourceFile';

/** Documents the compiler must handle, each answered identically. */
const COMPILED: [string, Request][] = [
  ['nested-depth-3', nested(3, 20)],
  ['nested-depth-1', nested(1, 5)],
  ['articles-with-quotes', articlesWithQuotes(20)],
  ['deep page, first page', { ...deepPage(0), variables: { first: 20, after: null } }],
  ['every column field', { query: `{ articles(first: 3) { nodes { ${ARTICLE_FIELDS} } } }` }],
  [
    'global IDs, as the response cache asks for them',
    {
      query: `{ articles(first: 3) { nodes { __typename id slug measures { nodes { __typename id key } }
        quotes { nodes { id speaker { __typename id name } } } } } }`,
    },
  ],
  ['global IDs of actors', { query: '{ actors(first: 5) { nodes { id name } } }' }],
  [
    'aliases, __typename, fragments',
    {
      query: `query A { list: articles(first: 2) { __typename n: nodes { __typename ...F title: headline
        ... on Article { day: publishedOn } ... { lang: language } } info: pageInfo { __typename more: hasNextPage } } }
        fragment F on Article { key: slug }`,
      operationName: 'A',
    },
  ],
  [
    'cursors, totalCount, edges',
    {
      query: `{ articles(first: 2) { totalCount edges { cursor node { slug } }
        pageInfo { startCursor endCursor hasNextPage hasPreviousPage } } }`,
    },
  ],
  ['first: 0', { query: '{ articles(first: 0) { nodes { slug } pageInfo { hasNextPage endCursor } } }' }],
  ['last', { query: '{ articles(last: 2) { nodes { slug } pageInfo { hasPreviousPage hasNextPage } } }' }],
  ['__typename beside the root field', { query: '{ __typename articles(first: 1) { nodes { slug } } t: __typename }' }],
  [
    'filter and order, empty',
    {
      query: `query F($p: String) { articles(filter: { publisher: $p }, orderBy: { field: HEADLINE }) {
        totalCount nodes { slug } pageInfo { hasNextPage } } }`,
      variables: { p: 'No such outlet' },
    },
  ],
  [
    'order by headline, ascending',
    { query: '{ articles(first: 4, orderBy: { field: HEADLINE, direction: ASC }) { nodes { slug headline } } }' },
  ],
  [
    'nested connections: totalCount alone, pageInfo, facts',
    {
      query: `{ articles(first: 5) { nodes { slug history { totalCount }
        quotes { totalCount } measures { totalCount pageInfo { hasNextPage hasPreviousPage } nodes { key type status reviewStatus } }
        fundingItems { nodes { key stage amount { reportedText approximate amount currencyCode } } } } } }`,
    },
  ],
  [
    'another root list',
    { query: '{ measures(first: 3) { totalCount nodes { key title status fundingItems { key purpose } } } }' },
  ],
];

/** Documents it must leave to graphql-js, and the reason it gives. */
const NOT_COMPILED: [string, Request, RegExp][] = [
  ['a directive', { query: '{ articles(first: 2) { nodes { slug @include(if: true) } } }' }, /directive/],
  [
    'a field without a declared meaning',
    { query: '{ articles(first: 2) { nodes { slug subheadings { start } } } }' },
    /Article.subheadings/,
  ],
  ['a root field that is not a list or lookup', { query: '{ fundingSummary { count } }' }, /neither/],
  ['introspection', { query: '{ __schema { queryType { name } } }' }, /introspection/],
  [
    'two root fields',
    { query: '{ articles(first: 1) { totalCount } measures(first: 1) { totalCount } }' },
    /more than one/,
  ],
  [
    'nested arguments',
    { query: '{ articles(first: 1) { nodes { quotes(reviewStatus: [REJECTED]) { totalCount } } } }' },
    /arguments on Article.quotes/,
  ],
  [
    'a repeated key with a selection',
    { query: '{ articles(first: 1) { nodes { quotes { totalCount } quotes { totalCount } } } }' },
    /twice/,
  ],
  [
    'a lookup with a field without a declared meaning',
    { query: '{ node(id: "QXJ0aWNsZTp4") { ... on Article { subheadings { start } } } }' },
    /Article.subheadings/,
  ],
];

/** Requests the compiler accepts whose answer is an error: graphql-js answers them. */
const FALLS_BACK: [string, Request][] = [
  ['first too large', { query: '{ articles(first: 500) { nodes { slug } } }' }],
  ['a cursor made by hand', { query: '{ articles(first: 2, after: "bm9wZQ==") { nodes { slug } } }' }],
  ['a bad variable', { ...nested(3, 20), variables: { first: 'twenty' } }],
  ['a missing variable', { ...nested(3, 20), variables: {} }],
  ['a bad filter', { query: '{ articles(filter: { mentions: "not an id" }) { nodes { slug } } }' }],
];

/** Both differential suites run on the seed article and on a small synthetic database. */
const DATABASES = [
  ['seeded', () => seededDb()],
  ['synthetic', () => syntheticDb(60)],
] as const;

for (const [label, makeDb] of DATABASES) {
  describe(`compiled reads answer as graphql-js does (${label} database)`, () => {
    let ask: ReturnType<typeof servers>;
    beforeAll(async () => {
      ask = servers(await makeDb());
    });

    it.each(COMPILED)('compiles %s', async (_name, request) => {
      const { json, outcome } = await ask(request);
      expect(json.errors).toBeUndefined();
      expect(outcome).toMatchObject({ compiled: true });
    });

    it.each(NOT_COMPILED)('leaves %s to graphql-js', async (_name, request, reason) => {
      const { outcome } = await ask(request);
      expect(outcome?.compiled).toBe(false);
      expect(outcome?.reason).toMatch(reason);
    });

    it.each(FALLS_BACK)('falls back for %s, with graphql-js errors', async (_name, request) => {
      const { json, outcome } = await ask(request);
      expect(json.errors?.length).toBeGreaterThan(0);
      expect(outcome).toMatchObject({ compiled: false, reason: 'fell back for this request' });
    });

    it('pages on with a cursor from the previous page, compiled', async () => {
      let after: string | null = null;
      const seen: string[] = [];
      for (let page = 0; page < 4; page++) {
        const first = await ask({ ...ARTICLE_CURSOR, variables: { first: 7, after } });
        expect(first.outcome).toMatchObject({ compiled: true });
        const next = await ask({ ...deepPage(0, 7), variables: { first: 7, after } });
        expect(next.outcome).toMatchObject({ compiled: true });
        seen.push(...next.json.data.articles.nodes.map((node: { slug: string }) => node.slug));
        after = first.json.data.articles.pageInfo.endCursor;
        if (!first.json.data.articles.pageInfo.hasNextPage) break;
      }
      expect(new Set(seen).size).toBe(seen.length);
    });
  });
}

describe('compiled reads on the seed', () => {
  it('answer the seeded article with its real values, in one statement', async () => {
    const recorder = new SqlRecorder();
    const ask = servers(await seededDb(recorder));
    recorder.reset();
    const { json, outcome } = await ask({
      query: `{ articles(first: 1) { nodes { slug publishedOn publisher
        quotes { totalCount nodes { text speaker { name } } } } } }`,
    });
    expect(outcome).toMatchObject({ compiled: true });
    // One statement for the compiled answer, one for graphql-js's.
    expect(recorder.statements).toHaveLength(2);
    const article = json.data.articles.nodes[0];
    expect(article.slug).toBe(ARTICLE_SLUG);
    expect(article.publishedOn).toBe('2017-10-18');
    expect(article.quotes.totalCount).toBeGreaterThan(0);
    expect(article.quotes.nodes[0].text.length).toBeGreaterThan(0);
  });
});

describe('compiled reads behind the response cache', () => {
  it('answer a miss compiled, store it, and serve the repeat from the cache', async () => {
    const ask = servers(await syntheticDb(30), true);
    for (const request of [nested(3, 20), articlesWithQuotes(20)]) {
      const miss = await ask(request);
      expect(miss.outcome, miss.outcome?.reason).toMatchObject({ compiled: true });
      expect(miss.json.data.articles.nodes).toHaveLength(20);
      // The second time both answer from their caches: nothing runs.
      const hit = await ask(request);
      expect(hit.outcome).toBeUndefined();
    }
  });
});

describe('one statement per compiled operation', () => {
  it.each([nested(3, 20), articlesWithQuotes(20), { ...deepPage(0), variables: { first: 20, after: null } }])(
    '$operationName sends one statement',
    async ({ query, variables, operationName }) => {
      const recorder = new SqlRecorder();
      const db = await syntheticDb(40, recorder);
      const outcomes: CompiledReadOutcome[] = [];
      const yoga = createDossierYoga({
        getDb: () => db,
        maxCost: Number.MAX_SAFE_INTEGER,
        compiledReads: { onOutcome: (o) => outcomes.push(o) },
      });
      const response = await yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables, operationName }),
      });
      const body = await response.json();
      expect(body.data.articles.nodes).toHaveLength(20);
      expect(outcomes).toEqual([{ operationName, compiled: true }]);
      expect(recorder.statements).toHaveLength(1);
    },
  );
});

describe('the request log line', () => {
  it('says whether the query ran compiled', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', (line) => lines.push(line));
    const db = await seededDb();
    const yoga = createDossierYoga({ getDb: () => db, logger: () => logger });
    for (const query of ['{ articles(first: 1) { nodes { slug } } }', '{ fundingSummary { count } }']) {
      await yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
    }
    const requests = lines.map((line) => JSON.parse(line)).filter((line) => line.msg === 'request');
    expect(requests.map((line) => line.compiled)).toEqual([true, false]);
  });
});

/** Keys of one article and one actor of a database, read through the API. */
async function keysOf(ask: ReturnType<typeof servers>) {
  const { json } = await ask({ query: '{ articles(first: 1) { nodes { slug } } actors(first: 1) { nodes { key } } }' });
  const slug: string = json.data.articles.nodes[0].slug;
  const actor: string = json.data.actors.nodes[0].key;
  return { slug, article: encodeGlobalID('Article', slug), actor: encodeGlobalID('Actor', actor) };
}

type Keys = Awaited<ReturnType<typeof keysOf>>;

const ARTICLE_DEEP = `slug topics quotes { totalCount nodes { text speaker { __typename id name } } }
  measures { nodes { key status } } actorMentions { totalCount nodes { roleAsWritten actor { key } } }`;

/** Lookups the compiler must handle, each answered identically. */
const LOOKUPS: [string, (keys: Keys) => Request][] = [
  ["the benchmark's article-by-id", (k) => articleById(k.article)],
  [
    'an article, every column and topics',
    (k) => ({ query: `{ node(id: "${k.article}") { ... on Article { ${ARTICLE_FIELDS} body topics } } }` }),
  ],
  [
    'aliases, __typename, a fragment on Node, a named fragment, one on another type',
    (k) => ({
      query: `query L($id: ID!) { t: __typename found: node(id: $id) { __typename key: id ... on Node { again: id }
        ...A ... on Actor { name } } } fragment A on Article { title: headline day: publishedOn }`,
      variables: { id: k.article },
      operationName: 'L',
    }),
  ],
  ['id asked twice', (k) => ({ query: `{ node(id: "${k.article}") { id ... on Article { id slug } } }` })],
  [
    'nested relations and connections',
    (k) => ({ query: `{ node(id: "${k.article}") { id ... on Article { ${ARTICLE_DEEP} } } }` }),
  ],
  [
    'an actor, with its connections',
    (k) => ({
      query: `{ node(id: "${k.actor}") { __typename id ... on Article { slug } ... on Actor { key name kind aliases
        quotes { totalCount nodes { text } } articleMentions { nodes { nameAsWritten article { slug } } } } } }`,
    }),
  ],
  ['an unknown article: null', () => ({ query: '{ node(id: "QXJ0aWNsZTp4") { id ... on Article { slug } } }' })],
  ['an unknown actor: null', () => ({ query: `{ node(id: "${encodeGlobalID('Actor', 'nobody-at-all')}") { id } }` })],
  [
    'nodes: found, unknown, another type',
    (k) => ({
      query: `query N($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Article { slug topics } ... on Actor { name } } }`,
      variables: { ids: [k.article, encodeGlobalID('Article', 'no-such-slug'), k.actor, k.article] },
    }),
  ],
  ['nodes: none', () => ({ query: '{ nodes(ids: []) { id } }' })],
  ['article(slug:)', (k) => ({ query: `{ article(slug: "${k.slug}") { id ${ARTICLE_DEEP} } }` })],
  ['article(slug:) unknown: null', () => ({ query: '{ article(slug: "no-such-slug") { id slug } }' })],
];

/** Lookups whose answer is an error (or not as planned): graphql-js answers them, with its errors. */
const LOOKUPS_FALLING_BACK: [string, Request][] = [
  ['a malformed global ID', { query: '{ node(id: "not a global id") { id } }' }],
  ['a global ID of an unknown type', { query: `{ node(id: "${encodeGlobalID('Nothing', '1')}") { id } }` }],
  ['a global ID of a type that is no node', { query: `{ node(id: "${encodeGlobalID('PageInfo', '1')}") { id } }` }],
  ['a wrong-type variable', { query: 'query B($id: ID!) { node(id: $id) { id } }', variables: { id: { x: 1 } } }],
  ['a missing variable', { query: 'query B($id: ID!) { node(id: $id) { id } }', variables: {} }],
  ['nodes with one malformed ID', { query: '{ nodes(ids: ["QXJ0aWNsZTp4", "%%%"]) { id } }' }],
];

for (const [label, makeDb] of DATABASES) {
  describe(`compiled lookups answer as graphql-js does (${label} database)`, () => {
    let ask: ReturnType<typeof servers>;
    let keys: Keys;
    beforeAll(async () => {
      ask = servers(await makeDb());
      keys = await keysOf(ask);
    });

    it.each(LOOKUPS)('compiles %s', async (_name, request) => {
      const { json, outcome } = await ask(request(keys));
      expect(json.errors).toBeUndefined();
      expect(outcome, outcome?.reason).toMatchObject({ compiled: true });
    });

    it.each(LOOKUPS_FALLING_BACK)('falls back for %s, with graphql-js errors', async (_name, request) => {
      const { json, outcome } = await ask(request);
      expect(json.errors?.length).toBeGreaterThan(0);
      expect(outcome?.compiled).toBe(false);
    });
  });
}

describe('compiled lookups behind the response cache', () => {
  it('answer a miss compiled, store it, and serve the repeat from the cache', async () => {
    const ask = servers(await seededDb(), true);
    const request = articleById(encodeGlobalID('Article', ARTICLE_SLUG));
    const miss = await ask(request);
    expect(miss.outcome, miss.outcome?.reason).toMatchObject({ compiled: true });
    expect(miss.json.data.node.slug).toBe(ARTICLE_SLUG);
    const hit = await ask(request);
    expect(hit.outcome).toBeUndefined();
    expect(hit.json).toEqual(miss.json);
  });
});

describe('compiled lookups on the seed', () => {
  it('answer node(id:) with the seeded article, in one statement', async () => {
    const recorder = new SqlRecorder();
    const db = await seededDb(recorder);
    const outcomes: CompiledReadOutcome[] = [];
    const yoga = createDossierYoga({ getDb: () => db, compiledReads: { onOutcome: (o) => outcomes.push(o) } });
    recorder.reset();
    const { query, variables, operationName } = articleById(encodeGlobalID('Article', ARTICLE_SLUG));
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables, operationName }),
    });
    const body = await response.json();
    expect(outcomes).toEqual([{ operationName, compiled: true }]);
    expect(recorder.statements).toHaveLength(1);
    expect(body.data.node).toMatchObject({
      id: encodeGlobalID('Article', ARTICLE_SLUG),
      slug: ARTICLE_SLUG,
      publishedOn: '2017-10-18',
      language: 'en',
      publisher: null,
      topics: ['counter-terrorism', 'data-sharing', 'e-evidence', 'encryption', 'law-enforcement', 'public-spaces'],
    });
    expect(body.data.node.body.length).toBeGreaterThan(1000);
  });
});

/** A page document without cursors (learned) and its twin that asks for them (to walk the list). */
const LEARNED_PAGES: [string, string, string][] = [
  [
    'articles',
    'query P($first: Int!, $after: String) { articles(first: $first, after: $after) { nodes { slug headline } pageInfo { hasNextPage hasPreviousPage } } }',
    'query C($first: Int!, $after: String) { articles(first: $first, after: $after) { pageInfo { endCursor } } }',
  ],
  [
    'articles by headline, with quotes',
    `query P($first: Int!, $after: String) { articles(first: $first, after: $after, orderBy: { field: HEADLINE, direction: ASC }) {
      nodes { slug quotes { totalCount nodes { text } } } pageInfo { hasNextPage } } }`,
    `query C($first: Int!, $after: String) { articles(first: $first, after: $after, orderBy: { field: HEADLINE, direction: ASC }) {
      pageInfo { endCursor } } }`,
  ],
  [
    'measures of given statuses, by status',
    `query P($first: Int!, $after: String, $status: [MeasureStatus!]) { measures(first: $first, after: $after,
      filter: { status: $status }, orderBy: { field: STATUS }) { nodes { key status title } pageInfo { hasNextPage } } }`,
    `query C($first: Int!, $after: String, $status: [MeasureStatus!]) { measures(first: $first, after: $after,
      filter: { status: $status }, orderBy: { field: STATUS }) { pageInfo { endCursor } } }`,
  ],
  [
    'quotes by key, descending',
    `query P($first: Int!, $after: String) { quotes(first: $first, after: $after, orderBy: { field: KEY, direction: DESC }) {
      nodes { key text speaker { name } } } }`,
    `query C($first: Int!, $after: String) { quotes(first: $first, after: $after, orderBy: { field: KEY, direction: DESC }) {
      pageInfo { endCursor } } }`,
  ],
];

describe('pages read by a learned statement (root-pages.ts)', () => {
  it.each(LEARNED_PAGES)(
    '%s: every page answers as graphql-js does, from the second request of its shape on',
    async (_name, page, cursors) => {
      const ask = servers(await syntheticDb(60));
      const extra = _name.startsWith('measures') ? { status: ['PROPOSED', 'ADOPTED', 'IN_FORCE'] } : {};
      let after: string | null = null;
      const seen: string[] = [];
      for (let n = 0; n < 5; n++) {
        const variables = { first: 3, after, ...extra };
        // The shape's first request learns; from the second on, the learned statement answers.
        const learning = await ask({ query: page, variables });
        const learned = await ask({ query: page, variables });
        expect(learning.json.errors).toBeUndefined();
        expect(learning.outcome).toMatchObject({ compiled: true });
        expect(learned.outcome).toMatchObject({ compiled: true, learnedStatement: true });
        // Every later page of the walk (a new cursor, same shape) is answered learned at once.
        const connection = Object.values(learned.json.data)[0] as { nodes: { slug?: string; key?: string }[] };
        seen.push(...connection.nodes.map((node) => String(node.slug ?? node.key)));
        const walk = await ask({ query: cursors, variables });
        after = (Object.values(walk.json.data)[0] as { pageInfo: { endCursor: string } }).pageInfo.endCursor;
      }
      expect(seen).toHaveLength(15);
      expect(new Set(seen).size).toBe(15);
    },
  );

  it('a new cursor of a learned shape is answered learned at once, and pages on correctly', async () => {
    const [, page, cursors] = LEARNED_PAGES[0] as [string, string, string];
    const ask = servers(await syntheticDb(60));
    let after: string | null = (await ask({ query: cursors, variables: { first: 2 } })).json.data.articles.pageInfo
      .endCursor;
    await ask({ query: page, variables: { first: 4, after } });
    for (let n = 0; n < 4; n++) {
      after = (await ask({ query: cursors, variables: { first: 4, after } })).json.data.articles.pageInfo.endCursor;
      const next = await ask({ query: page, variables: { first: 4, after } });
      expect(next.outcome).toMatchObject({ compiled: true, learnedStatement: true });
      expect(next.json.data.articles.nodes).toHaveLength(4);
      expect(next.json.data.articles.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true });
    }
  });

  it('a cursor of another list on a learned shape gets graphql-js refusal', async () => {
    const [, page] = LEARNED_PAGES[0] as [string, string, string];
    const [, , quoteCursors] = LEARNED_PAGES[3] as [string, string, string];
    const ask = servers(await syntheticDb(20));
    const own = (await ask({ query: LEARNED_PAGES[0]?.[2] as string, variables: { first: 2 } })).json.data.articles
      .pageInfo.endCursor;
    await ask({ query: page, variables: { first: 2, after: own } });
    await ask({ query: page, variables: { first: 2, after: own } });
    const foreign = (await ask({ query: quoteCursors, variables: { first: 2 } })).json.data.quotes.pageInfo.endCursor;
    const refused = await ask({ query: page, variables: { first: 2, after: foreign } });
    expect(refused.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(refused.json.errors[0].message).toMatch(/after/);
    expect(refused.outcome).toMatchObject({ compiled: false, reason: 'fell back for this request' });
  });

  it('runs one statement for a learned page, and logs it', async () => {
    const recorder = new SqlRecorder();
    const db = await seededDb(recorder);
    const outcomes: CompiledReadOutcome[] = [];
    const yoga = createDossierYoga({ getDb: () => db, compiledReads: { onOutcome: (o) => outcomes.push(o) } });
    const query = '{ articles(first: 1) { nodes { slug publishedOn quotes { nodes { speaker { name } } } } } }';
    const answers = [];
    for (let n = 0; n < 3; n++) {
      recorder.reset();
      const response = await yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      answers.push(await response.json());
      expect(recorder.statements).toHaveLength(1);
    }
    expect(outcomes.map((o) => o.learnedStatement ?? false)).toEqual([false, true, true]);
    const article = answers[2].data.articles.nodes[0];
    expect(article.slug).toBe(ARTICLE_SLUG);
    expect(article.publishedOn).toBe('2017-10-18');
    expect(answers[2]).toEqual(answers[0]);
  });

  it('learns a filter read on the day of the request anew on another day', async () => {
    const db = await syntheticDb(60);
    const clock = { now: new Date('2020-01-01T12:00:00Z') };
    const outcomes: CompiledReadOutcome[] = [];
    const make = (compiledReads: false | { onOutcome: (o: CompiledReadOutcome) => void }) =>
      createDossierYoga({ getDb: () => db, clock: () => clock.now, compiledReads });
    const on = make({ onOutcome: (o) => outcomes.push(o) });
    const off = make(false);
    const query = '{ measures(first: 50, filter: { overdue: {} }) { nodes { key title } } }';
    const post = async (yoga: typeof on) =>
      (
        await yoga.fetch('http://test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        })
      ).text();
    const counts: number[] = [];
    for (const day of ['2020-01-01', '2020-01-01', '2030-01-01', '2030-01-01']) {
      clock.now = new Date(`${day}T12:00:00Z`);
      const answer = await post(on);
      expect(answer).toBe(await post(off));
      counts.push(JSON.parse(answer).data.measures.nodes.length);
    }
    expect(outcomes.map((o) => o.learnedStatement ?? false)).toEqual([false, true, false, true]);
    // Later, more of the synthetic measures' deadlines have passed.
    expect(counts[2]).toBeGreaterThan(counts[0] as number);
  });
});

describe('node(id:) read by a learned statement (node-lookups.ts)', () => {
  const NODE = `query N($id: ID!) { node(id: $id) { __typename id
    ... on Article { slug headline publishedOn } ... on Actor { key name kind } } }`;

  it('answers articles and actors as graphql-js does, from the second lookup of each type on', async () => {
    const ask = servers(await syntheticDb(30));
    const { json } = await ask({ query: '{ articles(first: 4) { nodes { id } } actors(first: 4) { nodes { id } } }' });
    const articles: string[] = json.data.articles.nodes.map((node: { id: string }) => node.id);
    const actors: string[] = json.data.actors.nodes.map((node: { id: string }) => node.id);
    const learned: boolean[] = [];
    for (const id of [...articles, ...actors]) {
      const { json: answer, outcome } = await ask({ query: NODE, variables: { id } });
      expect(answer.data.node.id).toBe(id);
      learned.push(outcome?.learnedStatement ?? false);
    }
    expect(learned).toEqual([false, true, true, true, false, true, true, true]);
  });

  it('leaves an ID with no row to the resolver: null, as graphql-js answers', async () => {
    const ask = servers(await seededDb());
    const article = encodeGlobalID('Article', ARTICLE_SLUG);
    await ask({ query: NODE, variables: { id: article } });
    const found = await ask({ query: NODE, variables: { id: article } });
    expect(found.outcome).toMatchObject({ compiled: true, learnedStatement: true });
    expect(found.json.data.node).toMatchObject({ slug: ARTICLE_SLUG, publishedOn: '2017-10-18' });
    const missing = await ask({ query: NODE, variables: { id: encodeGlobalID('Article', 'no-such-article') } });
    expect(missing.json.data.node).toBeNull();
    expect(missing.outcome).toMatchObject({ compiled: true });
    expect(missing.outcome?.learnedStatement).toBeUndefined();
  });
});
