/**
 * One deadline per request on Node, with the embedded database in worker threads: `/live`
 * answers while a statement runs; a request whose database work outlives DATABASE_TIMEOUT_MS gets
 * 503 TIMEOUT with Retry-After on every route; a client that leaves cancels what its request had
 * not yet run; a thread whose statement overran is replaced without harm. The only time checks
 * are coarse bounds with 2 s of margin; the rest is ordering (what finished before what).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/db/client.ts';
import { migrateDb } from '../src/db/migrate.ts';
import { DeadlineExceeded, RequestCancelled, type SignalAwareClient } from '../src/db/request-signal.ts';
import { openWorkerClient, workerStats } from '../src/db/worker/worker-client.ts';
import { seedDb } from '../src/server/seed.ts';
import { createDossierYoga } from '../src/server/yoga.ts';
import { SLOW_STATEMENT } from './helpers.ts';

const DEADLINE_MS = 1000;
const MARGIN_MS = 2000;
const SLOW = SLOW_STATEMENT;
const QUOTES = '{ quotes(first: 1) { totalCount } }';

let dir: string;
let client: SignalAwareClient;
let db: Db;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-deadline-'));
  // One thread: a slow statement there makes every other statement wait behind it.
  client = await openWorkerClient({ url: `file:${join(dir, 'dossier.db')}` }, 1);
  db = createDb(client);
  await migrateDb(db);
  await seedDb(db);
}, 60_000);

afterAll(async () => {
  client.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs SLOW on the pool's thread; `done()` tells whether it has finished. */
function startSlow(on: Client = client) {
  let finished = false;
  const result = on.execute(SLOW).finally(() => {
    finished = true;
  });
  return { result, done: () => finished };
}

function server(timeoutMs = DEADLINE_MS) {
  return createDossierYoga({
    getDb: () => db,
    databaseTimeoutMs: () => timeoutMs,
    responseCache: () => true,
    revisionCheckMs: () => 0,
  });
}

const post = (query: string, signal?: AbortSignal) =>
  new Request('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    signal,
  });

describe('the event loop stays free while a statement runs', () => {
  it('/live answers, and a query is answered, while a multi-second statement holds the thread', async () => {
    const yoga = server(30_000);
    expect((await (await yoga.fetch(post(QUOTES))).json()) as object).toMatchObject({
      data: { quotes: { totalCount: 5 } },
    });
    const slow = startSlow();
    const live = await yoga.fetch('http://test/live');
    expect(live.status).toBe(200);
    expect(slow.done()).toBe(false); // answered while the statement still ran
    expect(Number((await slow.result).rows[0]?.c)).toBe(8_000_000);
  }, 60_000);
});

describe('one deadline per request', () => {
  it('503 TIMEOUT with Retry-After on /graphql, /csv and /persisted/* once the deadline passes', async () => {
    const yoga = server();
    const slow = startSlow();
    const started = performance.now();
    const [graphql, csv, persisted, persistedCsv] = await Promise.all([
      yoga.fetch(post(QUOTES)),
      yoga.fetch(`http://test/csv?query=${encodeURIComponent('{ quotes(first: 2) { nodes { text } } }')}`),
      yoga.fetch('http://test/persisted/funding-summary'),
      yoga.fetch('http://test/persisted/quotes-by-speaker.csv'),
    ]);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(DEADLINE_MS + MARGIN_MS);
    expect(slow.done()).toBe(false); // the answers did not wait for the statement ahead of them
    for (const response of [graphql, csv, persisted, persistedCsv]) {
      expect(response.status, response.url).toBe(503);
      expect(response.headers.get('retry-after'), response.url).toBe('5');
      expect(response.headers.get('cache-control'), response.url).toBe('no-store');
    }
    expect(await graphql.json()).toMatchObject({
      errors: [
        {
          message: 'The request took longer than the server allows. Try again shortly, or ask for less.',
          extensions: { code: 'TIMEOUT' },
        },
      ],
    });
    expect(await csv.text()).toBe(
      'The request took longer than the server allows. Try again shortly, or ask for less.',
    );
    expect(((await persisted.json()) as any).errors[0].extensions.code).toBe('TIMEOUT');
    await slow.result;
    // The same server answers once the thread is free: nothing was left broken.
    expect(await (await yoga.fetch(post(QUOTES))).json()).toMatchObject({ data: { quotes: { totalCount: 5 } } });
  }, 60_000);

  it('a client that disconnects cancels the statements its request had not run yet', async () => {
    const yoga = server(30_000);
    const stats = workerStats(client);
    if (!stats) throw new Error('the worker client reports no stats');
    const slow = startSlow();
    const controller = new AbortController();
    const answer = Promise.resolve(yoga.fetch(post(QUOTES, controller.signal))).catch((error: unknown) => error);
    while (stats.queued === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await answer;
    expect(stats.queued).toBe(0); // dropped from the queue at once
    await slow.result;
    const before = stats.answered;
    await client.execute('SELECT 1');
    // Only the probe ran after the slow statement: the cancelled request's query never did.
    expect(stats.answered).toBe(before + 1);
  }, 60_000);
});

describe('a thread whose statement overran', () => {
  it('is retired: the caller stops waiting at once, a fresh thread serves the next statement', async () => {
    const stats = workerStats(client);
    if (!stats) throw new Error('the worker client reports no stats');
    const retiredBefore = stats.retired;
    const controller = new AbortController();
    const slow = startSlow(client.withSignal(controller.signal));
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort(new DeadlineExceeded(50));
    await expect(slow.result).rejects.toBeInstanceOf(DeadlineExceeded);
    expect(stats.retired).toBe(retiredBefore + 1);
    // The replacement answers while the retired thread is still inside its statement.
    const probe = await client.execute('SELECT count(*) AS n FROM quotes');
    expect(Number(probe.rows[0]?.n)).toBe(5);
    expect(stats.retiring).toBe(1);
    // It ends by itself once the statement returns (and the process with it does not crash).
    while (stats.retiring > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(Number((await client.execute('SELECT 1 AS one')).rows[0]?.one)).toBe(1);
  }, 60_000);

  it('a signal already aborted runs nothing', async () => {
    const controller = new AbortController();
    controller.abort(new RequestCancelled());
    await expect(client.withSignal(controller.signal).execute('SELECT 1')).rejects.toBeInstanceOf(RequestCancelled);
  });
});
