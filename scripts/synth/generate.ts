/**
 * `generateSynthetic`: a synthetic dataset in its own libSQL file. Migrates a fresh file with the
 * real migrations, bulk-loads the articles in batches with the search triggers dropped, rebuilds
 * the FTS indexes once, checks the result, and only then renames `<file>.partial` to `<file>`, so
 * a file under the final name is always complete. A `<file>.json` beside it records the seed,
 * the row counts and the marker words with their article counts, for benchmarks.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Client } from '@libsql/client';
import { getTableName } from 'drizzle-orm';
import { createDb } from '../../src/db/client.ts';
import { migrateDb } from '../../src/db/migrate.ts';
import { openClient } from '../../src/db/node-client.ts';
import { syntheticArticle } from './article.ts';
import { checkDisk } from './disk.ts';
import { appendRows, dropIndexes, endBulkLoad, insertRows, type StoredSql, startBulkLoad } from './load.ts';
import { Prng } from './prng.ts';
import { emptyRows, TABLES } from './rows.ts';
import { restoreSearchSync, restoreStepCount, type SearchSync, suspendSearchSync } from './search-index.ts';
import { type Verification, VerificationError, verify } from './verify.ts';
import { markerCount } from './vocabulary.ts';
import { SyntheticWorld } from './world.ts';

export type SyntheticProgress =
  | { phase: 'disk'; needed: number; free: number }
  | { phase: 'load'; done: number; total: number }
  | { phase: 'index'; done: number; total: number; step: string }
  | { phase: 'verify' };

type OnProgress = (progress: SyntheticProgress) => void;

export interface SyntheticOptions {
  /** The database file to create (its folder is created too). */
  file: string;
  articles: number;
  seed?: string | number;
  onProgress?: OnProgress;
  /** Replace an existing file instead of refusing. */
  replace?: boolean;
  /** Articles per transaction (default 500). */
  batchSize?: number;
}

export interface SyntheticSummary {
  file: string;
  articles: number;
  seed: string;
  rows: Record<string, number>;
  bytes: number;
  elapsedMs: number;
  phasesMs: { migrate: number; load: number; index: number; verify: number };
  markers: { word: string; share: number; articles: number }[];
  disk: { needed: number; free: number };
  verification: Verification;
}

export const DEFAULT_SEED = 'dossier';

const SIDE_FILES = ['', '-wal', '-shm', '-journal'];

function removeDatabase(path: string): void {
  for (const suffix of SIDE_FILES) rmSync(`${path}${suffix}`, { force: true });
}

async function tableCounts(client: Client, tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    counts[table] = Number((await client.execute(`SELECT count(*) FROM "${table}"`)).rows[0]?.[0]);
  }
  return counts;
}

/** Articles per marker word, found through the search index (so the index is checked too). */
async function markerArticles(client: Client, word: string): Promise<number> {
  const result = await client.execute({
    sql: `SELECT count(DISTINCT d.key) FROM search_fts JOIN search_fts_docs d ON d.id = search_fts.rowid
          WHERE search_fts MATCH ? AND d.type = 'ARTICLE'`,
    args: [`"${word}"`],
  });
  return Number(result.rows[0]?.[0]);
}

/** The actors, then the articles in batches of `batchSize`, each batch one transaction. */
async function loadArticles(client: Client, world: SyntheticWorld, batchSize: number, onProgress: OnProgress) {
  await insertRows(client, { ...emptyRows(), ...world.actors.rows() });
  const total = world.articleCount;
  onProgress({ phase: 'load', done: 0, total });
  for (let start = 0; start < total; start += batchSize) {
    const batch = emptyRows();
    const end = Math.min(total, start + batchSize);
    for (let n = start; n < end; n++) appendRows(batch, syntheticArticle(world, n));
    await insertRows(client, batch);
    onProgress({ phase: 'load', done: end, total });
  }
}

/** The B-tree indexes first (filling the search documents reads through some), then search. */
async function buildIndexes(client: Client, indexes: StoredSql[], sync: SearchSync, onProgress: OnProgress) {
  const total = indexes.length + restoreStepCount(sync);
  for (const [i, index] of indexes.entries()) {
    await client.execute(index.sql);
    onProgress({ phase: 'index', done: i + 1, total, step: `index ${index.name}` });
  }
  await restoreSearchSync(client, sync, (done, _total, step) =>
    onProgress({ phase: 'index', done: indexes.length + done, total, step }),
  );
}

/** Each marker's article count, through the search index, checked against the articles given it. */
async function checkMarkers(client: Client, world: SyntheticWorld): Promise<SyntheticSummary['markers']> {
  const markers = [];
  for (const { marker } of world.markers) {
    const found = await markerArticles(client, marker.word);
    const expected = markerCount(marker, world.articleCount);
    if (found !== expected) {
      throw new VerificationError(`marker "${marker.word}": search finds ${found} articles, ${expected} carry it`);
    }
    markers.push({ word: marker.word, share: marker.share, articles: found });
  }
  return markers;
}

export interface FilledSynthetic {
  world: SyntheticWorld;
  sync: SearchSync;
  loadMs: number;
  indexMs: number;
}

export interface FillOptions {
  articles: number;
  seed?: string | number;
  onProgress?: OnProgress;
  /** Articles per transaction (default 500). */
  batchSize?: number;
}

/**
 * Loads a synthetic dataset into a migrated, empty database through `client`, which must have a
 * single connection (a file opened with `concurrency: 1`, or `:memory:`): the bulk load with the
 * search triggers and secondary indexes dropped, then both rebuilt. `generateSynthetic` wraps it
 * for files, with verification; tests call it on in-memory databases.
 */
export async function fillSynthetic(client: Client, options: FillOptions): Promise<FilledSynthetic> {
  const { articles, onProgress = () => {}, batchSize = 500 } = options;
  await startBulkLoad(client);
  const sync = await suspendSearchSync(client);
  const indexes = await dropIndexes(client);
  const world = new SyntheticWorld(String(options.seed ?? DEFAULT_SEED), articles);
  const started = performance.now();
  await loadArticles(client, world, batchSize, onProgress);
  const loaded = performance.now();
  await buildIndexes(client, indexes, sync, onProgress);
  await endBulkLoad(client);
  return { world, sync, loadMs: loaded - started, indexMs: performance.now() - loaded };
}

export async function generateSynthetic(options: SyntheticOptions): Promise<SyntheticSummary> {
  const { articles, onProgress = () => {}, batchSize = 500 } = options;
  const seed = String(options.seed ?? DEFAULT_SEED);
  if (!Number.isInteger(articles) || articles < 1) {
    throw new Error(`articles must be a positive integer, not ${articles}`);
  }
  const file = resolve(options.file);
  const folder = dirname(file);
  mkdirSync(folder, { recursive: true });
  if (existsSync(file) && !options.replace) {
    throw new Error(`${file} already exists: delete it, choose another --out, or pass --force to replace it.`);
  }
  const disk = checkDisk(folder, articles);
  onProgress({ phase: 'disk', ...disk });

  const started = performance.now();
  const partial = `${file}.partial`;
  removeDatabase(partial);
  // One connection, so the load's pragmas hold for every statement.
  const client = openClient({ url: `file:${partial}`, concurrency: 1 });
  try {
    await migrateDb(createDb(client));
    const migrated = performance.now();

    const { world, sync, loadMs, indexMs } = await fillSynthetic(client, { articles, seed, batchSize, onProgress });
    const indexed = performance.now();

    onProgress({ phase: 'verify' });
    const verification = await verify(client, sync, new Prng(`${seed}:verify`));
    const markers = await checkMarkers(client, world);
    const tables = [...Object.values(TABLES).map((t) => getTableName(t)), ...sync.tables.map((t) => t.content)];
    const rows = await tableCounts(client, tables);
    const verified = performance.now();

    client.close();
    if (options.replace) removeDatabase(file);
    for (const suffix of SIDE_FILES) {
      if (existsSync(`${partial}${suffix}`)) renameSync(`${partial}${suffix}`, `${file}${suffix}`);
    }
    const summary: SyntheticSummary = {
      file,
      articles,
      seed,
      rows,
      bytes: statSync(file).size,
      elapsedMs: performance.now() - started,
      phasesMs: {
        migrate: migrated - started,
        load: loadMs,
        index: indexMs,
        verify: verified - indexed,
      },
      markers,
      disk,
      verification,
    };
    writeFileSync(`${file}.json`, `${JSON.stringify(summary, null, 2)}\n`);
    return summary;
  } catch (error) {
    client.close();
    removeDatabase(partial);
    throw error;
  }
}
