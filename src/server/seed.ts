/** Loads `seeds/` through the one write path (Node only: it reads the files). */
import type { Db } from '../db/client.ts';
import { ImportError, validateImport } from '../ingest/validate.ts';
import { type ImportResult, importArticles } from '../ingest/write.ts';
import { readImportPath, SEEDS_FOLDER } from './dataset-files.ts';

/**
 * Imports a folder in the seed layout (the real seeds by default) as the editor `seed`. Throws an
 * ImportError naming every problem (nothing is written then).
 */
export async function seedDb(db: Db, folder = SEEDS_FOLDER): Promise<ImportResult> {
  const valid = validateImport(await readImportPath(folder));
  const result = await importArticles(db, valid, { editor: 'seed', operation: 'seed' });
  if (result.problems.length) throw new ImportError(result.problems);
  return result;
}
