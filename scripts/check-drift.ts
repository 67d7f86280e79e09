/**
 * `npm run drift`: fails when the committed schema.graphql or the migrations no longer match the
 * code. drizzle-kit `check` validates the migration folder; `generate` into a scratch copy shows
 * whether the tables changed without a migration.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printedSchema } from '../src/schema/printed.ts';

let failed = false;
const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
if (committed !== printedSchema()) {
  console.error('schema.graphql is out of date: run `npm run schema:print` and commit the diff.');
  failed = true;
}

const scratch = mkdtempSync(join(tmpdir(), 'dossier-drift-'));
try {
  cpSync('src/db/migrations', scratch, { recursive: true });
  const before = readdirSync(scratch).length;
  execFileSync(
    'node_modules/.bin/drizzle-kit',
    ['generate', '--out', scratch, '--name', 'drift', '--dialect', 'turso', '--schema', 'src/db/schema.ts'],
    {
      stdio: 'pipe',
    },
  );
  if (readdirSync(scratch).length !== before) {
    console.error('src/db/schema.ts changed without a migration: run `npm run db:generate` and commit it.');
    failed = true;
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
if (failed) process.exit(1);
console.log('No drift: schema.graphql and the migrations match the code.');
