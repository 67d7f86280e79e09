/**
 * Write-time validation through `articleImport`: each failure is a userError with the input path
 * and a code, and nothing is written. Real values from the seed article, each broken one way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { SEEDS_FOLDER } from '../src/server/dataset-files.ts';
import { ARTICLE_SLUG, newApiKey, seededDb, serverFor } from './helpers.ts';

const BODY = readFileSync(join(SEEDS_FOLDER, 'articles', `${ARTICLE_SLUG}.txt`), 'utf8');
const JSON_TEXT = readFileSync(join(SEEDS_FOLDER, 'articles', `${ARTICLE_SLUG}.json`), 'utf8');
const IMPORT = `mutation($input: ArticleImportInput!) { articleImport(input: $input) {
  written article { body } userErrors { field code message } } }`;

let db: Db;
let gql: ReturnType<typeof serverFor>;

beforeAll(async () => {
  db = await seededDb();
  gql = serverFor(db, { key: await newApiKey(db, 'validator', 'EDITOR') });
});

async function revision(): Promise<number> {
  const [row] = (await db.all(sql`SELECT revision FROM data_revision`)) as [{ revision: number }];
  return row.revision;
}

/** Imports the seed article with one edit (as a new slug, so nothing else differs) and returns its userErrors. */
async function errorsFor(edit: (article: any) => void, body = BODY) {
  const article = JSON.parse(JSON_TEXT);
  article.slug = 'synthetic-validation-copy';
  for (const list of ['measures', 'positions', 'fundingItems', 'quotes', 'figures', 'events']) {
    for (const fact of article[list]) fact.id = `copy-${fact.id}`;
    for (const fact of article[list]) {
      if (fact.parent) fact.parent = `copy-${fact.parent}`;
      if (fact.measure) fact.measure = `copy-${fact.measure}`;
    }
  }
  edit(article);
  const before = await revision();
  const result = await gql(IMPORT, { input: { article, body, dryRun: true } });
  expect(result.errors).toBeUndefined();
  expect(await revision()).toBe(before);
  return result.data.articleImport.userErrors.map((e: { field: string[]; code: string; message: string }) => ({
    field: e.field.join('.'),
    code: e.code,
    message: e.message,
  }));
}

describe('validation of writes', () => {
  it('accepts the copy as it is (the baseline every case breaks once)', async () => {
    expect(await errorsFor(() => {})).toEqual([]);
  });

  it('real calendar dates only', async () => {
    expect(await errorsFor((a) => (a.publishedOn = '2024-02-29'))).toEqual([]);
    expect(await errorsFor((a) => (a.publishedOn = '2023-02-29'))).toEqual([
      { field: 'input.article.publishedOn', code: 'INVALID', message: 'Invalid ISO date' },
    ]);
  });

  it('amounts: non-negative, no more fraction digits than the currency has, ISO 4217 codes', async () => {
    expect(await errorsFor((a) => (a.fundingItems[0].amount = '-5'))).toMatchObject([
      { field: 'input.article.fundingItems.0.amount', code: 'INVALID' },
    ]);
    expect(await errorsFor((a) => (a.fundingItems[0].amount = '500000.001'))).toEqual([
      {
        field: 'input.article.fundingItems.0.amount',
        code: 'INVALID',
        message: '"500000.001" has more than 2 decimal places, the minor unit of EUR',
      },
    ]);
    expect(await errorsFor((a) => (a.fundingItems[0].currencyCode = 'XXX'))).toMatchObject([
      { field: 'input.article.fundingItems.0.currencyCode', code: 'INVALID' },
    ]);
  });

  it('http(s) URLs only', async () => {
    expect(await errorsFor((a) => (a.url = 'https://example.org/story'))).toEqual([]);
    expect(await errorsFor((a) => (a.url = 'javascript:alert(1)'))).toEqual([
      { field: 'input.article.url', code: 'INVALID', message: 'must be an http(s) URL' },
    ]);
  });

  it('control characters and lone surrogates are refused, tab and newline are fine', async () => {
    const message = 'must not contain control characters (other than tab and newline) or lone surrogates';
    expect(await errorsFor((a) => (a.quotes[0].roleAsWritten = 'a\u0007bell'))).toEqual([
      { field: 'input.article.quotes.0.roleAsWritten', code: 'INVALID', message },
    ]);
    expect(await errorsFor((a) => (a.headline = 'half a pair \uD83D'))).toEqual([
      { field: 'input.article.headline', code: 'INVALID', message },
    ]);
    expect(await errorsFor((a) => (a.measures[0].summary = 'line one\n\tline two'))).toEqual([]);
  });

  it('an oversized field is a userError (not a 413), and so is an oversized body', async () => {
    expect(await errorsFor((a) => (a.headline = 'x'.repeat(10_001)))).toMatchObject([
      { field: 'input.article.headline', code: 'INVALID' },
    ]);
    expect(await errorsFor(() => {}, `${BODY}\u0000`)).toMatchObject([{ field: 'input.body', code: 'INVALID' }]);
  });

  it('a span must hold its text at its offsets; a leading BOM is dropped and offsets refer to the stored body', async () => {
    expect(await errorsFor((a) => (a.figures[0].evidence[0].end += 1))).toMatchObject([
      { field: 'input.article.figures.0.evidence.0', code: 'SPAN_MISMATCH' },
    ]);
    const article = JSON.parse(JSON_TEXT);
    const result = await gql(IMPORT, { input: { article, body: `\uFEFF${BODY}` } });
    expect(result.data.articleImport.userErrors).toEqual([]);
    expect(result.data.articleImport.written).toBe(false); // the same body as stored: unchanged
    expect(result.data.articleImport.article.body.startsWith('\uFEFF')).toBe(false);
  });
});
