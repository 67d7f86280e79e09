/**
 * drizzle's statements through the worker threads take their rows as plain arrays
 * (src/db/array-rows.ts): the API answers from a worker-thread database exactly as from the same
 * file opened by the client directly — a page with nested relations, a lookup, counts, a filter,
 * drizzle's own selects and a write that returns its row — and the arrays are really used.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type InStatement } from '@libsql/client';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersArrays } from '../src/db/array-rows.ts';
import { createDb, type Db } from '../src/db/client.ts';
import { migrateDb } from '../src/db/migrate.ts';
import { articles, quotes } from '../src/db/schema.ts';
import { openWorkerClient, type WorkerClient } from '../src/db/worker/worker-client.ts';
import { seedDb } from '../src/server/seed.ts';
import { ARTICLE_SLUG, serverFor } from './helpers.ts';

const READS = [
  `{ articles(first: 2) { totalCount nodes { slug headline publishedOn
      quotes(first: 3) { totalCount nodes { text speaker { name } } }
      measures(first: 2) { nodes { title status fundingItems { amount { amount currencyCode } } } } } } }`,
  `query($slug: String!) { article(slug: $slug) { headline topics actorMentions(first: 5) { nodes { actor { name } } } } }`,
  '{ measures(filter: { status: [PROPOSED] }) { totalCount nodes { title } } }',
  '{ quotes(first: 4, orderBy: { field: KEY, direction: DESC }) { edges { cursor node { text } } pageInfo { endCursor hasNextPage } } }',
];

/** The seed article's headline (seeds/articles/…json). */
const HEADLINE = 'European Commission plans to give police greater powers to decrypt messages';

let dir: string;
let direct: Db;
let threaded: Db;
let arraysAsked = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dossier-array-rows-'));
  const url = `file:${join(dir, 'db.sqlite')}`;
  direct = createDb(createClient({ url }));
  await direct.run(sql`PRAGMA journal_mode = WAL`);
  await migrateDb(direct);
  await seedDb(direct);
  const worker = await openWorkerClient({ url }, 1);
  expect(answersArrays(worker)).toBe(true);
  threaded = createDb(countingArrays(worker));
});

/** The worker client, and each request's view of it, counting what is asked of them as arrays. */
function countingArrays(client: WorkerClient): WorkerClient {
  return new Proxy(client, {
    get(target, property) {
      if (property === 'executeArrays') {
        return (statement: InStatement) => {
          arraysAsked++;
          return target.executeArrays(statement);
        };
      }
      if (property === 'withSignal')
        return (signal: AbortSignal) => countingArrays(target.withSignal(signal) as WorkerClient);
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

afterAll(() => {
  direct.$client.close();
  threaded.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('rows as arrays from the worker threads', () => {
  it("answers the API's reads as the client does, from arrays", async () => {
    const fromDirect = serverFor(direct);
    const fromThreads = serverFor(threaded);
    for (const query of READS) {
      const before = arraysAsked;
      const expected = await fromDirect(query, { slug: ARTICLE_SLUG });
      const answer = await fromThreads(query, { slug: ARTICLE_SLUG });
      expect(expected.errors).toBeUndefined();
      expect(answer).toEqual(expected);
      expect(arraysAsked).toBeGreaterThan(before);
    }
    const page = await fromThreads('{ articles(first: 1) { nodes { slug headline } } }');
    expect(page.data.articles.nodes[0]).toEqual({
      slug: ARTICLE_SLUG,
      headline: HEADLINE,
    });
  });

  it("answers drizzle's selects, counts and a write's returned row as the client does", async () => {
    const select = (db: Db) =>
      db.select({ slug: articles.id, language: articles.language }).from(articles).where(eq(articles.id, ARTICLE_SLUG));
    expect(await select(threaded)).toEqual(await select(direct));
    expect(await threaded.$count(quotes)).toBe(await direct.$count(quotes));
    expect(await threaded.query.articles.findFirst({ columns: { id: true, headline: true } })).toEqual({
      id: ARTICLE_SLUG,
      headline: HEADLINE,
    });
    const [written] = await threaded
      .update(articles)
      .set({ publisher: 'ZDNet' })
      .where(eq(articles.id, ARTICLE_SLUG))
      .returning({ slug: articles.id, headline: articles.headline, publisher: articles.publisher });
    expect(written).toEqual({ slug: ARTICLE_SLUG, headline: HEADLINE, publisher: 'ZDNet' });
    expect(await direct.select({ publisher: articles.publisher }).from(articles)).toEqual([{ publisher: 'ZDNet' }]);
  });
});
