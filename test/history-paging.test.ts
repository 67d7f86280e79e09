/**
 * History pages in SQL, newest first, by keyset: a fact's nested `history` is part of its
 * parent's one statement, the root `history(subject:)` is one statement plus one for totalCount,
 * and cursors from either walk the whole list without gaps or repeats.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { ARTICLE_SLUG, newApiKey, SqlRecorder, seededDb, serverFor } from './helpers.ts';

const QUOTE = Buffer.from('Quote:king-quote-public-spaces').toString('base64');
const ADD = `mutation($input: EvidenceAddInput!) { evidenceAdd(input: $input) { userErrors { code } } }`;
const REMOVE = `mutation($input: EvidenceRemoveInput!) { evidenceRemove(input: $input) { userErrors { code } } }`;
const REVIEW = `mutation($input: FactReviewInput!) { factReview(input: $input) { userErrors { code } } }`;
const SPAN = { fact: QUOTE, articleSlug: ARTICLE_SLUG, start: 3186, end: 3199 };

/** Newest first: what the writes below leave in the quote's history. */
const OPERATIONS = ['factReview', 'evidenceRemove', 'evidenceAdd', 'factReview', 'seed'];

const recorder = new SqlRecorder();
let db: Db;
let gql: ReturnType<typeof serverFor>;

beforeAll(async () => {
  db = await seededDb(recorder);
  const asEditor = serverFor(db, { key: await newApiKey(db, 'alice', 'EDITOR') });
  const writes: [string, object][] = [
    [REVIEW, { id: QUOTE, status: 'CONFIRMED', note: 'Checked against the source.' }],
    [ADD, { ...SPAN, exact: 'Public spaces', role: 'CONTEXT' }],
    [REMOVE, SPAN],
    [REVIEW, { id: QUOTE, status: 'UNREVIEWED' }],
  ];
  for (const [mutation, input] of writes) {
    const answer = await asEditor(mutation, { input });
    expect(Object.values(answer.data)[0]).toEqual({ userErrors: [] });
  }
  gql = serverFor(db);
});

const nested = (args: string) => `{ node(id: "${QUOTE}") { ... on Quote {
  history(${args}) { totalCount edges { cursor node { operation editor } } pageInfo { hasNextPage endCursor } } } } }`;
const root = (args: string) => `{ history(subject: "${QUOTE}", ${args}) {
  totalCount edges { cursor node { operation editor } } pageInfo { hasNextPage endCursor } } }`;

async function page(query: string) {
  recorder.reset();
  const answer = await gql(query);
  expect(answer.errors).toBeUndefined();
  const connection = answer.data.node ? answer.data.node.history : answer.data.history;
  return { connection, statements: recorder.statements };
}

/** Walks the list two at a time with the cursors it hands out. */
async function walk(make: (args: string) => string) {
  const seen: string[] = [];
  const counts: number[] = [];
  let after: string | null = null;
  for (;;) {
    const { connection, statements } = await page(make(after ? `first: 2, after: "${after}"` : 'first: 2'));
    expect(connection.totalCount).toBe(OPERATIONS.length);
    seen.push(...connection.edges.map((e: { node: { operation: string } }) => e.node.operation));
    counts.push(statements.length);
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return { seen, counts };
}

describe('history paging', () => {
  it('a fact’s history: newest first, every page and its count in the parent’s one statement', async () => {
    const { seen, counts } = await walk(nested);
    expect(seen).toEqual(OPERATIONS);
    expect(counts).toEqual([1, 1, 1]);
    const { statements } = await page(nested('first: 2'));
    expect(statements[0]).toMatch(/"history"/);
    expect(statements[0]).toMatch(/limit/i);
  });

  it('the root history(subject:): the same entries, one statement per page plus one for totalCount', async () => {
    const { seen, counts } = await walk(root);
    expect(seen).toEqual(OPERATIONS);
    expect(counts).toEqual([2, 2, 2]);
    const { connection } = await page(root('first: 1'));
    expect(connection.edges[0].node).toEqual({ operation: 'factReview', editor: 'alice' });
  });

  it('pages backwards from the end with last/before', async () => {
    const { connection } = await page(nested('last: 2'));
    expect(connection.edges.map((e: { node: { operation: string } }) => e.node.operation)).toEqual([
      'factReview',
      'seed',
    ]);
    const earlier = await page(nested(`last: 2, before: "${connection.edges[0].cursor}"`));
    expect(earlier.connection.edges.map((e: { node: { operation: string } }) => e.node.operation)).toEqual([
      'evidenceRemove',
      'evidenceAdd',
    ]);
  });

  it('an object removed or never there: an empty page and a count of 0', async () => {
    const gone = Buffer.from('Quote:no-such-quote').toString('base64');
    const answer = await gql(`{ history(subject: "${gone}", first: 5) { totalCount nodes { operation } } }`);
    expect(answer.data.history).toEqual({ totalCount: 0, nodes: [] });
  });
});
