/** `npm run db:migrate`: applies the migrations to DATABASE_URL (default: the local file). */
import { createDb } from '../src/db/client.ts';
import { migrateDb } from '../src/db/migrate.ts';
import { openClient } from '../src/db/node-client.ts';
import { readConfig } from '../src/server/config.ts';
import { stop } from './fail.ts';

try {
  const config = readConfig();
  await migrateDb(createDb(openClient({ url: config.databaseUrl, authToken: config.authToken })));
  console.log('Migrations applied.');
} catch (error) {
  stop('The migrations were not applied', error);
}
