/**
 * Backups and restores on real databases: `VACUUM INTO` of a file database while another
 * process keeps writing gives a consistent copy; a SQL dump of a libSQL server (a real
 * `sqld`) restores into an empty database with the same rows and a working search index; the
 * CLI refuses to overwrite a file or to restore into a database that has tables.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Client, createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase } from '../scripts/backup/backup.ts';
import { restoreDatabase } from '../scripts/backup/restore.ts';
import { migrateAndSeed, type Sqld, startSqld } from '../scripts/edge/sqld.ts';
import { createDb } from '../src/db/client.ts';
import { migrateDb } from '../src/db/migrate.ts';
import { readSchemaState, schemaFit } from '../src/db/schema-version.ts';
import { seedDb } from '../src/server/seed.ts';
import { serverFor } from './helpers.ts';
import { runScript } from './run-script.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dossier-backup-'));
let sqld: Sqld;
/** A separate writer process: one atomic batch after another, a line on stdout after each. */
const WRITER = `import { createClient } from '@libsql/client';
const client = createClient({ url: process.argv[1], timeout: 5000 });
for (;;) {
  await client.batch(['INSERT INTO probe_rows VALUES (1)', 'UPDATE probe_count SET n = n + 1'], 'write');
  process.stdout.write('w\\n');
}`;

beforeAll(async () => {
  sqld = await startSqld({ dir: join(dir, 'sqld') });
  await migrateAndSeed(sqld.url);
}, 60_000);
afterAll(async () => {
  await sqld?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Every ordinary table's rows, by name (FTS internals left out: they are rebuilt, not copied). */
async function contents(client: Client): Promise<Record<string, unknown[]>> {
  const tables = await client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%_fts_%' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables.rows) {
    out[String(name)] = (await client.execute(`SELECT * FROM "${name}" ORDER BY rowid`)).rows.map((row) => ({
      ...row,
    }));
  }
  return out;
}

async function answers(client: Client) {
  const gql = serverFor(createDb(client));
  const { data, errors } = await gql('{ quotes { totalCount } search(query: "backdoors") { totalCount } }');
  expect(errors).toBeUndefined();
  return data;
}

describe('a file database', () => {
  it('VACUUM INTO while another process writes: a consistent copy that restores and answers', async () => {
    const url = `file:${join(dir, 'live.db')}`;
    const live = createClient({ url });
    const db = createDb(live);
    await live.execute('PRAGMA journal_mode = WAL');
    await migrateDb(db);
    await seedDb(db);
    // Another process keeps writing two tables in step, each write one atomic batch: a copy is
    // consistent when the two agree. (A writer in this process would share libSQL's blocking waits.)
    await live.batch([
      'CREATE TABLE probe_rows (n INTEGER)',
      'CREATE TABLE probe_count (n INTEGER)',
      'INSERT INTO probe_count VALUES (0)',
    ]);
    const writer = spawn(process.execPath, ['--input-type=module', '-e', WRITER, url], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let writes = 0;
    writer.stdout.on('data', (chunk: Buffer) => (writes += chunk.toString().split('\n').length - 1));
    const stopped = new Promise((resolve) => writer.once('exit', resolve));
    while (writes < 20) await new Promise((resolve) => setTimeout(resolve, 20));
    const file = join(dir, 'live-backup.db');
    try {
      expect(await backupDatabase(live, url, file)).toBe('sqlite-file');
      expect(writes).toBeGreaterThanOrEqual(20);
    } finally {
      writer.kill('SIGKILL');
      await stopped;
    }

    const copy = createClient({ url: `file:${file}` });
    expect((await copy.execute('PRAGMA integrity_check')).rows[0]?.[0]).toBe('ok');
    const [rows, count] = await Promise.all([
      copy.execute('SELECT count(*) FROM probe_rows'),
      copy.execute('SELECT n FROM probe_count'),
    ]);
    expect(Number(rows.rows[0]?.[0])).toBe(Number(count.rows[0]?.[0]));
    expect(Number(count.rows[0]?.[0])).toBeGreaterThanOrEqual(20);
    copy.close();

    // Restore into a new file: the same rows, the search index rebuilt, the schema fits.
    const restored = createClient({ url: `file:${join(dir, 'restored.db')}`, intMode: 'number' });
    await restoreDatabase(restored, file);
    const source = createClient({ url: `file:${file}` });
    expect(await contents(restored)).toEqual(await contents(source));
    source.close();
    expect(await answers(restored)).toEqual({ quotes: { totalCount: 5 }, search: { totalCount: 3 } });
    expect(schemaFit(await readSchemaState(restored)).fits).toBe(true);
    restored.close();
    live.close();
  }, 60_000);
});

describe('a libSQL server (sqld)', () => {
  it('db:backup writes a SQL dump; db:restore puts it into an empty database; both refuse to clobber', async () => {
    const file = join(dir, 'server.sql');
    const backup = await runScript('scripts/backup.ts', { DATABASE_URL: sqld.url }, [file]);
    expect(backup.stderr).toBe('');
    expect(backup.stdout).toMatch(new RegExp(`^Backed up ${sqld.url} to ${file}: a SQL dump, \\d+ bytes\\.\\n$`));
    expect(readFileSync(file, 'utf8')).toMatch(/^PRAGMA foreign_keys = OFF;\nBEGIN;\nCREATE TABLE/);

    const again = await runScript('scripts/backup.ts', { DATABASE_URL: sqld.url }, [file]);
    expect({ code: again.code, stderr: again.stderr.trim() }).toEqual({
      code: 1,
      stderr: `No backup was made: ${file} exists already: a backup never overwrites a file.`,
    });

    const target = join(dir, 'from-server.db');
    const restore = await runScript('scripts/restore.ts', { DATABASE_URL: `file:${target}` }, [file]);
    expect(restore.stderr).toBe('');
    expect(restore.stdout).toBe(`Restored ${file} into file:${target}: 1 article(s).\n`);
    const restored = createClient({ url: `file:${target}` });
    const server = createClient({ url: sqld.url });
    expect(await contents(restored)).toEqual(await contents(server));
    expect(await answers(restored)).toEqual({ quotes: { totalCount: 5 }, search: { totalCount: 3 } });
    restored.close();
    server.close();

    const twice = await runScript('scripts/restore.ts', { DATABASE_URL: `file:${target}` }, [file]);
    expect({ code: twice.code, stderr: twice.stderr.trim() }).toEqual({
      code: 1,
      stderr: 'The restore failed: The target database is not empty: restore only into a new database (DATABASE_URL).',
    });
    expect(existsSync(target)).toBe(true);
  }, 120_000);
});
