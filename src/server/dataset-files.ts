/**
 * The import format on disk (Node only): a folder with `actors.json` and `articles/<slug>.json`
 * beside `articles/<slug>.txt` (the body) — the layout of `seeds/` — or a folder of such pairs,
 * or one `<slug>.json` with its `<slug>.txt`. Reading hands the raw data to `src/ingest`, which
 * owns validation and writing; writing is the export.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataset } from '../ingest/export.ts';
import type { RawArticle, RawImport } from '../ingest/validate.ts';

/** The annotated articles that come with Dossier. */
export const SEEDS_FOLDER = fileURLToPath(new URL('../../seeds', import.meta.url));

export async function readImportPath(path: string): Promise<RawImport> {
  if (!(await stat(path)).isDirectory()) return { articles: [await readArticle(path)] };
  const names = await readdir(path);
  const actors = names.includes('actors.json') ? await readJson(join(path, 'actors.json')) : undefined;
  const folder = names.includes('articles') ? join(path, 'articles') : path;
  const files = (await readdir(folder)).filter((f) => f.endsWith('.json') && f !== 'actors.json').sort();
  const articles = await Promise.all(files.map((f) => readArticle(join(folder, f))));
  return actors === undefined ? { articles } : { actors, articles };
}

async function readArticle(jsonPath: string): Promise<RawArticle> {
  if (!jsonPath.endsWith('.json')) throw new Error(`${basename(jsonPath)}: expected a <slug>.json file`);
  const textPath = `${jsonPath.slice(0, -'.json'.length)}.txt`;
  const body = await readFile(textPath, 'utf8').catch(() => {
    throw new Error(`${basename(jsonPath)}: its body ${basename(textPath)} is missing beside it`);
  });
  return { json: await readJson(jsonPath), body, source: basename(jsonPath) };
}

async function readJson(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${basename(path)} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Writes an export in the layout `readImportPath` reads. */
export async function writeDataset(folder: string, dataset: Dataset): Promise<void> {
  await mkdir(join(folder, 'articles'), { recursive: true });
  await writeFile(join(folder, 'actors.json'), `${JSON.stringify(dataset.actors, null, 2)}\n`);
  for (const { article, body } of dataset.articles) {
    const base = join(folder, 'articles', article.slug);
    await mkdir(dirname(base), { recursive: true });
    await writeFile(`${base}.json`, `${JSON.stringify(article, null, 2)}\n`);
    await writeFile(`${base}.txt`, body);
  }
}
