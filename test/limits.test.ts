/**
 * Adversarial requests against the cost model and the input limits (issue: no single request can
 * hurt the server). Each case asserts the HTTP status, the error code, and that the server still
 * answers /health afterwards. Where size matters the database is synthetic, filled by the one
 * generator (scripts/synth, through `syntheticDb`); assertions are on refusals, codes and sizes,
 * never on timings.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { MAX_COST } from '../src/server/cost/model.ts';
import { MAX_MESSAGE_LENGTH } from '../src/server/errors.ts';
import { createDossierYoga } from '../src/server/yoga.ts';
import { SqlRecorder, seededDb, syntheticDb } from './helpers.ts';

/**
 * The smallest synthetic database every case below needs, as generated for the seed 'tests':
 * more than 100 articles (a plain list stops at 100 while its connection counts on), more than
 * 1,000 (article, speaker) groups of quotes (1,439 here) and more than 100 speakers quoted in
 * one 1,000-day window (146 here). 300 articles take about 1.4 s of CPU to generate, the 2,000
 * these cases once used about 8.5 s (fillSynthetic, measured on the 2-core dev machine), and no
 * case needs more than 300.
 */
const ARTICLES = 300;
/** Actors (the generator's) that the test mentions in every article, on top of their own mentions. */
const MENTIONED = ['synthetic-actor-0001', 'synthetic-actor-0002', 'synthetic-actor-0003'];
const FIRST_ARTICLE = 'synthetic-0000000';
const actorId = (key: string) => btoa(`Actor:${key}`);

type Yoga = ReturnType<typeof createDossierYoga>;
let seeded: Yoga;
let synthetic: Yoga;
let bigDb: Db;

beforeAll(async () => {
  const db = await seededDb();
  seeded = createDossierYoga({ getDb: () => db });
  bigDb = await syntheticDb(ARTICLES);
  for (const actor of MENTIONED) {
    await bigDb.run(
      sql`INSERT OR IGNORE INTO mentions (article_id, actor_id, name_as_written) SELECT id, ${actor}, 'Synthetic' FROM articles`,
    );
  }
  // 150 distinct words starting with "zqmarker" in one body, for prefix expansion (the index
  // is kept in step by triggers).
  const words = Array.from({ length: 150 }, (_, i) => `zqmarker${String(i).padStart(3, '0')}`).join(' ');
  await bigDb.run(sql`UPDATE articles SET body = body || ' ' || ${words} WHERE id = ${FIRST_ARTICLE}`);
  synthetic = createDossierYoga({ getDb: () => bigDb });
});

/** One number from the synthetic database, by SQL: the expected value of a GraphQL answer. */
async function countIn(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = (await bigDb.all(query)) as { n: number }[];
  return Number(row?.n);
}

interface Answer {
  status: number;
  text: string;
  body: any;
}

async function post(yoga: Yoga, query: string, variables?: unknown): Promise<Answer> {
  const response = await yoga.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) };
}

async function expectHealthy(yoga: Yoga) {
  const response = await yoga.fetch('http://test/health');
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok' });
}

/** A refusal: the status, one error with this code, no data, and a server that carries on. */
async function expectRefused(yoga: Yoga, answer: Answer, code: string, message?: RegExp) {
  expect(answer.status).toBe(200);
  expect(answer.body.errors, answer.text.slice(0, 500)).toHaveLength(1);
  expect(answer.body.errors[0].extensions.code).toBe(code);
  if (message) expect(answer.body.errors[0].message).toMatch(message);
  expect(answer.body.errors[0].message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
  expect(answer.body.data ?? null).toBeNull();
  await expectHealthy(yoga);
}

const nested = (n: number) =>
  `{ node(id: "${actorId(MENTIONED[0] as string)}") { ... on Actor { articleMentions(first: ${n}) { nodes { article {
     actorMentions(first: ${n}) { nodes { actor { articleMentions(first: ${n}) { nodes { article { slug } } } } } } } } } } } }`;

describe('the cost model', () => {
  it('prices the 150-byte plain-list query that asked SQLite for 125 million rows, and refuses it', async () => {
    const query = `{ node(id: "${actorId(MENTIONED[0] as string)}") { ... on Actor { mentions { article { mentions { actor { mentions { article { slug } } } } } } } } }`;
    const answer = await post(synthetic, query);
    // node 1, mentions 100 (+100 articles), their mentions 10,000 (+10,000 actors), theirs 1,000,000 (+1,000,000 articles).
    const requested = 1 + 100 + 100 + 10_000 + 10_000 + 1_000_000 + 1_000_000;
    expect(answer.body.extensions).toEqual({ cost: { requested, limit: MAX_COST } });
    expect(answer.body.errors[0].extensions.cost).toEqual({ requested, limit: MAX_COST });
    await expectRefused(
      synthetic,
      answer,
      'QUERY_TOO_COSTLY',
      /^The query could return 2,020,201 objects, more than the limit of 500,000: /,
    );
  });

  it('multiplies nested connections by their page sizes: first 100 three deep is refused, first 40 admitted', async () => {
    await expectRefused(synthetic, await post(synthetic, nested(100)), 'QUERY_TOO_COSTLY');
    const admitted = await post(synthetic, nested(40));
    expect(admitted.body.errors).toBeUndefined();
    // Each connection counts itself, and its `nodes` and what they hold once per item.
    const n = 40;
    const requested = 1 + 1 + n + n + n * (1 + n + n + n * (1 + n + n));
    expect(admitted.body.extensions.cost).toEqual({ requested, limit: MAX_COST });
    expect(admitted.body.data.node.articleMentions.nodes).toHaveLength(n);
    // The first article's mentions: the three the test added and the generator's own (fewer than n).
    const firstMentions = await countIn(sql`SELECT count(*) AS n FROM mentions WHERE article_id = ${FIRST_ARTICLE}`);
    expect(firstMentions).toBeGreaterThan(MENTIONED.length);
    expect(firstMentions).toBeLessThan(n);
    expect(admitted.body.data.node.articleMentions.nodes[0].article.actorMentions.nodes).toHaveLength(firstMentions);
  });

  it('counts variables exactly like literals', async () => {
    const withVariables = `query ($n: Int) { node(id: "${actorId(MENTIONED[0] as string)}") { ... on Actor {
      articleMentions(first: $n) { nodes { article { actorMentions(first: $n) { nodes { actor {
      articleMentions(first: $n) { nodes { article { slug } } } } } } } } } } } }`;
    const literal = await post(synthetic, nested(100));
    const variable = await post(synthetic, withVariables, { n: 100 });
    expect(variable.body.extensions.cost).toEqual(literal.body.extensions.cost);
    await expectRefused(synthetic, variable, 'QUERY_TOO_COSTLY');
  });

  it('remembers a cost per query and variables, yet prices and refuses a costlier value of the same query', async () => {
    const query = `query ($n: Int) { node(id: "${actorId(MENTIONED[0] as string)}") { ... on Actor {
      articleMentions(first: $n) { nodes { article { actorMentions(first: $n) { nodes { actor {
      articleMentions(first: $n) { nodes { article { slug } } } } } } } } } } } }`;
    const cost = (n: number) => 1 + 1 + n + n + n * (1 + n + n + n * (1 + n + n));
    const yoga = createDossierYoga({ getDb: () => bigDb });
    for (const n of [40, 40, 100, 40, 100]) {
      const answer = await post(yoga, query, { n });
      expect(answer.body.extensions.cost).toEqual({ requested: cost(n), limit: MAX_COST });
      if (n === 100) await expectRefused(yoga, answer, 'QUERY_TOO_COSTLY');
      else expect(answer.body.data.node.articleMentions.nodes).toHaveLength(n);
    }
  });

  it('prices a search again on every request: its index terms change with the data', async () => {
    const db = await seededDb();
    const yoga = createDossierYoga({ getDb: () => db });
    const query = '{ search(query: "zqnewword*", first: 1) { totalCount } }';
    const before = await post(yoga, query);
    expect(before.body.extensions.cost.requested).toBe(1); // no such term yet: the connection alone
    expect(before.body.data.search.totalCount).toBe(0);
    // Appended after the last evidence span, so every stored offset stays valid; triggers index it.
    await db.run(sql`UPDATE articles SET body = body || ' zqnewwordone zqnewwordtwo'`);
    const after = await post(yoga, query);
    expect(after.body.extensions.cost.requested).toBe(2 * 1000 + 1);
    expect(after.body.data.search.totalCount).toBe(1);
  });

  it('returns the cost on every answer, the same from the response cache', async () => {
    const cached = createDossierYoga({ getDb: () => bigDb, responseCache: () => true, revisionCheckMs: () => 0 });
    const query = '{ quotes(first: 5) { nodes { text evidence { exact } } } }';
    const first = await post(cached, query);
    const second = await post(cached, query);
    // The connection, 5 quotes, and each quote's evidence at its write-time cap of 50.
    expect(first.body.extensions).toEqual({ cost: { requested: 1 + 5 + 5 * 50, limit: MAX_COST } });
    expect(second.body).toEqual(first.body);
    await expectHealthy(cached);
  });

  it('refuses nodes(ids:) with more than 100 IDs, and 32,767 IDs in one request, with a short message', async () => {
    // The generator's actors are synthetic-actor-0001 … synthetic-actor-0400.
    const ids = (n: number) =>
      Array.from({ length: n }, (_, i) => actorId(`synthetic-actor-${String((i % 400) + 1).padStart(4, '0')}`));
    const hundred = await post(synthetic, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ids(100) });
    expect(hundred.body.errors).toBeUndefined();
    expect(hundred.body.data.nodes.map((node: { id: string } | null) => node?.id)).toEqual(ids(100));
    expect(hundred.body.extensions.cost.requested).toBe(100);

    // Short IDs, so the body stays under the 1 MB request limit: the count is what is refused.
    const many = Array.from({ length: 32_767 }, (_, i) => `n${i}`);
    const answer = await post(synthetic, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: many });
    await expectRefused(synthetic, answer, 'BAD_USER_INPUT', /^ids: has 32,767 items; at most 100 are allowed\.$/);
    expect(answer.text.length).toBeLessThan(1000);
    const literal = await post(synthetic, `{ nodes(ids: ${JSON.stringify(ids(101))}) { id } }`);
    await expectRefused(synthetic, literal, 'BAD_USER_INPUT', /^ids: has 101 items/);
  });

  it('prices a time series as series × buckets, capped at 10,000 points', async () => {
    const answer = await post(
      seeded,
      '{ timeSeries(entity: MEASURES, bucket: MONTH, from: "2017-01-01", to: "2019-01-01", groupBy: STATUS) { count } }',
    );
    expect(answer.body.errors).toBeUndefined();
    // Six statuses and "none": 7 series × 24 months.
    expect(answer.body.extensions.cost.requested).toBe(7 * 24);
  });

  it('refuses a time series that splits into more than 100 series (15 aliases × 1,000 days × every speaker)', async () => {
    // The generator's articles start in 2016.
    const window = sql`SELECT count(DISTINCT speaker_id) AS n FROM quotes JOIN articles ON articles.id = quotes.article_id
      WHERE published_on >= '2016-01-01' AND published_on < '2018-09-27'`;
    expect(await countIn(window)).toBeGreaterThan(100);
    const alias = (i: number) =>
      `t${i}: timeSeries(entity: QUOTES, bucket: DAY, from: "2016-01-01", to: "2018-09-27", groupBy: SPEAKER) { key value }`;
    const query = `{ ${Array.from({ length: 15 }, (_, i) => alias(i)).join(' ')} }`;
    const answer = await post(synthetic, query);
    expect(answer.status).toBe(200);
    expect(answer.body.extensions.cost.requested).toBe(15 * 10_000);
    // The first failing field nulls the whole (non-null) answer; graphql-js stops collecting there.
    expect(answer.body.errors.length).toBeGreaterThanOrEqual(1);
    for (const error of answer.body.errors) {
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.message).toBe('groupBy: splits into more than 100 series; filter the items or group by less.');
    }
    expect(answer.body.data).toBeNull();
    await expectHealthy(synthetic);
  });

  it('refuses stats with more than 1,000 groups', async () => {
    const pairs = sql`SELECT count(*) AS n FROM (SELECT DISTINCT article_id, speaker_id FROM quotes)`;
    expect(await countIn(pairs)).toBeGreaterThan(1000);
    const answer = await post(synthetic, '{ quoteStats(groupBy: [ARTICLE, SPEAKER]) { count article { slug } } }');
    expect(answer.body.extensions.cost.requested).toBe(1000 + 1000);
    await expectRefused(synthetic, answer, 'BAD_USER_INPUT', /^groupBy: gives more than 1000 groups; /);
  });

  it('caps the deprecated plain lists at 100 items; their connections page through all', async () => {
    const answer = await post(
      synthetic,
      `{ node(id: "${actorId(MENTIONED[1] as string)}") { ... on Actor { mentions { article { slug } }
         articleMentions(first: 100) { totalCount pageInfo { hasNextPage } } } } }`,
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.node.mentions).toHaveLength(100);
    expect(answer.body.data.node.articleMentions).toEqual({ totalCount: ARTICLES, pageInfo: { hasNextPage: true } });
    expect(answer.body.data.node.mentions[0].article.slug).toBe(FIRST_ARTICLE);
  });
});

describe('bounded inputs', () => {
  const notNested = (depth: number) => {
    let filter = '{ kind: [PERSON] }';
    for (let i = 0; i < depth; i++) filter = `{ NOT: ${filter} }`;
    return `{ actors(filter: ${filter}, first: 1) { totalCount } }`;
  };

  it('admits filters nested 10 deep and refuses 11 (and 45) with BAD_USER_INPUT, not a 500', async () => {
    const ten = await post(synthetic, notNested(10));
    expect(ten.body.errors).toBeUndefined();
    // Ten NOTs cancel out: the people, not everyone else.
    const people = await countIn(sql`SELECT count(*) AS n FROM actors WHERE kind = 'PERSON'`);
    const everyone = await countIn(sql`SELECT count(*) AS n FROM actors`);
    expect(people).toBeGreaterThan(0);
    expect(people).not.toBe(everyone - people);
    expect(ten.body.data.actors.totalCount).toBe(people);
    await expectRefused(synthetic, await post(synthetic, notNested(11)), 'BAD_USER_INPUT', /^filter(\.NOT){11}: /);
    await expectRefused(
      synthetic,
      await post(synthetic, notNested(45)),
      'BAD_USER_INPUT',
      /filters nest AND, OR and NOT at most 10 deep\.$/,
    );
  });

  it('refuses an OR of 2,000 conditions in variables, naming the argument (as a literal, the token limit refuses it)', async () => {
    const or = Array.from({ length: 2000 }, (_, i) => ({ name: `Synthetic Actor ${i}` }));
    const answer = await post(synthetic, 'query ($f: ActorFilter) { actors(filter: $f) { totalCount } }', {
      f: { OR: or },
    });
    await expectRefused(
      synthetic,
      answer,
      'BAD_USER_INPUT',
      /^filter\.OR: has 2,000 items; at most 250 are allowed\.$/,
    );
    const literal = or.map((f) => `{ name: "${f.name}" }`).join(' ');
    const parsed = await post(synthetic, `{ actors(filter: { OR: [${literal}] }) { totalCount } }`);
    await expectRefused(synthetic, parsed, 'GRAPHQL_PARSE_FAILED', /Token limit of 2000 exceeded/);
  });

  it('refuses an IN list of 40,000 values given in variables', async () => {
    const kinds = Array.from({ length: 40_000 }, () => 'PERSON');
    const answer = await post(synthetic, 'query ($k: [ActorKind!]) { actors(filter: { kind: $k }) { totalCount } }', {
      k: kinds,
    });
    await expectRefused(synthetic, answer, 'BAD_USER_INPUT', /^filter\.kind: has 40,000 items; at most 250/);
  });

  it('maps what SQLite still refuses (62,500 bound variables) to BAD_USER_INPUT, never a 500', async () => {
    const branch = { kind: Array.from({ length: 250 }, () => 'PERSON') };
    const answer = await post(synthetic, 'query ($f: ActorFilter) { actors(filter: $f) { totalCount } }', {
      f: { OR: Array.from({ length: 250 }, () => branch) },
    });
    await expectRefused(
      synthetic,
      answer,
      'BAD_USER_INPUT',
      /^The request is too large for the database to run: use fewer values, conditions or IDs\.$/,
    );
    expect(answer.text).not.toMatch(/SELECT|sqlite|variables/i);
  });

  it('refuses variables 100,000 levels deep before anything walks them, also with the response cache on', async () => {
    const cached = createDossierYoga({ getDb: () => bigDb, responseCache: () => true, revisionCheckMs: () => 0 });
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const response = await cached.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"query":"query ($f: ActorFilter) { actors(filter: $f) { totalCount } }","variables":{"f":${deep}}}`,
    });
    const text = await response.text();
    await expectRefused(
      cached,
      { status: response.status, text, body: JSON.parse(text) },
      'BAD_USER_INPUT',
      /^variables: nested more than 32 levels deep\.$/,
    );
  });

  it('caps the actor name filter at 200 characters and echoes only a short prefix', async () => {
    const name = 'x'.repeat(300_000);
    const answer = await post(synthetic, 'query ($n: String) { actors(filter: { name: $n }) { totalCount } }', {
      n: name,
    });
    await expectRefused(
      synthetic,
      answer,
      'BAD_USER_INPUT',
      /^filter\.name: "x{40}"… \(300,000 characters\) is too long: at most 200 characters\.$/,
    );
    expect(answer.text.length).toBeLessThan(1000);
  });

  it('caps every other string argument at 1,000 characters: a 100 KB global ID', async () => {
    const answer = await post(seeded, 'query ($id: ID!) { node(id: $id) { id } }', { id: 'A'.repeat(100_000) });
    await expectRefused(seeded, answer, 'BAD_USER_INPUT', /^id: "A{40}"… \(100,000 characters\) is too long/);
    expect(answer.text.length).toBeLessThan(1000);
  });

  it('echoes a bad global ID in a filter by a short prefix only', async () => {
    const id = `not-an-id-${'z'.repeat(900)}`;
    const answer = await post(seeded, 'query ($a: ID) { quotes(filter: { speaker: $a }) { totalCount } }', { a: id });
    await expectRefused(seeded, answer, 'BAD_USER_INPUT');
    expect(answer.body.errors[0].message).toContain('"not-an-id-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"… (910 characters)');
  });

  it('refuses a search query over 500 characters', async () => {
    const answer = await post(seeded, 'query ($q: String!) { search(query: $q) { totalCount } }', {
      q: 'police '.repeat(100),
    });
    await expectRefused(seeded, answer, 'BAD_USER_INPUT', /^query: .* is too long: at most 500 characters\.$/);
  });
});

describe('search that cannot be abused', () => {
  it('refuses one- and two-letter prefixes: "a* OR b* OR … z*"', async () => {
    const letters = 'abcdefghijklmnopqrstuvwxyz'
      .split('')
      .map((c) => `${c}*`)
      .join(' OR ');
    const answer = await post(seeded, `{ search(query: "${letters}", first: 100) { totalCount } }`);
    await expectRefused(
      seeded,
      answer,
      'BAD_USER_INPUT',
      /^query: A prefix needs at least 3 letters or digits before the \*: "a\*" is too short\.$/,
    );
    await expectRefused(seeded, await post(seeded, '{ search(query: "po*") { totalCount } }'), 'BAD_USER_INPUT');
  });

  it('prices a search by its page and its index terms, prefixes expanded through the vocabulary', async () => {
    const answer = await post(synthetic, '{ search(query: "zqmarker01*", first: 10) { totalCount nodes { field } } }');
    expect(answer.body.errors).toBeUndefined();
    // zqmarker010 … zqmarker019: 10 terms at 1,000 each; the connection and its 10 hits.
    expect(answer.body.extensions.cost.requested).toBe(10 * 1000 + 1 + 10);
    expect(answer.body.data.search.totalCount).toBe(1);
  });

  it('refuses a query that expands to more than 100 index terms', async () => {
    const answer = await post(synthetic, '{ search(query: "zqmarker*") { totalCount } }');
    await expectRefused(synthetic, answer, 'BAD_USER_INPUT', /^query: reads more than 100 terms of the index/);
  });

  it('highlights a page with one more MATCH for the page, not one per hit', async () => {
    const recorder = new SqlRecorder();
    const db = await seededDb(recorder);
    const yoga = createDossierYoga({ getDb: () => db });
    const answer = await post(
      yoga,
      '{ search(query: "encrypt*", first: 100, types: [QUOTE]) { nodes { matches { start } } } }',
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.search.nodes.length).toBeGreaterThan(1);
    const statement = recorder.statements.findIndex((s) => s.includes('highlight('));
    const plan = (await db.all(
      sql.raw(`EXPLAIN QUERY PLAN ${recorder.statements[statement]}`.replace(/\?/g, () => 'NULL')),
    )) as { detail: string }[];
    // Two passes of the MATCH for the page (rank and count, then highlight the page's rows), neither
    // constrained to one rowid: the per-hit form was a MATCH with rowid= (FTS5 index "0:=M1") run
    // once for each hit of the page. The first walks the matches newest first (192: FTS5 orders by
    // rowid, descending, so the candidates' LIMIT stops it); the second reads only the page's rowid
    // range (">" and "<": rowid BETWEEN the page's first and last).
    const scans = plan.map((p) => p.detail).filter((d) => /search_fts VIRTUAL TABLE/.test(d));
    expect(scans).toEqual(['SCAN search_fts VIRTUAL TABLE INDEX 192:M1', 'SCAN search_fts VIRTUAL TABLE INDEX 0:M1><']);
    await expectHealthy(yoga);
  });
});
