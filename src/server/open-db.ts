/**
 * Opens the database the Node server uses, creating the folder of a local file and, on first
 * start, migrating and seeding it so a newcomer gets a working API with one command. A libSQL
 * server (Turso, `sqld`) is never migrated or seeded here — `npm run db:migrate` is a deploy
 * step, sample data an explicit `npm run db:seed` — only its schema is checked.
 * With DATABASE_SYNC_URL the file is an embedded replica of a libSQL server instead: it syncs
 * first and never migrates or seeds — that is the primary's business (such writes would be
 * forwarded to it anyway), and a replica already synced with data must not try.
 * A local file (or replica) is opened in worker threads (src/db/worker/): libSQL's embedded
 * binding is synchronous, and on the main thread one slow statement would stall every request.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Client } from '@libsql/client';
import { sql } from 'drizzle-orm';
import { createDb, type Db } from '../db/client.ts';
import { migrateDb } from '../db/migrate.ts';
import { openClient, withBusyTimeout } from '../db/node-client.ts';
import { readSchemaState, schemaFit } from '../db/schema-version.ts';
import { openWorkerClient } from '../db/worker/worker-client.ts';
import type { NodeConfig } from './config.ts';
import { isLibsqlServerUrl, redact } from './database-url.ts';
import { describeError } from './describe-error.ts';
import { seedDb } from './seed.ts';

export async function openDb(config: NodeConfig, log: (line: string) => void): Promise<Db> {
  if (config.databaseUrl.startsWith('file:')) {
    await mkdir(dirname(config.databaseUrl.slice('file:'.length)), { recursive: true });
  }
  if (config.syncUrl) return openReplica(config, config.syncUrl, log);
  const settings = { url: config.databaseUrl, authToken: config.authToken };
  const client = config.databaseUrl.startsWith('file:')
    ? await openWorkerClient(withBusyTimeout(settings))
    : openClient(settings);
  const db = createDb(client);
  if (isLibsqlServerUrl(config.databaseUrl)) {
    await reportSchemaFit(db, config.databaseUrl, log);
    return db;
  }
  if (config.databaseUrl.startsWith('file:')) await db.run(sql`PRAGMA journal_mode = WAL`);
  await migrateDb(db);
  if ((await countArticles(db)) === 0) {
    const { summary } = await seedDb(db);
    log(`Seeded ${summary.articles.length} article(s) and ${summary.actors.added.length} actors.`);
  }
  return db;
}

async function openReplica(config: NodeConfig, syncUrl: string, log: (line: string) => void): Promise<Db> {
  let client: Client | undefined;
  try {
    // The client checks in with the primary on open (it refuses to open a replica without it);
    // the first sync then pulls everything the primary has.
    client = await openWorkerClient(
      withBusyTimeout({
        url: config.databaseUrl,
        syncUrl,
        authToken: config.authToken,
        // No `syncInterval`: the server runs its own sync loop (replica-sync.ts), whose outcome
        // it can log and report on /health; the client's built-in one fails silently.
      }),
      1, // each connection to a replica syncs on its own: one connection, as libSQL itself allows
    );
    await client.sync();
  } catch (error) {
    client?.close();
    const reason = describeError(error);
    throw new Error(
      `Could not open the replica ${config.databaseUrl}: its primary at ${redact(syncUrl)} did not answer (${reason}). Check DATABASE_SYNC_URL and DATABASE_AUTH_TOKEN.`,
    );
  }
  const db = createDb(client);
  log(
    `Replica ${config.databaseUrl} synced from ${redact(syncUrl)}: reads are local, and it syncs again every ${config.syncIntervalSeconds} s (/health says stale after ${config.syncMaxStalenessSeconds} s without a sync).`,
  );
  const [tables] = (await db.all(sql`SELECT count(*) AS count FROM sqlite_master WHERE name = 'articles'`)) as [
    { count: number },
  ];
  if (tables.count === 0) {
    throw new Error(
      'The replica has no tables: migrate and seed the primary first (DATABASE_URL=<primary URL> npm run db:seed).',
    );
  }
  if ((await countArticles(db)) === 0) {
    log('The primary holds no articles yet: seed it with DATABASE_URL=<primary URL> npm run db:seed.');
  }
  return db;
}

/** Says at start-up whether a server's schema fits; when it does not, requests answer 503 SCHEMA_MISMATCH. */
async function reportSchemaFit(db: Db, url: string, log: (line: string) => void): Promise<void> {
  const fit = schemaFit(await readSchemaState(db.$client));
  if (fit.fits) return;
  log(
    `The database at ${redact(url)} does not fit: ${fit.reason}. Until it does, requests answer 503 SCHEMA_MISMATCH.`,
  );
}

async function countArticles(db: Db): Promise<number> {
  const [{ count }] = (await db.all(sql`SELECT count(*) AS count FROM articles`)) as [{ count: number }];
  return count;
}
