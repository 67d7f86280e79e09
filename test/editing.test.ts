/**
 * The smaller edits over HTTP with real keys: evidenceAdd / evidenceRemove, actorCreate /
 * actorUpdate / actorMerge (the old ID keeps resolving), and articleDelete with and without purge.
 */
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { ARTICLE_SLUG, newApiKey, seededDb, serverFor } from './helpers.ts';

const gid = (type: string, key: string) => Buffer.from(`${type}:${key}`).toString('base64');
const QUOTE = gid('Quote', 'king-quote-public-spaces');
const STAFF = gid('Figure', 'europol-additional-staff');

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

describe('evidenceAdd / evidenceRemove', () => {
  const ADD = `mutation($input: EvidenceAddInput!) { evidenceAdd(input: $input) {
    fact { ... on Quote { evidence { start end exact role sentence } } } userErrors { field code message } } }`;
  const REMOVE = `mutation($input: EvidenceRemoveInput!) { evidenceRemove(input: $input) {
    fact { ... on Figure { evidence { exact } } ... on Quote { evidence { exact role } } } userErrors { field code message } } }`;
  // The subheading "Public spaces" (seeds: subheadings[1], 3186..3199) as context for King's quote.
  const span = {
    fact: QUOTE,
    articleSlug: ARTICLE_SLUG,
    start: 3186,
    end: 3199,
    exact: 'Public spaces',
    role: 'CONTEXT',
  };

  it('adds a span checked against the body, and removes it again', async () => {
    const added = await asEditor(ADD, { input: span });
    expect(added.data.evidenceAdd.userErrors).toEqual([]);
    expect(added.data.evidenceAdd.fact.evidence).toContainEqual({
      start: 3186,
      end: 3199,
      exact: 'Public spaces',
      role: 'CONTEXT',
      sentence: 'Public spaces',
    });
    const removed = await asEditor(REMOVE, {
      input: { fact: QUOTE, articleSlug: ARTICLE_SLUG, start: 3186, end: 3199 },
    });
    expect(removed.data.evidenceRemove.userErrors).toEqual([]);
    expect(removed.data.evidenceRemove.fact.evidence.map((e: { exact: string }) => e.exact)).not.toContain(
      'Public spaces',
    );
    const history = await asEditor(
      `{ history(subject: "${QUOTE}", first: 2) { nodes { operation changedFields articleSlug } } }`,
    );
    expect(history.data.history.nodes).toEqual([
      { operation: 'evidenceRemove', changedFields: ['evidence'], articleSlug: ARTICLE_SLUG },
      { operation: 'evidenceAdd', changedFields: ['evidence'], articleSlug: ARTICLE_SLUG },
    ]);
  });

  it('refuses a span whose text is not at its offsets, and a fact’s last span, writing nothing', async () => {
    const rev = await revision();
    const off = await asEditor(ADD, { input: { ...span, start: 3187 } });
    expect(off.data.evidenceAdd.userErrors).toEqual([
      {
        field: ['input', 'exact'],
        code: 'SPAN_MISMATCH',
        message: 'body.slice(3187, 3199) is "ublic spaces", not "Public spaces"',
      },
    ]);
    const last = await asEditor(REMOVE, { input: { fact: STAFF, articleSlug: ARTICLE_SLUG, start: 498, end: 600 } });
    expect(last.data.evidenceRemove.userErrors[0]).toMatchObject({ code: 'LAST_EVIDENCE' });
    const nowhere = await asEditor(REMOVE, { input: { fact: STAFF, articleSlug: ARTICLE_SLUG, start: 1, end: 2 } });
    expect(nowhere.data.evidenceRemove.userErrors[0]).toMatchObject({ code: 'NOT_FOUND' });
    expect(await revision()).toBe(rev);
  });
});

describe('actors', () => {
  it('creates a duplicate, merges it away; its facts, mentions and name move, and its old ID still resolves', async () => {
    const created = await asEditor(
      `mutation { actorCreate(input: { name: "J. King", kind: PERSON, description: "A duplicate made by this test." }) {
        actor { id key name } userErrors { field code message } } }`,
    );
    expect(created.data.actorCreate).toEqual({
      actor: { id: gid('Actor', 'j-king'), key: 'j-king', name: 'J. King' },
      userErrors: [],
    });
    const moved = await asEditor(
      `mutation { quoteUpdate(input: { id: "${QUOTE}", speaker: "${gid('Actor', 'j-king')}" }) { quote { speaker { key } } userErrors { code } } }`,
    );
    expect(moved.data.quoteUpdate.quote.speaker.key).toBe('j-king');

    const merged = await asEditor(
      `mutation { actorMerge(input: { from: "${gid('Actor', 'j-king')}", into: "${gid('Actor', 'julian-king')}" }) {
        actor { key aliases quotes { totalCount } } userErrors { code } } }`,
    );
    expect(merged.data.actorMerge.userErrors).toEqual([]);
    expect(merged.data.actorMerge.actor.key).toBe('julian-king');
    expect(merged.data.actorMerge.actor.aliases).toContain('J. King');
    expect(merged.data.actorMerge.actor.quotes.totalCount).toBe(4);

    // An anonymous reader's actor lookups, learned before the merge (compiled reads, node-lookups.ts):
    // the old ID, which has no row of its own, still resolves to the actor it was merged into.
    const NODE = 'query N($id: ID!) { node(id: $id) { id ... on Actor { key } } }';
    const anonymous = serverFor(db);
    for (const key of ['europol', 'julian-king']) await anonymous(NODE, { id: gid('Actor', key) });
    const old = await anonymous(NODE, { id: gid('Actor', 'j-king') });
    expect(old.data.node).toEqual({ id: gid('Actor', 'julian-king'), key: 'julian-king' });

    const read = await asEditor(`{ node(id: "${gid('Actor', 'j-king')}") { id ... on Actor { key } }
      quote: node(id: "${QUOTE}") { ... on Quote { speaker { key } } }
      history(subject: "${gid('Actor', 'j-king')}") { nodes { change after } } }`);
    expect(read.data.node).toEqual({ id: gid('Actor', 'julian-king'), key: 'julian-king' });
    expect(read.data.quote.speaker.key).toBe('julian-king');
    expect(read.data.history.nodes[0].change).toBe('MERGED');
    expect(read.data.history.nodes[0].after.mergedInto).toBe('julian-king');
    expect(read.data.history.nodes[0].after.moved.quotes).toEqual(['king-quote-public-spaces']);
  });

  it('updates an actor’s aliases, and refuses bad input with its path', async () => {
    const updated = await asEditor(
      `mutation { actorUpdate(input: { id: "${gid('Actor', 'europol')}", aliases: ["EU police agency", "Europol"] }) {
        actor { aliases } userErrors { code } } }`,
    );
    expect(updated.data.actorUpdate.actor.aliases).toEqual(['EU police agency', 'Europol']);
    const bad = await asEditor(
      `mutation { actorUpdate(input: { id: "${gid('Actor', 'europol')}", name: " " }) { userErrors { field code message } } }`,
    );
    expect(bad.data.actorUpdate.userErrors).toEqual([
      { field: ['input', 'name'], code: 'INVALID', message: 'must not be empty' },
    ]);
    const self = await asEditor(
      `mutation { actorMerge(input: { from: "${gid('Actor', 'europol')}", into: "${gid('Actor', 'europol')}" }) { userErrors { field code } } }`,
    );
    expect(self.data.actorMerge.userErrors).toEqual([{ field: ['input', 'into'], code: 'SELF_REFERENCE' }]);
  });
});

describe('articleDelete', () => {
  const DELETE = `mutation($input: ArticleDeleteInput!) { articleDelete(input: $input) {
    deletedArticleId deletedFactIds userErrors { code } } }`;
  const ARTICLE = gid('Article', ARTICLE_SLUG);

  it('is for admins only', async () => {
    const refused = await asEditor(DELETE, { input: { id: ARTICLE } });
    expect(refused.status).toBe(403);
    expect((await asEditor('{ articles { totalCount } }')).data.articles.totalCount).toBe(1);
  });

  it('removes the article, its evidence and its facts from every read; history keeps them', async () => {
    const result = await asAdmin(DELETE, { input: { id: ARTICLE } });
    expect(result.data.articleDelete.deletedArticleId).toBe(ARTICLE);
    expect(result.data.articleDelete.deletedFactIds).toHaveLength(8 + 7 + 3 + 5 + 4 + 9);
    const read = await asAdmin(`{ articles { totalCount } quotes { totalCount } measures { totalCount }
      search(query: "backdoors") { totalCount } node(id: "${QUOTE}") { id }
      history(subject: "${QUOTE}") { nodes { change before } } }`);
    expect(read.data).toMatchObject({
      articles: { totalCount: 0 },
      quotes: { totalCount: 0 },
      measures: { totalCount: 0 },
      search: { totalCount: 0 },
      node: null,
    });
    expect(read.data.history.nodes[0].change).toBe('REMOVED');
    expect(read.data.history.nodes[0].before.text).toBe(
      'to make public spaces less vulnerable without completely changing their nature',
    );
  });

  it('with purge, erases the article’s text and quotes from history, keeping that a purge happened', async () => {
    await asAdmin(DELETE, { input: { id: ARTICLE, purge: true } });
    const rows = (await db.all(sql`SELECT subject_type AS type, change, editor, before, after FROM history
      WHERE (subject_type = 'Article' AND subject_key = ${ARTICLE_SLUG}) OR subject_type = 'Quote' ORDER BY id`)) as {
      type: string;
      change: string;
      editor: string;
      before: string | null;
      after: string | null;
    }[];
    expect(rows.every((r) => r.before === null && r.after === null)).toBe(true);
    expect(rows.at(-1)).toMatchObject({ type: 'Article', change: 'PURGED', editor: 'root' });
    const text = JSON.stringify(await db.all(sql`SELECT * FROM history`));
    expect(text).not.toContain('changing their nature');
    expect(text).not.toContain('Vulnerable backdoors');
  });
});

describe('articleUpdate', () => {
  it('changes metadata, validated, with history; the body is not an input', async () => {
    const ARTICLE = gid('Article', ARTICLE_SLUG);
    const ok =
      await asEditor(`mutation { articleUpdate(input: { id: "${ARTICLE}", publisher: "A test publisher", topics: ["encryption", "test-topic"] }) {
      article { publisher topics history(first: 1) { nodes { changedFields before after } } } userErrors { code } } }`);
    expect(ok.data.articleUpdate.userErrors).toEqual([]);
    expect(ok.data.articleUpdate.article).toMatchObject({
      publisher: 'A test publisher',
      topics: ['encryption', 'test-topic'],
    });
    expect(ok.data.articleUpdate.article.history.nodes[0].changedFields).toEqual(['publisher', 'topics']);
    const bad = await asEditor(
      `mutation { articleUpdate(input: { id: "${ARTICLE}", url: "ftp://example.org/x" }) { userErrors { field code } } }`,
    );
    expect(bad.data.articleUpdate.userErrors).toEqual([{ field: ['input', 'url'], code: 'INVALID' }]);
    const body = await asEditor(
      `mutation { articleUpdate(input: { id: "${ARTICLE}", body: "x" }) { userErrors { code } } }`,
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
