/**
 * Every writer keeps the write-time caps the cost model prices lists at (src/ingest/caps.ts):
 * evidence per fact over every article that reports it, a measure's funding items over every
 * article, a fact moved to another measure; and mutations are priced and take their long strings.
 * The extra article here is synthetic test data (its body says so), written for these tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { MAX_EVIDENCE_PER_FACT, MAX_FUNDING_ITEMS_PER_MEASURE, MAX_TEXT_LENGTH } from '../src/ingest/format.ts';
import { MAX_COST } from '../src/server/cost/model.ts';
import { SEEDS_FOLDER } from '../src/server/dataset-files.ts';
import { MAX_MUTATION_STRING_LENGTH } from '../src/server/limits.ts';
import { ARTICLE_SLUG, newApiKey, seededDb, serverFor } from './helpers.ts';
import { syntheticImportArticle } from './synthetic-article.ts';

const SEED_JSON = readFileSync(join(SEEDS_FOLDER, 'articles', `${ARTICLE_SLUG}.json`), 'utf8');
const SEED_BODY = readFileSync(join(SEEDS_FOLDER, 'articles', `${ARTICLE_SLUG}.txt`), 'utf8');
const seedArticle = () => JSON.parse(SEED_JSON);
const gid = (type: string, key: string) => Buffer.from(`${type}:${key}`).toString('base64');
const QUOTE = 'king-quote-public-spaces';

const IMPORT = `mutation($input: ArticleImportInput!) { articleImport(input: $input) {
  written userErrors { field code message } } }`;

let db: Db;
let gql: ReturnType<typeof serverFor>;

beforeEach(async () => {
  db = await seededDb();
  gql = serverFor(db, { key: await newApiKey(db, 'alice', 'EDITOR') });
});

async function value(query: string, ...params: string[]): Promise<unknown> {
  const [row] = (await db.$client.execute({ sql: query, args: params })).rows;
  return row?.[0];
}

async function count(query: string, ...params: string[]): Promise<number> {
  return Number(await value(query, ...params));
}

/** A synthetic body of `n` numbered sentences, and a span on each. */
function sentences(n: number) {
  const texts = Array.from({ length: n }, (_, i) => `Synthetic test sentence ${i + 1}.`);
  const body = texts.join(' ');
  let start = 0;
  const spans = texts.map((exact) => {
    const span = { start, end: start + exact.length, exact, role: 'MAIN_STATEMENT' };
    start += exact.length + 1;
    return span;
  });
  return { body, spans };
}

/** A synthetic article (slug `synthetic-…`) with no facts yet, dated as the seed article. */
function syntheticArticle(slug: string) {
  const headline = 'Synthetic test article for the write caps';
  return syntheticImportArticle({ slug, headline, publishedOn: seedArticle().publishedOn });
}

describe('evidence per fact, over every article that reports it', () => {
  it('refuses more than 50 spans for one fact in one import, with its path, writing nothing', async () => {
    const article = seedArticle();
    const quote = article.quotes.find((q: { id: string }) => q.id === QUOTE);
    const i = article.quotes.indexOf(quote);
    quote.evidence = Array.from({ length: MAX_EVIDENCE_PER_FACT + 1 }, () => quote.evidence[0]);
    const before = await count('SELECT count(*) FROM evidence WHERE quote_id = ?', QUOTE);

    const { data, errors } = await gql(IMPORT, { input: { article, body: SEED_BODY } });
    expect(errors).toBeUndefined();
    expect(data.articleImport.written).toBe(false);
    expect(data.articleImport.userErrors).toEqual([
      {
        field: ['input', 'article', 'quotes', String(i), 'evidence'],
        code: 'LIMIT_EXCEEDED',
        message: 'at most 50 evidence spans per fact',
      },
    ]);
    expect(await count('SELECT count(*) FROM evidence WHERE quote_id = ?', QUOTE)).toBe(before);
  });

  it('counts the spans other articles hold: 50 in all is written, 51 is refused', async () => {
    const stored = await count('SELECT count(*) FROM evidence WHERE quote_id = ?', QUOTE);
    expect(stored).toBe(2); // the seed's two spans of the quote
    const quote = seedArticle().quotes.find((q: { id: string }) => q.id === QUOTE);
    const importWith = (spans: number) => {
      const { body, spans: all } = sentences(spans);
      const article = { ...syntheticArticle('synthetic-caps-evidence'), quotes: [{ ...quote, evidence: all }] };
      return gql(IMPORT, { input: { article, body } });
    };

    const over = await importWith(MAX_EVIDENCE_PER_FACT - stored + 1);
    expect(over.data.articleImport.written).toBe(false);
    expect(over.data.articleImport.userErrors).toEqual([
      {
        field: ['input', 'article', 'quotes', '0', 'evidence'],
        code: 'LIMIT_EXCEEDED',
        message: `Quote "${QUOTE}" would have 51 evidence spans over the articles that report it; at most 50 per fact`,
      },
    ]);
    expect(await count('SELECT count(*) FROM articles WHERE id = ?', 'synthetic-caps-evidence')).toBe(0);

    const atCap = await importWith(MAX_EVIDENCE_PER_FACT - stored);
    expect(atCap.data.articleImport).toEqual({ written: true, userErrors: [] });
    expect(await count('SELECT count(*) FROM evidence WHERE quote_id = ?', QUOTE)).toBe(MAX_EVIDENCE_PER_FACT);

    // evidenceAdd keeps the same cap.
    const add = await gql(
      `mutation($input: EvidenceAddInput!) { evidenceAdd(input: $input) { userErrors { field code } } }`,
      {
        input: {
          fact: gid('Quote', QUOTE),
          articleSlug: ARTICLE_SLUG,
          start: 0,
          end: 8,
          exact: SEED_BODY.slice(0, 8),
          role: 'CONTEXT',
        },
      },
    );
    expect(add.errors).toBeUndefined();
    expect(add.data.evidenceAdd.userErrors).toEqual([{ field: ['input', 'fact'], code: 'LIMIT_EXCEEDED' }]);
  });
});

describe("a measure's funding items, over every article", () => {
  const MEASURE = 'synthetic-caps-package';

  /** Imports a synthetic article with a measure and `n` funding items for it. */
  async function importPackage(slug: string, n: number) {
    const { body, spans } = sentences(n + 1);
    const seed = seedArticle();
    const measure = {
      ...seed.measures.find((m: { id: string }) => m.id === 'public-spaces-protection-funding'),
      id: MEASURE,
      evidence: [spans[0]],
    };
    const funding = seed.fundingItems[0];
    const fundingItems = Array.from({ length: n }, (_, i) => ({
      ...funding,
      id: `${slug}-funding-${i + 1}`,
      measure: MEASURE,
      evidence: [spans[i + 1]],
    }));
    const article = { ...syntheticArticle(slug), measures: [measure], fundingItems };
    return gql(IMPORT, { input: { article, body } });
  }

  it('refuses an import that would give a stored measure a 101st funding item', async () => {
    expect((await importPackage('synthetic-caps-a', MAX_FUNDING_ITEMS_PER_MEASURE)).data.articleImport).toEqual({
      written: true,
      userErrors: [],
    });
    const second = await importPackage('synthetic-caps-b', 1);
    expect(second.data.articleImport.written).toBe(false);
    expect(second.data.articleImport.userErrors).toEqual([
      {
        field: ['input', 'article', 'measures', '0'],
        code: 'LIMIT_EXCEEDED',
        message: 'has 101 funding items; at most 100 per measure',
      },
    ]);
    expect(await count('SELECT count(*) FROM funding_items WHERE measure_id = ?', MEASURE)).toBe(100);
  });

  it('refuses moving a funding item to a measure that has 100 (fundingItemUpdate)', async () => {
    await importPackage('synthetic-caps-a', MAX_FUNDING_ITEMS_PER_MEASURE);
    const move = await gql(
      `mutation($input: FundingItemUpdateInput!) { fundingItemUpdate(input: $input) { userErrors { field code message } } }`,
      { input: { id: gid('FundingItem', 'funding-police-training-programme'), measure: gid('Measure', MEASURE) } },
    );
    expect(move.errors).toBeUndefined();
    expect(move.data.fundingItemUpdate.userErrors).toEqual([
      {
        field: ['input', 'measure'],
        code: 'LIMIT_EXCEEDED',
        message: `measure "${MEASURE}" has 101 funding items; at most 100 per measure`,
      },
    ]);
    expect(await value('SELECT measure_id FROM funding_items WHERE id = ?', 'funding-police-training-programme')).toBe(
      'police-training-programme',
    );
  });
});

describe('mutations under the cost model and the input limits', () => {
  it('are priced (the payload, its userErrors at their cap) and carry extensions.cost', async () => {
    const answer = await gql(IMPORT, { input: { article: seedArticle(), body: SEED_BODY, dryRun: true } });
    expect(answer.data.articleImport).toEqual({ written: false, userErrors: [] });
    expect((answer as { extensions?: unknown }).extensions).toEqual({
      cost: { requested: 1 + 100, limit: MAX_COST },
    });
  });

  it('take strings up to a body long: long text reaches the validator, a userError; longer is refused', async () => {
    const UPDATE = `mutation($input: QuoteUpdateInput!) { quoteUpdate(input: $input) {
      quote { text } userErrors { field code } } }`;
    const id = gid('Quote', QUOTE);
    const long = 'Synthetic quote text. '.repeat(70).trim(); // 1,539 characters: over the default 1,000
    const ok = await gql(UPDATE, { input: { id, text: long } });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.quoteUpdate).toEqual({ quote: { text: long }, userErrors: [] });

    const tooLong = await gql(UPDATE, { input: { id, text: 'x'.repeat(MAX_TEXT_LENGTH + 1) } });
    expect(tooLong.data.quoteUpdate.userErrors).toEqual([{ field: ['input', 'text'], code: 'INVALID' }]);

    const refused = await gql(UPDATE, { input: { id, text: 'x'.repeat(MAX_MUTATION_STRING_LENGTH + 1) } });
    expect(refused.status).toBe(200);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/^input\.text: "x{40}"… \(262,145 characters\) is too long/);
    expect(await count('SELECT count(*) FROM quotes WHERE id = ? AND text = ?', QUOTE, long)).toBe(1);
  });
});
