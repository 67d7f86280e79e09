/** `npm run db:seed`: migrates DATABASE_URL, then upserts everything in seeds/ (safe to repeat). */
import { createClient } from '@libsql/client';
import { seed } from '../seeds/seed.ts';
import { createDb } from '../src/db/client.ts';
import { migrateDb } from '../src/db/migrate.ts';
import { readConfig } from '../src/server/config.ts';

const config = readConfig();
const db = createDb(createClient({ url: config.databaseUrl, authToken: config.authToken }));
await migrateDb(db);
try {
  const summary = await seed(db);
  console.log(
    `Seeded ${summary.actors} actors and ${summary.articles.length} article(s): ${summary.articles.join(', ')}`,
  );
} catch (error) {
  console.error(`Seeding stopped, nothing was written for the failing article:\n${(error as Error).message}`);
  process.exit(1);
}
