/**
 * The worker client's rows (src/db/worker/row-shape.ts) read as libSQL's own: the same statements
 * run through the worker threads and through `@libsql/client` directly, and every way code reads
 * a row — by position, by name, `length`, keys, spreading, JSON, `Array.prototype.slice` (drizzle's
 * arrays mode) — gives the same answer, including the awkward column names.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient, type Row } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkerClient } from '../src/db/worker/worker-client.ts';

const STATEMENTS = [
  "SELECT 1 AS a, 'two' AS b, NULL AS c, 2.5 AS d",
  // A repeated name: the first column's value is the named one.
  "SELECT 1 AS x, 2 AS x, 'three' AS y",
  // Names that clash with what a row already has, or with Object.prototype.
  "SELECT 'l' AS length, 'zero' AS \"0\", 'p' AS __proto__, 'c' AS constructor, 'ts' AS toString, 'n' AS \"7\"",
  'SELECT id, name FROM people ORDER BY id',
  'SELECT id FROM people WHERE id < 0',
];

let dir: string;
let direct: Client;
let threaded: Client;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dossier-row-shape-'));
  const url = `file:${join(dir, 'rows.db')}`;
  direct = createClient({ url });
  await direct.executeMultiple(
    "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO people VALUES (1, 'Ursula'), (2, 'Kaja');",
  );
  threaded = await openWorkerClient({ url }, 1);
});

afterAll(() => {
  threaded?.close();
  direct?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Everything a reader of a row can see. */
function readings(row: Row, columns: string[]) {
  const record = row as unknown as Record<string, unknown>;
  return {
    length: row.length,
    byPosition: Array.from({ length: row.length }, (_, i) => row[i]),
    byName: columns.map((name) => record[name]),
    keys: Object.keys(row),
    entries: Object.entries(row),
    spread: JSON.stringify({ ...row }),
    json: JSON.stringify(row),
    sliced: Array.prototype.slice.call(row),
    enumerableNames: columns.map((name) => Object.prototype.propertyIsEnumerable.call(row, name)),
  };
}

describe('rows from the worker threads', () => {
  for (const sql of STATEMENTS) {
    it(`read as libSQL's own: ${sql}`, async () => {
      const [expected, actual] = await Promise.all([direct.execute(sql), threaded.execute(sql)]);
      expect(actual.columns).toEqual(expected.columns);
      expect(actual.rows.length).toBe(expected.rows.length);
      for (const [i, row] of actual.rows.entries()) {
        expect(readings(row, actual.columns)).toEqual(readings(expected.rows[i] as Row, expected.columns));
      }
    });
  }

  it('keep their values apart, row by row', async () => {
    const { rows } = await threaded.execute('SELECT id, name FROM people ORDER BY id');
    expect(rows.map((row) => [row[0], row.name])).toEqual([
      [1, 'Ursula'],
      [2, 'Kaja'],
    ]);
  });
});
