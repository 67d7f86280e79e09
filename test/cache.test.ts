/**
 * The response cache: repeated reads come from memory, ETags give 304s, and any import (which
 * bumps the data revision) or a new day (answers can depend on it) makes every cached answer and
 * ETag stale at once. Saved queries are served at stable GET URLs with Cache-Control for CDNs.
 * Each test has its own database and server, so none depends on what another cached; the clock
 * is the test's, so nothing depends on when the suite runs.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { SEEDS_FOLDER } from '../src/server/dataset-files.ts';
import { parseRevisionCheckMs } from '../src/server/revision-check.ts';
import { seedDb as seed } from '../src/server/seed.ts';
import { createDossierYoga } from '../src/server/yoga.ts';
import { ARTICLE_SLUG, SqlRecorder, seededDb } from './helpers.ts';

const QUERY = '{ fundingItems(first: 3, orderBy: { field: AMOUNT }) { nodes { amount { reportedText } } } }';
const NOON = new Date('2024-06-12T12:00:00Z');

/** A seeded database and a caching server of its own, on a clock the test can move. */
async function fresh(start = NOON) {
  const recorder = new SqlRecorder();
  const db: Db = await seededDb(recorder);
  const clock = { now: start };
  const yoga = createDossierYoga({
    getDb: () => db,
    responseCache: () => true,
    clock: () => clock.now,
    revisionCheckMs: () => 0,
  });
  const get = (path: string, headers: Record<string, string> = {}) => yoga.fetch(`http://test${path}`, { headers });
  const graphqlGet = (query: string, headers?: Record<string, string>) =>
    get(`/graphql?query=${encodeURIComponent(query)}`, headers);
  return { recorder, db, clock, yoga, get, graphqlGet };
}

describe('response cache', () => {
  it('answers a repeated read from memory: one revision probe instead of the query', async () => {
    const { recorder, graphqlGet } = await fresh();
    const miss = await graphqlGet(QUERY);
    const body = await miss.text();
    expect(JSON.parse(body).data.fundingItems.nodes.map((n: any) => n.amount.reportedText)).toEqual([
      '€100',
      '€500,000',
      '€18.5 million',
    ]);
    expect(recorder.statements).toHaveLength(2);
    expect(recorder.statements[0]).toMatch(/data_revision/);
    recorder.reset();
    const hit = await graphqlGet(QUERY);
    expect(await hit.text()).toBe(body);
    expect(recorder.statements).toEqual([expect.stringMatching(/data_revision/)]);
  });

  it('gives an ETag and answers If-None-Match with 304', async () => {
    const { graphqlGet } = await fresh();
    const first = await graphqlGet(QUERY);
    await first.text();
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const again = await graphqlGet(QUERY, { 'if-none-match': etag });
    expect(again.status).toBe(304);
  });

  it("answers 304 only to the ETag of the same query, never to another cached answer's", async () => {
    const { graphqlGet } = await fresh();
    const quotes = await graphqlGet('{ quotes(first: 1) { totalCount } }');
    expect((await quotes.json()).data.quotes.totalCount).toBe(5);
    const quotesEtag = quotes.headers.get('etag') ?? '';
    // Quoted as we send it, and bare, as some clients echo it: neither may confirm another query.
    for (const condition of [quotesEtag, quotesEtag.replaceAll('"', '')]) {
      const funding = await graphqlGet(QUERY, { 'if-none-match': condition });
      expect(funding.status).toBe(200);
      expect((await funding.json()).data.fundingItems.nodes[0].amount.reportedText).toBe('€100');
      expect(funding.headers.get('etag')).not.toBe(quotesEtag);
    }
    // …while the query's own ETag, bare or quoted, still gets its 304.
    const again = await graphqlGet('{ quotes(first: 1) { totalCount } }', { 'if-none-match': quotesEtag });
    expect(again.status).toBe(304);
    const bare = await graphqlGet('{ quotes(first: 1) { totalCount } }', {
      'if-none-match': quotesEtag.replaceAll('"', ''),
    });
    expect(bare.status).toBe(304);
  });

  it('drops every cached answer and ETag when an import changes the data', async () => {
    const { db, graphqlGet } = await fresh();
    const before = await graphqlGet(QUERY);
    await before.text();
    const staleEtag = before.headers.get('etag') ?? '';

    // Re-import the article with one amount's reported text edited (a test-only change).
    const folder = mkdtempSync(join(tmpdir(), 'dossier-cache-'));
    cpSync(SEEDS_FOLDER, folder, { recursive: true });
    const file = join(folder, 'articles', `${ARTICLE_SLUG}.json`);
    const article = JSON.parse(readFileSync(file, 'utf8'));
    const hundred = article.fundingItems.find((f: any) => f.reportedText === '€100');
    hundred.reportedText = '€100 (edited in a test)';
    writeFileSync(file, JSON.stringify(article));
    await seed(db, folder);

    const after = await graphqlGet(QUERY, { 'if-none-match': staleEtag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(staleEtag);
    const nodes = (await after.json()).data.fundingItems.nodes;
    expect(nodes[0].amount.reportedText).toBe('€100 (edited in a test)');
    await seed(db); // back to the real annotation
    const restored = await graphqlGet(QUERY);
    expect((await restored.json()).data.fundingItems.nodes[0].amount.reportedText).toBe('€100');
  });

  it('keeps each entry its own text and ETag, hit after hit, and new text once the data changes', async () => {
    const { db, yoga } = await fresh();
    const query =
      'query Items($first: Int) { fundingItems(first: $first, orderBy: { field: AMOUNT }) { nodes { amount { reportedText } } } }';
    const post = (first: number) =>
      yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables: { first } }),
      });
    const texts = (await Promise.all([1, 2].map(async (first) => (await post(first)).text()))) as [string, string];
    expect(JSON.parse(texts[0]).data.fundingItems.nodes).toEqual([{ amount: { reportedText: '€100' } }]);
    expect(JSON.parse(texts[1]).data.fundingItems.nodes.map((n: any) => n.amount.reportedText)).toEqual([
      '€100',
      '€500,000',
    ]);
    const etags = new Map<number, string | null>();
    for (const first of [1, 2, 1, 2, 1]) {
      const hit = await post(first);
      expect(await hit.text()).toBe(texts[first - 1]);
      expect(hit.headers.get('etag')).toMatch(/^"[0-9a-f]{64}"$/);
      if (etags.has(first)) expect(hit.headers.get('etag')).toBe(etags.get(first));
      etags.set(first, hit.headers.get('etag'));
    }
    expect(etags.get(1)).not.toBe(etags.get(2));
    await db.$client.batch([
      "UPDATE funding_items SET reported_text = '€100 (corrected)' WHERE reported_text = '€100'",
      'UPDATE data_revision SET revision = revision + 1 WHERE id = 1',
    ]);
    const after = await post(1);
    expect(JSON.parse(await after.text()).data.fundingItems.nodes).toEqual([
      { amount: { reportedText: '€100 (corrected)' } },
    ]);
    expect(after.headers.get('etag')).not.toBe(etags.get(1));
    const again = await post(1);
    expect(JSON.parse(await again.text()).data.fundingItems.nodes[0].amount.reportedText).toBe('€100 (corrected)');
  });

  it('never caches errors', async () => {
    const { graphqlGet } = await fresh();
    const bad = '{ fundingItems(first: 500) { totalCount } }';
    expect((await (await graphqlGet(bad)).json()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await graphqlGet(bad)).headers.get('etag')).toBeNull();
  });

  it('never caches introspection, and answers it in full each time', async () => {
    const { recorder, graphqlGet } = await fresh();
    const query = '{ __schema { mutationType { name } } quotes(first: 1) { totalCount } }';
    for (let i = 0; i < 2; i++) {
      recorder.reset();
      const response = await graphqlGet(query);
      expect(response.headers.get('etag')).toBeNull();
      expect((await response.json()).data).toEqual({
        __schema: { mutationType: { name: 'Mutation' } },
        quotes: { totalCount: 5 },
      });
      expect(recorder.statements.some((sql) => /from "quotes"/.test(sql))).toBe(true);
    }
  });

  it('answers a cached read with only what it selected: no field of its own added', async () => {
    const { graphqlGet } = await fresh();
    // Objects with an `id` field, selected without it: the answer carries neither id nor __typename.
    const query = '{ quotes(first: 1) { nodes { text speaker { name } } } }';
    const texts: string[] = [];
    for (let i = 0; i < 2; i++) texts.push(await (await graphqlGet(query)).text());
    expect(texts[1]).toBe(texts[0]);
    expect(JSON.parse(texts[0] ?? '')).toEqual({
      data: {
        quotes: {
          nodes: [
            {
              text: expect.stringMatching(/^is far from clear that encryption is a key tool/),
              speaker: { name: 'Civil Liberties Union for Europe' },
            },
          ],
        },
      },
      extensions: { cost: { requested: expect.any(Number), limit: expect.any(Number) } },
    });
  });
});

describe('the revision check (REVISION_CHECK_MS)', () => {
  /** Another process's write: the data and the revision, not through this process's src/ingest. */
  const writeElsewhere = (db: Db) =>
    db.$client.batch([
      "UPDATE funding_items SET reported_text = '€100 (written elsewhere)' WHERE reported_text = '€100'",
      'UPDATE data_revision SET revision = revision + 1 WHERE id = 1',
    ]);

  it('reads the revision at most once per interval; a hit then never reaches the database', async () => {
    const recorder = new SqlRecorder();
    const db = await seededDb(recorder);
    const clock = { now: NOON };
    const yoga = createDossierYoga({
      getDb: () => db,
      responseCache: () => true,
      clock: () => clock.now,
      revisionCheckMs: () => 1000,
    });
    const amount = async () => {
      const response = await yoga.fetch(`http://test/graphql?query=${encodeURIComponent(QUERY)}`);
      return (await response.json()).data.fundingItems.nodes[0].amount.reportedText;
    };
    expect(await amount()).toBe('€100');
    expect(recorder.statements[0]).toMatch(/data_revision/);

    await writeElsewhere(db);
    recorder.reset();
    clock.now = new Date(NOON.getTime() + 999);
    expect(await amount()).toBe('€100'); // within the interval: the cached answer, stale by < 1 s
    expect(recorder.statements).toEqual([]);

    clock.now = new Date(NOON.getTime() + 1000);
    expect(await amount()).toBe('€100 (written elsewhere)'); // the interval is over: read, moved, dropped
    expect(recorder.statements[0]).toMatch(/data_revision/);
    recorder.reset();
    expect(await amount()).toBe('€100 (written elsewhere)');
    expect(recorder.statements).toEqual([]);

    // This process's own write (src/ingest) is seen at once, inside the interval.
    await seed(db);
    recorder.reset();
    expect(await amount()).toBe('€100');
    expect(recorder.statements[0]).toMatch(/data_revision/);
  });

  it('at 0, as the tests run, every request reads it and sees any write at once', async () => {
    const { db, recorder, graphqlGet } = await fresh();
    await (await graphqlGet(QUERY)).text();
    await writeElsewhere(db);
    recorder.reset();
    const after = await graphqlGet(QUERY);
    expect((await after.json()).data.fundingItems.nodes[0].amount.reportedText).toBe('€100 (written elsewhere)');
    expect(recorder.statements[0]).toMatch(/data_revision/);
  });

  it('REVISION_CHECK_MS is checked: a bad value is named', () => {
    expect(parseRevisionCheckMs(undefined)).toBe(1000);
    expect(parseRevisionCheckMs('0')).toBe(0);
    expect(parseRevisionCheckMs('250')).toBe(250);
    expect(() => parseRevisionCheckMs('-1')).toThrow(
      'REVISION_CHECK_MS must be a number of milliseconds, 0 or more; got "-1".',
    );
    expect(() => parseRevisionCheckMs('soon')).toThrow(/REVISION_CHECK_MS .* got "soon"/);
  });
});

describe('saved queries', () => {
  it('serves /persisted/funding-summary with Cache-Control for CDNs', async () => {
    const { get } = await fresh();
    const response = await get('/persisted/funding-summary');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=600');
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{64}"$/);
    const { data } = await response.json();
    expect(data.fundingSummary[0]).toMatchObject({ currencyCode: 'EUR', count: 3, total: { amount: '19000100.00' } });
  });

  it('serves a saved time series as CSV, with variables', async () => {
    const { get } = await fresh();
    const variables = encodeURIComponent(JSON.stringify({ from: '2017-01-01', to: '2018-01-01' }));
    const response = await get(`/persisted/articles-per-month.csv?variables=${variables}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parse(await response.text(), { columns: true });
    expect(rows).toHaveLength(12);
    expect(rows[9]).toMatchObject({ time: '2017-10-01', count: '1' });
  });

  it('answers 404 for an unknown name, 405 for POST, and no-store for a failing one', async () => {
    const { get, yoga } = await fresh();
    const unknown = await get('/persisted/drop-everything');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toMatch(/No saved query "drop-everything". Known: funding-summary/);
    expect((await yoga.fetch('http://test/persisted/funding-summary', { method: 'POST' })).status).toBe(405);
    const missingVariables = await get('/persisted/articles-per-month');
    expect(missingVariables.headers.get('cache-control')).toBe('no-store');
    expect((await missingVariables.json()).errors[0].message).toMatch(/\$from/);
  });
});

describe('answers that depend on the day', () => {
  const OVERDUE = '{ measures(filter: { overdue: {} }) { totalCount nodes { title } } }';
  // The three measures due "within the next 16 months" of 2017-10-18 have 2019-02-28 as their last day.
  const LAST_DAY = new Date('2019-02-28T23:59:30Z');
  const NEXT_DAY = new Date('2019-03-01T00:00:30Z');
  const DUE_IN_FEBRUARY = [
    'Network of encryption experts',
    'Tool box of alternative investigation techniques',
    'Training programme to train police',
  ];
  const titles = (body: any) => body.data.measures.nodes.map((n: any) => n.title).sort();

  it('a cached `overdue` without asOf is not served the next day, nor is its ETag confirmed', async () => {
    const { clock, recorder, graphqlGet } = await fresh(LAST_DAY);
    const before = await graphqlGet(OVERDUE);
    expect((await before.json()).data.measures.totalCount).toBe(0);
    const etag = before.headers.get('etag') ?? '';
    recorder.reset();
    expect((await graphqlGet(OVERDUE, { 'if-none-match': etag })).status).toBe(304); // same day: cached
    expect(recorder.statements).toEqual([expect.stringMatching(/data_revision/)]);

    clock.now = NEXT_DAY;
    const after = await graphqlGet(OVERDUE, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const body = await after.json();
    expect(body.data.measures.totalCount).toBe(3);
    expect(titles(body)).toEqual(DUE_IN_FEBRUARY);
  });

  it('an explicit asOf gives the same answer whatever the day', async () => {
    const { clock, graphqlGet } = await fresh(LAST_DAY);
    const query = '{ measures(filter: { overdue: { asOf: "2019-03-01" } }) { totalCount nodes { title } } }';
    const before = await (await graphqlGet(query)).json();
    clock.now = new Date('2031-01-01T00:00:00Z');
    const after = await (await graphqlGet(query)).json();
    expect(titles(before)).toEqual(DUE_IN_FEBRUARY);
    expect(after).toEqual(before);
  });

  it('/persisted/overdue-measures is never CDN-cacheable past midnight UTC, and changes with the day', async () => {
    const { clock, get } = await fresh(LAST_DAY);
    const before = await get('/persisted/overdue-measures');
    // 30 s left in the day: fresh for those 30 s, never served stale after them.
    expect(before.headers.get('cache-control')).toBe('public, max-age=30, stale-while-revalidate=0');
    expect((await before.json()).data.measures.totalCount).toBe(0);

    clock.now = NEXT_DAY;
    const after = await get('/persisted/overdue-measures', { 'if-none-match': before.headers.get('etag') ?? '' });
    expect(after.status).toBe(200);
    expect(after.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=600');
    const body = await after.json();
    expect(body.data.measures.totalCount).toBe(3);
    expect(titles(body)).toEqual(DUE_IN_FEBRUARY);
  });
});
