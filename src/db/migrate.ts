/** Applies the committed drizzle-kit migrations (Node only: it reads them from disk). */
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { Db } from './client.ts';
import { FLOORS_TABLE, MIGRATION_FLOORS } from './compatibility.ts';
import { readSchemaState } from './schema-version.ts';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Applies the migrations the database lacks, then records each known migration's compatibility
 * floor (src/db/compatibility.ts) in the database, where an older server can read it. Returns the
 * tags it applied, oldest first (none when the database was up to date).
 */
export async function migrateDb(db: Db, migrationsFolder = MIGRATIONS_FOLDER): Promise<string[]> {
  const before = new Set((await readSchemaState(db.$client)).applied);
  await migrate(db as Parameters<typeof migrate>[0], { migrationsFolder });
  const after = (await readSchemaState(db.$client)).applied;
  await db.$client.batch(
    [
      `CREATE TABLE IF NOT EXISTS "${FLOORS_TABLE}" (migration TEXT PRIMARY KEY NOT NULL, floor TEXT NOT NULL) STRICT`,
      ...after
        .filter((tag) => MIGRATION_FLOORS[tag] !== undefined)
        .map((tag) => ({
          sql: `INSERT INTO "${FLOORS_TABLE}" (migration, floor) VALUES (?, ?) ON CONFLICT (migration) DO NOTHING`,
          args: [tag, MIGRATION_FLOORS[tag] as string],
        })),
    ],
    'write',
  );
  return after.filter((tag) => !before.has(tag));
}
