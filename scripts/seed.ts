/** `npm run db:seed`: migrates DATABASE_URL, then upserts everything in seeds/ (safe to repeat). */
import { seed } from '../seeds/seed.ts';
import { createDb, type Db } from '../src/db/client.ts';
import { migrateDb } from '../src/db/migrate.ts';
import { openClient } from '../src/db/node-client.ts';
import { readConfig } from '../src/server/config.ts';
import { describeError } from '../src/server/describe-error.ts';
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
  const summary = await seed(db);
  console.log(
    `Seeded ${summary.actors} actors and ${summary.articles.length} article(s): ${summary.articles.join(', ')}`,
  );
} catch (error) {
  // A validation report spans several lines on purpose (one per bad fact); causes follow it.
  const cause = (error as Error).cause === undefined ? '' : `\nCause: ${describeError((error as Error).cause)}`;
  console.error(`Seeding stopped, nothing was written for the failing article:\n${(error as Error).message}${cause}`);
  process.exit(1);
}
