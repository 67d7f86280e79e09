/**
 * The edge's shared cache: saved queries and CSV go through the Workers Cache API
 * (`caches.default`), here Miniflare's emulation of it (Cloudflare applies it only on a custom
 * domain). Entries are keyed by URL, data revision and day; what is stored carries no request ID
 * nor RateLimit-* header, and a hit gets fresh ones and is charged what its answer cost. A request
 * with a key bypasses it; a write elsewhere is seen by the next request (REVISION_CHECK_MS=0 in
 * tests); with a longer interval a hit never reaches the database.
 */
import { parse } from 'csv-parse/sync';
import { type Miniflare, Response as MiniflareResponse } from 'miniflare';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countRoundTrips, type RoundTripCounter } from '../../scripts/edge/round-trips.ts';
import { migrateAndSeed, type Sqld, startSqld } from '../../scripts/edge/sqld.ts';
import { startWorkerd } from '../../scripts/edge/workerd.ts';
import { createApiKey } from '../../src/auth/manage.ts';
import { createDb } from '../../src/db/client.ts';
import { openClient } from '../../src/db/node-client.ts';
import { sharedEdgeBuild } from './shared-build.ts';

let sqld: Sqld | undefined;
let wire: RoundTripCounter | undefined;
/** REVISION_CHECK_MS=0, as tests run: every request reads the revision. */
let mf: Miniflare | undefined;
/** REVISION_CHECK_MS=60000: a hit within a minute of the last read asks the database nothing. */
let slow: Miniflare | undefined;
let apiKey = '';

// A budget that does not refill during the test, so what a request is charged can be read off.
const STILL_BUDGET = { RATE_LIMIT_POINTS: '1000000', RATE_LIMIT_WINDOW: '31536000' };

beforeAll(async () => {
  const build = await sharedEdgeBuild();
  sqld = await startSqld();
  await migrateAndSeed(sqld.url);
  const created = await withSqld((db) =>
    createApiKey(db, { name: 'cache-api', role: 'EDITOR' }, { editor: 'test', operation: 'apiKeyCreate' }),
  );
  if (!created.ok) throw new Error(created.message);
  apiKey = created.value.key;
  wire = await countRoundTrips(sqld.url);
  mf = await startWorkerd(build, { DATABASE_URL: wire.url, ...STILL_BUDGET });
  slow = await startWorkerd(build, { DATABASE_URL: wire.url, REVISION_CHECK_MS: '60000' });
}, 120_000);

afterAll(async () => {
  await mf?.dispose();
  await slow?.dispose();
  await wire?.close();
  await sqld?.stop();
});

async function withSqld<T>(task: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const client = openClient({ url: (sqld as Sqld).url });
  try {
    return await task(createDb(client));
  } finally {
    client.close();
  }
}

const revision = () =>
  withSqld(async (db) => Number((await db.$client.execute('SELECT revision FROM data_revision')).rows[0]?.revision));

/** Another process's write: an amount's reported text, and the revision, straight into sqld. */
const writeElsewhere = (from: string, to: string) =>
  withSqld((db) =>
    db.$client.batch([
      { sql: 'UPDATE funding_items SET reported_text = ? WHERE reported_text = ?', args: [to, from] },
      'UPDATE data_revision SET revision = revision + 1 WHERE id = 1',
    ]),
  );

function get(worker: Miniflare | undefined, path: string, headers: Record<string, string> = {}) {
  if (!worker) throw new Error('workerd did not start (see beforeAll)');
  return worker.dispatchFetch(`http://localhost${path}`, { headers } as never);
}

/**
 * Each test reads and plants entries under today's key, which changes at UTC midnight: a test that
 * straddles it would look under the other day's. One that would start within a minute of
 * midnight waits until the day has turned (each takes seconds).
 */
async function clearOfUtcMidnight(marginMs = 60_000): Promise<void> {
  const untilMidnight = 86_400_000 - (Date.now() % 86_400_000);
  if (untilMidnight < marginMs) await new Promise((resolve) => setTimeout(resolve, untilMidnight + 1000));
}

beforeEach(() => clearOfUtcMidnight(), 70_000);

/** Where edge-cache.ts stores an answer: the URL under its revision and day. */
const keyOf = (path: string, rev: number) =>
  `http://localhost/.dossier-cache/${rev}/${new Date().toISOString().slice(0, 10)}${path}`;

/** Miniflare's handle on the worker's `caches.default`. */
async function defaultCache(worker: Miniflare | undefined) {
  const caches = (await (worker as Miniflare).getCaches()) as unknown as {
    default: {
      match(key: string): Promise<MiniflareResponse | undefined>;
      put(key: string, response: MiniflareResponse): Promise<void>;
    };
  };
  return caches.default;
}

const stored = async (worker: Miniflare | undefined, key: string) => (await defaultCache(worker)).match(key);

type WithHeaders = { headers: { get(name: string): string | null } };
const charged = (before: WithHeaders, after: WithHeaders) =>
  Number(before.headers.get('ratelimit-remaining')) - Number(after.headers.get('ratelimit-remaining'));

const CSV_PATH = `/csv?query=${encodeURIComponent('{ fundingItems(first: 3, orderBy: { field: AMOUNT }) { nodes { amount { reportedText } } } }')}`;

describe('the Cache API on the edge (Miniflare)', () => {
  it('stores a saved query without per-request headers; a hit gets fresh ones and is charged its cost', async () => {
    const path = '/persisted/funding-summary';
    const first = await get(mf, '/persisted/measures-by-status'); // a baseline for the budget
    await first.arrayBuffer();
    const miss = await get(mf, path);
    const body = await miss.text();
    expect(JSON.parse(body).data.fundingSummary[0]).toMatchObject({
      currencyCode: 'EUR',
      total: { amount: '19000100.00' },
    });
    expect(miss.headers.get('cf-cache-status')).toBeNull();

    const entry = await stored(mf, keyOf(path, await revision()));
    expect(entry).toBeDefined();
    expect(await entry?.text()).toBe(body);
    for (const name of [
      'x-request-id',
      'ratelimit-limit',
      'ratelimit-remaining',
      'ratelimit-reset',
      'ratelimit-policy',
    ]) {
      expect(entry?.headers.get(name)).toBeNull();
    }
    expect(entry?.headers.get('etag')).toBe(miss.headers.get('etag'));

    (wire as RoundTripCounter).reset();
    const hit = await get(mf, path);
    expect(await hit.text()).toBe(body);
    expect(hit.headers.get('cf-cache-status')).toBe('HIT'); // Miniflare marks what its Cache API answered
    expect((wire as RoundTripCounter).total()).toBe(1); // the revision read (REVISION_CHECK_MS=0), no query
    expect(hit.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(hit.headers.get('x-request-id')).not.toBe(miss.headers.get('x-request-id'));
    expect(hit.headers.get('cache-control')).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+$/);
    expect(hit.headers.get('x-dossier-cost')).toBeNull();
    // The hit is charged the cost its answer carries (fundingSummary's row cap, ×3), as the miss was.
    const cost = JSON.parse(body).extensions.cost.requested;
    expect(cost).toBe(3000);
    expect(charged(first, miss)).toBe(cost);
    expect(charged(miss, hit)).toBe(cost);

    const notModified = await get(mf, path, { 'if-none-match': hit.headers.get('etag') ?? '' });
    expect(notModified.status).toBe(304);
    await notModified.arrayBuffer();
  });

  it('keys CSV by the data revision: a write elsewhere is a miss with the new data, under a new key', async () => {
    const amounts = async () =>
      (parse(await (await get(mf, CSV_PATH)).text(), { columns: true }) as Record<string, string>[]).map(
        (row) => row['nodes.amount.reportedText'] ?? row['amount.reportedText'],
      );
    expect(await amounts()).toEqual(['€100', '€500,000', '€18.5 million']);
    expect(await amounts()).toEqual(['€100', '€500,000', '€18.5 million']); // a hit
    const before = await revision();
    expect(await stored(mf, keyOf(CSV_PATH, before))).toBeDefined();
    await writeElsewhere('€100', '€100 (written in a test)');
    try {
      (wire as RoundTripCounter).reset();
      expect(await amounts()).toEqual(['€100 (written in a test)', '€500,000', '€18.5 million']);
      expect((wire as RoundTripCounter).total()).toBeGreaterThan(1); // the revision read and the query
      const hit = await get(mf, CSV_PATH);
      expect(hit.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(hit.headers.get('cf-cache-status')).toBe('HIT');
      expect(hit.headers.get('cache-control')).toBeNull(); // /csv sets none; the entry's own TTL stays inside
      await hit.arrayBuffer();
      expect(await stored(mf, keyOf(CSV_PATH, before + 1))).toBeDefined();
    } finally {
      await writeElsewhere('€100 (written in a test)', '€100');
    }
  });

  it('serves what the Cache API holds; a request with a key neither reads nor fills it', async () => {
    const path = '/persisted/measures-by-status';
    const key = keyOf(path, await revision());
    await (await defaultCache(mf)).put(
      key,
      new MiniflareResponse('{"data":{"measureStats":"planted by the test"}}', {
        headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=600' },
      }),
    );
    const anonymous = await get(mf, path);
    expect(((await anonymous.json()) as any).data.measureStats).toBe('planted by the test');

    const withKey = await get(mf, path, { authorization: `Bearer ${apiKey}` });
    expect(withKey.status).toBe(200);
    const stats = ((await withKey.json()) as any).data.measureStats as { status: string; count: number }[];
    expect(stats.find((s) => s.status === 'PROPOSED')?.count).toBe(5);
    expect(await (await stored(mf, key))?.text()).toBe('{"data":{"measureStats":"planted by the test"}}');
  });

  it('with REVISION_CHECK_MS=60000, a hit asks the database nothing', async () => {
    const path = '/persisted/quotes-by-speaker';
    const miss = await get(slow, path);
    const body = await miss.text();
    expect(JSON.parse(body).data.quoteStats).toContainEqual({ speaker: { name: 'Julian King' }, count: 4 });
    (wire as RoundTripCounter).reset();
    const hit = await get(slow, path);
    expect(await hit.text()).toBe(body);
    expect(hit.headers.get('cf-cache-status')).toBe('HIT');
    expect((wire as RoundTripCounter).total()).toBe(0);
  });
});
