/**
 * The full-text indexes during a bulk load. Per-row sync triggers would index every row as it
 * arrives; instead they are dropped before the load and, after it, the documents tables are
 * filled with the migrations' own INSERT … SELECT statements, each FTS5 index is rebuilt once,
 * and the triggers are recreated from the SQL the migrations stored (sqlite_master keeps each
 * CREATE TRIGGER as written in its migration file, and reflects any later migration that
 * replaced one). Nothing here names a table: it is all read from the database and the migrations,
 * so a new FTS table or trigger in a migration is handled without changing this file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { MIGRATIONS_FOLDER } from '../../src/db/migrate.ts';

export interface FtsTable {
  name: string;
  /** The external-content table it indexes (`content='…'`), whose rows are its documents. */
  content: string;
}

export interface SearchSync {
  tables: FtsTable[];
  /** The triggers dropped for the load, as the migrations created them. */
  triggers: { name: string; sql: string }[];
  /** The migrations' statements that fill the documents and rebuild the indexes, in order. */
  fill: string[];
}

/** Every statement of every migration, in order, without comment lines. */
function migrationStatements(): string[] {
  return readdirSync(MIGRATIONS_FOLDER, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((folder) =>
      readFileSync(join(MIGRATIONS_FOLDER, folder, 'migration.sql'), 'utf8').split('--> statement-breakpoint'),
    )
    .map((statement) =>
      statement
        .split('\n')
        .filter((line) => !line.trimStart().startsWith('--'))
        .join('\n')
        .trim()
        .replace(/;$/, ''),
    )
    .filter(Boolean);
}

const bare = (name: string) => name.replace(/[`"[\]]/g, '');

export async function ftsTables(client: Client): Promise<FtsTable[]> {
  const result = await client.execute(
    // `fts5(`, so an fts5vocab table (a view of an index, with nothing to rebuild) is left out.
    "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5(%' ORDER BY name",
  );
  return result.rows.map((row) => {
    const content = /content\s*=\s*'([^']+)'/i.exec(String(row.sql))?.[1];
    if (!content) throw new Error(`FTS table ${row.name} has no external content table; cannot rebuild it from one`);
    return { name: String(row.name), content };
  });
}

/** Drops the triggers that write to an FTS index or its documents; returns how to restore them. */
export async function suspendSearchSync(client: Client): Promise<SearchSync> {
  const tables = await ftsTables(client);
  const names = new Set(tables.flatMap((t) => [t.name, t.content]));
  const mentionsFts = (sql: string) => [...names].some((n) => new RegExp(`[\\s\`"(]${n}[\\s\`")]`).test(sql));
  const result = await client.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid");
  const triggers = result.rows
    .map((row) => ({ name: String(row.name), sql: String(row.sql) }))
    .filter((t) => mentionsFts(t.sql));
  const fill = migrationStatements().filter((statement) => {
    const target = /^(?:INSERT\s+INTO|DELETE\s+FROM)\s+([`"]?\w+[`"]?)/i.exec(statement)?.[1];
    return target !== undefined && names.has(bare(target));
  });
  await client.batch(
    triggers.map((t) => `DROP TRIGGER "${t.name}"`),
    'write',
  );
  return { tables, triggers, fill };
}

function restoreStatements(sync: SearchSync): string[] {
  return [
    ...sync.tables.map((t) => `DELETE FROM "${t.content}"`),
    ...sync.fill,
    // Merge each index into one segment, as compact as it gets: a rare term reads one b-tree.
    ...sync.tables.map((t) => `INSERT INTO "${t.name}" ("${t.name}") VALUES ('optimize')`),
  ];
}

/** How many steps restoreSearchSync reports (its statements, then the triggers). */
export function restoreStepCount(sync: SearchSync): number {
  return restoreStatements(sync).length + 1;
}

/**
 * Fills the documents tables, rebuilds each index once (then merges it into one segment), and
 * recreates the triggers, one statement at a time (`onStep` after each: the rebuilds take most
 * of the time).
 */
export async function restoreSearchSync(
  client: Client,
  sync: SearchSync,
  onStep: (done: number, total: number, step: string) => void = () => {},
): Promise<void> {
  const steps = restoreStatements(sync);
  for (const [i, statement] of steps.entries()) {
    await client.execute(statement);
    onStep(i + 1, steps.length + 1, statement.replace(/\s+/g, ' ').slice(0, 60));
  }
  await client.batch(
    sync.triggers.map((t) => t.sql),
    'write',
  );
  onStep(steps.length + 1, steps.length + 1, 'search triggers recreated');
}

/**
 * How many documents each documents table should hold: the row count of the SELECT part of the
 * migrations' fill statements, run against the loaded tables.
 */
export async function expectedDocuments(client: Client, sync: SearchSync): Promise<Map<string, number>> {
  const expected = new Map<string, number>();
  for (const statement of sync.fill) {
    const match = /^INSERT\s+INTO\s+([`"]?\w+[`"]?)\s*\([^)]*\)\s*(SELECT[\s\S]*)$/i.exec(statement);
    if (!match?.[1] || !match[2]) continue;
    const table = bare(match[1]);
    const result = await client.execute(`SELECT count(*) AS n FROM (${match[2]})`);
    expected.set(table, (expected.get(table) ?? 0) + Number(result.rows[0]?.n));
  }
  return expected;
}
