/**
 * Faults, in workerd against a real `sqld`: the database stopped, hung or refusing our token
 * gives a 503 SERVICE_UNAVAILABLE with a masked message within a bounded time, and the same
 * function (no restart) answers again once the database is back. A missing DATABASE_URL is
 * named plainly.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EdgeBuild } from '../../scripts/edge/build.ts';
import { postInit } from '../../scripts/edge/requests.ts';
import { migrateAndSeed, type Sqld, sqldAuthKeys, startSqld, untrustedSqldToken } from '../../scripts/edge/sqld.ts';
import { startWorkerd } from '../../scripts/edge/workerd.ts';
import { createDb } from '../../src/db/client.ts';
import { MIGRATION_FLOORS } from '../../src/db/compatibility.ts';
import { dbFromEnv } from '../../src/server/edge-db.ts';
import { createDossierYoga } from '../../src/server/yoga.ts';
import { sharedEdgeBuild } from './shared-build.ts';

const TIMEOUT_MS = 1000;
/** The hung-server deadline: longer than the 2 s margin, so waiting for it twice would show. */
const DEADLINE_MS = 3000;
const MARGIN_MS = 2000;
const QUERY = postInit({ query: '{ quotes(first: 1) { totalCount } }' });
const OK = { data: { quotes: { totalCount: 5 } }, extensions: { cost: { requested: 1, limit: 500_000 } } };
/** Anything that would tell a client about the insides: addresses, statuses, stack frames, SQL. */
const LEAK = /127\.0\.0\.1|localhost|401|network|connection|timeout|at .*\.(ts|js):\d+|select|sqlite|libsql|stack/i;

const closers: (() => unknown)[] = [];
let tempDir: string;
let build: EdgeBuild;
let sqld: Sqld;

beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'dossier-faults-'));
  build = await sharedEdgeBuild();
  sqld = await startSqld({ dir: join(tempDir, 'sqld') });
  closers.push(() => sqld.stop());
  await migrateAndSeed(sqld.url);
}, 120_000);

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await rm(tempDir, { recursive: true, force: true });
});

async function workerd(bindings: Record<string, string>) {
  const mf: Miniflare = await startWorkerd(build, bindings);
  closers.push(() => mf.dispose());
  return async (path: string, init?: RequestInit) => {
    const started = performance.now();
    const response = await mf.dispatchFetch(`http://localhost${path}`, init as never);
    const text = await response.text();
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      text,
      body: text ? JSON.parse(text) : undefined,
      ms: performance.now() - started,
    };
  };
}

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const REQUEST_ID_IN_JSON = /"requestId":"[0-9a-f-]{36}"/g;

function expectUnavailable(answer: { status: number; retryAfter: string | null; text: string; body: any }) {
  expect(answer.status).toBe(503);
  expect(answer.retryAfter).toBe('5');
  expect(answer.body.data).toBeNull();
  expect(answer.body.errors).toEqual([
    {
      message: 'The database is unavailable. Try again shortly.',
      locations: [{ line: 1, column: 22 }],
      path: ['quotes', 'totalCount'],
      extensions: { code: 'SERVICE_UNAVAILABLE', requestId: expect.stringMatching(REQUEST_ID) },
    },
  ]);
  // The request ID is random hex: it may spell "401" by chance, so it is left out of the leak check.
  expect(answer.text.replace(REQUEST_ID_IN_JSON, '')).not.toMatch(LEAK);
}

describe('the database goes away and comes back', () => {
  it('stopped: 503 at once (Node over HTTP answers the same), then recovers when sqld restarts', async () => {
    const edge = await workerd({ DATABASE_URL: sqld.url, DATABASE_TIMEOUT_MS: String(TIMEOUT_MS) });
    const nodeYoga = createDossierYoga({ getDb: () => createDb(createClient({ url: sqld.url })) });
    expect((await edge('/graphql', QUERY)).body).toEqual(OK);

    await sqld.stop();
    try {
      const down = await edge('/graphql', QUERY);
      expectUnavailable(down);
      expect(down.ms).toBeLessThan(5000); // refused at once; generous for a loaded machine
      const nodeDown = await nodeYoga.fetch('http://localhost/graphql', QUERY);
      expect(nodeDown.headers.get('retry-after')).toBe('5');
      // The same answer, but for the request's own ID.
      const sameId = (text: string) => text.replace(REQUEST_ID_IN_JSON, '"requestId":"…"');
      expect({ status: nodeDown.status, text: sameId(await nodeDown.text()) }).toEqual({
        status: 503,
        text: sameId(down.text),
      });
      const health = await edge('/health');
      expect(health.status).toBe(503);
      expect(health.body).toEqual({ status: 'unavailable', message: 'The database did not answer.' });
    } finally {
      await sqld.restart(); // same port, same folder: the same data
    }
    expect((await edge('/graphql', QUERY)).body).toEqual(OK);
    expect((await edge('/health')).status).toBe(200);
  });

  it(`hung (SIGSTOP): 503 TIMEOUT within the ${DEADLINE_MS} ms deadline (+${MARGIN_MS} ms), on the edge and on Node; recovers on SIGCONT`, async () => {
    // The response cache is on (the default): its revision probe and the query share one deadline.
    const edge = await workerd({ DATABASE_URL: sqld.url, DATABASE_TIMEOUT_MS: String(DEADLINE_MS) });
    const nodeDb = createDb(createClient({ url: sqld.url }));
    const nodeYoga = createDossierYoga({
      getDb: () => nodeDb,
      responseCache: () => true,
      databaseTimeoutMs: () => DEADLINE_MS,
    });
    expect((await edge('/graphql', QUERY)).body).toEqual(OK);
    sqld.pause();
    try {
      const [hung, nodeHung] = await Promise.all([
        edge('/graphql', QUERY),
        (async () => {
          const started = performance.now();
          const response = await nodeYoga.fetch('http://localhost/graphql', QUERY);
          return { response, body: (await response.json()) as any, ms: performance.now() - started };
        })(),
      ]);
      expect(hung.status).toBe(503);
      expect(hung.retryAfter).toBe('5');
      expect(hung.body.errors[0]).toMatchObject({
        message: 'The request took longer than the server allows. Try again shortly, or ask for less.',
        extensions: { code: 'TIMEOUT' },
      });
      // The code names what happened; nothing else may (the leak check would take it for a detail).
      expect(hung.text.replace(REQUEST_ID_IN_JSON, '').replace('"code":"TIMEOUT"', '')).not.toMatch(LEAK);
      expect(hung.ms).toBeLessThan(DEADLINE_MS + MARGIN_MS);
      expect(nodeHung.response.status).toBe(503);
      expect(nodeHung.response.headers.get('retry-after')).toBe('5');
      expect(nodeHung.body.errors[0].extensions.code).toBe('TIMEOUT');
      expect(nodeHung.ms).toBeLessThan(DEADLINE_MS + MARGIN_MS);
    } finally {
      sqld.resume();
    }
    expect((await edge('/graphql', QUERY)).body).toEqual(OK);
  });
});

describe('configuration mistakes', () => {
  it('a wrong token: 503 DATABASE_AUTH_FAILED (not an outage), masked; the right token works', async () => {
    const { keyFile, token: signed } = sqldAuthKeys(join(tempDir, 'jwt.pem'));
    const secured = await startSqld({ dir: join(tempDir, 'secured'), authKeyFile: keyFile });
    closers.push(() => secured.stop());
    const token = signed();
    await migrateAndSeed(secured.url, token);

    const wrong = await workerd({
      DATABASE_URL: secured.url,
      DATABASE_AUTH_TOKEN: untrustedSqldToken(),
    });
    const refused = await wrong('/graphql', QUERY);
    expect(refused.status).toBe(503);
    expect(refused.body.errors).toEqual([
      {
        // Refused at the schema check, before execution: no field path.
        message: 'The server is misconfigured and cannot use its database.',
        extensions: { code: 'DATABASE_AUTH_FAILED', requestId: expect.stringMatching(REQUEST_ID) },
      },
    ]);
    expect(refused.text.replace(REQUEST_ID_IN_JSON, '')).not.toMatch(LEAK);
    expect((await wrong('/health')).body).toEqual({
      status: 'auth_failed',
      message: 'The database refused the credentials.',
    });
    const right = await workerd({ DATABASE_URL: secured.url, DATABASE_AUTH_TOKEN: token });
    expect((await right('/graphql', QUERY)).body).toEqual(OK);
  });

  it('a database without the newest migration: 503 SCHEMA_MISMATCH, /health says so', async () => {
    const behind = await startSqld({ dir: join(tempDir, 'behind') });
    closers.push(() => behind.stop());
    await migrateAndSeed(behind.url);
    const newest = Object.keys(MIGRATION_FLOORS).sort().at(-1) as string;
    const client = createClient({ url: behind.url });
    await client.execute({ sql: 'DELETE FROM __drizzle_migrations WHERE name = ?', args: [newest] });
    client.close();
    const edge = await workerd({ DATABASE_URL: behind.url });
    const answer = await edge('/graphql', QUERY);
    expect(answer.status).toBe(503);
    expect(answer.body.errors).toEqual([
      {
        message: 'The database does not fit this version of the server (a deploy is incomplete). Try again later.',
        extensions: { code: 'SCHEMA_MISMATCH', requestId: expect.stringMatching(REQUEST_ID) },
      },
    ]);
    expect((await edge('/health')).body.status).toBe('schema_mismatch');
  });

  it('no DATABASE_URL: a 503 that names the variable; /live still answers', async () => {
    const edge = await workerd({});
    const answer = await edge('/graphql', QUERY);
    expect(answer.status).toBe(503);
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors[0].message).toMatch(/^DATABASE_URL is not set/);
    expect(answer.body.errors[0].extensions).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      requestId: expect.stringMatching(REQUEST_ID),
    });
    expect((await edge('/health')).status).toBe(503);
    expect((await edge('/live')).status).toBe(200);
  });

  it('a bad EDITOR_ORIGINS: every request gets a 503 naming the variable, not a masked 500', async () => {
    const edge = await workerd({ DATABASE_URL: sqld.url, EDITOR_ORIGINS: 'https://newsroom.example/desk' });
    const message =
      'EDITOR_ORIGINS must list origins such as https://newsroom.example (no path); got "https://newsroom.example/desk".';
    const keyed = postInit(
      { query: '{ quotes(first: 1) { totalCount } }' },
      { origin: 'https://newsroom.example', authorization: 'Bearer dsk_x' },
    );
    for (const init of [QUERY, keyed]) {
      const answer = await edge('/graphql', init);
      expect(answer.status).toBe(503);
      expect(answer.body).toEqual({ errors: [{ message, extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
    }
    expect((await edge('/live')).status).toBe(200);
  });

  it('a DATABASE_URL the edge cannot use is named without echoing it', () => {
    expect(() => dbFromEnv({ DATABASE_URL: 'file:data/secret-name.db' })).toThrow(
      'DATABASE_URL must be a libsql://, https:// or http:// URL on the edge; got "file:…".',
    );
    expect(() => dbFromEnv({ DATABASE_URL: 'http://x', DATABASE_TIMEOUT_MS: 'soon' })).toThrow(/DATABASE_TIMEOUT_MS/);
  });
});
