/**
 * The one write path: re-import semantics (facts no longer listed lose this article's evidence
 * and vanish when no article reports them), reviewed facts protected, dry runs equal to real
 * runs, idempotency, history, and the export → import round trip.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { exportDataset } from '../src/ingest/export.ts';
import { validateImport } from '../src/ingest/validate.ts';
import { type ImportOptions, importArticles } from '../src/ingest/write.ts';
import { readImportPath, SEEDS_FOLDER, writeDataset } from '../src/server/dataset-files.ts';
import { ARTICLE_SLUG, emptyDb, seededDb, serverFor } from './helpers.ts';
import { syntheticImportArticle } from './synthetic-article.ts';

const BODY = readFileSync(join(SEEDS_FOLDER, 'articles', `${ARTICLE_SLUG}.txt`), 'utf8');
const JSON_TEXT = readFileSync(join(SEEDS_FOLDER, 'articles', `${ARTICLE_SLUG}.json`), 'utf8');
const seedArticle = () => JSON.parse(JSON_TEXT);
const AS_TEST: ImportOptions = { editor: 'test-editor', operation: 'articleImport' };

const QUOTE_ID = 'king-quote-public-spaces';
const QUOTE_GID = Buffer.from(`Quote:${QUOTE_ID}`).toString('base64');

function importOne(db: Db, json: unknown, options: Partial<ImportOptions> = {}, body = BODY) {
  return importArticles(db, validateImport({ articles: [{ json, body }] }), { ...AS_TEST, ...options });
}

async function revision(db: Db): Promise<number> {
  const [row] = (await db.all(sql`SELECT revision FROM data_revision`)) as [{ revision: number }?];
  return row?.revision ?? 0;
}

const TABLES = ['articles', 'actors', 'measures', 'positions', 'funding_items', 'quotes', 'figures', 'events'];
const LINKS = ['reports', 'evidence', 'history', 'measure_actors', 'funding_item_flags', 'mentions', 'actor_aliases'];

async function counts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of [...TABLES, ...LINKS]) {
    const [{ n }] = (await db.all(sql.raw(`SELECT count(*) AS n FROM ${table}`))) as [{ n: number }];
    out[table] = n;
  }
  return out;
}

async function historyOf(db: Db, type: string, key: string) {
  return (await db.all(
    sql`SELECT editor, operation, change, changed_fields AS changedFields, before, after FROM history
        WHERE subject_type = ${type} AND subject_key = ${key} ORDER BY id`,
  )) as { editor: string; operation: string; change: string; changedFields: string; before: string; after: string }[];
}

describe('seeding through the write path', () => {
  it('records who created every article, fact and actor, and bumps the revision once', async () => {
    const db = await seededDb();
    expect(await revision(db)).toBe(1);
    const created = await historyOf(db, 'Quote', QUOTE_ID);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ editor: 'seed', operation: 'seed', change: 'CREATED', before: null });
    expect(JSON.parse(created[0]?.after ?? '{}').text).toBe(
      'to make public spaces less vulnerable without completely changing their nature',
    );
    const rows = (await db.all(sql`SELECT subject_type AS type, count(*) AS n FROM history GROUP BY 1 ORDER BY 1`)) as {
      type: string;
      n: number;
    }[];
    expect(Object.fromEntries(rows.map((r) => [r.type, r.n]))).toMatchObject({
      Article: 1,
      Measure: 8,
      Position: 7,
      FundingItem: 3,
      Quote: 5,
      Figure: 4,
      Event: 9,
    });
  });

  it('sending the same import twice changes nothing the second time', async () => {
    const db = await seededDb();
    const before = await counts(db);
    const again = await importOne(db, seedArticle());
    expect(again.written).toBe(false);
    expect(again.revision).toBe(1);
    expect(again.summary.articles[0]?.change).toBe('UNCHANGED');
    const quotes = again.summary.articles[0]?.facts.find((f) => f.type === 'Quote');
    expect(quotes).toEqual({
      type: 'Quote',
      added: [],
      changed: [],
      removed: [],
      unchanged: [
        'civil-liberties-union-quote-encryption-terrorists',
        'king-quote-agreements-progress',
        'king-quote-backdoors-weaken-cyber-security',
        'king-quote-public-spaces',
        'king-quote-support-law-enforcement',
      ],
    });
    expect(await counts(db)).toEqual(before);
    expect(await revision(db)).toBe(1);
  });
});

describe('re-importing an article', () => {
  it('drops a quote the annotation no longer lists from every read, and keeps its removal in history', async () => {
    const db = await seededDb();
    const gql = serverFor(db);
    const json = seedArticle();
    json.quotes = json.quotes.filter((q: { id: string }) => q.id !== QUOTE_ID);
    const result = await importOne(db, json);
    expect(result.written).toBe(true);
    expect(result.revision).toBe(2);
    expect(result.summary.articles[0]?.facts.find((f) => f.type === 'Quote')?.removed).toEqual([QUOTE_ID]);
    expect(result.summary.deleted).toEqual([{ type: 'Quote', id: QUOTE_ID }]);

    const read = await gql(`{
      node(id: "${QUOTE_GID}") { id }
      quotes { totalCount nodes { key } }
      search(query: "\\"changing their nature\\"", types: [QUOTE]) { totalCount }
      article(slug: "${ARTICLE_SLUG}") { quotes { totalCount } }
    }`);
    expect(read.errors).toBeUndefined();
    expect(read.data.node).toBeNull();
    expect(read.data.quotes.totalCount).toBe(4);
    expect(read.data.quotes.nodes.map((q: { key: string }) => q.key)).not.toContain(QUOTE_ID);
    expect(read.data.search.totalCount).toBe(0);
    expect(read.data.article.quotes.totalCount).toBe(4);
    const [{ n }] = (await db.all(sql`SELECT count(*) AS n FROM evidence WHERE quote_id = ${QUOTE_ID}`)) as [
      { n: number },
    ];
    expect(n).toBe(0);

    const history = await historyOf(db, 'Quote', QUOTE_ID);
    expect(history.map((h) => [h.editor, h.change])).toEqual([
      ['seed', 'CREATED'],
      ['test-editor', 'REMOVED'],
    ]);
    const removed = JSON.parse(history[1]?.before ?? '{}');
    expect(removed.text).toBe('to make public spaces less vulnerable without completely changing their nature');
    expect(removed.evidence.map((e: { exact: string }) => e.exact)).toContain(
      'to make public spaces less vulnerable without completely changing their nature',
    );
  });

  it('keeps a fact another article still reports, with that article’s evidence only', async () => {
    const db = await seededDb();
    const gql = serverFor(db);
    // A second, clearly synthetic article that reports one of the seed's figures.
    const body = 'A synthetic test article. It repeats that Europol gets 86 additional staff.';
    const exact = '86 additional staff';
    const start = body.indexOf(exact);
    const figure = seedArticle().figures.find((f: { id: string }) => f.id === 'europol-additional-staff');
    const second = syntheticImportArticle({
      slug: 'synthetic-test-second-article',
      headline: 'Synthetic test article',
      publishedOn: seedArticle().publishedOn,
      figures: [{ ...figure, measure: null, evidence: [{ start, end: start + exact.length, exact, role: 'AMOUNT' }] }],
    });
    const added = await importOne(db, second, {}, body);
    expect(added.summary.articles[0]?.facts.find((f) => f.type === 'Figure')?.added).toEqual([
      'europol-additional-staff',
    ]);
    // The figure's `measure` link changed (to null) through the second article: it is "changed" there too.
    expect(added.problems).toEqual([]);

    const first = seedArticle();
    first.figures = first.figures.filter((f: { id: string }) => f.id !== 'europol-additional-staff');
    const result = await importOne(db, first);
    expect(result.summary.articles[0]?.facts.find((f) => f.type === 'Figure')?.removed).toEqual([
      'europol-additional-staff',
    ]);
    expect(result.summary.deleted).toEqual([]);
    const gid = Buffer.from('Figure:europol-additional-staff').toString('base64');
    const read = await gql(`{ node(id: "${gid}") { ... on Figure { value evidence { exact article { slug } } } } }`);
    expect(read.data.node).toEqual({
      value: 86,
      evidence: [{ exact: '86 additional staff', article: { slug: 'synthetic-test-second-article' } }],
    });
  });

  it('never changes a reviewed fact: conflicts are listed and nothing is written', async () => {
    const db = await seededDb();
    const confirmed = seedArticle();
    const quote = confirmed.quotes.find((q: { id: string }) => q.id === QUOTE_ID);
    quote.reviewStatus = 'CONFIRMED';
    await importOne(db, confirmed);
    const before = await counts(db);
    const rev = await revision(db);

    // The original annotation (UNREVIEWED) without another quote, and with the confirmed one's text changed.
    const reimport = seedArticle();
    reimport.quotes.find((q: { id: string }) => q.id === QUOTE_ID).text = 'changed by a careless re-import';
    const result = await importOne(db, reimport);
    expect(result.written).toBe(false);
    expect(result.conflicts).toEqual([
      {
        type: 'Quote',
        id: QUOTE_ID,
        article: ARTICLE_SLUG,
        reviewStatus: 'CONFIRMED',
        change: 'CHANGED',
        changedFields: ['reviewStatus', 'text'],
      },
    ]);
    expect(result.problems.map((p) => [p.code, p.field])).toEqual([
      ['REVIEWED_FACT_CONFLICT', ['articles', '0', 'quotes']],
    ]);
    expect(await counts(db)).toEqual(before);
    expect(await revision(db)).toBe(rev);

    const removal = seedArticle();
    removal.quotes = removal.quotes.filter((q: { id: string }) => q.id !== QUOTE_ID);
    const removed = await importOne(db, removal);
    expect(removed.conflicts.map((c) => [c.id, c.change])).toEqual([[QUOTE_ID, 'REMOVED']]);
    expect(await counts(db)).toEqual(before);

    const forced = await importOne(db, reimport, { overwriteReviewed: true });
    expect(forced.written).toBe(true);
    expect(forced.problems).toEqual([]);
    const gql = serverFor(db);
    const read = await gql(`{ node(id: "${QUOTE_GID}") { ... on Quote { text reviewStatus } } }`);
    expect(read.data.node).toEqual({ text: 'changed by a careless re-import', reviewStatus: 'UNREVIEWED' });
  });

  it('a dry run returns the same summary as the real run and moves neither the revision nor any row', async () => {
    const db = await seededDb();
    const json = seedArticle();
    json.quotes = json.quotes.filter((q: { id: string }) => q.id !== QUOTE_ID);
    json.figures.find((f: { id: string }) => f.id === 'europol-additional-staff').approximate = true;
    json.headline = 'A headline edited for this test';
    const before = await counts(db);
    const dry = await importOne(db, json, { dryRun: true });
    expect(dry.written).toBe(false);
    expect(await counts(db)).toEqual(before);
    expect(await revision(db)).toBe(1);

    const real = await importOne(db, json);
    expect(real.written).toBe(true);
    expect(real.summary).toEqual(dry.summary);
    expect(real.summary.articles[0]).toMatchObject({ change: 'UPDATED', changedFields: ['headline'] });
    expect(real.summary.articles[0]?.facts.find((f) => f.type === 'Figure')?.changed).toEqual([
      'europol-additional-staff',
    ]);
    const history = await historyOf(db, 'Figure', 'europol-additional-staff');
    expect(history.at(-1)).toMatchObject({
      change: 'UPDATED',
      changedFields: '["approximate"]',
      before: '{"approximate":false}',
      after: '{"approximate":true}',
    });
  });

  it('is atomic across articles: one bad article in an import writes none of them', async () => {
    const db = await emptyDb();
    const raw = await readImportPath(SEEDS_FOLDER);
    const bad = seedArticle();
    bad.slug = 'synthetic-test-broken-copy';
    bad.quotes[0].evidence[0].start += 1;
    expect(() => validateImport({ ...raw, articles: [...raw.articles, { json: bad, body: BODY }] })).toThrow(
      /articles\.1|quotes\[0\]/,
    );
    expect((await counts(db)).articles).toBe(0);
  });
});

describe('the README walk-through article', () => {
  it('imports cleanly into the seeded database (examples/editing)', async () => {
    const db = await seededDb();
    const folder = join(SEEDS_FOLDER, '..', 'examples', 'editing');
    const result = await importArticles(db, validateImport(await readImportPath(folder)), AS_TEST);
    expect(result.problems).toEqual([]);
    expect(result.summary.articles.map((a) => [a.slug, a.change])).toEqual([
      ['2020-01-15-example-walkthrough', 'CREATED'],
    ]);
    expect(result.summary.actors.added).toEqual(['example-agency', 'the-example-agency', 'ada-example']);
  });
});

describe('export and import', () => {
  it('importing an export into an empty database reproduces it: same IDs, same answers', async () => {
    const db = await seededDb();
    // Give the export something beyond the seed: a confirmed quote.
    const json = seedArticle();
    json.quotes.find((q: { id: string }) => q.id === QUOTE_ID).reviewStatus = 'CONFIRMED';
    await importOne(db, json);

    const folder = mkdtempSync(join(tmpdir(), 'dossier-export-'));
    await writeDataset(folder, await exportDataset(db));
    const copy = await emptyDb();
    const result = await importArticles(copy, validateImport(await readImportPath(folder)), AS_TEST);
    expect(result.problems).toEqual([]);

    const query = `{
      articles { nodes { id slug headline body } }
      quotes(first: 100) { totalCount nodes { id text reviewStatus speaker { id name } evidence { start end exact sentence role } } }
      measures(first: 100) { nodes { id title status deadline { earliest latest } proposer { id } } }
      fundingItems(first: 100) { nodes { id amount { amount currencyCode reportedText } qualityFlags } }
      actors(first: 100) { totalCount nodes { id name kind } }
      fundingSummary { currencyCode total { amount } }
    }`;
    const original = await serverFor(db)(query);
    const reproduced = await serverFor(copy)(query);
    expect(original.errors).toBeUndefined();
    expect(reproduced).toEqual(original);
    expect(original.data.quotes.nodes.find((q: { id: string }) => q.id === QUOTE_GID).reviewStatus).toBe('CONFIRMED');
    // And exporting the copy gives the same files.
    expect(await exportDataset(copy)).toEqual(await exportDataset(db));
  });
});
