/**
 * A libSQL database as one SQL script, read in one read transaction (a consistent snapshot while
 * writes go on): the tables with their rows (drizzle's migration journal and the compatibility
 * floors included, so a restored database knows its schema version), then the FTS5 tables — empty,
 * and rebuilt from their content tables, so their internal shadow tables are never copied — then
 * indexes, triggers and views. `sqlite3 new.db < dump.sql` restores it too.
 */
import type { Client, InValue } from '@libsql/client';

/** FTS5's own tables behind a virtual table `x`: rebuilt on restore, never dumped. */
const FTS_SHADOWS = ['_data', '_idx', '_docsize', '_config', '_content'];

export async function dumpDatabase(client: Client): Promise<string> {
  const tx = await client.transaction('read');
  try {
    const schema = (
      await tx.execute('SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid')
    ).rows.map((row) => ({ type: String(row.type), name: String(row.name), sql: String(row.sql) }));
    const virtual = schema.filter((entry) => entry.type === 'table' && /^CREATE VIRTUAL TABLE/i.test(entry.sql));
    const shadows = new Set(virtual.flatMap((v) => FTS_SHADOWS.map((suffix) => `${v.name}${suffix}`)));
    const tables = schema.filter(
      (entry) =>
        entry.type === 'table' &&
        !virtual.includes(entry) &&
        !shadows.has(entry.name) &&
        !entry.name.startsWith('sqlite_'),
    );
    const out = ['PRAGMA foreign_keys = OFF;', 'BEGIN;'];
    for (const table of tables) {
      out.push(`${table.sql};`);
      const rows = await tx.execute(`SELECT * FROM ${quoteName(table.name)}`);
      const columns = rows.columns.map(quoteName).join(', ');
      for (const row of rows.rows) {
        const values = rows.columns.map((_, i) => literal(row[i] as InValue));
        out.push(`INSERT INTO ${quoteName(table.name)} (${columns}) VALUES (${values.join(', ')});`);
      }
    }
    if (schema.some((entry) => entry.name === 'sqlite_sequence')) {
      for (const row of (await tx.execute('SELECT name, seq FROM sqlite_sequence')).rows) {
        out.push(`INSERT INTO sqlite_sequence (name, seq) VALUES (${literal(row.name)}, ${literal(row.seq)});`);
      }
    }
    for (const table of virtual) {
      out.push(`${table.sql};`);
      // An FTS5 index is rebuilt from its content table; an fts5vocab table only reads one.
      if (/USING\s+fts5\s*\(/i.test(table.sql)) {
        out.push(`INSERT INTO ${quoteName(table.name)}(${quoteName(table.name)}) VALUES ('rebuild');`);
      }
    }
    for (const entry of schema.filter((e) => e.type === 'index' || e.type === 'trigger' || e.type === 'view')) {
      if (!shadows.has(entry.name)) out.push(`${entry.sql};`);
    }
    out.push('COMMIT;', 'PRAGMA foreign_keys = ON;');
    return `${out.join('\n')}\n`;
  } finally {
    tx.close();
  }
}

function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A value as an SQL literal that reads back identically (integers as bigint: no precision lost). */
function literal(value: InValue | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'bigint') return value.toString();
  // Integers arrive as bigint (intMode 'bigint'), so a number is a REAL: keep it one ("2.0").
  if (typeof value === 'number')
    return Number.isFinite(value) ? (Number.isInteger(value) ? `${value}.0` : String(value)) : 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    const bytes =
      value instanceof ArrayBuffer
        ? new Uint8Array(value)
        : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    return `X'${Buffer.from(bytes).toString('hex')}'`;
  }
  if (value instanceof Date) return `'${value.toISOString()}'`;
  return `'${String(value).replaceAll("'", "''")}'`;
}
