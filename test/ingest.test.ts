/**
 * `articleIngest` over HTTP with real keys: the seed article's body ingested as if new yields a
 * draft for every quote, amount and figure of the seed annotation with the right speaker and
 * value; a re-ingest keeps a confirmed draft and reports it; a dry run writes nothing; bad input
 * is a userError naming the field; anonymous callers are refused.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { SEEDS_FOLDER } from '../src/server/dataset-files.ts';
import { ARTICLE_SLUG, newApiKey, seededDb, serverFor } from './helpers.ts';

const BODY = readFileSync(join(SEEDS_FOLDER, 'articles', `${ARTICLE_SLUG}.txt`), 'utf8');
const GOLD = JSON.parse(readFileSync(join(SEEDS_FOLDER, 'articles', `${ARTICLE_SLUG}.json`), 'utf8'));
const NEW_SLUG = '2017-10-18-the-european-commission-is-seeking-to';
const gid = (type: string, key: string) => Buffer.from(`${type}:${key}`).toString('base64');

const INGEST = `mutation($input: ArticleIngestInput!) { articleIngest(input: $input) {
  written extractorVersion
  article { id slug headline headlineProvenance publishedOn }
  drafts {
    __typename reviewStatus provenance
    ... on Node { id }
    ... on Quote { key text speaker { key } evidence { start end role } }
    ... on FundingItem { key amount { amount currencyCode } evidence { start end role } }
    ... on Figure { key value unit description reportedBy { key } evidence { start end role } }
  }
  summary { articles { slug change facts { type added changed unchanged removed } } actorsAdded }
  keptReviewed { fact articleSlug reviewStatus change changedFields }
  proposals
  userErrors { field code message } } }`;

interface Span {
  start: number;
  end: number;
  role: string;
}
const main = (evidence: Span[]) => evidence.find((e) => e.role === 'MAIN_STATEMENT') as Span;
/** The eval's rule: main spans overlap by at least half of the shorter one. */
const overlaps = (a: Span, b: Span) =>
  Math.min(a.end, b.end) - Math.max(a.start, b.start) >= 0.5 * Math.min(a.end - a.start, b.end - b.start);

let db: Db;
let asEditor: ReturnType<typeof serverFor>;

beforeEach(async () => {
  db = await seededDb();
  asEditor = serverFor(db, { key: await newApiKey(db, 'alice', 'EDITOR') });
});

async function revisionAndRows(): Promise<Record<string, unknown>> {
  const counts = await db.all<Record<string, unknown>>(sql`SELECT
    (SELECT revision FROM data_revision) AS revision, (SELECT count(*) FROM articles) AS articles,
    (SELECT count(*) FROM quotes) AS quotes, (SELECT count(*) FROM funding_items) AS fundingItems,
    (SELECT count(*) FROM figures) AS figures, (SELECT count(*) FROM positions) AS positions,
    (SELECT count(*) FROM actors) AS actors, (SELECT count(*) FROM evidence) AS evidence,
    (SELECT count(*) FROM history) AS history`);
  return counts[0] as Record<string, unknown>;
}

describe('articleIngest: the seed article as if new', () => {
  it('drafts every quote, amount and figure of the seed annotation with the right speaker and value', async () => {
    const res = await asEditor(INGEST, { input: { body: BODY, publishedOn: '2017-10-18' } });
    expect(res.status).toBe(200);
    const out = res.data.articleIngest;
    expect(out.userErrors).toEqual([]);
    expect(out.written).toBe(true);
    expect(out.extractorVersion).toBe('dossier-extract/1.2.0');
    expect(out.article).toMatchObject({
      slug: NEW_SLUG,
      headline:
        'The European commission is seeking to give police greater powers to decrypt private messages as part of a wider…',
      headlineProvenance: 'EDITORS',
      publishedOn: '2017-10-18',
    });
    const drafts = out.drafts as any[];
    expect(drafts.every((d) => d.reviewStatus === 'UNREVIEWED' && d.provenance === 'SOURCE_TEXT')).toBe(true);
    // Known actors are linked by ID: nothing new for the seed's own speakers.
    expect(out.summary.actorsAdded).not.toContain(gid('Actor', 'julian-king'));

    for (const gold of GOLD.quotes) {
      const found = drafts.find((d) => d.__typename === 'Quote' && overlaps(main(d.evidence), main(gold.evidence)));
      expect(found, gold.text).toBeDefined();
      expect(found.speaker?.key, gold.text).toBe(gold.speaker);
    }
    for (const gold of GOLD.fundingItems) {
      const found = drafts.find(
        (d) =>
          d.__typename === 'FundingItem' &&
          d.amount.amount === gold.amount &&
          d.amount.currencyCode === gold.currencyCode,
      );
      expect(found, gold.reportedText).toBeDefined();
      // The same words ("some €18.5 million" may take in its hedge): the eval's overlap rule.
      const amountSpan = (evidence: Span[]) => evidence.find((e) => e.role === 'AMOUNT') as Span;
      expect(overlaps(amountSpan(found.evidence), amountSpan(gold.evidence)), gold.reportedText).toBe(true);
    }
    for (const gold of GOLD.figures) {
      const found = drafts.find((d) => d.__typename === 'Figure' && d.value === gold.value);
      expect(found, gold.reportedText).toBeDefined();
      expect(overlaps(main(found.evidence), main(gold.evidence)), gold.reportedText).toBe(true);
    }
    // What a figure measures is drafted from its sentence, not copied from its unit.
    const staff = drafts.find((d) => d.__typename === 'Figure' && d.value === 86);
    expect([staff.unit, staff.description]).toEqual([
      'staff',
      '86 additional staff to further develop its decryption capability',
    ]);
    // History says which extractor drafted them.
    const notes = await db.all<{ note: string; operation: string; editor: string }>(
      sql`SELECT DISTINCT note, operation, editor FROM history WHERE article_id = ${NEW_SLUG}`,
    );
    expect(notes).toEqual([{ note: 'drafted by dossier-extract/1.2.0', operation: 'articleIngest', editor: 'alice' }]);
  });

  it('keeps a confirmed draft on re-ingest and reports it; the same text twice is the same article', async () => {
    const first = (await asEditor(INGEST, { input: { body: BODY, publishedOn: '2017-10-18' } })).data.articleIngest;
    const quote = first.drafts.find(
      (d: any) => d.__typename === 'Quote' && d.text.startsWith('We believe there is more that we can do'),
    );
    const review = await asEditor(
      'mutation($input: FactReviewInput!) { factReview(input: $input) { fact { reviewStatus } userErrors { code } } }',
      { input: { id: quote.id, status: 'CONFIRMED' } },
    );
    expect(review.data.factReview).toEqual({ fact: { reviewStatus: 'CONFIRMED' }, userErrors: [] });

    const again = (await asEditor(INGEST, { input: { body: BODY, publishedOn: '2017-10-18' } })).data.articleIngest;
    expect(again.userErrors).toEqual([]);
    expect(again.article.slug).toBe(NEW_SLUG);
    expect(again.written).toBe(false);
    expect(again.keptReviewed).toEqual([
      {
        fact: quote.id,
        articleSlug: NEW_SLUG,
        reviewStatus: 'CONFIRMED',
        change: 'CHANGED',
        changedFields: ['reviewStatus'],
      },
    ]);
    const kept = again.drafts.find((d: any) => d.id === quote.id);
    expect(kept).toMatchObject({ reviewStatus: 'CONFIRMED', speaker: { key: 'julian-king' } });
    expect(again.drafts.map((d: any) => d.id).sort()).toEqual(first.drafts.map((d: any) => d.id).sort());
  });

  it('a different text under the same headline gets its own slug', async () => {
    await asEditor(INGEST, { input: { body: BODY, publishedOn: '2017-10-18' } });
    const other = `${BODY}\n\nA made-up closing line for this test.`;
    const res = (await asEditor(INGEST, { input: { body: other, publishedOn: '2017-10-18' } })).data.articleIngest;
    expect(res.userErrors).toEqual([]);
    expect(res.article.slug).toBe(`${NEW_SLUG}-2`);
  });

  it('a dry run returns the proposals and writes nothing', async () => {
    const before = await revisionAndRows();
    const res = await asEditor(INGEST, {
      input: { body: BODY, publishedOn: '2017-10-18', headline: 'A test headline', dryRun: true },
    });
    const out = res.data.articleIngest;
    expect(out.userErrors).toEqual([]);
    expect(out.written).toBe(false);
    expect(out.article).toBeNull();
    expect(out.drafts).toEqual([]);
    expect(out.summary.articles[0]).toMatchObject({ slug: '2017-10-18-a-test-headline', change: 'CREATED' });
    expect(out.proposals.quotes.map((q: any) => q.speaker)).toContain('Julian King');
    expect(out.proposals.amounts.map((a: any) => a.amount)).toEqual(['500000.00', '18500000.00', '100.00']);
    expect(await revisionAndRows()).toEqual(before);
  });

  it('accepts a body of exactly 256 KiB of UTF-8, as its description promises', async () => {
    const sentence = 'The committee met again on Tuesday. ';
    const limit = 256 * 1024;
    const body = sentence.repeat(Math.floor(limit / sentence.length)).padEnd(limit, 'x');
    expect(Buffer.byteLength(body)).toBe(limit);
    const res = await asEditor(INGEST, { input: { body, publishedOn: '2017-10-18', dryRun: true } });
    expect(res.errors).toBeUndefined();
    expect(res.data.articleIngest.userErrors).toEqual([]);
    expect(res.data.articleIngest.summary.articles[0].change).toBe('CREATED');
  });
});

describe('articleIngest: bad input is a userError naming the field, and writes nothing', () => {
  it.each([
    ['empty text', { body: '  \n ', publishedOn: '2017-10-18' }, ['input', 'body'], 'EMPTY'],
    [
      'text over the limit',
      { body: 'é '.repeat(90_000), publishedOn: '2017-10-18' },
      ['input', 'body'],
      'LIMIT_EXCEEDED',
    ],
    ['NUL bytes', { body: 'Some text\u0000with a NUL.', publishedOn: '2017-10-18' }, ['input', 'body'], 'INVALID_TEXT'],
    [
      'a lone surrogate',
      { body: 'Some text \ud800 here.', publishedOn: '2017-10-18' },
      ['input', 'body'],
      'INVALID_TEXT',
    ],
    [
      'an impossible date',
      { body: 'The minister said so.', publishedOn: '2017-02-30' },
      ['input', 'publishedOn'],
      'INVALID_DATE',
    ],
    ['no date', { body: 'The minister said so.' }, ['input', 'publishedOn'], 'INVALID_DATE'],
    ['a bad date header', { body: ' date 2017-13-01 The minister said so.' }, ['input', 'publishedOn'], 'INVALID_DATE'],
    [
      'a URL that is not http',
      { body: 'The minister said so.', publishedOn: '2017-10-18', url: 'ftp://x' },
      ['input', 'url'],
      'INVALID',
    ],
  ])('%s', async (_name, input, field, code) => {
    const before = await revisionAndRows();
    const res = await asEditor(INGEST, { input });
    expect(res.status).toBe(200);
    const out = res.data.articleIngest;
    expect(out.userErrors).toHaveLength(1);
    expect(out.userErrors[0]).toMatchObject({ field, code });
    expect(out.userErrors[0].message).not.toMatch(/\/(work|tmp|home|usr)\/|at \w+ \(|SELECT|node_modules/);
    expect(out).toMatchObject({ written: false, article: null, summary: null, proposals: null, drafts: [] });
    expect(await revisionAndRows()).toEqual(before);
  });

  it('anonymous callers get UNAUTHENTICATED (401)', async () => {
    const res = await serverFor(db)(INGEST, { input: { body: BODY, publishedOn: '2017-10-18' } });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
