/**
 * `npm run db:backup -- FILE`: a consistent backup of DATABASE_URL, safe while the server writes.
 * A local file database gives a SQLite file (`VACUUM INTO`); a libSQL server (sqld, Turso) a SQL
 * dump. Restore either with `npm run db:restore -- FILE` into an empty database.
 */
import { statSync } from 'node:fs';
import { openClient } from '../src/db/node-client.ts';
import { readConfig } from '../src/server/config.ts';
import { redact } from '../src/server/database-url.ts';
import { backupDatabase } from './backup/backup.ts';
import { stop } from './fail.ts';

const [file, ...rest] = process.argv.slice(2);
if (!file || rest.length) {
  console.error('Usage: npm run db:backup -- FILE   (a new file; DATABASE_URL is the database to back up)');
  process.exit(2);
}
try {
  const config = readConfig();
  const client = openClient({ url: config.databaseUrl, authToken: config.authToken, intMode: 'bigint' });
  const kind = await backupDatabase(client, config.databaseUrl, file);
  client.close();
  const what = kind === 'sqlite-file' ? 'a SQLite file (VACUUM INTO)' : 'a SQL dump';
  console.log(`Backed up ${redact(config.databaseUrl)} to ${file}: ${what}, ${statSync(file).size} bytes.`);
} catch (error) {
  stop('No backup was made', error);
}
