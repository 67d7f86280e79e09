/**
 * Idempotency across processes: two `npm run import` processes send the same import to one
 * database file at the same moment. Each plans on the revision it read and its batch checks that
 * revision first, so exactly one of them writes; the other plans again, finds everything
 * unchanged and writes nothing.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createClient } from '@libsql/client';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createDb } from '../src/db/client.ts';
import { migrateDb } from '../src/db/migrate.ts';
import { SEEDS_FOLDER } from '../src/server/dataset-files.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX_CLI = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const run = promisify(execFile);

it('two processes importing the same articles at once create them once, with one history entry', async () => {
  const url = `file:${join(mkdtempSync(join(tmpdir(), 'dossier-two-')), 'two.db')}`;
  const db = createDb(createClient({ url }));
  await migrateDb(db);
  const importer = () =>
    run(process.execPath, [TSX_CLI, 'scripts/import.ts', SEEDS_FOLDER], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url },
    });
  const outputs = await Promise.all([importer(), importer()]);
  const lines = outputs.map((o) => o.stdout.trim().split('\n').at(-1));
  expect(lines.sort()).toEqual(['Nothing changed: data revision stays 1.', 'Written: data revision is now 1.']);

  const rows = async (query: ReturnType<typeof sql>) => (await db.all(query)) as Record<string, unknown>[];
  expect(await rows(sql`SELECT revision FROM data_revision`)).toEqual([{ revision: 1 }]);
  expect(await rows(sql`SELECT count(*) AS n FROM articles`)).toEqual([{ n: 1 }]);
  expect(await rows(sql`SELECT editor, change FROM history WHERE subject_type = 'Article'`)).toEqual([
    { editor: 'cli', change: 'CREATED' },
  ]);
  expect(await rows(sql`SELECT count(*) AS n FROM quotes`)).toEqual([{ n: 5 }]);
  db.$client.close();
}, 60_000);
