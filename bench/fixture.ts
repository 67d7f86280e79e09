/**
 * A benchmark database in a FILE (the servers under test open it with their own clients, as
 * they would in production): the real migrations, the real seed, the shared SQL-generated
 * synthetic articles, then the shapes that fixture lacks and the operations need — several
 * funding items per measure in two currencies with evidence spans, varied statuses, stages and
 * flags, quotes without a speaker, and search marker words. Until the dataset generator in
 * scripts/synth/ lands, the harness can build its datasets here too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { seed } from '../seeds/seed.ts';
import { createDb, type Db } from '../src/db/client.ts';
import { migrateDb } from '../src/db/migrate.ts';
import { openClient } from '../src/db/node-client.ts';
import { loadSyntheticSql } from '../test/fixtures/sql-synthetic.ts';

/** In about 1 synthetic article in 1,000 (and at least one): a word found nowhere else. */
export const RARE_TERM = 'quokka';
/** In every other synthetic article body. */
export const FREQUENT_TERM = 'encryption';

export interface BenchDatabase {
  url: string;
  path: string;
  remove: () => void;
}

/** Creates a fresh database file in a temporary folder; `remove()` deletes the folder. */
export async function createBenchDatabase(articles: number): Promise<BenchDatabase> {
  // loadSyntheticSql makes one actor per article up to 300 and points quotes at all 300 of them.
  if (articles < 300) throw new Error(`createBenchDatabase needs at least 300 articles; got ${articles}.`);
  const folder = mkdtempSync(join(tmpdir(), 'dossier-bench-'));
  const path = join(folder, 'bench.db');
  const url = `file:${path}`;
  const client = openClient({ url });
  try {
    // WAL is persistent in the file: readers in the four servers never wait on each other.
    await client.execute('PRAGMA journal_mode = WAL');
    const db = createDb(client);
    await migrateDb(db);
    await seed(db);
    await loadSyntheticSql(db, articles);
    await enrich(db, articles);
  } finally {
    client.close();
  }
  return { url, path, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** The synthetic article number inside an id such as `synthetic-000123-measure`. */
const numberOf = (column: string) => sql.raw(`CAST(substr(${column}, 11, 6) AS INTEGER)`);

async function enrich(db: Db, articles: number): Promise<void> {
  const m = numberOf('id');
  await db.batch([
    db.run(sql`UPDATE measures SET
      status = CASE ${m} % 6 WHEN 0 THEN 'ANNOUNCED' WHEN 1 THEN 'PROPOSED' WHEN 2 THEN 'PLANNED'
        WHEN 3 THEN 'ADOPTED' WHEN 4 THEN 'IN_FORCE' ELSE 'WITHDRAWN' END,
      proposer_id = CASE WHEN ${m} % 7 = 0 THEN NULL ELSE proposer_id END
      WHERE id LIKE 'synthetic-%'`),
    // Nullable relations must come back as null from every server.
    db.run(sql`UPDATE quotes SET speaker_id = NULL WHERE id LIKE 'synthetic-%-quote-2' AND ${m} % 5 = 0`),
    db.run(sql`UPDATE funding_items SET
      stage = CASE ${m} % 4 WHEN 0 THEN 'ANNOUNCED' WHEN 1 THEN 'PLEDGED' WHEN 2 THEN 'COMMITTED' ELSE 'DISBURSED' END,
      funder_id = CASE WHEN ${m} % 9 = 0 THEN NULL ELSE funder_id END,
      period_earliest = date('2016-01-01', '+' || (${m} % 10) || ' years'),
      period_latest = date('2016-12-31', '+' || (${m} % 10) || ' years'),
      period_precision = 'YEAR'
      WHERE id LIKE 'synthetic-%'`),
    // A second item for every other measure, in another currency (amounts are never added across).
    db.run(sql`INSERT INTO funding_items (id, purpose, stage, reported_text, approximate, amount_minor, currency_code, measure_id, funder_id)
      SELECT replace(id, '-funding', '-funding-usd'), 'Synthetic matching funds.', 'PLEDGED', '$' || ${m}, 1,
             ${m} * 250, 'USD', measure_id, funder_id
      FROM funding_items WHERE id LIKE 'synthetic-%-funding' AND ${m} % 2 = 0`),
    db.run(sql`INSERT INTO funding_item_flags (funding_item_id, flag)
      SELECT id, 'SUSPECTED_TYPO' FROM funding_items WHERE id LIKE 'synthetic-%' AND ${m} % 10 = 3`),
    db.run(sql`INSERT INTO reports (article_id, funding_item_id)
      SELECT substr(id, 1, 16), id FROM funding_items WHERE id LIKE 'synthetic-%'`),
    // Two spans per funding item, so evidence lists have an order to keep.
    db.run(sql`INSERT INTO evidence (article_id, funding_item_id, start, "end", exact, sentence_start, sentence_end, sentence, role)
      SELECT article_id, funding_item_id, s.start, s.start + s.len, s.exact, 0, 14, 'Synthetic body', s.role
      FROM reports, (SELECT 10 AS start, 4 AS len, 'body' AS exact, 'AMOUNT' AS role
                     UNION ALL SELECT 0, 9, 'Synthetic', 'MAIN_STATEMENT') AS s
      WHERE funding_item_id LIKE 'synthetic-%'`),
    db.run(sql`UPDATE articles SET body = body || ' On ' || ${FREQUENT_TERM} || '.'
      WHERE id LIKE 'synthetic-%' AND ${m} % 2 = 0`),
    db.run(sql`UPDATE articles SET body = body || ' A ' || ${RARE_TERM} || ' was seen.'
      WHERE id LIKE 'synthetic-%' AND ${m} % 1000 = ${7 % articles}`),
  ]);
}
