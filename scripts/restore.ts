/**
 * `npm run db:restore -- FILE`: restores a backup of `npm run db:backup` (a SQLite file or a SQL
 * dump) into DATABASE_URL, which must be an empty database, then checks the result.
 */
import { openClient } from '../src/db/node-client.ts';
import { readSchemaState, schemaFit } from '../src/db/schema-version.ts';
import { readConfig } from '../src/server/config.ts';
import { redact } from '../src/server/database-url.ts';
import { restoreDatabase } from './backup/restore.ts';
import { stop } from './fail.ts';

const [file, ...rest] = process.argv.slice(2);
if (!file || rest.length) {
  console.error('Usage: npm run db:restore -- FILE   (DATABASE_URL: an empty database to restore into)');
  process.exit(2);
}
try {
  const config = readConfig();
  const client = openClient({ url: config.databaseUrl, authToken: config.authToken });
  await restoreDatabase(client, file);
  const articles = Number((await client.execute('SELECT count(*) AS n FROM articles')).rows[0]?.n);
  const fit = schemaFit(await readSchemaState(client));
  client.close();
  console.log(`Restored ${file} into ${redact(config.databaseUrl)}: ${articles} article(s).`);
  if (!fit.fits) console.log(`Note: ${fit.reason}.`);
} catch (error) {
  stop('The restore failed', error);
}
