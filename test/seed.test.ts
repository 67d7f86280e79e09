/**
 * Seeding upserts on natural keys: running it twice changes nothing, a corrected annotation is
 * applied in place with the same IDs, and a bad annotation stops the seed before anything is
 * written, with a message naming the fact.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { MAX_EVIDENCE_PER_FACT, MAX_FUNDING_ITEMS_PER_MEASURE } from '../src/ingest/format.ts';
import { SEEDS_FOLDER } from '../src/server/dataset-files.ts';
import { seedDb as seed } from '../src/server/seed.ts';
import { ARTICLE_SLUG, emptyDb, serverFor } from './helpers.ts';

const TABLES = [
  'articles',
  'article_topics',
  'article_subheadings',
  'actors',
  'actor_aliases',
  'mentions',
  'measures',
  'measure_actors',
  'positions',
  'funding_items',
  'funding_item_flags',
  'quotes',
  'figures',
  'events',
  'reports',
  'evidence',
];

/** Every row of every table except surrogate evidence/report ids, in a stable order. */
async function snapshot(db: Db) {
  const result: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const rows = (await db.all(sql.raw(`SELECT * FROM ${table}`))) as Record<string, unknown>[];
    result[table] = rows
      .map(({ id, ...rest }) => JSON.stringify(table === 'reports' || table === 'evidence' ? rest : { id, ...rest }))
      .sort();
  }
  return result;
}

function seedsCopy(edit?: (article: any) => void): string {
  const folder = mkdtempSync(join(tmpdir(), 'dossier-seeds-'));
  cpSync(SEEDS_FOLDER, folder, { recursive: true });
  if (edit) {
    const file = join(folder, 'articles', `${ARTICLE_SLUG}.json`);
    const article = JSON.parse(readFileSync(file, 'utf8'));
    edit(article);
    writeFileSync(file, JSON.stringify(article));
  }
  return folder;
}

describe('seeding', () => {
  it('is idempotent: a second run changes no row', async () => {
    const db = await emptyDb();
    await seed(db);
    const first = await snapshot(db);
    expect(first.quotes).toHaveLength(5);
    await seed(db);
    expect(await snapshot(db)).toEqual(first);
  });

  it('applies a corrected annotation in place, keeping the global ID', async () => {
    const db = await emptyDb();
    await seed(db);
    const gql = serverFor(db);
    const before = await gql('{ figures(first: 100) { nodes { id value approximate } } }');
    const staff = before.data.figures.nodes.find((f: any) => f.value === 86);
    expect(staff.approximate).toBe(false);

    await seed(
      db,
      seedsCopy((article) => {
        const figure = article.figures.find((f: any) => f.value === 86);
        figure.approximate = true; // an editor's (deliberately wrong) correction, for the test only
      }),
    );
    const after = await gql(`{ node(id: "${staff.id}") { ... on Figure { value approximate } } }`);
    expect(after.data.node).toEqual({ value: 86, approximate: true });
    const count = await gql('{ figures { totalCount } }');
    expect(count.data.figures.totalCount).toBe(4);
  });

  it('stops on a span whose text is not at its offsets, naming the fact, and writes nothing', async () => {
    const db = await emptyDb();
    const folder = seedsCopy((article) => {
      const quote = article.quotes.find((q: any) => q.speaker === 'julian-king');
      quote.evidence[0].start += 1;
    });
    const error = await seed(db, folder).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /quotes\[\d+\] \([a-z0-9-]+\)\.evidence\[0\]: body\.slice\(\d+, \d+\) is /,
    );
    const [{ n }] = (await db.all(sql`SELECT count(*) AS n FROM articles`)) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('stops on a reference to an unknown measure, naming the field', async () => {
    const folder = seedsCopy((article) => {
      article.fundingItems[0].measure = 'no-such-measure';
    });
    const message = await seed(await emptyDb(), folder).then(
      () => 'no error',
      (e: Error) => e.message,
    );
    expect(message).toMatch(/fundingItems\[0\] \([a-z0-9-]+\)\.measure: names measure "no-such-measure"/);
  });

  it('stops on a reference to an actor neither the import nor the database has, and writes nothing', async () => {
    const folder = seedsCopy((article) => {
      article.measures[0].proposer = 'nobody-we-know';
    });
    const db = await emptyDb();
    const message = await seed(db, folder).then(
      () => 'no error',
      (e: Error) => e.message,
    );
    expect(message).toMatch(
      /measures\[0\] \([a-z0-9-]+\)\.proposer: names actor "nobody-we-know", which does not exist/,
    );
    const [{ n }] = (await db.all(sql`SELECT count(*) AS n FROM actors`)) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('stops on values outside the vocabulary, naming the field', async () => {
    const folder = seedsCopy((article) => {
      article.quotes[0].kind = 'RUMOUR';
      article.fundingItems[0].amount = '-5';
    });
    const message = await seed(await emptyDb(), folder).then(
      () => 'no error',
      (e: Error) => e.message,
    );
    expect(message).toMatch(/quotes\[0\] \([a-z0-9-]+\)\.kind: /);
    expect(message).toMatch(/fundingItems\[0\] \([a-z0-9-]+\)\.amount: must be a non-negative decimal/);
  });

  it('stops on lists over their write-time caps (evidence per fact, funding per measure), naming the fact', async () => {
    const tooManySpans = seedsCopy((article) => {
      const span = article.quotes[0].evidence[0];
      article.quotes[0].evidence = Array.from({ length: MAX_EVIDENCE_PER_FACT + 1 }, () => span);
    });
    const tooMuchFunding = seedsCopy((article) => {
      const funding = article.fundingItems[0];
      article.fundingItems = Array.from({ length: MAX_FUNDING_ITEMS_PER_MEASURE + 1 }, (_, i) => ({
        ...funding,
        id: `capped-funding-${i}`,
        measure: article.measures[0].id,
      }));
    });
    const db = await emptyDb();
    const messageOf = (folder: string) =>
      seed(db, folder).then(
        () => 'no error',
        (e: Error) => e.message,
      );
    expect(await messageOf(tooManySpans)).toMatch(
      /quotes\[0\] \([a-z0-9-]+\)\.evidence: at most 50 evidence spans per fact/,
    );
    expect(await messageOf(tooMuchFunding)).toMatch(
      /measures\[0\] \([a-z0-9-]+\): has 101 funding items; at most 100 per measure/,
    );
    const [{ n }] = (await db.all(sql`SELECT count(*) AS n FROM articles`)) as [{ n: number }];
    expect(n).toBe(0);
  });
});
