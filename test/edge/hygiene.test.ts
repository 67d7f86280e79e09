/**
 * The edge function in workerd, against a real `sqld`: it logs through `console` (one JSON line
 * per request, identical errors folded, no secrets), and answers with the same HTTP hygiene as
 * Node — request IDs, nosniff, no-store on errors, the 1 MB body limit, quoted ETags and 304s,
 * and the static GraphiQL page with Vary: Accept.
 */
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postInit } from '../../scripts/edge/requests.ts';
import { createEditorKey, migrateAndSeed, type Sqld, startSqld } from '../../scripts/edge/sqld.ts';
import { startWorkerd } from '../../scripts/edge/workerd.ts';
import { sharedEdgeBuild } from './shared-build.ts';

let sqld: Sqld | undefined;
let mf: Miniflare | undefined;
let stdout = '';
let secretKey = '';

beforeAll(async () => {
  const build = await sharedEdgeBuild();
  sqld = await startSqld();
  await migrateAndSeed(sqld.url);
  // A real editor's key, so the request is served and the test can look for the key in the log.
  secretKey = await createEditorKey(sqld.url, 'hygiene');
  mf = await startWorkerd(build, { DATABASE_URL: sqld.url, LOG_LEVEL: 'info' }, (out, err) => {
    out.on('data', (chunk) => {
      stdout += chunk;
    });
    err.on('data', (chunk) => {
      stdout += chunk;
    });
  });
}, 120_000);

afterAll(async () => {
  await mf?.dispose();
  await sqld?.stop();
});

const edge = (path: string, init?: RequestInit) => {
  if (!mf) throw new Error('workerd did not start (see beforeAll)');
  return mf.dispatchFetch(`http://localhost${path}`, init as never);
};

/** The JSON lines the function logged for one request, once its request line has arrived. */
async function linesOf(requestId: string | null): Promise<any[]> {
  const find = () =>
    stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line))
      .filter((record) => record.requestId === requestId);
  for (let i = 0; i < 100 && !find().some((r) => r.msg === 'request'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return find();
}

async function expectHealthy() {
  const health = await edge('/health');
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok' });
}

describe('the log, through console', () => {
  it('one request line with the ID of the X-Request-Id header, and no secret', async () => {
    const response = await edge(
      '/graphql',
      postInit(
        { query: 'query OneQuote { quotes(first: 1) { totalCount } }' },
        { authorization: `Bearer ${secretKey}` },
      ),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { quotes: { totalCount: 5 } },
      extensions: { cost: { requested: 1, limit: 500_000 } },
    });
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await linesOf(requestId)).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'request',
        method: 'POST',
        route: '/graphql',
        operation: 'OneQuote',
        status: 200,
        errors: 0,
      }),
    ]);
    // A request with a key never touches the shared cache, so its line has no `cache`.
    expect((await linesOf(requestId))[0]).not.toHaveProperty('cache');
    expect(stdout).not.toContain(secretKey.slice(4));
  });

  it('100 fields failing alike: one error line with count 100, ≤ 4 KB', async () => {
    const ids = Array(100).fill(btoa('Nope:x'));
    const response = await edge(
      '/graphql',
      postInit({ query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as any;
    expect(body.errors).toHaveLength(100);
    const lines = await linesOf(response.headers.get('x-request-id'));
    expect(lines.map((line) => [line.msg, line.code, line.count, line.errors])).toEqual([
      ['error', 'BAD_USER_INPUT', 100, undefined],
      ['request', undefined, undefined, 100],
    ]);
    for (const line of lines) expect(new TextEncoder().encode(JSON.stringify(line)).length).toBeLessThanOrEqual(4096);
    await expectHealthy();
  });
});

describe('HTTP hygiene in workerd', () => {
  it('a body over 1 MB: 413 REQUEST_ENTITY_TOO_LARGE, no-store', async () => {
    const body = JSON.stringify({ query: '{ quotes { totalCount } }', variables: { pad: 'x'.repeat(1024 * 1024) } });
    const response = await edge('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(413);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
    await expectHealthy();
  });

  it('a cached read: quoted ETag, and 304 for its weak form', async () => {
    const path = `/graphql?query=${encodeURIComponent('{ quotes(first: 2) { nodes { text } } }')}`;
    const first = await edge(path);
    await first.arrayBuffer();
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const again = await edge(path, { headers: { 'if-none-match': `"other", W/${etag}` } });
    expect(again.status).toBe(304);
    expect(again.headers.get('x-content-type-options')).toBe('nosniff');
    await again.arrayBuffer();
  });

  it('GraphiQL, the static asset: nosniff, Vary: Accept, an ETag and a 304', async () => {
    const page = await edge('/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('vary')?.split(/,\s*/)).toContain('Accept');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('<title>Dossier</title>');
    const etag = page.headers.get('etag') ?? '';
    expect(etag).toMatch(/^(W\/)?"/);
    const again = await edge('/graphql', { headers: { accept: 'text/html', 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });
});
