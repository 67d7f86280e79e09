/**
 * The mutations over HTTP with real keys: articleImport (dry run, real run, idempotent repeat,
 * userErrors with input paths, reviewed-fact conflicts), factReview, and history on objects and
 * at the root, including for a fact that no longer exists.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { SEEDS_FOLDER } from '../src/server/dataset-files.ts';
import { EXAMPLE_OPERATIONS } from '../src/server/example-operations.ts';
import { createDossierYoga } from '../src/server/yoga.ts';
import { ARTICLE_SLUG, newApiKey, seededDb, serverFor } from './helpers.ts';

const BODY = readFileSync(join(SEEDS_FOLDER, 'articles', `${ARTICLE_SLUG}.txt`), 'utf8');
const JSON_TEXT = readFileSync(join(SEEDS_FOLDER, 'articles', `${ARTICLE_SLUG}.json`), 'utf8');
const seedArticle = () => JSON.parse(JSON_TEXT);
const gid = (type: string, key: string) => Buffer.from(`${type}:${key}`).toString('base64');
const QUOTE = 'king-quote-public-spaces';

const IMPORT = `mutation($input: ArticleImportInput!) { articleImport(input: $input) {
  written
  article { slug headline quotes { totalCount } }
  summary { articles { slug change changedFields facts { type added changed unchanged removed } } deleted }
  conflicts { fact articleSlug reviewStatus change changedFields }
  userErrors { field code message } } }`;

const REVIEW = `mutation($input: FactReviewInput!) { factReview(input: $input) {
  fact { ... on Quote { text reviewStatus } }
  userErrors { field code message } } }`;

let db: Db;
let asEditor: ReturnType<typeof serverFor>;
let asAdmin: ReturnType<typeof serverFor>;

beforeEach(async () => {
  db = await seededDb();
  asEditor = serverFor(db, { key: await newApiKey(db, 'alice', 'EDITOR') });
  asAdmin = serverFor(db, { key: await newApiKey(db, 'root', 'ADMIN') });
});

async function revision(): Promise<number> {
  const [row] = (await db.all(sql`SELECT revision FROM data_revision`)) as [{ revision: number }];
  return row.revision;
}

describe('articleImport', () => {
  it('dry run and real run give the same summary; the dry run writes nothing; a repeat changes nothing', async () => {
    const article = seedArticle();
    article.headline = 'A headline an editor changed in this test';
    article.quotes = article.quotes.filter((q: { id: string }) => q.id !== QUOTE);
    const rev = await revision();
    const dry = await asEditor(IMPORT, { input: { article, body: BODY, dryRun: true } });
    expect(dry.errors).toBeUndefined();
    expect(dry.data.articleImport.written).toBe(false);
    expect(dry.data.articleImport.article.headline).toBe(
      'European Commission plans to give police greater powers to decrypt messages',
    );
    expect(await revision()).toBe(rev);

    const real = await asEditor(IMPORT, { input: { article, body: BODY } });
    expect(real.data.articleImport.written).toBe(true);
    expect(real.data.articleImport.summary).toEqual(dry.data.articleImport.summary);
    expect(real.data.articleImport.summary.articles[0]).toMatchObject({
      change: 'UPDATED',
      changedFields: ['headline'],
    });
    expect(real.data.articleImport.summary.deleted).toEqual([gid('Quote', QUOTE)]);
    expect(real.data.articleImport.article).toEqual({
      slug: ARTICLE_SLUG,
      headline: 'A headline an editor changed in this test',
      quotes: { totalCount: 4 },
    });
    expect(await revision()).toBe(rev + 1);

    const again = await asEditor(IMPORT, { input: { article, body: BODY } });
    expect(again.data.articleImport.written).toBe(false);
    expect(again.data.articleImport.summary.articles[0].change).toBe('UNCHANGED');
    expect(await revision()).toBe(rev + 1);

    // The removed quote's history still answers at the root, with the editor's key name.
    const history = await asEditor(`{ history(subject: "${gid('Quote', QUOTE)}") {
      totalCount nodes { editor operation change before } } }`);
    expect(history.data.history.totalCount).toBe(2);
    expect(history.data.history.nodes[0]).toMatchObject({
      editor: 'alice',
      operation: 'articleImport',
      change: 'REMOVED',
    });
    expect(history.data.history.nodes[0].before.text).toBe(
      'to make public spaces less vulnerable without completely changing their nature',
    );
  });

  it('takes actors by name or alias as well as by ID', async () => {
    const article = seedArticle();
    const quote = article.quotes.find((q: { id: string }) => q.id === QUOTE);
    quote.speaker = 'JULIAN KING'; // the actor's name, in another case
    const same = await asEditor(IMPORT, { input: { article, body: BODY } });
    expect(same.data.articleImport.userErrors).toEqual([]);
    expect(same.data.articleImport.summary.articles[0].change).toBe('UNCHANGED');
    quote.speaker = 'Nobody We Know';
    const unknown = await asEditor(IMPORT, { input: { article, body: BODY } });
    const index = article.quotes.indexOf(quote);
    expect(unknown.data.articleImport.userErrors).toMatchObject([
      { field: ['input', 'article', 'quotes', String(index), 'speaker'], code: 'INVALID' },
    ]);
  });

  it('names each invalid field by its input path and writes nothing', async () => {
    const article = seedArticle();
    article.quotes[1].evidence[0].start += 1;
    article.measures[0].proposer = 'nobody-we-know';
    article.fundingItems[0].currencyCode = 'XXX';
    const rev = await revision();
    const result = await asEditor(IMPORT, { input: { article, body: BODY } });
    expect(result.errors).toBeUndefined();
    const errors = result.data.articleImport.userErrors;
    expect(errors.map((e: { field: string[]; code: string }) => [e.field.join('.'), e.code])).toEqual([
      ['input.article.fundingItems.0.currencyCode', 'INVALID'],
    ]);
    expect(result.data.articleImport.summary).toBeNull();

    article.fundingItems[0].currencyCode = 'EUR';
    const second = await asEditor(IMPORT, { input: { article, body: BODY } });
    expect(
      second.data.articleImport.userErrors.map((e: { field: string[]; code: string }) => [e.field.join('.'), e.code]),
    ).toEqual([['input.article.quotes.1.evidence.0', 'SPAN_MISMATCH']]);
    expect(second.data.articleImport.userErrors[0].message).toMatch(/^body\.slice\(\d+, \d+\) is "/);

    article.quotes[1].evidence[0].start -= 1;
    const third = await asEditor(IMPORT, { input: { article, body: BODY } });
    expect(third.data.articleImport.userErrors).toEqual([
      {
        field: ['input', 'article', 'measures', '0', 'proposer'],
        code: 'UNKNOWN_ACTOR',
        message: 'names actor "nobody-we-know", which does not exist',
      },
    ]);
    expect(await revision()).toBe(rev);
  });

  it('lists conflicts with reviewed facts; only an admin may overwrite them', async () => {
    const confirm = await asEditor(REVIEW, {
      input: { id: gid('Quote', QUOTE), status: 'CONFIRMED', note: 'Checked' },
    });
    expect(confirm.data.factReview).toEqual({
      fact: {
        text: 'to make public spaces less vulnerable without completely changing their nature',
        reviewStatus: 'CONFIRMED',
      },
      userErrors: [],
    });
    const article = seedArticle(); // UNREVIEWED in the file
    const rev = await revision();
    const refused = await asEditor(IMPORT, { input: { article, body: BODY } });
    expect(refused.data.articleImport.written).toBe(false);
    expect(refused.data.articleImport.conflicts).toEqual([
      {
        fact: gid('Quote', QUOTE),
        articleSlug: ARTICLE_SLUG,
        reviewStatus: 'CONFIRMED',
        change: 'CHANGED',
        changedFields: ['reviewStatus'],
      },
    ]);
    expect(refused.data.articleImport.userErrors.map((e: { code: string }) => e.code)).toEqual([
      'REVIEWED_FACT_CONFLICT',
    ]);
    expect(await revision()).toBe(rev);

    const editorForce = await asEditor(IMPORT, { input: { article, body: BODY, overwriteReviewed: true } });
    expect(editorForce.status).toBe(403);
    expect(editorForce.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const adminForce = await asAdmin(IMPORT, { input: { article, body: BODY, overwriteReviewed: true } });
    expect(adminForce.data.articleImport.written).toBe(true);
    expect(adminForce.data.articleImport.userErrors).toEqual([]);
  });
});

describe('factReview and history', () => {
  it('records the decision with its note on the fact’s history, newest first', async () => {
    await asEditor(REVIEW, { input: { id: gid('Quote', QUOTE), status: 'REJECTED', note: 'Not attributed' } });
    const read = await asEditor(`{ node(id: "${gid('Quote', QUOTE)}") { ... on Quote { reviewStatus
      history(first: 5) { totalCount nodes { editor operation change changedFields before after note } } } } }`);
    expect(read.data.node.reviewStatus).toBe('REJECTED');
    expect(read.data.node.history.totalCount).toBe(2);
    expect(read.data.node.history.nodes[0]).toEqual({
      editor: 'alice',
      operation: 'factReview',
      change: 'REVIEWED',
      changedFields: ['reviewStatus'],
      before: { reviewStatus: 'UNREVIEWED' },
      after: { reviewStatus: 'REJECTED' },
      note: 'Not attributed',
    });
    expect(read.data.node.history.nodes[1]).toMatchObject({ editor: 'seed', change: 'CREATED' });
  });

  it('answers an unknown ID with a userError, and the same decision twice writes once', async () => {
    const unknown = await asEditor(REVIEW, { input: { id: gid('Actor', 'julian-king'), status: 'CONFIRMED' } });
    expect(unknown.data.factReview.userErrors).toEqual([
      { field: ['input', 'id'], code: 'NOT_FOUND', message: 'This is not the global ID of a fact.' },
    ]);
    await asEditor(REVIEW, { input: { id: gid('Quote', QUOTE), status: 'CONFIRMED' } });
    const rev = await revision();
    await asEditor(REVIEW, { input: { id: gid('Quote', QUOTE), status: 'CONFIRMED' } });
    expect(await revision()).toBe(rev);
  });

  it('gives articles and actors a history too', async () => {
    const read = await asEditor(`{ article(slug: "${ARTICLE_SLUG}") { history { nodes { editor change } } }
      node(id: "${gid('Actor', 'julian-king')}") { ... on Actor { history { totalCount nodes { change after } } } } }`);
    expect(read.data.article.history.nodes).toEqual([{ editor: 'seed', change: 'CREATED' }]);
    expect(read.data.node.history.totalCount).toBe(1);
    expect(read.data.node.history.nodes[0].after.name).toBe('Julian King');
  });
});

describe('<type>Update', () => {
  const UPDATE = `mutation($input: FundingItemUpdateInput!) { fundingItemUpdate(input: $input) {
    fundingItem { purpose reviewStatus provenance amount { reportedText amount currencyCode } qualityFlags qualityNote evidence { exact } }
    userErrors { field code message } } }`;
  const HUNDRED = gid('FundingItem', 'funding-public-spaces-regional-next-year');

  it('corrects some fields, marks the fact CORRECTED, keeps evidence and provenance, and records the old values', async () => {
    const result = await asEditor(UPDATE, {
      input: {
        id: HUNDRED,
        qualityNote: 'Checked by an editor in this test.',
        qualityFlags: ['SUSPECTED_TYPO'],
        note: 'test',
      },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data.fundingItemUpdate.userErrors).toEqual([]);
    const item = result.data.fundingItemUpdate.fundingItem;
    expect(item).toMatchObject({
      reviewStatus: 'CORRECTED',
      provenance: 'SOURCE_TEXT',
      amount: { reportedText: '€100', amount: '100.00', currencyCode: 'EUR' },
      qualityFlags: ['SUSPECTED_TYPO'],
      qualityNote: 'Checked by an editor in this test.',
    });
    expect(item.evidence.map((e: { exact: string }) => e.exact)).toContain('€100');
    const history = await asEditor(
      `{ history(subject: "${HUNDRED}", first: 1) { nodes { editor operation changedFields before after note } } }`,
    );
    expect(history.data.history.nodes[0]).toMatchObject({
      editor: 'alice',
      operation: 'fundingItemUpdate',
      changedFields: ['qualityFlags', 'qualityNote', 'reviewStatus'],
      before: { qualityFlags: ['IMPLAUSIBLE_AMOUNT', 'SUSPECTED_TYPO'], reviewStatus: 'UNREVIEWED' },
      after: { qualityFlags: ['SUSPECTED_TYPO'], reviewStatus: 'CORRECTED' },
      note: 'test',
    });
  });

  it('refuses invalid values with the field path, writing nothing', async () => {
    const rev = await revision();
    const cents = await asEditor(UPDATE, { input: { id: HUNDRED, amount: '100.001' } });
    expect(cents.data.fundingItemUpdate.userErrors).toEqual([
      {
        field: ['input', 'amount'],
        code: 'INVALID',
        message: '"100.001" has more than 2 decimal places, the minor unit of EUR',
      },
    ]);
    const empty = await asEditor(UPDATE, { input: { id: HUNDRED, purpose: '   ' } });
    expect(empty.data.fundingItemUpdate.userErrors).toEqual([
      { field: ['input', 'purpose'], code: 'INVALID', message: 'must not be empty' },
    ]);
    const funder = await asEditor(UPDATE, { input: { id: HUNDRED, funder: gid('Actor', 'nobody-we-know') } });
    expect(funder.data.fundingItemUpdate.userErrors[0]).toMatchObject({
      field: ['input', 'funder'],
      code: 'UNKNOWN_ACTOR',
    });
    const wrongType = await asEditor(UPDATE, { input: { id: gid('Quote', QUOTE), purpose: 'x' } });
    expect(wrongType.data.fundingItemUpdate.userErrors[0]).toMatchObject({ field: ['input', 'id'], code: 'NOT_FOUND' });
    expect(await revision()).toBe(rev);
  });

  it('needs a key', async () => {
    const anonymous = await serverFor(db)(UPDATE, { input: { id: HUNDRED, purpose: 'x' } });
    expect(anonymous.status).toBe(401);
  });
});

describe('caches see writes', () => {
  it('after a mutation, the writer’s cached answers and ETags change at once', async () => {
    const yoga = createDossierYoga({
      getDb: () => db,
      getWriteDb: () => db,
      responseCache: () => true,
      revisionCheckMs: () => 0,
    });
    const query = `/graphql?query=${encodeURIComponent(`{ node(id: "${gid('Quote', QUOTE)}") { ... on Quote { reviewStatus } } }`)}`;
    const first = await yoga.fetch(`http://test${query}`);
    const etag = first.headers.get('etag') ?? '';
    expect(((await first.json()) as any).data.node.reviewStatus).toBe('UNREVIEWED');
    expect((await yoga.fetch(`http://test${query}`, { headers: { 'if-none-match': etag } })).status).toBe(304);

    const key = await newApiKey(db, 'cache-editor', 'EDITOR');
    const review = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: REVIEW, variables: { input: { id: gid('Quote', QUOTE), status: 'CONFIRMED' } } }),
    });
    expect(((await review.json()) as any).data.factReview.userErrors).toEqual([]);

    const after = await yoga.fetch(`http://test${query}`, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(((await after.json()) as any).data.node.reviewStatus).toBe('CONFIRMED');
  });
});

describe('GraphiQL example operations', () => {
  it('each runs as it is; the mutation with an editor key, and answers 401 without one', async () => {
    const names = [...EXAMPLE_OPERATIONS.matchAll(/^(?:query|mutation) (\w+)/gm)].map((m) => m[1] as string);
    expect(names).toContain('ConfirmAQuote');
    const run = (gql: ReturnType<typeof serverFor>, operationName: string) =>
      gql(EXAMPLE_OPERATIONS, undefined, operationName);
    for (const name of names) {
      const result = await run(asEditor, name);
      expect(result.errors, name).toBeUndefined();
    }
    const confirmed = await run(asEditor, 'ConfirmAQuote');
    expect(confirmed.data.factReview.fact.reviewStatus).toBe('CONFIRMED');
    expect(confirmed.data.factReview.fact.history.nodes[0]).toEqual({
      editor: 'alice',
      change: 'REVIEWED',
      note: 'Checked against the article',
    });
    expect((await run(serverFor(db), 'ConfirmAQuote')).status).toBe(401);
  });
});
