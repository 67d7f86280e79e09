/**
 * `npm run export -- DIR`: writes the whole dataset of DATABASE_URL (review states included) into
 * DIR in the import format: `actors.json` and `articles/<slug>.json` + `<slug>.txt`.
 * `npm run import -- DIR` into an empty database reproduces it.
 */

import { createDb } from '../src/db/client.ts';
import { openClient } from '../src/db/node-client.ts';
import { exportDataset } from '../src/ingest/export.ts';
import { readConfig } from '../src/server/config.ts';
import { writeDataset } from '../src/server/dataset-files.ts';
import { stopOnAnyFailure } from './fail.ts';

const [folder, ...rest] = process.argv.slice(2);
if (!folder || rest.length) {
  console.error('Usage: npm run export -- DIR');
  process.exit(2);
}
stopOnAnyFailure('Nothing was exported');
const config = readConfig();
const db = createDb(openClient({ url: config.databaseUrl, authToken: config.authToken }));
const dataset = await exportDataset(db);
await writeDataset(folder, dataset);
console.log(`Exported ${dataset.articles.length} article(s) and ${dataset.actors.length} actors to ${folder}`);
