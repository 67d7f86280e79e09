/**
 * Schema compatibility (src/db/compatibility.ts): a server refuses a database that lacks a
 * migration it needs, or whose recorded compatibility floor is above its version — 503
 * SCHEMA_MISMATCH, logged with both versions — and keeps serving one that has an extra, newer
 * additive migration. Real databases built from the real migrations, through HTTP.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/db/client.ts';
import { APP_VERSION, compareVersions, FLOORS_TABLE, MIGRATION_FLOORS } from '../src/db/compatibility.ts';
import { MIGRATIONS_FOLDER, migrateDb } from '../src/db/migrate.ts';
import { createLogger } from '../src/server/log/logger.ts';
import { SCHEMA_RECHECK_MS, schemaCheckedDb } from '../src/server/schema-guard.ts';
import { seedDb } from '../src/server/seed.ts';
import { createDossierYoga } from '../src/server/yoga.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TAGS = readdirSync(MIGRATIONS_FOLDER).sort();
const NEWEST = TAGS.at(-1) as string;
const QUERY = '{ quotes(first: 1) { totalCount } }';
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A copy of the real migrations folder without the last `drop` of them, plus `extra` ones. */
function migrationsFolder(drop: number, extra: Record<string, string> = {}): string {
  const folder = mkdtempSync(join(tmpdir(), 'dossier-migrations-'));
  folders.push(folder);
  for (const tag of TAGS.slice(0, TAGS.length - drop))
    cpSync(join(MIGRATIONS_FOLDER, tag), join(folder, tag), { recursive: true });
  for (const [tag, sql] of Object.entries(extra)) {
    mkdirSync(join(folder, tag));
    writeFileSync(join(folder, tag, 'migration.sql'), sql);
  }
  return folder;
}

async function dbFrom(folder: string): Promise<Db> {
  const db = createDb(createClient({ url: ':memory:' }));
  await migrateDb(db, folder);
  await seedDb(db).catch(() => undefined); // an older schema may not take today's seed: reads are what count
  return db;
}

function serve(db: Db) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('info', (line) => lines.push(JSON.parse(line)));
  const yoga = createDossierYoga({ getDb: () => schemaCheckedDb(db), logger: () => logger });
  const post = async () => {
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const health = async () => {
    const response = await yoga.fetch('http://test/health');
    return { status: response.status, body: await response.json() };
  };
  return { post, health, lines };
}

/** A 200 with the seed's five quotes and no errors (extensions such as the cost may come along). */
function expectAnswer(answer: { status: number; body: any }) {
  expect(answer.status).toBe(200);
  expect(answer.body.errors).toBeUndefined();
  expect(answer.body.data).toEqual({ quotes: { totalCount: 5 } });
}

describe('the committed compatibility list', () => {
  it('has a floor for every migration folder, and no entry without one', () => {
    expect(Object.keys(MIGRATION_FLOORS).sort()).toEqual(TAGS);
  });

  it("says the app's version as package.json does, and no floor is above it", () => {
    expect(APP_VERSION).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    for (const floor of Object.values(MIGRATION_FLOORS))
      expect(compareVersions(floor, APP_VERSION)).toBeLessThanOrEqual(0);
  });

  it('compares versions by number', () => {
    expect(compareVersions('0.10.0', '0.9.1')).toBe(1);
    expect(compareVersions('0.1', '0.1.0')).toBe(0);
    expect(compareVersions('1.2.3-rc.1', '1.2.4')).toBe(-1);
  });
});

describe('migrateDb', () => {
  it('returns what it applied, records each floor, and writes no data', async () => {
    const db = createDb(createClient({ url: ':memory:' }));
    expect(await migrateDb(db)).toEqual(TAGS);
    expect(await migrateDb(db)).toEqual([]);
    const floors = await db.$client.execute(`SELECT migration, floor FROM "${FLOORS_TABLE}" ORDER BY migration`);
    expect(floors.rows.map((row) => [row.migration, row.floor])).toEqual(
      TAGS.map((tag) => [tag, MIGRATION_FLOORS[tag]]),
    );
    const articles = await db.$client.execute('SELECT count(*) AS n FROM articles');
    expect(articles.rows[0]?.n).toBe(0);
  });
});

describe('a server checks the database it is given', () => {
  it('up to date: it answers', async () => {
    const { post, health } = serve(await dbFrom(MIGRATIONS_FOLDER));
    expectAnswer(await post());
    expect((await health()).status).toBe(200);
  });

  it('a migration missing: 503 SCHEMA_MISMATCH without detail; the log names it and both versions', async () => {
    const { post, health, lines } = serve(await dbFrom(migrationsFolder(1)));
    const answer = await post();
    expect(answer.status).toBe(503);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toEqual([
      {
        message: 'The database does not fit this version of the server (a deploy is incomplete). Try again later.',
        extensions: { code: 'SCHEMA_MISMATCH', requestId: expect.any(String) },
      },
    ]);
    const error = lines.find((line) => line.msg === 'error');
    expect(error).toMatchObject({ level: 'error', code: 'SCHEMA_MISMATCH', class: 'SchemaMismatchError' });
    expect(error?.message).toBe(
      `the database lacks 1 migration(s) Dossier ${APP_VERSION} needs (first: ${NEWEST}; the newest it has: ${TAGS.at(-2)}): run npm run db:migrate`,
    );
    expect(await health()).toEqual({
      status: 503,
      body: { status: 'schema_mismatch', message: 'The database does not fit this version.' },
    });
  });

  it('an extra, newer additive migration (its floor allows this version): it still answers', async () => {
    const extra = '20991231000000_article_notes';
    const db = await dbFrom(migrationsFolder(0, { [extra]: 'ALTER TABLE `articles` ADD `editor_note` text;' }));
    // What the newer version's db:migrate records for it: additive, so the floor stays.
    await db.$client.execute({ sql: `INSERT INTO "${FLOORS_TABLE}" VALUES (?, ?)`, args: [extra, APP_VERSION] });
    const { post } = serve(db);
    expectAnswer(await post());
  });

  it('an extra migration that raises the floor above this version: 503, the log says which version it needs', async () => {
    const extra = '20991231000000_rename_headline';
    const db = await dbFrom(
      migrationsFolder(0, { [extra]: 'ALTER TABLE `articles` RENAME COLUMN `url` TO `source_url`;' }),
    );
    await db.$client.execute({ sql: `INSERT INTO "${FLOORS_TABLE}" VALUES (?, ?)`, args: [extra, '99.0.0'] });
    const { post, lines } = serve(db);
    const answer = await post();
    expect(answer.status).toBe(503);
    expect(answer.body.errors[0].extensions.code).toBe('SCHEMA_MISMATCH');
    expect(lines.find((line) => line.msg === 'error')?.message).toBe(
      `the database needs Dossier 99.0.0 or later (migration ${extra}); this is Dossier ${APP_VERSION}: deploy the newer version`,
    );
  });

  it('is checked once per interval: a database migrated meanwhile is served at the next check', async () => {
    const db = createDb(createClient({ url: ':memory:' }));
    await migrateDb(db, migrationsFolder(1));
    const start = Date.now();
    await expect(schemaCheckedDb(db, start)).rejects.toThrow(/lacks 1 migration/);
    await migrateDb(db);
    await expect(schemaCheckedDb(db, start + 1)).rejects.toThrow(/lacks 1 migration/); // remembered
    await expect(schemaCheckedDb(db, start + SCHEMA_RECHECK_MS)).resolves.toBe(db);
  });
});
