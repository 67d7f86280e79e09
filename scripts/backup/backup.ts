/**
 * A backup of DATABASE_URL into a new file, safe while the server writes: a local database is
 * copied with `VACUUM INTO` (a consistent, compacted SQLite file, written from one read
 * transaction), a libSQL server is dumped as one SQL script read in one read transaction
 * (./dump.ts). Never overwrites a file.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Client } from '@libsql/client';
import { isLibsqlServerUrl } from '../../src/server/database-url.ts';
import { dumpDatabase } from './dump.ts';

export type BackupKind = 'sqlite-file' | 'sql-dump';

export async function backupDatabase(client: Client, databaseUrl: string, file: string): Promise<BackupKind> {
  if (existsSync(file)) throw new Error(`${file} exists already: a backup never overwrites a file.`);
  if (!isLibsqlServerUrl(databaseUrl)) {
    await client.execute({ sql: 'VACUUM INTO ?', args: [file] });
    return 'sqlite-file';
  }
  await writeFile(file, await dumpDatabase(client), { flag: 'wx' });
  return 'sql-dump';
}
