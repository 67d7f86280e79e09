/**
 * Which databases this version of Dossier can serve. Every migration is listed with the oldest
 * app version that still works on a database it has been applied to — its compatibility floor:
 * an additive migration (a new table, index or nullable column) keeps the floor of the one before
 * it, so the running version keeps serving while the next one is deployed; a non-additive one (a
 * renamed or dropped column, a changed meaning) raises it to the version that first understands it.
 * `migrateDb` writes these floors into the database, so that an older server, which does not know a
 * newer migration, still reads its floor there. A test fails when a migration folder has no entry.
 * Platform-neutral: the edge function checks its database against this list too.
 */

/** This version of the app (package.json's `version`; a test keeps them equal). */
export const APP_VERSION = '0.2.0';

/** Migration tag (its folder name) → the oldest app version compatible with it. */
export const MIGRATION_FLOORS: Readonly<Record<string, string>> = {
  '20261126052225_init': '0.1.0',
  '20261126053111_search_fts': '0.1.0',
  '20261126053901_list_orderings': '0.1.0',
  '20261126055904_data_revision': '0.1.0',
  '20261130085522_history_and_write_guards': '0.1.0',
  '20261130090503_api_keys': '0.1.0',
  '20261130092238_actor_redirects': '0.1.0',
  '20261130101657_search_vocab': '0.1.0',
  '20261130105734_evidence_editor_added': '0.1.0',
  // Renames figures.measures to subject: 0.1.0 reads the old column, so it must not serve this schema.
  '20261130120005_rename_figure_measures_to_subject': '0.2.0',
};

/** Where migrateDb records each applied migration's floor (beside drizzle's own journal). */
export const FLOORS_TABLE = '__dossier_compatibility';

/** Compares dotted numeric versions ("0.10.0" > "0.9.1"); a pre-release suffix is ignored. */
export function compareVersions(a: string, b: string): number {
  const parts = (version: string) => version.split(/[-+]/)[0]?.split('.').map(Number) ?? [];
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const difference = (x[i] ?? 0) - (y[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}
