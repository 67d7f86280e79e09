/**
 * Concurrency and durability of the write path on a real database file (WAL, as `npm start`
 * opens it): 50 parallel imports of different articles all succeed, 20 parallel copies of one
 * import create it exactly once, and a server SIGKILLed in the middle of a stream of imports
 * comes back with every acknowledged import complete and nothing half-written.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/db/client.ts';
import { migrateDb } from '../src/db/migrate.ts';
import { withBusyTimeout } from '../src/db/node-client.ts';
import { openWorkerClient } from '../src/db/worker/worker-client.ts';
import { createDossierYoga } from '../src/server/yoga.ts';
import { startNodeServer } from './edge/node-server.ts';
import { newApiKey } from './helpers.ts';
import { syntheticImportArticle } from './synthetic-article.ts';

/** Clearly synthetic speakers and articles in the import format, sized for these tests. */
const SYNTHETIC_ACTORS = Array.from({ length: 3 }, (_, i) => ({
  id: `synthetic-speaker-${i}`,
  name: `Synthetic Speaker ${i}`,
  kind: 'PERSON',
  aliases: [],
  description: 'A made-up person for generated test data.',
}));

/** Article n: 3 quotes, 2 measures and 2 funding items, one span each, offsets computed as the body grows. */
function syntheticArticle(n: number) {
  const slug = `synthetic-article-${String(n).padStart(4, '0')}`;
  let body = '';
  const span = (sentence: string) => {
    const start = body.length + (body ? 2 : 0);
    body += (body ? '\n\n' : '') + sentence;
    return [{ start, end: start + sentence.length, exact: sentence, role: 'MAIN_STATEMENT' }];
  };
  const fact = { reviewStatus: 'UNREVIEWED', provenance: 'EDITORS' };
  const quotes = [0, 1, 2].map((q) => {
    const evidence = span(`Synthetic quote ${q} of article ${n}.`);
    const speaker = SYNTHETIC_ACTORS[(n + q) % SYNTHETIC_ACTORS.length]?.id ?? null;
    const text = evidence[0]?.exact;
    return {
      ...fact,
      id: `${slug}-quote-${q}`,
      text,
      kind: 'FULL_SENTENCE',
      speaker,
      speakerAsWritten: null,
      roleAsWritten: null,
      evidence,
    };
  });
  const measures = [0, 1].map((m) => ({
    ...fact,
    id: `${slug}-measure-${m}`,
    evidence: span(`Synthetic measure ${m} of article ${n}.`),
    title: `Synthetic measure ${m}`,
    summary: 'Generated for tests.',
    type: 'OTHER',
    status: 'ANNOUNCED',
    proposer: null,
    actors: [],
    announced: null,
    expected: null,
    deadline: null,
    parent: null,
  }));
  const fundingItems = [0, 1].map((f) => ({
    ...fact,
    id: `${slug}-funding-${f}`,
    evidence: span(`Synthetic funding of €${f + 1},000 for measure ${f}.`),
    purpose: 'Generated for tests.',
    funder: null,
    stage: 'ANNOUNCED',
    programme: null,
    period: null,
    reportedText: `€${f + 1},000`,
    approximate: false,
    amount: `${(f + 1) * 1000}.00`,
    currencyCode: 'EUR',
    qualityFlags: [],
    qualityNote: null,
    measure: `${slug}-measure-${f}`,
  }));
  const day = String((n % 28) + 1).padStart(2, '0');
  const article = syntheticImportArticle({
    slug,
    headline: `Synthetic article ${n}`,
    publishedOn: `2020-01-${day}`,
    measures,
    fundingItems,
    quotes,
  });
  return { article, body };
}

const IMPORT = `mutation($input: ArticleImportInput!) { articleImport(input: $input) {
  written userErrors { field code message } } }`;

/** A file database opened as the Node server opens one: libSQL in worker threads (src/db/worker/). */
async function fileDb(): Promise<{ db: Db; url: string }> {
  const url = `file:${join(mkdtempSync(join(tmpdir(), 'dossier-concurrency-')), 'db.sqlite')}`;
  const db = createDb(await openWorkerClient(withBusyTimeout({ url })));
  await db.run(sql`PRAGMA journal_mode = WAL`);
  await migrateDb(db);
  return { db, url };
}

function importBody(n: number, withActors: boolean) {
  const { article, body } = syntheticArticle(n);
  return JSON.stringify({
    query: IMPORT,
    variables: { input: { article, body, ...(withActors ? { actors: SYNTHETIC_ACTORS } : {}) } },
  });
}

async function count(db: Db, query: ReturnType<typeof sql>): Promise<number> {
  const [row] = (await db.all(query)) as [{ n: number }];
  return row.n;
}

describe('parallel imports in one process', () => {
  it('50 different articles at once: all succeed, no SQLITE_BUSY', async () => {
    const { db } = await fileDb();
    const key = await newApiKey(db, 'loader', 'EDITOR');
    const yoga = createDossierYoga({ getDb: () => db, getWriteDb: () => db });
    const post = (body: string) =>
      yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body,
      });
    const answers = await Promise.all(
      Array.from({ length: 50 }, async (_, n) => (await (await post(importBody(n, true))).json()) as any),
    );
    expect(answers.flatMap((a) => a.errors ?? a.data.articleImport.userErrors)).toEqual([]);
    expect(answers.every((a) => a.data.articleImport.written)).toBe(true);
    expect(await count(db, sql`SELECT count(*) AS n FROM articles`)).toBe(50);
    expect(await count(db, sql`SELECT count(*) AS n FROM quotes`)).toBe(150);
    expect(await count(db, sql`SELECT revision AS n FROM data_revision`)).toBe(51); // the key, then 50 imports
  });

  it('20 copies of the same import at once: one article, one history entry that created it', async () => {
    const { db } = await fileDb();
    const key = await newApiKey(db, 'loader', 'EDITOR');
    const yoga = createDossierYoga({ getDb: () => db, getWriteDb: () => db });
    const body = importBody(7, true);
    const answers = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const response = await yoga.fetch('http://test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body,
        });
        return (await response.json()) as any;
      }),
    );
    expect(answers.filter((a) => a.data.articleImport.written)).toHaveLength(1);
    expect(answers.flatMap((a) => a.errors ?? a.data.articleImport.userErrors)).toEqual([]);
    expect(await count(db, sql`SELECT count(*) AS n FROM articles`)).toBe(1);
    expect(await count(db, sql`SELECT count(*) AS n FROM history WHERE subject_type = 'Article'`)).toBe(1);
  });
});

describe('durability', () => {
  it('a server killed mid-stream restarts with every acknowledged import complete, none half-written', async () => {
    const { db, url } = await fileDb();
    const key = await newApiKey(db, 'loader', 'EDITOR');
    db.$client.close();
    const env = { DATABASE_URL: url, RESPONSE_CACHE: 'off' };
    const server = await startNodeServer(env);
    const acknowledged: number[] = [];
    const send = async (n: number) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: importBody(n, n === 0),
      });
      const answer = (await response.json()) as any;
      if (answer.data?.articleImport?.written) acknowledged.push(n);
    };
    // A stream of imports, four in flight at a time; the server is killed once some are acknowledged.
    let next = 0;
    const stream = Array.from({ length: 4 }, async () => {
      while (next < 400) {
        const n = next++;
        await send(n).catch(() => undefined); // requests cut off by the kill
      }
    });
    while (acknowledged.length < 8) await new Promise((resolve) => setTimeout(resolve, 5));
    await server.kill();
    await Promise.all(stream);
    expect(acknowledged.length).toBeGreaterThanOrEqual(8);

    const restarted = await startNodeServer(env);
    try {
      const check = createDb(createClient({ url }));
      expect(await check.all(sql`PRAGMA integrity_check`)).toEqual([{ integrity_check: 'ok' }]);
      const slugs = (await check.all(sql`SELECT id FROM articles`)) as { id: string }[];
      const present = new Set(slugs.map((r) => r.id));
      for (const n of acknowledged) expect(present.has(syntheticArticle(n).article.slug)).toBe(true);
      // (The first start also seeded the real article.) Every synthetic article present is whole: 3 quotes, 2 measures, 2 funding items, each with its evidence.
      const partial = await check.all(sql`SELECT a.id FROM articles a WHERE a.id LIKE 'synthetic-%' AND (
        (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) <> 3 OR
        (SELECT count(*) FROM reports r WHERE r.article_id = a.id) <> 7 OR
        (SELECT count(*) FROM evidence e WHERE e.article_id = a.id) <> 7)`);
      expect(partial).toEqual([]);
      const [{ n }] = (await check.all(sql`SELECT count(*) AS n FROM history WHERE subject_type = 'Article'`)) as [
        { n: number },
      ];
      expect(n).toBe(slugs.length);
      const answer = await fetch(`${restarted.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ articles { totalCount } }' }),
      });
      expect(((await answer.json()) as any).data.articles.totalCount).toBe(slugs.length);
      check.$client.close();
    } finally {
      await restarted.stop();
    }
  }, 120_000);
});
