/**
 * `npm run import -- PATH [--dry-run] [--overwrite-reviewed]`: imports one `<slug>.json` (with
 * `<slug>.txt` beside it) or a folder of them (optionally with `actors.json`) into DATABASE_URL,
 * through the same write path as the API, and prints the change summary. History records the
 * editor `cli`.
 */

import { createDb } from '../src/db/client.ts';
import { migrateDb } from '../src/db/migrate.ts';
import { openClient } from '../src/db/node-client.ts';
import { resolveActorNames } from '../src/ingest/actor-names.ts';
import { describeImport } from '../src/ingest/summary.ts';
import { ImportError, validateImport } from '../src/ingest/validate.ts';
import { importArticles } from '../src/ingest/write.ts';
import { readConfig } from '../src/server/config.ts';
import { describeRefusedToken } from '../src/server/database-auth.ts';
import { readImportPath } from '../src/server/dataset-files.ts';

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const paths = args.filter((a) => !a.startsWith('--'));
const unknown = [...flags].filter((f) => f !== '--dry-run' && f !== '--overwrite-reviewed');
if (paths.length !== 1 || unknown.length) {
  console.error('Usage: npm run import -- FILE.json|DIR [--dry-run] [--overwrite-reviewed]');
  process.exit(2);
}
const dryRun = flags.has('--dry-run');

try {
  const config = readConfig();
  const db = createDb(openClient({ url: config.databaseUrl, authToken: config.authToken }));
  await migrateDb(db);
  const valid = validateImport(await resolveActorNames(db, await readImportPath(paths[0] as string)));
  const result = await importArticles(db, valid, {
    editor: 'cli',
    operation: 'articleImport',
    dryRun,
    overwriteReviewed: flags.has('--overwrite-reviewed'),
  });
  for (const line of describeImport(result, dryRun)) console.log(line);
  if (result.problems.length) process.exit(1);
} catch (error) {
  const refused = describeRefusedToken(error, process.env.DATABASE_URL);
  const detail = error instanceof ImportError ? `\n${error.message}` : ` ${refused ?? (error as Error).message}`;
  console.error(`Import stopped, nothing was written:${detail}`);
  process.exit(1);
}
