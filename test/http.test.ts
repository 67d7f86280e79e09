/**
 * The HTTP surface of the server, through `yoga.fetch` (no port): /health, GET reads, CORS,
 * compression, what a client sees for bad requests, and the offline GraphiQL page.
 */
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { createDossierYoga } from '../src/server/yoga.ts';
import { emptyDb, seededDb } from './helpers.ts';

/** The repository's absolute path on this machine, wherever it was cloned. */
const ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const escaped = ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Anything that would tell a client about the server's insides: stack frames, paths, SQL. */
const LEAK = new RegExp(`at .*\\.(ts|js):\\d+|file://|${escaped}|node_modules|SELECT |select "|sqlite|stack`, 'i');

const URL_BASE = 'http://test';

let db: Db;
let yoga: ReturnType<typeof createDossierYoga>;

beforeAll(async () => {
  db = await seededDb();
  yoga = createDossierYoga({ getDb: () => db });
});

/** A migrated database whose libSQL client has been closed: every query on it fails. */
async function closedDb(): Promise<Db> {
  const db = await emptyDb();
  db.$client.close();
  return db;
}

function post(body: string, headers: Record<string, string> = {}) {
  return yoga.fetch(`${URL_BASE}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

function postQuery(query: string, headers: Record<string, string> = {}) {
  return post(JSON.stringify({ query }), headers);
}

async function expectServerStillAnswers() {
  const response = await postQuery('{ quotes(first: 1) { totalCount } }');
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({
    data: { quotes: { totalCount: 5 } },
    extensions: { cost: { requested: 1, limit: 500_000 } },
  });
}

describe('GET /health', () => {
  it('answers 200 {"status":"ok"} when the database answers', async () => {
    const response = await yoga.fetch(`${URL_BASE}/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers 503 "unavailable" without any detail when the database is closed', async () => {
    const closed = await closedDb();
    const deadYoga = createDossierYoga({ getDb: () => closed });

    const response = await deadYoga.fetch(`${URL_BASE}/health`);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/json');
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ status: 'unavailable', message: 'The database did not answer.' });
    expect(text).not.toMatch(LEAK);
  });

  it('masks a failing database behind INTERNAL_SERVER_ERROR on /graphql', async () => {
    const closed = await closedDb();
    const deadYoga = createDossierYoga({ getDb: () => closed });

    const response = await deadYoga.fetch(`${URL_BASE}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ quotes(first: 1) { totalCount } }' }),
    });
    const text = await response.text();
    const body = JSON.parse(text);
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].message).toBe('Unexpected error.');
    // The request's ID, to quote when reporting it: the same as the X-Request-Id header.
    expect(body.errors[0].extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      requestId: response.headers.get('x-request-id'),
    });
    expect(body.errors[0].extensions.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(text).not.toMatch(LEAK);
  });
});

describe('GET /graphql', () => {
  it('runs a query sent in the URL', async () => {
    const query = encodeURIComponent('{quotes(first:1){totalCount}}');
    const response = await yoga.fetch(`${URL_BASE}/graphql?query=${query}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { quotes: { totalCount: 5 } },
      extensions: { cost: { requested: 1, limit: 500_000 } },
    });
  });
});

describe('CORS', () => {
  it('allows a preflight from any origin, without credentials', async () => {
    const response = await yoga.fetch(`${URL_BASE}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://example.org',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(response.status).toBe(204);
    // With `origin: '*'` the server echoes the requesting origin (and varies on it).
    expect(response.headers.get('access-control-allow-origin')).toBe('https://example.org');
    expect(response.headers.get('vary')).toContain('Origin');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(response.headers.get('access-control-allow-credentials')).not.toBe('true');
  });

  it('allows the actual cross-origin POST', async () => {
    const response = await postQuery('{ quotes(first: 1) { totalCount } }', { origin: 'https://example.org' });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://example.org');
    expect(response.headers.get('access-control-allow-credentials')).not.toBe('true');
    expect(await response.json()).toEqual({
      data: { quotes: { totalCount: 5 } },
      extensions: { cost: { requested: 1, limit: 500_000 } },
    });
  });
});

describe('compression', () => {
  it('gzips the response when the client accepts gzip', async () => {
    const response = await postQuery('{ quotes(first: 5) { totalCount nodes { text } } }', {
      'accept-encoding': 'gzip',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    // yoga.fetch hands back the encoded bytes as they would go on the wire: decode them here.
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    const body = JSON.parse(gunzipSync(bytes).toString('utf8'));
    expect(body.errors).toBeUndefined();
    expect(body.data.quotes.totalCount).toBe(5);
    expect(body.data.quotes.nodes).toHaveLength(5);
    for (const node of body.data.quotes.nodes) expect(typeof node.text).toBe('string');
  });

  it('does not compress when the client does not ask for it', async () => {
    const response = await postQuery('{ quotes(first: 1) { totalCount } }');
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(await response.json()).toEqual({
      data: { quotes: { totalCount: 5 } },
      extensions: { cost: { requested: 1, limit: 500_000 } },
    });
  });
});

/**
 * `articles { nodes { quotes { nodes { …hops… leaf } } } }`, each hop `article { quotes { nodes { … } } }`.
 * Armor counts every field on the deepest path, the leaf included: 4 + 3 per hop + the leaf's depth.
 */
function deepQuery(hops: number, leaf = 'slug'): string {
  let inner = leaf;
  for (let i = 0; i < hops; i++) inner = `article { quotes(first: 1) { nodes { ${inner} } } }`;
  return `{ articles(first: 1) { nodes { quotes(first: 1) { nodes { ${inner} } } } } }`;
}

const TWENTY_ALIASES = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: quotes(first: 1) { totalCount }`).join(' ')} }`;

const EXPENSIVE = `{ articles(first: 100) { nodes { quotes(first: 100) { nodes {
  article { quotes(first: 100) { nodes { text article { slug } } } } } } } } }`;

describe('errors never leak', () => {
  const cases: { name: string; body: string; status: number; code: string; message: RegExp }[] = [
    {
      name: 'syntax error',
      body: JSON.stringify({ query: '{ quotes(first: 1) { totalCount }' }),
      status: 200,
      code: 'GRAPHQL_PARSE_FAILED',
      message: /^Syntax Error: Expected Name, found <EOF>\.$/,
    },
    {
      name: 'unknown field',
      body: JSON.stringify({ query: '{ nope }' }),
      status: 200,
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: /^Cannot query field "nope" on type "Query"\./,
    },
    {
      name: 'malformed global ID',
      body: JSON.stringify({ query: '{ node(id: "%%%") { id } }' }),
      status: 200,
      code: 'BAD_USER_INPUT',
      message: /^Invalid global ID: %%%$/,
    },
    {
      name: 'page too large',
      body: JSON.stringify({ query: '{ quotes(first: 1000) { totalCount } }' }),
      status: 200,
      code: 'BAD_USER_INPUT',
      message: /^first: must be between 0 and 100; got 1000\.$/,
    },
    {
      name: 'too deep',
      body: JSON.stringify({ query: deepQuery(5) }),
      status: 200,
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: /Query depth limit of 12 exceeded, found 20\./,
    },
    {
      name: 'too many aliases',
      body: JSON.stringify({ query: TWENTY_ALIASES }),
      status: 200,
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: /Aliases limit of 15 exceeded, found 20\./,
    },
    {
      name: 'too expensive',
      body: JSON.stringify({ query: EXPENSIVE }),
      status: 200,
      code: 'QUERY_TOO_COSTLY',
      message: /^The query could return [\d,]+ objects, more than the limit of 500,000: /,
    },
    {
      name: 'body that is not JSON',
      body: '{"query": ',
      status: 400,
      code: 'BAD_REQUEST',
      message: /^POST body sent invalid JSON\.$/,
    },
  ];

  it.each(cases)('$name: a coded error, nothing of the server, and the server carries on', async (c) => {
    const response = await post(c.body);
    expect(response.status).toBe(c.status);
    const text = await response.text();
    expect(text).not.toMatch(LEAK);
    const body = JSON.parse(text);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].message).toMatch(c.message);
    expect(body.errors[0].extensions.code).toBe(c.code);
    await expectServerStillAnswers();
  });

  it('lets __typename aliases through: armor allow-lists them by default', async () => {
    const query = `{ ${Array.from({ length: 20 }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    const body = (await (await postQuery(query)).json()) as any;
    expect(body.errors).toBeUndefined();
    expect(Object.keys(body.data)).toHaveLength(20);
  });

  it('accepts a query exactly at the depth limit of 12 and rejects one level more', async () => {
    const atLimit = (await (await postQuery(deepQuery(2, 'speaker { name }'))).json()) as any;
    expect(atLimit.errors).toBeUndefined();
    expect(atLimit.data.articles.nodes).toHaveLength(1);

    const overLimit = (await (
      await postQuery(deepQuery(2, 'speaker { quotes(first: 1) { totalCount } }'))
    ).json()) as any;
    expect(overLimit.data).toBeUndefined();
    expect(overLimit.errors).toEqual([
      {
        message: 'Syntax Error: Query depth limit of 12 exceeded, found 13.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
  });

  it('accepts 15 aliases and rejects 16', async () => {
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: quotes(first: 1) { totalCount }`).join(' ')} }`;
    const fifteen = (await (await postQuery(aliases(15))).json()) as any;
    expect(fifteen.errors).toBeUndefined();
    expect(fifteen.data.a14).toEqual({ totalCount: 5 });

    const sixteen = (await (await postQuery(aliases(16))).json()) as any;
    expect(sixteen.errors).toEqual([
      {
        message: 'Syntax Error: Aliases limit of 15 exceeded, found 16.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
  });
});

describe('GraphiQL', () => {
  it('serves a self-contained page titled Dossier with the example operations', async () => {
    const withGraphiQL = createDossierYoga({ getDb: () => db, renderGraphiQL });
    const response = await withGraphiQL.fetch(`${URL_BASE}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('<title>Dossier</title>');
    expect(html).toContain('query Quotes');
    for (const cdn of ['unpkg.com', 'cdn.jsdelivr.net', 'esm.sh']) expect(html).not.toContain(cdn);
    // No script, stylesheet, image or frame is loaded from the network.
    expect(html).not.toMatch(/<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
  });

  it('is not served when no renderer is given', async () => {
    const response = await yoga.fetch(`${URL_BASE}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(406);
    expect(response.headers.get('accept')).toContain('application/json');
    expect(await response.text()).toBe('');
  });
});
