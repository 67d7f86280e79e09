/**
 * Restores a backup made by `npm run db:backup` into DATABASE_URL, which must hold no tables (a
 * new file, a new Turso database, an empty `sqld`): a SQLite file backup is read and replayed as
 * a dump; a SQL dump is run as it is, in one transaction (`npm run db:restore` then says what it
 * holds and whether its schema fits this version).
 */
import { readFile } from 'node:fs/promises';
import type { Client } from '@libsql/client';
import { openClient } from '../../src/db/node-client.ts';
import { dumpDatabase } from './dump.ts';

const SQLITE_HEADER = 'SQLite format 3\0';

export async function restoreDatabase(target: Client, file: string): Promise<void> {
  const existing = await target.execute("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'");
  if (Number(existing.rows[0]?.n) > 0) {
    throw new Error('The target database is not empty: restore only into a new database (DATABASE_URL).');
  }
  await target.executeMultiple(await scriptOf(file));
}

async function scriptOf(file: string): Promise<string> {
  const bytes = await readFile(file);
  if (bytes.subarray(0, SQLITE_HEADER.length).toString('latin1') !== SQLITE_HEADER) return bytes.toString('utf8');
  // Only read: the backup keeps its contents.
  const source = openClient({ url: `file:${file}`, intMode: 'bigint' });
  try {
    return await dumpDatabase(source);
  } finally {
    source.close();
  }
}
