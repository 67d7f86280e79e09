/**
 * Does a database fit this version of the app? It does when every migration the app knows has
 * been applied and no applied migration's compatibility floor is above the app's version
 * (src/db/compatibility.ts). A newer migration the app does not know is fine when its floor
 * allows the app: that is what makes "migrate, then deploy" safe for additive migrations.
 * One read batch (one round trip); platform-neutral (Node and the edge).
 */
import type { Client } from '@libsql/client';
import { APP_VERSION, compareVersions, FLOORS_TABLE, MIGRATION_FLOORS } from './compatibility.ts';

export const MIGRATIONS_TABLE = '__drizzle_migrations';

export interface SchemaState {
  /** Tags of the migrations the database records as applied, oldest first. */
  applied: string[];
  /** The highest compatibility floor recorded in the database, and the migration that set it. */
  floor?: { version: string; migration: string };
}

export type SchemaFit =
  | { fits: true; state: SchemaState }
  | { fits: false; state: SchemaState; missing: string[]; reason: string };

export async function readSchemaState(client: Client): Promise<SchemaState> {
  // One round trip (a read batch) on a migrated database; only a database without the tables
  // (never migrated, or migrated before floors were recorded) pays a second look.
  const [migrations, floors] = await client
    .batch(
      [
        `SELECT name FROM "${MIGRATIONS_TABLE}" ORDER BY created_at, id`,
        `SELECT migration, floor FROM "${FLOORS_TABLE}"`,
      ],
      'read',
    )
    .then((results) => results.map((result) => result.rows))
    .catch(async (error: unknown) => {
      if (!/no such table/i.test(String((error as Error)?.message))) throw error;
      const present = await client.execute({
        sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (?, ?)",
        args: [MIGRATIONS_TABLE, FLOORS_TABLE],
      });
      const has = new Set(present.rows.map((row) => String(row.name)));
      const rows = async (table: string, sql: string) => (has.has(table) ? (await client.execute(sql)).rows : []);
      return Promise.all([
        rows(MIGRATIONS_TABLE, `SELECT name FROM "${MIGRATIONS_TABLE}" ORDER BY created_at, id`),
        rows(FLOORS_TABLE, `SELECT migration, floor FROM "${FLOORS_TABLE}"`),
      ]);
    });
  let floor: SchemaState['floor'];
  for (const row of floors ?? []) {
    const version = String(row.floor);
    if (!floor || compareVersions(version, floor.version) > 0) floor = { version, migration: String(row.migration) };
  }
  return { applied: (migrations ?? []).map((row) => String(row.name)), floor };
}

/** Whether the database fits `appVersion`, with one sentence for operators when it does not. */
export function schemaFit(state: SchemaState, appVersion = APP_VERSION): SchemaFit {
  const applied = new Set(state.applied);
  const missing = Object.keys(MIGRATION_FLOORS).filter((tag) => !applied.has(tag));
  const newest = state.applied.at(-1) ?? 'none';
  if (missing.length > 0) {
    const reason = `the database lacks ${missing.length} migration(s) Dossier ${appVersion} needs (first: ${missing[0]}; the newest it has: ${newest}): run npm run db:migrate`;
    return { fits: false, state, missing, reason };
  }
  if (state.floor && compareVersions(state.floor.version, appVersion) > 0) {
    const reason = `the database needs Dossier ${state.floor.version} or later (migration ${state.floor.migration}); this is Dossier ${appVersion}: deploy the newer version`;
    return { fits: false, state, missing, reason };
  }
  return { fits: true, state };
}
