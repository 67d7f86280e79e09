/**
 * The relational row mapper of src/db/relational-rows.ts against drizzle's own: the same
 * relational queries on the same database, through a Dossier db (createDb) and through a plain
 * drizzle instance, must give the same values — the same types (booleans, JSON, nulls), the same
 * keys in the same order — at the root, in nested relations, for `findFirst` and for extras.
 */
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql/web';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { relations } from '../src/db/relations.ts';
import { ARTICLE_SLUG, seededDb, syntheticDb } from './helpers.ts';

type Query = (db: Db) => Promise<unknown>;

/** A page of articles with everything nested the schema reads, as plugin-drizzle plans it. */
const articlesDeep: Query = (db) =>
  db.query.articles.findMany({
    orderBy: { id: 'asc' },
    limit: 5,
    extras: { quoteCount: (t) => sql<number>`(select count(*) from quotes q where q.article_id = ${t.id})` },
    with: {
      topics: true,
      quotes: { with: { speaker: true, evidence: true } },
      figures: { with: { reporter: true } },
      measures: { limit: 3, with: { fundingItems: { with: { funder: true, flags: true, evidence: true } } } },
    },
  });

const oneArticle: Query = (db) =>
  db.query.articles.findFirst({ where: { id: ARTICLE_SLUG }, with: { evidence: true, history: true } });

const noArticle: Query = (db) => db.query.articles.findFirst({ where: { id: 'no-such-article' } });

const fundingRoot: Query = (db) => db.query.fundingItems.findMany({ limit: 10, with: { funder: true, measure: true } });

/** The same query through drizzle's own mapper. */
function plainDrizzle(db: Db): Db {
  return drizzle({ client: db.$client, relations }) as unknown as Db;
}

/** Equal values with equal key order (toStrictEqual ignores order; JSON keeps it). */
async function expectSame(db: Db, query: Query) {
  const ours = await query(db);
  const theirs = await query(plainDrizzle(db));
  expect(ours).toStrictEqual(theirs);
  expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
  return ours as any;
}

describe('relational rows, seeded article', () => {
  let db: Db;
  beforeAll(async () => {
    db = await seededDb();
  });

  it('is the mapper a Dossier db uses', () => {
    const generator = (d: Db) => (d as any).dialect.mapperGenerators.relationalRows;
    expect(generator(db)).not.toBe(generator(plainDrizzle(db)));
  });

  it('maps a nested page as drizzle does', async () => {
    const rows = await expectSame(db, articlesDeep);
    const article = rows.find((row: any) => row.id === ARTICLE_SLUG);
    expect(article.quoteCount).toBe(article.quotes.length);
    expect(article.quotes.length).toBeGreaterThan(0);
    for (const figure of article.figures) expect(typeof figure.approximate).toBe('boolean');
  });

  it('maps findFirst, and its absence, as drizzle does', async () => {
    const article = await expectSame(db, oneArticle);
    expect(article.id).toBe(ARTICLE_SLUG);
    for (const evidence of article.evidence) expect(typeof evidence.editorAdded).toBe('boolean');
    expect(await expectSame(db, noArticle)).toBeUndefined();
  });
});

describe('relational rows, synthetic articles', () => {
  let db: Db;
  beforeAll(async () => {
    db = await syntheticDb(40);
  });

  it('maps nested funding (booleans, nulls, one-relations) as drizzle does', async () => {
    const rows = await expectSame(db, articlesDeep);
    const funding = rows.flatMap((a: any) => a.measures.flatMap((m: any) => m.fundingItems));
    expect(funding.length).toBeGreaterThan(0);
    expect(funding.some((f: any) => f.approximate === true || f.approximate === false)).toBe(true);
    expect(funding.every((f: any) => typeof f.approximate === 'boolean')).toBe(true);
  });

  it('maps root booleans and nested one-relations as drizzle does', async () => {
    const rows = await expectSame(db, fundingRoot);
    expect(rows).toHaveLength(10);
    expect(rows.some((f: any) => f.measure === null)).toBe(true);
    expect(rows.every((f: any) => typeof f.approximate === 'boolean')).toBe(true);
    expect(rows.some((f: any) => typeof f.measure?.id === 'string')).toBe(true);
  });
});
