/**
 * The worker thread's reading connection (src/db/worker/reader.mjs) answers as `@libsql/client`
 * does: the same statements, through the worker threads and through the client directly, give the
 * same columns, column types and values — integers per `intMode`, floats, text, NULL, blobs — and
 * the same errors, with their codes. What the reader leaves to the client (writes, arguments it
 * does not convert, integers past 2^53) still behaves as the client's own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient, type InStatement, type IntMode, type ResultSet } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkerClient } from '../src/db/worker/worker-client.ts';

const READS: InStatement[] = [
  "SELECT 1 AS one, -7 AS minus, 2.5 AS half, 'text' AS word, NULL AS empty, x'00ff10' AS bytes",
  'SELECT id, amount, ratio, label, data FROM facts ORDER BY id',
  { sql: 'SELECT label FROM facts WHERE id = ?', args: [2] },
  {
    sql: 'SELECT label FROM facts WHERE id = :id OR label = @label OR label = $other',
    args: { id: 1, label: 'b', other: 'none' },
  },
  { sql: 'SELECT count(*) AS n, sum(amount) AS total FROM facts WHERE label <> ?', args: ['zzz'] },
  // Arguments the reader leaves to the client: a bigint, a boolean.
  { sql: 'SELECT ? AS big, ? AS flag', args: [42n, true] },
  '  select id from facts where id < 0',
];

/** 2^53 + 1: no JavaScript number holds it. */
const UNSAFE = 'SELECT 9007199254740993 AS big';

let dir: string;
let url: string;
const direct = new Map<IntMode, Client>();
const threaded = new Map<IntMode, Client>();
const MODES: IntMode[] = ['number', 'bigint', 'string'];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dossier-reader-'));
  url = `file:${join(dir, 'reader.db')}`;
  const setup = createClient({ url });
  await setup.executeMultiple(`
    PRAGMA journal_mode = WAL;
    CREATE TABLE facts (id INTEGER PRIMARY KEY, amount INTEGER, ratio REAL, label TEXT, data BLOB);
    INSERT INTO facts VALUES (1, 1430000000000000, 0.25, 'a', x'0102'), (2, -3, NULL, 'b', NULL), (3, 0, 1e300, NULL, x'');`);
  setup.close();
  for (const intMode of MODES) {
    direct.set(intMode, createClient({ url, intMode }));
    threaded.set(intMode, await openWorkerClient({ url, intMode }, 1));
  }
});

afterAll(() => {
  for (const client of [...direct.values(), ...threaded.values()]) client.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What a caller sees of a result set: columns, types and every value, blobs as their bytes. */
function seen(result: ResultSet) {
  const value = (v: unknown) => (v instanceof ArrayBuffer ? { bytes: [...new Uint8Array(v)] } : v);
  return {
    columns: result.columns,
    columnTypes: result.columnTypes,
    rows: result.rows.map((row) => Array.from({ length: row.length }, (_, i) => value(row[i]))),
    rowsAffected: result.rowsAffected,
    lastInsertRowid: result.lastInsertRowid,
  };
}

async function failure(work: Promise<unknown>) {
  const error = (await work.then(
    () => undefined,
    (e: unknown) => e,
  )) as { name?: string; message?: string; code?: string; rawCode?: number } | undefined;
  return error && { name: error.name, message: error.message, code: error.code, rawCode: error.rawCode };
}

describe('the worker threads read as the client does', () => {
  for (const intMode of MODES) {
    it(`gives the client's columns, types and values (intMode ${intMode})`, async () => {
      for (const statement of READS) {
        const expected = seen(await (direct.get(intMode) as Client).execute(statement));
        expect(
          seen(await (threaded.get(intMode) as Client).execute(statement)),
          typeof statement === 'string' ? statement : statement.sql,
        ).toEqual(expected);
      }
    });

    it(`reads an integer past 2^53 as the client does (intMode ${intMode})`, async () => {
      const client = direct.get(intMode) as Client;
      const expected =
        intMode === 'number' ? await failure(client.execute(UNSAFE)) : seen(await client.execute(UNSAFE));
      const worker = threaded.get(intMode) as Client;
      const actual = intMode === 'number' ? await failure(worker.execute(UNSAFE)) : seen(await worker.execute(UNSAFE));
      expect(actual).toEqual(expected);
      if (intMode === 'string') expect(seen(await worker.execute(UNSAFE)).rows).toEqual([['9007199254740993']]);
    });
  }

  it('sees the real values (not only the same as the client)', async () => {
    const result = await (threaded.get('number') as Client).execute(
      'SELECT amount, ratio, label, data FROM facts WHERE id = 1',
    );
    expect(seen(result).rows).toEqual([[1430000000000000, 0.25, 'a', { bytes: [1, 2] }]]);
  });

  it('fails as the client fails, with the same code', async () => {
    for (const statement of ['SELECT nope FROM facts', 'SELECT * FROM missing_table', 'SELEC 1']) {
      const expected = await failure((direct.get('number') as Client).execute(statement));
      expect(expected?.code).toBeDefined();
      expect(await failure((threaded.get('number') as Client).execute(statement))).toEqual(expected);
    }
  });

  it('sees a write at once, made through the client side of the same thread', async () => {
    const worker = threaded.get('number') as Client;
    const write = await worker.execute({ sql: 'INSERT INTO facts (id, label) VALUES (?, ?)', args: [10, 'new'] });
    expect(write.rowsAffected).toBe(1);
    expect(write.lastInsertRowid).toBe(10n);
    const read = await worker.execute({ sql: 'SELECT label FROM facts WHERE id = ?', args: [10] });
    expect(seen(read).rows).toEqual([['new']]);
    await worker.execute({ sql: 'DELETE FROM facts WHERE id = ?', args: [10] });
    expect(seen(await worker.execute('SELECT count(*) FROM facts')).rows).toEqual([[3]]);
  });
});
