/** `npm run db:seed`: migrates DATABASE_URL, then imports seeds/ through the one write path (safe to repeat). */
import { createDb, type Db } from '../src/db/client.ts';
import { migrateDb } from '../src/db/migrate.ts';
import { openClient } from '../src/db/node-client.ts';
import { describeImport } from '../src/ingest/summary.ts';
import { readConfig } from '../src/server/config.ts';
import { describeError } from '../src/server/describe-error.ts';
import { seedDb } from '../src/server/seed.ts';
import { stop } from './fail.ts';

let db: Db;
try {
  const config = readConfig();
  db = createDb(openClient({ url: config.databaseUrl, authToken: config.authToken }));
  await migrateDb(db);
} catch (error) {
  stop('Seeding did not start (the migrations failed)', error);
}
try {
  for (const line of describeImport(await seedDb(db))) console.log(line);
} catch (error) {
  // A validation report spans several lines on purpose (one per bad fact); causes follow it.
  const cause = (error as Error).cause === undefined ? '' : `\nCause: ${describeError((error as Error).cause)}`;
  console.error(`Seeding stopped, nothing was written:\n${(error as Error).message}${cause}`);
  process.exit(1);
}
