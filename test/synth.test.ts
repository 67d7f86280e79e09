/**
 * The synthetic dataset generator (scripts/synth): a small dataset in a temporary file, checked
 * for realistic shapes, exact evidence spans, sound foreign keys, a search index in step with
 * the data (through the app's GraphQL `search`), determinism, and search triggers that work
 * again after the bulk load.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDisk, NotEnoughDiskError } from '../scripts/synth/disk.ts';
import { generateSynthetic, type SyntheticSummary } from '../scripts/synth/generate.ts';
import { insertScript } from '../scripts/synth/load.ts';
import { emptyRows } from '../scripts/synth/rows.ts';
import { createDb, type Db } from '../src/db/client.ts';
import { enclosingSentence, sentenceRanges } from '../src/text/sentences.ts';
import { emptyDb, serverFor } from './helpers.ts';

const ARTICLES = 300;
const SEED = 'synth-test';

let dir: string;
let summary: SyntheticSummary;
let db: Db;
let client: Client;
let gql: ReturnType<typeof serverFor>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dossier-synth-'));
  summary = await generateSynthetic({ file: join(dir, 'a.db'), articles: ARTICLES, seed: SEED });
  client = createClient({ url: `file:${summary.file}` });
  db = createDb(client);
  gql = serverFor(db);
}, 60_000);

afterAll(() => {
  client?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const rows = async (sql: string, args: (string | number)[] = []) => (await client.execute({ sql, args })).rows;
const one = async (sql: string) => Number((await rows(sql))[0]?.[0]);

/** Every row of every data table and search-documents table, in storage order, hashed. */
async function contentHash(c: Client): Promise<string> {
  const hash = createHash('sha256');
  const tables = await c.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name");
  for (const { name, sql } of tables.rows) {
    // Skip FTS internals and the migrations journal (it records when it ran).
    if (/^CREATE VIRTUAL/i.test(String(sql)) || /_fts_(data|idx|docsize|config)$|^__drizzle/.test(String(name)))
      continue;
    const result = await c.execute(`SELECT * FROM "${name}" ORDER BY rowid`);
    hash.update(`${name}\n${JSON.stringify(result.rows)}\n`);
  }
  return hash.digest('hex');
}

async function search(query: string, types: string[]) {
  const result = await gql(
    `query ($query: String!, $types: [SearchableType!]) {
      search(query: $query, types: $types, first: 100) { totalCount nodes { type field node { id ... on Article { slug } ... on Quote { key } } } }
    }`,
    { query, types },
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data.search as { totalCount: number; nodes: { type: string; field: string; node: any }[] };
}

describe('synthetic dataset generator', () => {
  it('gives each article realistic numbers of facts, spread over ten years and a few hundred actors', async () => {
    const perArticle = async (table: string) => (await one(`SELECT count(*) FROM ${table}`)) / ARTICLES;
    expect(await one('SELECT count(*) FROM articles')).toBe(ARTICLES);
    expect(await perArticle('quotes')).toBeGreaterThan(4.5);
    expect(await perArticle('quotes')).toBeLessThan(5.5);
    expect(await perArticle('measures')).toBeGreaterThan(2.6);
    expect(await perArticle('measures')).toBeLessThan(3.4);
    expect(await perArticle('funding_items')).toBeGreaterThan(1.6);
    expect(await perArticle('funding_items')).toBeLessThan(2.4);
    expect(await perArticle('figures')).toBeGreaterThan(2.6);
    expect(await perArticle('figures')).toBeLessThan(3.4);
    expect(await perArticle('positions')).toBeGreaterThan(0.8);
    expect(await perArticle('positions')).toBeLessThan(1.2);
    const eventReports = (await one('SELECT count(*) FROM reports WHERE event_id IS NOT NULL')) / ARTICLES;
    expect(eventReports).toBeGreaterThan(0.2);
    expect(eventReports).toBeLessThan(0.6);
    expect(await perArticle('mentions')).toBeGreaterThan(3);
    expect(await perArticle('article_topics')).toBeGreaterThanOrEqual(1);

    // Measures: packages with parts, deadlines, several statuses.
    expect(await one("SELECT count(*) FROM measures WHERE type = 'POLICY_PACKAGE'")).toBeGreaterThan(10);
    expect(await one('SELECT count(*) FROM measures WHERE parent_id IS NOT NULL')).toBeGreaterThan(20);
    expect(await one('SELECT count(*) FROM measures WHERE deadline_earliest IS NOT NULL')).toBeGreaterThan(200);
    expect(await one('SELECT count(DISTINCT status) FROM measures')).toBe(6);
    // Funding: mostly euros, some other currencies, a few flagged.
    const eur = await one("SELECT avg(currency_code = 'EUR') FROM funding_items");
    expect(eur).toBeGreaterThan(0.7);
    expect(eur).toBeLessThan(0.95);
    expect(await one('SELECT count(DISTINCT currency_code) FROM funding_items')).toBeGreaterThanOrEqual(3);
    expect(await one('SELECT count(DISTINCT funding_item_id) FROM funding_item_flags')).toBeGreaterThan(5);
    // Actors of varied kinds, with aliases.
    expect(await one('SELECT count(*) FROM actors')).toBeGreaterThanOrEqual(200);
    expect(await one('SELECT count(DISTINCT kind) FROM actors')).toBeGreaterThanOrEqual(10);
    expect(await one('SELECT count(*) FROM actor_aliases')).toBeGreaterThan(200);
    // Dates over ten years.
    const [span] = await rows(
      'SELECT min(published_on), max(published_on), count(DISTINCT substr(published_on, 1, 4)) FROM articles',
    );
    expect(String(span?.[0]) >= '2016-01-01').toBe(true);
    expect(String(span?.[1]) <= '2025-12-31').toBe(true);
    expect(Number(span?.[2])).toBe(10);
    // Clearly synthetic, never the real data.
    for (const table of ['articles', 'actors', 'measures', 'quotes', 'events']) {
      expect(await one(`SELECT count(*) FROM ${table} WHERE id NOT LIKE 'synthetic-%'`), table).toBe(0);
    }
  });

  it('reports every fact once per article that states it, each with at least one evidence span', async () => {
    const facts = 'coalesce(measure_id, position_id, funding_item_id, quote_id, figure_id, event_id)';
    const reports = await one('SELECT count(*) FROM reports');
    expect(await one(`SELECT count(*) FROM (SELECT DISTINCT article_id, ${facts} FROM evidence)`)).toBe(reports);
    expect(await one(`SELECT count(*) FROM (SELECT DISTINCT article_id, ${facts} FROM reports)`)).toBe(reports);
    for (const [table, column] of [
      ['measures', 'measure_id'],
      ['positions', 'position_id'],
      ['funding_items', 'funding_item_id'],
      ['quotes', 'quote_id'],
      ['figures', 'figure_id'],
      ['events', 'event_id'],
    ]) {
      const missing = await one(
        `SELECT count(*) FROM ${table} t WHERE NOT EXISTS (SELECT 1 FROM evidence e WHERE e.${column} = t.id)`,
      );
      expect(missing, table).toBe(0);
    }
    // Some facts are reported by more than one article (events recalled again, measures re-reported).
    expect(reports).toBeGreaterThan(
      await one(
        'SELECT (SELECT count(*) FROM measures) + (SELECT count(*) FROM positions) + (SELECT count(*) FROM funding_items) + (SELECT count(*) FROM quotes) + (SELECT count(*) FROM figures) + (SELECT count(*) FROM events)',
      ),
    );
  });

  it('puts every evidence span at its true offsets, with the sentence ingest would give it', async () => {
    const bodies = new Map((await rows('SELECT id, body FROM articles')).map((r) => [String(r.id), String(r.body)]));
    const spans = await rows(
      'SELECT article_id, start, "end", exact, sentence_start, sentence_end, sentence FROM evidence',
    );
    expect(spans.length).toBeGreaterThan(ARTICLES * 20);
    const sentences = new Map([...bodies].map(([id, body]) => [id, sentenceRanges(body)]));
    for (const e of spans) {
      const body = bodies.get(String(e.article_id)) as string;
      expect(body.slice(Number(e.start), Number(e.end))).toBe(e.exact);
      const sentence = enclosingSentence(sentences.get(String(e.article_id)) ?? [], {
        start: Number(e.start),
        end: Number(e.end),
      });
      expect([Number(e.sentence_start), Number(e.sentence_end)]).toEqual([sentence.start, sentence.end]);
      expect(body.slice(sentence.start, sentence.end)).toBe(e.sentence);
    }
    // Subheadings too.
    for (const s of await rows('SELECT article_id, start, "end", exact FROM article_subheadings')) {
      expect((bodies.get(String(s.article_id)) as string).slice(Number(s.start), Number(s.end))).toBe(s.exact);
    }
  });

  it('leaves foreign keys and the file sound', async () => {
    expect((await rows('PRAGMA foreign_key_check')).length).toBe(0);
    expect(String((await rows('PRAGMA integrity_check'))[0]?.[0])).toBe('ok');
    expect(summary.verification.fts.every((f) => f.indexed === f.expected && f.documents === f.expected)).toBe(true);
  });

  it('records marker words whose search finds exactly the articles that contain them', async () => {
    expect(summary.markers.map((m) => m.word)).toEqual([
      'synthmarkrare',
      'synthmarkone',
      'synthmarkten',
      'synthmarkhalf',
    ]);
    for (const marker of summary.markers.slice(0, 3)) {
      const containing = (
        await rows('SELECT id FROM articles WHERE instr(body, ?) > 0 ORDER BY id', [marker.word])
      ).map((r) => r.id);
      expect(containing.length, marker.word).toBe(marker.articles);
      expect(marker.articles).toBe(Math.max(1, Math.round(ARTICLES * marker.share)));
      const hits = await search(marker.word, ['ARTICLE', 'QUOTE', 'MEASURE', 'POSITION', 'FUNDING_ITEM']);
      expect(hits.totalCount).toBe(containing.length);
      expect(hits.nodes.every((h) => h.type === 'ARTICLE' && h.field === 'body')).toBe(true);
      expect(hits.nodes.map((h) => h.node.slug).sort()).toEqual(containing);
    }
    const half = summary.markers.find((m) => m.word === 'synthmarkhalf');
    expect(half?.articles).toBe(ARTICLES / 2);
  });

  it('recreates the search triggers and indexes exactly as the migrations define them', async () => {
    const fresh = await emptyDb();
    const schemaOf = async (c: Client) =>
      (
        await c.execute(
          "SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'index') ORDER BY type, name",
        )
      ).rows.map((r) => [r.type, r.name, r.sql]);
    const expected = await schemaOf(fresh.$client);
    expect(expected.filter(([type]) => type === 'trigger').length).toBeGreaterThan(10);
    expect(await schemaOf(client)).toEqual(expected);
    fresh.$client.close();

    // A change after the load reaches the index through the triggers.
    const [quote] = await rows('SELECT id FROM quotes ORDER BY id LIMIT 1');
    await client.execute({
      sql: "UPDATE quotes SET text = text || ' zqfreshword' WHERE id = ?",
      args: [String(quote?.id)],
    });
    const hits = await search('zqfreshword', ['QUOTE']);
    expect(hits.totalCount).toBe(1);
    expect(hits.nodes[0]?.node.key).toBe(quote?.id);
  });

  it('is deterministic: the same seed gives the same content, another seed other content', async () => {
    const again = await generateSynthetic({ file: join(dir, 'b.db'), articles: 50, seed: SEED });
    const other = await generateSynthetic({ file: join(dir, 'c.db'), articles: 50, seed: 'another-seed' });
    const same = await generateSynthetic({ file: join(dir, 'd.db'), articles: 50, seed: SEED });
    const hashOf = async (file: string) => {
      const c = createClient({ url: `file:${file}` });
      try {
        return await contentHash(c);
      } finally {
        c.close();
      }
    };
    const first = await hashOf(again.file);
    expect(await hashOf(same.file)).toBe(first);
    expect(await hashOf(other.file)).not.toBe(first);
  });

  it('loads text with quotes and other punctuation byte for byte', async () => {
    const fresh = await emptyDb();
    const name = `O'Brien's "quoted" name; DROP TABLE actors; -- €18.5 \\ ''`;
    await fresh.$client.executeMultiple(
      insertScript({ ...emptyRows(), actors: [{ id: 'synthetic-actor-x', name, kind: 'PERSON', description: null }] }),
    );
    const [row] = (await fresh.$client.execute('SELECT name, description FROM actors')).rows;
    expect(row?.name).toBe(name);
    expect(row?.description).toBeNull();
    expect(() => insertScript({ ...emptyRows(), actors: [{ id: 'x', name: 'a\0b', kind: 'PERSON' }] })).toThrow(/NUL/);
    fresh.$client.close();
  });

  it('refuses to overwrite a file or to start without enough disk space', async () => {
    await expect(generateSynthetic({ file: summary.file, articles: 10 })).rejects.toThrow(/already exists/);
    expect(() => checkDisk(dir, 1e12)).toThrow(NotEnoughDiskError);
    expect(() => checkDisk(dir, 1e12)).toThrow(/needs about .* free/);
  });
});
