/**
 * The wrangler-built Pages bundle inside workerd, against a real `sqld` over HTTP: the bundle's
 * size and contents, every route the Node server has, GraphiQL as a static asset identical to
 * Node's page, and the SQL round trips each request costs on the wire.
 */
import { readFile } from 'node:fs/promises';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EdgeBuild } from '../../scripts/edge/build.ts';
import { postInit, readmeQueries } from '../../scripts/edge/requests.ts';
import { countRoundTrips, type RoundTripCounter } from '../../scripts/edge/round-trips.ts';
import { migrateAndSeed, type Sqld, startSqld } from '../../scripts/edge/sqld.ts';
import { startWorkerd } from '../../scripts/edge/workerd.ts';
import { cacheControlAt } from '../../src/server/persisted.ts';
import { createDossierYoga } from '../../src/server/yoga.ts';
import { seededDb } from '../helpers.ts';
import { sharedEdgeBuild } from './shared-build.ts';

let build: EdgeBuild;
let sqld: Sqld | undefined;
let counter: RoundTripCounter | undefined;
let mf: Miniflare | undefined;
let schemaCheckTrips = Number.NaN;

beforeAll(async () => {
  build = await sharedEdgeBuild();
  sqld = await startSqld();
  await migrateAndSeed(sqld.url);
  counter = await countRoundTrips(sqld.url);
  // Round trips are counted with the response cache off: its probe and hits are tested below.
  mf = await startWorkerd(build, { DATABASE_URL: counter.url, RESPONSE_CACHE: 'off' });
  // An isolate's first request also checks the schema (src/server/schema-guard.ts: one round
  // trip, then at most every 30 s); paid here, so that the counts below are per request. The
  // check's own cost is counted in 'the schema check' below.
  counter.reset();
  await (await mf.dispatchFetch('http://localhost/health')).arrayBuffer();
  schemaCheckTrips = counter.total() - 1;
}, 120_000);

afterAll(async () => {
  await mf?.dispose();
  await counter?.close();
  await sqld?.stop();
});

function started<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} did not start (see beforeAll)`);
  return value;
}
const edge = (path: string, init?: RequestInit) =>
  started(mf, 'workerd').dispatchFetch(`http://localhost${path}`, init as never);

describe('the bundle', () => {
  it('stays under 1 MiB gzip and leaves GraphiQL (~9 MB) out', async () => {
    expect(build.gzipBytes).toBeLessThanOrEqual(1024 * 1024);
    const bundle = await readFile(build.scriptPath, 'utf8');
    expect(bundle).not.toContain('@graphql-yoga/render-graphiql');
    // With GraphiQL inside, the bundle would be bigger than the page itself.
    expect(build.graphiqlBytes).toBeGreaterThan(1024 * 1024);
    expect(build.rawBytes).toBeLessThan(build.graphiqlBytes);
  });

  // Every byte is parsed at each cold start (BENCHMARKS.md, "Edge bundle").
  it("holds one copy of graphql and none of zod's translations", async () => {
    const bundle = await readFile(build.scriptPath, 'utf8');
    // A message of graphql's lexer: once per copy (its CommonJS files came in by a deep import).
    expect(bundle.split('Unexpected character: ').length - 1).toBe(1);
    // German, from zod/v4/locales/de.js: `import { z }` kept every locale, `import * as z` only English.
    expect(bundle).not.toContain('erwartet');
  });
});

describe('the schema check', () => {
  it("costs one round trip on an isolate's first request", () => {
    expect(schemaCheckTrips).toBe(1);
  });
});

describe('routes in workerd', () => {
  it('GET /live answers 200 without asking the database', async () => {
    const wire = started(counter, 'the round-trip counter');
    wire.reset();
    const response = await edge('/live');
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    expect(wire.total()).toBe(0);
  });

  it('GET /health answers 200 {"status":"ok"} after one query to sqld', async () => {
    const wire = started(counter, 'the round-trip counter');
    wire.reset();
    const response = await edge('/health');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(wire.total()).toBe(1);
  });

  it('POST and GET /graphql read the seeded data from sqld', async () => {
    const post = await edge('/graphql', postInit({ query: '{ quotes(first: 1) { totalCount } }' }));
    expect(post.status).toBe(200);
    expect(await post.json()).toEqual({
      data: { quotes: { totalCount: 5 } },
      extensions: { cost: { requested: 1, limit: 500_000 } },
    });
    const get = await edge(`/graphql?query=${encodeURIComponent('{ articles(first: 1) { nodes { slug } } }')}`);
    expect(await get.json()).toEqual({
      data: { articles: { nodes: [{ slug: '2017-10-18-eu-police-decryption-plan' }] } },
      // The connection and its one node.
      extensions: { cost: { requested: 2, limit: 500_000 } },
    });
  });

  it("serves a browser's GET /graphql the static GraphiQL asset, byte-identical to Node's page", async () => {
    const response = await edge('/graphql', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    const node = createDossierYoga({ getDb: () => seededDb(), renderGraphiQL });
    const nodeHtml = await (await node.fetch('http://test/graphql', { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('<title>Dossier</title>');
    expect(html).toContain('query Quotes');
    expect(html === nodeHtml).toBe(true);
  });

  it('GET /csv answers the monthly article series as CSV, as on Node', async () => {
    const query =
      '{ timeSeries(entity: ARTICLES, bucket: MONTH, from: "2017-01-01", to: "2018-01-01") { time count } }';
    const response = await edge(`/csv?query=${encodeURIComponent(query)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines).toHaveLength(13);
    expect(lines[0]).toBe('time,count');
    expect(lines[10]).toBe('2017-10-01,1');
  });

  it('GET /persisted/funding-summary answers with Cache-Control for CDNs', async () => {
    const before = new Date();
    const response = await edge('/persisted/funding-summary');
    const after = new Date();
    expect(response.status).toBe(200);
    // 'public, max-age=60, stale-while-revalidate=600', shorter in the last minutes of a UTC day.
    expect([cacheControlAt(before), cacheControlAt(after)]).toContain(response.headers.get('cache-control'));
    const body = (await response.json()) as any;
    expect(body.data.fundingSummary[0].total).toEqual({ amount: '19000100.00', currencyCode: 'EUR' });
  });

  it('leaves other paths to the static assets (404 here)', async () => {
    const response = await edge('/nothing-here');
    expect(response.status).toBe(404);
    await response.arrayBuffer();
  });
});

describe('SQL round trips per request, counted on the wire', () => {
  async function roundTrips(query: string) {
    const wire = started(counter, 'the round-trip counter');
    wire.reset();
    const response = await edge('/graphql', postInit({ query }));
    const body = (await response.json()) as { errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect([...wire.byPath.keys()]).toEqual(['/v2/pipeline']);
    return wire.total();
  }

  it('one per root field, plus one for a root totalCount', async () => {
    const quotes = '{ quotes(first: 2) { totalCount nodes { text speaker { name } evidence { role exact } } } }';
    expect(await roundTrips(quotes)).toBe(2);
    const funding = '{ fundingItems(first: 3) { nodes { purpose amount { amount currencyCode } qualityFlags } } }';
    expect(await roundTrips(funding)).toBe(1);
    const measures = '{ measures(first: 20) { nodes { title deadline { earliest latest precision } } } }';
    expect(await roundTrips(measures)).toBe(1);
  });

  it("every README example stays far below the platform's 50 subrequests", async () => {
    for (const { query } of readmeQueries()) expect(await roundTrips(query)).toBeLessThanOrEqual(10);
  });

  it('a nested read (articles → quotes with totalCount → speaker → article) is still one', async () => {
    const nested = `{ articles(first: 5) { nodes { slug quotes(first: 10) { totalCount nodes { text
      speaker { name } article { headline } } } } } }`;
    expect(await roundTrips(nested)).toBe(1);
  });

  it('three root fields are three', async () => {
    const three =
      '{ articles(first: 1) { nodes { slug } } actors(first: 2) { nodes { name } } measures { nodes { title } } }';
    expect(await roundTrips(three)).toBe(3);
  });
});

describe('the response cache in workerd (on by default)', () => {
  let cached: Miniflare | undefined;
  beforeAll(async () => {
    cached = await startWorkerd(build, { DATABASE_URL: started(counter, 'the round-trip counter').url });
    await (await cached.dispatchFetch('http://localhost/health')).arrayBuffer(); // the schema check, once
  }, 60_000);
  afterAll(async () => {
    await cached?.dispose();
  });

  it('answers a repeated read from memory (one revision probe, no query), with an ETag and 304', async () => {
    const wire = started(counter, 'the round-trip counter');
    const query = '{ quotes(first: 2) { totalCount nodes { text } } }';
    const get = (headers: Record<string, string> = {}) =>
      started(cached, 'workerd').dispatchFetch(`http://localhost/graphql?query=${encodeURIComponent(query)}`, {
        headers,
      } as never);
    wire.reset();
    const miss = await get();
    const body = await miss.text();
    expect(wire.total()).toBe(3); // the revision probe, the page, its totalCount
    const etag = miss.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    wire.reset();
    const hit = await get();
    expect(await hit.text()).toBe(body);
    expect(wire.total()).toBe(1); // the revision probe only
    const notModified = await get({ 'if-none-match': etag ?? '' });
    expect(notModified.status).toBe(304);
    await notModified.arrayBuffer();
  });
});
