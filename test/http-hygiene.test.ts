/**
 * HTTP hygiene, through `yoga.fetch` and a real Node socket: the 1 MB body limit (chunked bodies
 * too), the headers every answer gets, and conditional GETs (quoted ETags, weak comparison,
 * lists, `*`) for reads and for GraphiQL. Each case also checks that the server still answers.
 */
import { createServer, type Server } from 'node:http';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { MAX_BODY_BYTES, matchesIfNoneMatch } from '../src/server/http-hygiene.ts';
import { nodeHandler } from '../src/server/node-handler.ts';
import { cacheControlAt } from '../src/server/persisted.ts';
import { createDossierYoga } from '../src/server/yoga.ts';
import { seededDb } from './helpers.ts';

let db: Db;
let yoga: ReturnType<typeof createDossierYoga>;

beforeAll(async () => {
  db = await seededDb();
  yoga = createDossierYoga({ getDb: () => db, responseCache: () => true, revisionCheckMs: () => 0, renderGraphiQL });
});

const QUERY = '{ quotes(first: 1) { totalCount } }';
const get = (path: string, headers: Record<string, string> = {}) => yoga.fetch(`http://test${path}`, { headers });
const graphqlGet = (headers: Record<string, string> = {}) =>
  get(`/graphql?query=${encodeURIComponent(QUERY)}`, { accept: 'application/json', ...headers });

async function expectHealthy(fetch: (path: string) => Promise<Response> | Response = (path) => get(path)) {
  const health = await fetch('/health');
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok' });
}

/** A body of `size` bytes sent in 64 KiB chunks, with no Content-Length. */
function chunked(size: number): ReadableStream<Uint8Array> {
  const head = new TextEncoder().encode('{"query":"{ quotes(first: 1) { totalCount } }","variables":{"pad":"');
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent === 0) {
        controller.enqueue(head);
        sent = head.length;
      } else if (sent < size) {
        const chunk = new Uint8Array(Math.min(65_536, size - sent)).fill(0x78);
        controller.enqueue(chunk);
        sent += chunk.length;
      } else {
        controller.enqueue(new TextEncoder().encode('"}}'));
        controller.close();
      }
    },
  });
}

async function expectTooLarge(response: Response) {
  expect(response.status).toBe(413);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  const body = (await response.json()) as any;
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0].extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
}

describe('request body limit (1 MB)', () => {
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      duplex: 'half',
    } as RequestInit);

  it('a body just under the limit is served', async () => {
    const body = JSON.stringify({ query: QUERY, variables: { pad: 'x'.repeat(MAX_BODY_BYTES - 100) } });
    expect(body.length).toBeLessThan(MAX_BODY_BYTES);
    const response = await post(body);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { quotes: { totalCount: 5 } },
      extensions: { cost: { requested: 1, limit: 500_000 } },
    });
  });

  it('a declared Content-Length over 1 MB: 413 REQUEST_ENTITY_TOO_LARGE', async () => {
    const body = JSON.stringify({ query: QUERY, variables: { pad: 'x'.repeat(MAX_BODY_BYTES) } });
    await expectTooLarge(await post(body));
    await expectHealthy();
  });

  it('a chunked body that grows past 1 MB: 413 as well', async () => {
    await expectTooLarge(await post(chunked(2 * MAX_BODY_BYTES)));
    await expectHealthy();
  });

  describe('over a real socket (Node)', () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      server = createServer(nodeHandler(yoga));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('a 4 MB chunked upload is cut off with 413 and the server answers the next request', async () => {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: chunked(4 * MAX_BODY_BYTES),
        duplex: 'half',
      } as RequestInit);
      await expectTooLarge(response);
      await expectHealthy((path) => fetch(`${base}${path}`));
    });
  });
});

describe('headers on every answer', () => {
  it.each([
    ['/graphql (JSON)', () => graphqlGet(), 200],
    ['/graphql (GraphiQL)', () => get('/graphql', { accept: 'text/html' }), 200],
    ['/health', () => get('/health'), 200],
    ['/live', () => get('/live'), 200],
    ['/csv', () => get(`/csv?query=${encodeURIComponent('{ quotes { nodes { text } } }')}`), 200],
    ['/persisted/funding-summary', () => get('/persisted/funding-summary'), 200],
    ['/persisted/nope', () => get('/persisted/nope'), 404],
    ['an unknown path', () => get('/nothing-here'), 404],
  ])('%s: nosniff and a request ID', async (_name, send, status) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await response.arrayBuffer();
  });

  it.each([
    [
      'a body that is not JSON (400)',
      () =>
        yoga.fetch('http://test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"query": ',
        }),
      400,
    ],
    [
      'GraphQL errors in a 200',
      () => get(`/graphql?query=${encodeURIComponent('{ quotes(first: 1000) { totalCount } }')}`),
      200,
    ],
    ['an unknown saved query (404)', () => get('/persisted/nope'), 404],
    ['a CSV of a bad query (400)', () => get(`/csv?query=${encodeURIComponent('{ nope }')}`), 400],
    ['an unsupported method (405)', () => yoga.fetch('http://test/graphql', { method: 'PUT' }), 405],
  ])('%s: Cache-Control no-store', async (_name, send, status) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers.get('cache-control')).toBe('no-store');
    await response.arrayBuffer();
    await expectHealthy();
  });

  it('a good read is not marked no-store, and /graphql varies on Accept', async () => {
    const response = await graphqlGet();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBeNull();
    expect(response.headers.get('vary')?.split(/,\s*/)).toContain('Accept');
  });
});

describe('conditional GETs', () => {
  it('the ETag is quoted (RFC 9110)', async () => {
    const response = await graphqlGet();
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{64}"$/);
  });

  it.each([
    ['the ETag itself', (etag: string) => etag],
    ['the weak form', (etag: string) => `W/${etag}`],
    ['a list holding it', (etag: string) => `"something-else", ${etag}, W/"x"`],
    ['*', () => '*'],
    ['the bare hash (an older client)', (etag: string) => etag.slice(1, -1)],
  ])('If-None-Match with %s: 304, no body, same ETag', async (_name, condition) => {
    const etag = (await graphqlGet()).headers.get('etag') ?? '';
    const response = await graphqlGet({ 'if-none-match': condition(etag) });
    expect(response.status).toBe(304);
    expect(response.headers.get('etag')).toBe(etag);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('');
    await expectHealthy();
  });

  it('another ETag, or a POST: the full answer', async () => {
    const other = await graphqlGet({ 'if-none-match': '"0000", W/"1111"' });
    expect(other.status).toBe(200);
    expect(await other.json()).toEqual({
      data: { quotes: { totalCount: 5 } },
      extensions: { cost: { requested: 1, limit: 500_000 } },
    });
    const post = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'if-none-match': '*' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(post.status).toBe(200);
  });

  it('weak comparison, as a function', () => {
    expect(matchesIfNoneMatch('W/"a"', '"a"')).toBe(true);
    expect(matchesIfNoneMatch('"a"', 'W/"a"')).toBe(true);
    expect(matchesIfNoneMatch('"a,b", "c"', '"a,b"')).toBe(true);
    expect(matchesIfNoneMatch('"ab"', '"a"')).toBe(false);
    expect(matchesIfNoneMatch('', '"a"')).toBe(false);
  });

  it('saved queries: 304 on their quoted ETag', async () => {
    const first = await get('/persisted/funding-summary');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const before = new Date();
    const again = await get('/persisted/funding-summary', { 'if-none-match': `W/${etag}` });
    const after = new Date();
    expect(again.status).toBe(304);
    // 'public, max-age=60, stale-while-revalidate=600', shorter in the last minutes of a UTC day.
    expect([cacheControlAt(before), cacheControlAt(after)]).toContain(again.headers.get('cache-control'));
    expect(cacheControlAt(new Date('2026-11-30T12:00:00Z'))).toBe('public, max-age=60, stale-while-revalidate=600');
  });
});

describe('GraphiQL (content-negotiated on /graphql)', () => {
  it('has an ETag, no-cache and Vary: Accept, and answers 304 while unchanged', async () => {
    const page = await get('/graphql', { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('vary')?.split(/,\s*/)).toContain('Accept');
    const etag = page.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(await page.text()).toContain('<title>Dossier</title>');

    const again = await get('/graphql', { accept: 'text/html', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('vary')?.split(/,\s*/)).toContain('Accept');
    await expectHealthy();
  });
});
