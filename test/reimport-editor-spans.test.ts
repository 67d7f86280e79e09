/**
 * A re-import and the spans editors added with `evidenceAdd`: the file does not list them, yet
 * they stay when they still match the (possibly new) body; when a new body no longer holds one,
 * the whole import is refused with EVIDENCE_NO_LONGER_MATCHES naming the fact, and nothing is
 * written. Over HTTP, on the seeded article.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { SEEDS_FOLDER } from '../src/server/dataset-files.ts';
import { ARTICLE_SLUG, newApiKey, seededDb, serverFor } from './helpers.ts';

const BODY = readFileSync(join(SEEDS_FOLDER, 'articles', `${ARTICLE_SLUG}.txt`), 'utf8');
const JSON_TEXT = readFileSync(join(SEEDS_FOLDER, 'articles', `${ARTICLE_SLUG}.json`), 'utf8');
const seedArticle = () => JSON.parse(JSON_TEXT);
const QUOTE_ID = 'king-quote-public-spaces';
const QUOTE = Buffer.from(`Quote:${QUOTE_ID}`).toString('base64');
/** quotes[4] in the seed file. */
const QUOTE_INDEX = 4;

const ADD = `mutation($input: EvidenceAddInput!) { evidenceAdd(input: $input) { userErrors { code } } }`;
const IMPORT = `mutation($input: ArticleImportInput!) { articleImport(input: $input) {
  written
  summary { articles { change facts { type added changed unchanged removed } } deleted }
  userErrors { field code message } } }`;
const EVIDENCE = `{ node(id: "${QUOTE}") { ... on Quote { evidence { start end exact role sentence } } } }`;

/** The subheading "Public spaces" (3186..3199) added by an editor as context for King's quote. */
const EDITOR_SPAN = { start: 3186, end: 3199, exact: 'Public spaces', role: 'CONTEXT', sentence: 'Public spaces' };
const FILE_SPANS = [
  {
    start: 3961,
    end: 4039,
    exact: 'to make public spaces less vulnerable without completely changing their nature',
    role: 'MAIN_STATEMENT',
  },
  { start: 4042, end: 4049, exact: 'he said', role: 'ATTRIBUTION' },
];

let db: Db;
let asEditor: ReturnType<typeof serverFor>;

beforeEach(async () => {
  db = await seededDb();
  asEditor = serverFor(db, { key: await newApiKey(db, 'alice', 'EDITOR') });
  const added = await asEditor(ADD, {
    input: { fact: QUOTE, articleSlug: ARTICLE_SLUG, ...EDITOR_SPAN, sentence: undefined },
  });
  expect(added.data.evidenceAdd.userErrors).toEqual([]);
});

async function snapshot() {
  const [row] = (await db.all(
    sql`SELECT (SELECT revision FROM data_revision) AS revision, (SELECT count(*) FROM evidence) AS evidence,
        (SELECT count(*) FROM history) AS history, (SELECT body FROM articles) AS body`,
  )) as [{ revision: number; evidence: number; history: number; body: string }];
  return row;
}

async function quoteSpans() {
  const answer = await asEditor(EVIDENCE);
  return answer.data.node.evidence.map((e: { exact: string }) => e.exact);
}

/** The seed body with "Public spaces" (the subheading an editor cited) reworded in place. */
const REWORDED = `${BODY.slice(0, 3186)}Public places${BODY.slice(3199)}`;

describe('a re-import keeps the spans editors added', () => {
  it('the same file again: nothing changes and the editor’s span stays', async () => {
    const before = await snapshot();
    const again = await asEditor(IMPORT, { input: { article: seedArticle(), body: BODY } });
    expect(again.data.articleImport.userErrors).toEqual([]);
    expect(again.data.articleImport.written).toBe(false);
    expect(again.data.articleImport.summary.articles[0].change).toBe('UNCHANGED');
    expect(await snapshot()).toEqual(before);
    expect(await quoteSpans()).toEqual([EDITOR_SPAN.exact, FILE_SPANS[0]?.exact, FILE_SPANS[1]?.exact]);
  });

  it('a new body that still holds the span: written, and the span stays with its sentence', async () => {
    const body = `${BODY}\nA closing line written for this test.`;
    const answer = await asEditor(IMPORT, { input: { article: seedArticle(), body } });
    expect(answer.data.articleImport.userErrors).toEqual([]);
    expect(answer.data.articleImport.written).toBe(true);
    expect(answer.data.articleImport.summary.articles[0].change).toBe('UPDATED');
    expect((await asEditor(EVIDENCE)).data.node.evidence).toContainEqual(EDITOR_SPAN);
    expect((await snapshot()).body).toBe(body);
  });

  it('a fact the file drops keeps the editor’s span alone and is not removed', async () => {
    const article = seedArticle();
    article.quotes = article.quotes.filter((q: { id: string }) => q.id !== QUOTE_ID);
    const answer = await asEditor(IMPORT, { input: { article, body: BODY } });
    expect(answer.data.articleImport.userErrors).toEqual([]);
    const quotes = answer.data.articleImport.summary.articles[0].facts.find(
      (f: { type: string }) => f.type === 'Quote',
    );
    expect(quotes.changed).toEqual([QUOTE]);
    expect(quotes.removed).toEqual([]);
    expect(answer.data.articleImport.summary.deleted).toEqual([]);
    expect((await asEditor(EVIDENCE)).data.node.evidence).toEqual([EDITOR_SPAN]);
  });
});

describe('a re-import whose body no longer holds an editor’s span', () => {
  /** The file itself is fixed for the new body: only the editor's span is stale. */
  const reworded = () => {
    const article = seedArticle();
    article.subheadings[1].exact = 'Public places';
    return article;
  };
  const message = `Quote "${QUOTE_ID}" has evidence an editor added that the new body no longer holds: 3186..3199 "Public spaces" (body.slice(3186, 3199) is "Public places", not "Public spaces"). Remove it with evidenceRemove, or list a corrected span in the import.`;

  it('is refused as a whole, naming the fact; a dry run says the same; nothing is written', async () => {
    const before = await snapshot();
    for (const dryRun of [true, false]) {
      const answer = await asEditor(IMPORT, { input: { article: reworded(), body: REWORDED, dryRun } });
      expect(answer.data.articleImport.written).toBe(false);
      expect(answer.data.articleImport.userErrors).toEqual([
        {
          field: ['input', 'article', 'quotes', String(QUOTE_INDEX), 'evidence'],
          code: 'EVIDENCE_NO_LONGER_MATCHES',
          message,
        },
      ]);
    }
    expect(await snapshot()).toEqual(before);
    expect(await quoteSpans()).toEqual([EDITOR_SPAN.exact, FILE_SPANS[0]?.exact, FILE_SPANS[1]?.exact]);
  });

  it('names a fact the file no longer lists by its list', async () => {
    const article = reworded();
    article.quotes = article.quotes.filter((q: { id: string }) => q.id !== QUOTE_ID);
    const before = await snapshot();
    const answer = await asEditor(IMPORT, { input: { article, body: REWORDED } });
    expect(answer.data.articleImport.userErrors).toEqual([
      { field: ['input', 'article', 'quotes'], code: 'EVIDENCE_NO_LONGER_MATCHES', message },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('goes through once the editor removes the stale span', async () => {
    const removed = await asEditor(
      `mutation($input: EvidenceRemoveInput!) { evidenceRemove(input: $input) { userErrors { code } } }`,
      { input: { fact: QUOTE, articleSlug: ARTICLE_SLUG, start: 3186, end: 3199 } },
    );
    expect(removed.data.evidenceRemove.userErrors).toEqual([]);
    const answer = await asEditor(IMPORT, { input: { article: reworded(), body: REWORDED } });
    expect(answer.data.articleImport.userErrors).toEqual([]);
    expect(answer.data.articleImport.written).toBe(true);
    expect(await quoteSpans()).toEqual([FILE_SPANS[0]?.exact, FILE_SPANS[1]?.exact]);
  });
});
