/**
 * Does a database fit this version of the app? It does when every migration the app knows has
 * been applied and no applied migration's compatibility floor is above the app's version
 * (src/db/compatibility.ts). A newer migration the app does not know is fine when its floor
 * allows the app: that is what makes "migrate, then deploy" safe for additive migrations.
 * Two single-table reads; platform-neutral (Node and the edge).
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
  const tables = await client.execute({
    sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (?, ?)",
    args: [MIGRATIONS_TABLE, FLOORS_TABLE],
  });
  const present = new Set(tables.rows.map((row) => String(row.name)));
  const applied = present.has(MIGRATIONS_TABLE)
    ? (await client.execute(`SELECT name FROM "${MIGRATIONS_TABLE}" ORDER BY created_at, id`)).rows.map((row) =>
        String(row.name),
      )
    : [];
  let floor: SchemaState['floor'];
  if (present.has(FLOORS_TABLE)) {
    for (const row of (await client.execute(`SELECT migration, floor FROM "${FLOORS_TABLE}"`)).rows) {
      const version = String(row.floor);
      if (!floor || compareVersions(version, floor.version) > 0) floor = { version, migration: String(row.migration) };
    }
  }
  return { applied, floor };
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
