/**
 * Parity: the same requests to (a) Node on a local libSQL file, (b) Node on `sqld` over HTTP and
 * (c) the wrangler-built function in workerd on the same `sqld` give byte-identical bodies —
 * lists, paging, nested reads, node lookups, and errors of every kind.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Operation, postInit, readmeQueries } from '../../scripts/edge/requests.ts';
import { migrateAndSeed, type Sqld, startSqld } from '../../scripts/edge/sqld.ts';
import { startWorkerd } from '../../scripts/edge/workerd.ts';
import { createDb } from '../../src/db/client.ts';
import { migrateDb } from '../../src/db/migrate.ts';
import { seedDb as seed } from '../../src/server/seed.ts';
import { createDossierYoga } from '../../src/server/yoga.ts';
import { sharedEdgeBuild } from './shared-build.ts';

type Fetch = (path: string, init?: RequestInit) => Promise<Response>;

const closers: (() => unknown)[] = [];
let tempDir: string;
let nodeFile: Fetch;
let nodeHttp: Fetch;
let edge: Fetch;

beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'dossier-parity-'));
  const buildPromise = sharedEdgeBuild();

  const fileClient = createClient({ url: `file:${join(tempDir, 'parity.db')}` });
  closers.push(() => fileClient.close());
  const fileDb = createDb(fileClient);
  await migrateDb(fileDb);
  await seed(fileDb);
  const fileYoga = createDossierYoga({ getDb: () => fileDb });
  nodeFile = async (path, init) => fileYoga.fetch(new Request(`http://localhost${path}`, init));

  const sqld: Sqld = await startSqld({ dir: join(tempDir, 'sqld') });
  closers.push(() => sqld.stop());
  await migrateAndSeed(sqld.url);
  const httpClient = createClient({ url: sqld.url });
  closers.push(() => httpClient.close());
  const httpDb = createDb(httpClient);
  const httpYoga = createDossierYoga({ getDb: () => httpDb });
  nodeHttp = async (path, init) => httpYoga.fetch(new Request(`http://localhost${path}`, init));

  const mf: Miniflare = await startWorkerd(await buildPromise, { DATABASE_URL: sqld.url });
  closers.push(() => mf.dispose());
  edge = (path, init) => mf.dispatchFetch(`http://localhost${path}`, init as never) as unknown as Promise<Response>;
}, 120_000);

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await rm(tempDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  contentType: string | null;
  body: string;
}

async function askAll(path: string, init?: RequestInit): Promise<[Answer, Answer, Answer]> {
  const ask = async (target: Fetch): Promise<Answer> => {
    const response = await target(path, init);
    return { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() };
  };
  // One after the other: the three share nothing, but a failure is easier to read this way.
  return [await ask(nodeFile), await ask(nodeHttp), await ask(edge)];
}

/** Asserts the three answers are identical and returns the parsed body. */
async function same(path: string, init?: RequestInit): Promise<any> {
  const [a, b, c] = await askAll(path, init);
  expect(b).toEqual(a);
  expect(c).toEqual(a);
  return a.body ? JSON.parse(a.body) : undefined;
}

const post = (operation: Omit<Operation, 'name'>) => same('/graphql', postInit(operation));

describe('Node (file) = Node (sqld over HTTP) = edge in workerd (sqld), byte for byte', () => {
  it.each(readmeQueries())('$name', async ({ query }) => {
    const body = await post({ query });
    expect(body.errors).toBeUndefined();
  });

  it('nested lists with totalCount, and paging by cursor', async () => {
    const first = await post({
      query: `{ articles(first: 1) { totalCount nodes { slug quotes(first: 2) { totalCount
        pageInfo { hasNextPage endCursor } nodes { text speaker { name kind } } } } } }`,
    });
    const quotes = first.data.articles.nodes[0].quotes;
    expect(quotes.nodes).toHaveLength(2);
    const page = await post({
      query:
        'query ($after: String) { actors(first: 3, after: $after) { edges { cursor node { id name } } pageInfo { hasNextPage hasPreviousPage } } }',
      variables: { after: null },
    });
    const after = page.data.actors.edges.at(-1).cursor;
    const next = await post({
      query:
        'query ($after: String) { actors(first: 3, after: $after) { nodes { name } pageInfo { hasPreviousPage } } }',
      variables: { after },
    });
    expect(next.data.actors.nodes.length).toBeGreaterThan(0);
  });

  it('node and nodes lookups by global ID', async () => {
    const ids = await post({
      query:
        '{ quotes(first: 2) { nodes { id } } measures(first: 1) { nodes { id } } actors(first: 1) { nodes { id } } }',
    });
    const all = [...ids.data.quotes.nodes, ...ids.data.measures.nodes, ...ids.data.actors.nodes].map((n) => n.id);
    const one = await post({
      query: 'query ($id: ID!) { node(id: $id) { id __typename ... on Quote { text speaker { name } } } }',
      variables: { id: all[0] },
    });
    expect(one.data.node.id).toBe(all[0]);
    const many = await post({
      query: `query ($ids: [ID!]!) { nodes(ids: $ids) { id __typename
        ... on Measure { title } ... on Actor { name } ... on Quote { text } } }`,
      variables: { ids: all },
    });
    expect(many.data.nodes).toHaveLength(all.length);
    const article = await post({
      query: '{ article(slug: "2017-10-18-eu-police-decryption-plan") { headline subheadings { exact } } }',
    });
    expect(article.data.article.headline).toBeTruthy();
  });

  // Each error case: the code clients branch on (or, for an unknown ID, null and no error).
  it.each([
    ['a syntax error', 'GRAPHQL_PARSE_FAILED', { query: '{ quotes(first: 1) { totalCount }' }],
    ['an unknown field', 'GRAPHQL_VALIDATION_FAILED', { query: '{ nope }' }],
    ['a malformed global ID', 'BAD_USER_INPUT', { query: '{ node(id: "%%%") { id } }' }],
    ['an unknown but well-formed global ID', null, { query: '{ node(id: "UXVvdGU6bm9wZQ==") { id } }' }],
    ['a page too large', 'BAD_USER_INPUT', { query: '{ quotes(first: 1000) { totalCount } }' }],
    [
      'a variable of the wrong type',
      'BAD_USER_INPUT',
      { query: 'query ($n: Int) { quotes(first: $n) { totalCount } }', variables: { n: 'x' } },
    ],
    [
      'a query over the cost limit (100 quotes × 50 spans × 100 mentions)',
      'QUERY_TOO_COSTLY',
      {
        query:
          '{ quotes(first: 100) { nodes { evidence { article { actorMentions(first: 100) { nodes { actor { name } } } } } } } }',
      },
    ],
    [
      'too many aliases',
      'GRAPHQL_VALIDATION_FAILED',
      { query: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: quotes(first: 1) { totalCount }`).join(' ')} }` },
    ],
  ])('%s: %s', async (_, code, operation) => {
    const body = await post(operation);
    if (code === null) {
      expect(body).toEqual({ data: { node: null }, extensions: { cost: { requested: 1, limit: 500_000 } } });
    } else {
      expect(body.errors.map((e: any) => e.extensions?.code)).toEqual([code]);
    }
  });

  it("a body that is not JSON: the same 400, message and code (the parser's own words differ)", async () => {
    // Yoga adds `extensions.originalError` with JSON.parse's message, which is the runtime's V8
    // text: Node 20 quotes the input back, workerd does not. Everything else must match.
    const withoutParserWords = ({ body, ...rest }: Answer) => {
      const { errors } = JSON.parse(body);
      const { originalError, ...extensions } = errors[0].extensions;
      expect(originalError.name).toBe('SyntaxError');
      return { ...rest, errors: [{ ...errors[0], extensions }] };
    };
    const answers = await askAll('/graphql', postInit('{"query": '));
    const [a, b, c] = [withoutParserWords(answers[0]), withoutParserWords(answers[1]), withoutParserWords(answers[2])];
    expect(a.status).toBe(400);
    expect(a.errors).toEqual([{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } }]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it('GET /graphql with the query in the URL, and GET /health', async () => {
    const get = await same(`/graphql?query=${encodeURIComponent('{ figures(first: 2) { nodes { id } } }')}`);
    expect(get.data.figures.nodes).toBeDefined();
    expect(await same('/health')).toEqual({ status: 'ok' });
  });
});
