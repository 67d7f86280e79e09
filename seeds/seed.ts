/**
 * Loads the annotated articles in this folder into a database. Everything is validated before
 * anything is written (a bad span stops the seed with a message naming the fact), and each
 * article is written in one atomic batch of upserts, so seeding twice changes nothing.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Db } from '../src/db/client.ts';
import { ImportError, validateActors, validateArticle } from '../src/ingest/validate.ts';
import { writeArticle } from '../src/ingest/write.ts';

export const SEEDS_FOLDER = fileURLToPath(new URL('.', import.meta.url));

export interface SeedSummary {
  actors: number;
  articles: string[];
}

export async function seed(db: Db, folder = SEEDS_FOLDER): Promise<SeedSummary> {
  const actors = validateActors(await readJson(`${folder}/actors.json`));
  const known = new Set(actors.map((a) => a.id));
  const files = (await readdir(`${folder}/articles`)).filter((f) => f.endsWith('.json')).sort();
  const articles = [];
  for (const file of files) {
    const base = `${folder}/articles/${file.slice(0, -'.json'.length)}`;
    const body = await readFile(`${base}.txt`, 'utf8');
    try {
      articles.push({ article: validateArticle(await readJson(`${base}.json`), body, known), body });
    } catch (error) {
      if (error instanceof ImportError) error.message = `${file}:\n${error.message}`;
      throw error;
    }
  }
  // Actors go in with the first article, so a database is never left with actors only.
  for (const [i, { article, body }] of articles.entries()) {
    await writeArticle(db, i === 0 ? actors : [], article, body);
  }
  return { actors: actors.length, articles: articles.map((a) => a.article.slug) };
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8'));
}
