/**
 * The synthetic datasets (scripts/synth) the benchmark runs on, in data/ (gitignored): reused
 * when `data/synthetic-<N>.db` and its `.json` summary say the same article count and seed and
 * the file has the recorded size, generated otherwise — after checking the free disk for all
 * that must be generated. The operations' parameters come from the data: the generator's rare
 * (0.1%) and frequent (50%) marker words, an article in the middle, the median year.
 */
import { existsSync, mkdirSync, readFileSync, statfsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateSynthetic, type SyntheticSummary } from '../../scripts/synth/generate.ts';
import { openClient } from '../../src/db/node-client.ts';
import type { Dataset } from '../operations.ts';
import { globalId } from '../peers/ids.ts';
import { log } from './log.ts';

/** Measured: 3,550,699,520 bytes for 100,000 articles; the FTS rebuild needs head room on top. */
const BYTES_PER_ARTICLE = 36_000;
const HEADROOM = 1.5;

export interface BenchDataset {
  articles: number;
  file: string;
  url: string;
  bytes: number;
  generated: boolean;
  /** Generation time (or the time recorded in the reused file's summary). */
  generationMs: number;
  params: Dataset;
  markers: SyntheticSummary['markers'];
}

const fileFor = (articles: number) => resolve(`data/synthetic-${articles}.db`);

function reusable(articles: number, seed: string): SyntheticSummary | null {
  const file = fileFor(articles);
  if (!existsSync(file) || !existsSync(`${file}.json`)) return null;
  const summary = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as SyntheticSummary;
  const matches = summary.articles === articles && summary.seed === seed && statSync(file).size === summary.bytes;
  return matches ? summary : null;
}

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;

/** Reuses or generates every dataset; throws before generating anything if the disk is short. */
export async function ensureDatasets(sizes: number[], seed: string): Promise<BenchDataset[]> {
  const found = new Map(sizes.map((n) => [n, reusable(n, seed)]));
  const missing = sizes.filter((n) => !found.get(n));
  const needed = missing.reduce((sum, n) => sum + n * BYTES_PER_ARTICLE * HEADROOM, 0);
  mkdirSync('data', { recursive: true });
  const stats = statfsSync(resolve('data'));
  const free = Number(stats.bavail) * Number(stats.bsize);
  log(
    `datasets: reuse ${sizes.filter((n) => found.get(n)).join(', ') || 'none'}; generate ${missing.join(', ') || 'none'}` +
      ` (needs about ${gib(needed)}, ${gib(free)} free in data/)`,
  );
  if (needed > free)
    throw new Error(`Not enough disk in data/: the datasets need about ${gib(needed)}, ${gib(free)} free.`);

  const datasets: BenchDataset[] = [];
  for (const articles of sizes) {
    let summary = found.get(articles) ?? null;
    const generated = !summary;
    if (!summary) summary = await generate(articles, seed);
    datasets.push({
      articles,
      file: summary.file,
      url: `file:${summary.file}`,
      bytes: statSync(summary.file).size,
      generated,
      generationMs: summary.elapsedMs,
      params: await datasetParameters(summary),
      markers: summary.markers,
    });
  }
  return datasets;
}

async function generate(articles: number, seed: string): Promise<SyntheticSummary> {
  log(`generating ${articles.toLocaleString('en-US')} articles into ${fileFor(articles)}`);
  let lastTenth = -1;
  const summary = await generateSynthetic({
    file: fileFor(articles),
    articles,
    seed,
    replace: true,
    onProgress: (p) => {
      if (p.phase === 'load' || p.phase === 'index') {
        const tenth = Math.floor((p.done / Math.max(1, p.total)) * 10);
        if (tenth !== lastTenth) log(`  ${p.phase} ${p.done}/${p.total}${'step' in p ? ` ${p.step}` : ''}`);
        lastTenth = tenth;
      } else if (p.phase === 'verify') {
        log('  verifying');
      }
    },
  });
  log(`  done in ${(summary.elapsedMs / 1000).toFixed(1)} s, ${gib(summary.bytes)}`);
  return summary;
}

/** The operations' parameters, taken from a generated dataset (also used by the identity test). */
export async function datasetParameters(summary: SyntheticSummary): Promise<Dataset> {
  const byShare = [...summary.markers].sort((a, b) => a.share - b.share);
  const rare = byShare[0];
  const frequent = summary.markers.find((m) => m.share === 0.5) ?? byShare.at(-1);
  if (!rare || !frequent) throw new Error(`${summary.file}.json lists no marker words`);
  const client = openClient({ url: `file:${summary.file}` });
  try {
    const middle = Math.floor(summary.articles / 2);
    const article = await client.execute({
      sql: 'SELECT id FROM articles ORDER BY id LIMIT 1 OFFSET ?',
      args: [middle],
    });
    const median = await client.execute({
      sql: 'SELECT CAST(substr(published_on, 1, 4) AS INTEGER) AS year FROM articles ORDER BY published_on LIMIT 1 OFFSET ?',
      args: [middle],
    });
    return {
      articleId: globalId('Article', String(article.rows[0]?.id)),
      rareTerm: rare.word,
      frequentTerm: frequent.word,
      // Halfway down the list: keyset paging costs what the first page costs, OFFSET grows with it.
      deepOffset: Math.max(100, Math.floor(middle / 100) * 100),
      year: Number(median.rows[0]?.year),
    };
  } finally {
    client.close();
  }
}
