/** `npm run db:migrate`: applies the migrations to DATABASE_URL (default: the local file). */
import { createClient } from '@libsql/client';
import { createDb } from '../src/db/client.ts';
import { migrateDb } from '../src/db/migrate.ts';
import { readConfig } from '../src/server/config.ts';

const config = readConfig();
await migrateDb(createDb(createClient({ url: config.databaseUrl, authToken: config.authToken })));
console.log('Migrations applied.');
