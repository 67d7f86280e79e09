/**
 * The SQL renderer of src/db/sql-text.ts against drizzle's own: the same query builders, through
 * a Dossier db (createDb) and through a plain drizzle instance, must give the same text and the
 * same parameters — relational pages with filters, cursors and nested limits; selects with
 * aliases, subqueries, lists and placeholders; inserts and updates whose values go through column
 * encoders (JSON, booleans) — and the statements must run and find the seeded article.
 */
import { aliasedTable, and, count, eq, gt, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql/web';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { relations } from '../src/db/relations.ts';
import { articles, evidence, fundingItems, history, quotes } from '../src/db/schema.ts';
import { ARTICLE_SLUG, seededDb } from './helpers.ts';

type Built = { toSQL(): { sql: string; params: unknown[] } };
type Build = (db: Db) => Built;

const BUILDERS: [string, Build][] = [
  [
    'a relational page: RAW filter, keyset bound, order, nested limits and a count',
    (db) =>
      db.query.articles.findMany({
        where: {
          RAW: (t) =>
            and(
              or(like(t.headline, '%police%'), inArray(t.language, ['en', 'de'])),
              gt(t.publishedOn, '2017-01-01'),
            ) as SQL,
        },
        orderBy: { publishedOn: 'desc', id: 'desc' },
        limit: 21,
        extras: { quoteCount: (t) => sql<number>`(select count(*) from quotes q where q.article_id = ${t.id})` },
        with: {
          quotes: { limit: 11, with: { speaker: true } },
          measures: { limit: 21, with: { fundingItems: { with: { evidence: { columns: { exact: true } } } } } },
          history: true,
        },
      }),
  ],
  ['findFirst by key', (db) => db.query.articles.findFirst({ where: { id: ARTICLE_SLUG }, with: { topics: true } })],
  [
    'a select with an aliased join, a subquery, a list and a raw fragment',
    (db) => {
      const speaker = aliasedTable(quotes, 'other_quotes');
      const counted = db
        .select({ articleId: quotes.articleId, n: count().as('n') })
        .from(quotes)
        .groupBy(quotes.articleId)
        .as('counted');
      return db
        .select({ id: articles.id, n: counted.n, other: speaker.text })
        .from(articles)
        .leftJoin(counted, eq(counted.articleId, articles.id))
        .leftJoin(speaker, eq(speaker.articleId, articles.id))
        .where(and(inArray(articles.id, [ARTICLE_SLUG, 'x', 'y']), sql`${articles.language} <> ${'xx'}`))
        .limit(5);
    },
  ],
  [
    'a placeholder',
    (db) =>
      db
        .select()
        .from(articles)
        .where(eq(articles.id, sql.placeholder('id'))),
  ],
  [
    'an insert through JSON and boolean encoders',
    (db) =>
      db.insert(history).values({
        writeId: 'synthetic-write',
        at: '2026-11-30T00:00:00.000Z',
        editor: 'synthetic-editor',
        operation: 'test',
        subjectType: 'Article',
        subjectKey: 'synthetic-test',
        change: 'UPDATED',
        changedFields: ['headline'],
        before: { headline: 'old' },
        after: { headline: 'new' },
      }),
  ],
  [
    'an update of a boolean',
    (db) => db.update(fundingItems).set({ approximate: true }).where(eq(fundingItems.id, 'synthetic-none')),
  ],
  ['a count with a condition', (db) => db.select({ n: count() }).from(evidence).where(eq(evidence.editorAdded, false))],
];

describe('SQL text', () => {
  let db: Db;
  let plain: Db;
  beforeAll(async () => {
    db = await seededDb();
    plain = drizzle({ client: db.$client, relations }) as unknown as Db;
  });

  for (const [name, build] of BUILDERS) {
    it(`renders ${name} as drizzle does`, () => {
      const ours = build(db).toSQL();
      expect(ours).toStrictEqual(build(plain).toSQL());
      expect(ours.sql.length).toBeGreaterThan(20);
    });
  }

  it('runs the rendered statements', async () => {
    const page = await db.query.articles.findFirst({ where: { id: ARTICLE_SLUG }, with: { topics: true } });
    expect(page?.id).toBe(ARTICLE_SLUG);
    const [row] = await db
      .select({ n: count() })
      .from(articles)
      .where(inArray(articles.id, [ARTICLE_SLUG, 'no-such-article']));
    expect(row?.n).toBe(1);
    const prepared = db
      .select({ id: articles.id })
      .from(articles)
      .where(eq(articles.id, sql.placeholder('id')))
      .prepare();
    expect(await prepared.all({ id: ARTICLE_SLUG })).toEqual([{ id: ARTICLE_SLUG }]);
  });
});
