/**
 * `figures.measures` became `figures.subject` (migration rename_figure_measures_to_subject): the
 * text survives the migration and history reads the new name; the migration raises the
 * compatibility floor, so the version before it is refused by a migrated database; GraphQL keeps
 * `Figure.description`, `figureUpdate` takes `subject` and still the deprecated `measures`, and
 * an import file written before the rename (`measures`) is still read. Through HTTP, on real
 * databases built from the real migrations.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../src/db/client.ts';
import { APP_VERSION, FLOORS_TABLE, MIGRATION_FLOORS } from '../src/db/compatibility.ts';
import { MIGRATIONS_FOLDER, migrateDb } from '../src/db/migrate.ts';
import { readSchemaState, schemaFit } from '../src/db/schema-version.ts';
import { SEEDS_FOLDER } from '../src/server/dataset-files.ts';
import { ARTICLE_SLUG, newApiKey, seededDb, serverFor } from './helpers.ts';

const RENAME = '20261130120005_rename_figure_measures_to_subject';
const PREVIOUS_VERSION = '0.1.0';
const gid = (type: string, key: string) => Buffer.from(`${type}:${key}`).toString('base64');
// The seed's figure for "86 additional staff" (seeds/articles/2017-10-18-eu-police-decryption-plan.json).
const STAFF = 'europol-additional-staff';
const STAFF_SUBJECT = 'Additional staff for Europol to further develop its decryption capability.';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** The real migrations up to the one before the rename: the schema Dossier 0.1.0 served. */
function migrationsBeforeRename(): string {
  const folder = mkdtempSync(join(tmpdir(), 'dossier-migrations-'));
  folders.push(folder);
  for (const tag of readdirSync(MIGRATIONS_FOLDER).filter((tag) => tag < RENAME))
    cpSync(join(MIGRATIONS_FOLDER, tag), join(folder, tag), { recursive: true });
  return folder;
}

describe('the migration', () => {
  it('keeps the text, renames it in history too, and records the raised floor', async () => {
    const db = createDb(createClient({ url: ':memory:' }));
    await migrateDb(db, migrationsBeforeRename());
    // What 0.1.0 wrote: the figure, its creation and one correction of the old column.
    await db.$client.batch(
      [
        {
          sql: 'INSERT INTO figures (id, value, unit, reported_text, approximate, measures) VALUES (?, 86, ?, ?, 0, ?)',
          args: [STAFF, 'staff', '86 additional staff', STAFF_SUBJECT],
        },
        {
          sql: `INSERT INTO history (write_id, at, editor, operation, subject_type, subject_key, change, changed_fields, before, after)
                VALUES ('w1', '2026-11-30T10:00:00Z', 'seed', 'seed', 'Figure', ?, 'CREATED', '[]', NULL, ?)`,
          args: [STAFF, JSON.stringify({ unit: 'staff', measures: 'Europol staff' })],
        },
        {
          sql: `INSERT INTO history (write_id, at, editor, operation, subject_type, subject_key, change, changed_fields, before, after)
                VALUES ('w2', '2026-11-30T11:00:00Z', 'alice', 'figureUpdate', 'Figure', ?, 'UPDATED', ?, ?, ?)`,
          args: [
            STAFF,
            JSON.stringify(['measures', 'reviewStatus']),
            JSON.stringify({ measures: 'Europol staff', reviewStatus: 'UNREVIEWED' }),
            JSON.stringify({ measures: STAFF_SUBJECT, reviewStatus: 'CORRECTED' }),
          ],
        },
      ],
      'write',
    );

    expect(await migrateDb(db)).toEqual([RENAME]);
    const gql = serverFor(db);
    const read = await gql(`{ node(id: "${gid('Figure', STAFF)}") { ... on Figure { description
      history { nodes { change changedFields before after } } } } }`);
    expect(read.errors).toBeUndefined();
    expect(read.data.node).toEqual({
      description: STAFF_SUBJECT,
      history: {
        nodes: [
          {
            change: 'UPDATED',
            changedFields: ['reviewStatus', 'subject'],
            before: { reviewStatus: 'UNREVIEWED', subject: 'Europol staff' },
            after: { reviewStatus: 'CORRECTED', subject: STAFF_SUBJECT },
          },
          { change: 'CREATED', changedFields: [], before: null, after: { unit: 'staff', subject: 'Europol staff' } },
        ],
      },
    });
    const floors = await db.$client.execute({
      sql: `SELECT floor FROM "${FLOORS_TABLE}" WHERE migration = ?`,
      args: [RENAME],
    });
    expect(floors.rows.map((row) => row.floor)).toEqual([APP_VERSION]);
  });

  it('is not additive: the version before it is refused (SCHEMA_MISMATCH), this one is served', async () => {
    expect(MIGRATION_FLOORS[RENAME]).toBe('0.2.0');
    expect(APP_VERSION).toBe('0.2.0');
    const db = createDb(createClient({ url: ':memory:' }));
    await migrateDb(db);
    const state = await readSchemaState(db.$client);
    // 0.1.0 knows every migration before this one, so only the floor recorded here refuses it.
    expect(schemaFit(state, PREVIOUS_VERSION)).toMatchObject({
      fits: false,
      missing: [],
      reason: `the database needs Dossier 0.2.0 or later (migration ${RENAME}); this is Dossier ${PREVIOUS_VERSION}: deploy the newer version`,
    });
    expect(schemaFit(state, APP_VERSION)).toMatchObject({ fits: true });
  });
});

describe('GraphQL', () => {
  const UPDATE = `mutation($input: FigureUpdateInput!) { figureUpdate(input: $input) {
    figure { description } userErrors { field code message } } }`;

  it('Figure.description reads the subject; figureUpdate sets it as subject or by its deprecated name', async () => {
    const db = await seededDb();
    const asEditor = serverFor(db, { key: await newApiKey(db, 'alice', 'EDITOR') });
    const id = gid('Figure', STAFF);
    const read = await asEditor(`{ node(id: "${id}") { ... on Figure { description } } }`);
    expect(read.data.node).toEqual({ description: STAFF_SUBJECT });

    const bySubject = await asEditor(UPDATE, { input: { id, subject: 'Europol staff for decryption.' } });
    expect(bySubject.data.figureUpdate).toEqual({
      figure: { description: 'Europol staff for decryption.' },
      userErrors: [],
    });
    const byOldName = await asEditor(UPDATE, { input: { id, measures: STAFF_SUBJECT } });
    expect(byOldName.data.figureUpdate).toEqual({ figure: { description: STAFF_SUBJECT }, userErrors: [] });

    const both = await asEditor(UPDATE, { input: { id, subject: 'a', measures: 'b' } });
    expect(both.data.figureUpdate).toEqual({
      figure: null,
      userErrors: [
        {
          field: ['input', 'measures'],
          code: 'INVALID',
          message: 'Give `subject` only: `measures` is its deprecated name.',
        },
      ],
    });
    const history = await asEditor(
      `{ node(id: "${id}") { ... on Figure { history(first: 2) { nodes { changedFields } } } } }`,
    );
    expect(history.data.node.history.nodes).toEqual([
      { changedFields: ['subject'] },
      { changedFields: ['reviewStatus', 'subject'] },
    ]);
  });

  it('an import file written before the rename (`measures`) is read as `subject`; both keys are refused', async () => {
    const db = await seededDb();
    const asEditor = serverFor(db, { key: await newApiKey(db, 'alice', 'EDITOR') });
    const body = readFileSync(join(SEEDS_FOLDER, 'articles', `${ARTICLE_SLUG}.txt`), 'utf8');
    const article = JSON.parse(readFileSync(join(SEEDS_FOLDER, 'articles', `${ARTICLE_SLUG}.json`), 'utf8'));
    const IMPORT = `mutation($input: ArticleImportInput!) { articleImport(input: $input) {
      summary { articles { facts { type changed unchanged } } } userErrors { field code message } } }`;

    const old = structuredClone(article);
    for (const figure of old.figures) {
      figure.measures = figure.subject;
      delete figure.subject;
    }
    const imported = await asEditor(IMPORT, { input: { article: old, body, dryRun: true } });
    expect(imported.data.articleImport.userErrors).toEqual([]);
    const figures = imported.data.articleImport.summary.articles[0].facts.find(
      (f: { type: string }) => f.type === 'Figure',
    );
    expect(figures.changed).toEqual([]); // the same four figures as stored, subjects included
    expect(figures.unchanged).toHaveLength(4);

    article.figures[0].measures = 'b';
    const both = await asEditor(IMPORT, { input: { article, body, dryRun: true } });
    expect(both.data.articleImport.userErrors).toMatchObject([
      { field: ['input', 'article', 'figures', '0'], code: 'INVALID' },
    ]);
  });
});
