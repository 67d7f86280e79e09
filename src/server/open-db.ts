/**
 * Opens the database the Node server uses, creating the folder of a local file and, on first
 * start, migrating and seeding it so a newcomer gets a working API with one command.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createClient } from '@libsql/client';
import { sql } from 'drizzle-orm';
import { seed } from '../../seeds/seed.ts';
import { createDb, type Db } from '../db/client.ts';
import { migrateDb } from '../db/migrate.ts';
import type { NodeConfig } from './config.ts';

export async function openDb(config: NodeConfig, log: (line: string) => void): Promise<Db> {
  if (config.databaseUrl.startsWith('file:')) {
    await mkdir(dirname(config.databaseUrl.slice('file:'.length)), { recursive: true });
  }
  // `timeout` is the busy timeout of each pooled connection (a PRAGMA would reach only one).
  const client = createClient({ url: config.databaseUrl, authToken: config.authToken, timeout: 5000 });
  const db = createDb(client);
  if (config.databaseUrl.startsWith('file:')) await db.run(sql`PRAGMA journal_mode = WAL`);
  await migrateDb(db);
  const [{ count }] = (await db.all(sql`SELECT count(*) AS count FROM articles`)) as [{ count: number }];
  if (count === 0) {
    const summary = await seed(db);
    log(`Seeded ${summary.articles.length} article(s) and ${summary.actors} actors.`);
  }
  return db;
}
