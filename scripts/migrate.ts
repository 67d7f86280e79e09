/**
 * `npm run db:migrate`: the deploy step that applies the migrations DATABASE_URL lacks — a local
 * file, `sqld` or Turso (with DATABASE_AUTH_TOKEN, a token allowed to write) — and prints what
 * it applied. It writes no data: sample data is `npm run db:seed`, explicitly.
 */
import { createDb } from '../src/db/client.ts';
import { APP_VERSION, MIGRATION_FLOORS } from '../src/db/compatibility.ts';
import { migrateDb } from '../src/db/migrate.ts';
import { openClient } from '../src/db/node-client.ts';
import { readConfig } from '../src/server/config.ts';
import { redact } from '../src/server/database-url.ts';
import { stop } from './fail.ts';

try {
  const config = readConfig();
  const client = openClient({ url: config.databaseUrl, authToken: config.authToken });
  const applied = await migrateDb(createDb(client));
  client.close();
  const where = redact(config.databaseUrl);
  if (applied.length === 0) console.log(`${where} is up to date: nothing to apply.`);
  for (const tag of applied) console.log(`Applied ${tag} (compatible with Dossier ${MIGRATION_FLOORS[tag]} and later)`);
  if (applied.length)
    console.log(`${where}: ${applied.length} migration(s) applied; its schema fits Dossier ${APP_VERSION}.`);
} catch (error) {
  stop('The migrations were not applied', error);
}
