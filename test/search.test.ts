/**
 * Full-text search over HTTP against the real migrations and seed. Expected values are typed by
 * hand from the source article (seeds/sources/000_8226112b5d290b71.txt, vendored verbatim); offsets are checked
 * against the body the API returns.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { actors } from '../src/db/schema.ts';
import { validateImport } from '../src/ingest/validate.ts';
import { importArticles } from '../src/ingest/write.ts';
import { actorNameContains } from '../src/search/actor-name.ts';
import { SEEDS_FOLDER } from '../src/server/dataset-files.ts';
import { seedDb as seed } from '../src/server/seed.ts';
import { ARTICLE_SLUG, SqlRecorder, seededDb, serverFor } from './helpers.ts';

type Gql = ReturnType<typeof serverFor>;

const SOURCE = readFileSync(new URL('../seeds/sources/000_8226112b5d290b71.txt', import.meta.url), 'utf8');
const BODY = SOURCE.slice(' date 2017-10-18 '.length);

const HIT = `type field score snippet matches { start end }
  node {
    id __typename
    ... on Article { slug body headline }
    ... on Quote { key text speaker { name } }
    ... on Position { key summary question stance actor { name } }
    ... on Measure { key title summary }
    ... on FundingItem { key purpose amount { reportedText } }
  }`;

const SEARCH = `query ($query: String!, $types: [SearchableType!], $first: Int, $after: String, $last: Int, $before: String) {
  search(query: $query, types: $types, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { ${HIT} } }
  }
}`;

interface Hit {
  type: string;
  field: string;
  score: number;
  snippet: string;
  matches: { start: number; end: number }[];
  node: Record<string, any>;
}

async function search(gql: Gql, variables: Record<string, unknown>) {
  const result = await gql(SEARCH, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  const { totalCount, pageInfo, edges } = result.data.search;
  return {
    totalCount,
    pageInfo,
    hits: edges.map((e: any) => e.node) as Hit[],
    cursors: edges.map((e: any) => e.cursor),
  };
}

/** The text a hit's offsets index: the matched field of the node. */
function fieldText(hit: Hit): string {
  return hit.field === 'amount.reportedText' ? hit.node.amount.reportedText : hit.node[hit.field];
}

function matchedTexts(hit: Hit): string[] {
  const text = fieldText(hit);
  return hit.matches.map((m) => text.slice(m.start, m.end));
}

const hitKey = (h: Hit) => `${h.type}:${h.node.id}:${h.field}`;

let gql: Gql;

beforeAll(async () => {
  gql = serverFor(await seededDb());
});

describe('search', () => {
  it('"backdoors" finds King\'s position and the article, with the matches highlighted', async () => {
    const { totalCount, hits } = await search(gql, { query: 'backdoors' });
    const king = hits.find((h) => h.type === 'POSITION' && h.node.actor.name === 'Julian King');
    expect(king).toBeDefined();
    expect(king?.node.stance).toBe('OPPOSES');
    expect(king?.field).toBe('summary');
    expect(king?.snippet).toContain('<mark>backdoors</mark>');
    expect(matchedTexts(king as Hit)).toEqual(['backdoors']);

    const article = hits.find((h) => h.type === 'ARTICLE');
    expect(article?.node.slug).toBe(ARTICLE_SLUG);
    expect(article?.node.body).toBe(BODY);
    expect(article?.field).toBe('body');
    expect(article?.snippet).toContain('<mark>backdoors</mark>');
    // Three times in the body: the subheading, King's opposition, and the NGO's report.
    const expectedStarts = [
      BODY.indexOf('Vulnerable backdoors') + 'Vulnerable '.length,
      BODY.indexOf('opposition to "backdoors"') + 'opposition to "'.length,
      BODY.indexOf('that backdoors could be easily exploited') + 'that '.length,
    ];
    expect(article?.matches).toEqual(expectedStarts.map((start) => ({ start, end: start + 'backdoors'.length })));
    for (const m of article?.matches ?? []) expect(BODY.slice(m.start, m.end).toLowerCase()).toBe('backdoors');

    // The Civil Liberties Union's position says it twice; no quote holds the word.
    const ngo = hits.find((h) => h.type === 'POSITION' && h.node.actor.name === 'Civil Liberties Union for Europe');
    expect(matchedTexts(ngo as Hit)).toEqual(['backdoors', 'backdoors']);
    expect(hits.map((h) => h.type).sort()).toEqual(['ARTICLE', 'POSITION', 'POSITION']);
    expect(totalCount).toBe(3);
  });

  it('ranks best first (bm25), with the score descending', async () => {
    const { hits } = await search(gql, { query: 'encryption', first: 100 });
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.every((s) => s > 0)).toBe(true);
  });

  it('stems: "attacking", which the article never writes, finds "attacks"', async () => {
    expect(BODY.toLowerCase()).not.toContain('attacking');
    const { hits } = await search(gql, { query: 'attacking', types: ['ARTICLE'] });
    expect(hits).toHaveLength(1);
    expect(matchedTexts(hits[0] as Hit)).toEqual(['attacks', 'attacks', 'attacks', 'attacks']);
    // The two funding items for protecting public spaces "from terrorist attacks".
    const funding = await search(gql, { query: 'attacking', types: ['FUNDING_ITEM'] });
    expect(funding.hits).toHaveLength(2);
    for (const hit of funding.hits) expect(matchedTexts(hit)).toEqual(['attacks']);
  });

  it('stems: "encrypting" finds "encryption", "encrypted" and "Encryption"', async () => {
    expect(BODY.toLowerCase()).not.toContain('encrypting');
    const { hits } = await search(gql, { query: 'encrypting', types: ['ARTICLE'] });
    expect(new Set(matchedTexts(hits[0] as Hit))).toEqual(new Set(['encryption', 'encrypted', 'Encryption']));
  });

  it('"electronic evidence" as a phrase finds the e-evidence rules and the sentence of the body', async () => {
    const { hits } = await search(gql, { query: '"electronic evidence"' });
    const measure = hits.find((h) => h.type === 'MEASURE' && h.field === 'title');
    expect(matchedTexts(measure as Hit)).toEqual(['electronic evidence']);
    const article = hits.find((h) => h.type === 'ARTICLE');
    const start = BODY.indexOf('a set of rules on electronic evidence') + 'a set of rules on '.length;
    expect(article?.matches).toEqual([{ start, end: start + 'electronic evidence'.length }]);
  });

  it('"e-evidence" is searched (as the phrase "e evidence"), not an FTS5 syntax error', async () => {
    // The article never writes "e-evidence", so nothing matches; the edited quote below does.
    expect(BODY).not.toContain('e-evidence');
    const { totalCount, hits } = await search(gql, { query: 'e-evidence' });
    expect(totalCount).toBe(0);
    expect(hits).toEqual([]);
  });

  it('prefix: decrypt* finds "decrypt" and "decryption"', async () => {
    const { hits } = await search(gql, { query: 'decrypt*', first: 100 });
    const article = hits.filter((h) => h.type === 'ARTICLE');
    expect(article.map((h) => h.field).sort()).toEqual(['body', 'headline']);
    const body = article.find((h) => h.field === 'body') as Hit;
    expect(matchedTexts(body)).toEqual(['decrypt', 'decryption']);
    // Europol's staff "to further develop its decryption capability", among the measures.
    expect(hits.some((h) => h.type === 'MEASURE' && /Europol/.test(h.node.title))).toBe(true);
    for (const hit of hits) for (const text of matchedTexts(hit)) expect(text.toLowerCase()).toMatch(/^decrypt/);
  });

  it('exclusion: "backdoors -King" leaves out whatever names King', async () => {
    const { hits } = await search(gql, { query: 'backdoors -King' });
    expect(hits).toHaveLength(1);
    expect(hits[0]?.node.actor.name).toBe('Civil Liberties Union for Europe');
  });

  it('OR: "Rudd OR Intercept" finds what either finds', async () => {
    const either = await search(gql, { query: 'Rudd OR Intercept', first: 100 });
    const rudd = await search(gql, { query: 'Rudd', first: 100 });
    const intercept = await search(gql, { query: 'Intercept', first: 100 });
    expect(rudd.totalCount).toBeGreaterThan(0);
    expect(intercept.totalCount).toBeGreaterThan(0);
    const union = new Set([...rudd.hits, ...intercept.hits].map(hitKey));
    expect(new Set(either.hits.map(hitKey))).toEqual(union);
    expect(either.totalCount).toBe(union.size);
    const position = either.hits.find((h) => h.type === 'POSITION');
    expect(position?.node.actor.name).toBe('Amber Rudd');
    const body = either.hits.find((h) => h.type === 'ARTICLE') as Hit;
    expect(matchedTexts(body)).toEqual(['Rudd', 'Intercept']);
  });

  it('words side by side must all match, in the same field', async () => {
    const { hits } = await search(gql, { query: 'Europol staff' });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      const texts = matchedTexts(hit).map((t) => t.toLowerCase());
      expect(texts).toContain('europol');
      expect(texts).toContain('staff');
    }
  });

  it('types: only the types asked for', async () => {
    const articles = await search(gql, { query: 'backdoors', types: ['ARTICLE'] });
    expect(articles.hits.map((h) => h.type)).toEqual(['ARTICLE']);
    const facts = await search(gql, { query: 'backdoors', types: ['POSITION', 'QUOTE'] });
    expect(facts.hits.map((h) => h.type)).toEqual(['POSITION', 'POSITION']);
    const quotes = await search(gql, { query: 'encryption', types: ['QUOTE'] });
    expect(
      quotes.hits
        .map((h) => ({ text: h.node.text, speaker: h.node.speaker.name }))
        .sort((a, b) => a.text.localeCompare(b.text)),
    ).toEqual([
      {
        text: 'is far from clear that encryption is a key tool through which terrorists avoid detection.',
        speaker: 'Civil Liberties Union for Europe',
      },
      {
        text: 'We believe there is more that we can do to support law enforcement and judicial authorities when they encounter encryption',
        speaker: 'Julian King',
      },
    ]);
    const money = await search(gql, { query: 'million', types: ['FUNDING_ITEM'] });
    expect(money.hits).toHaveLength(1);
    expect(money.hits[0]?.field).toBe('amount.reportedText');
    expect(matchedTexts(money.hits[0] as Hit)).toEqual(['million']);
    expect(money.hits[0]?.node.amount.reportedText).toBe('€18.5 million');
  });

  it('loads the matched objects in one statement per type, relations folded in', async () => {
    const recorder = new SqlRecorder();
    const recorded = serverFor(await seededDb(recorder));
    const { hits } = await search(recorded, { query: 'encryption OR backdoors', first: 100 });
    const types = new Set(hits.map((h) => h.type));
    expect(types.size).toBeGreaterThan(2);
    expect(recorder.statements).toHaveLength(1 + types.size);
  });

  it('pages with first: 1 visit every hit once, in rank order, both ways', async () => {
    const all = await search(gql, { query: 'encryption OR police', first: 100 });
    expect(all.totalCount).toBe(all.hits.length);
    expect(all.totalCount).toBeGreaterThan(10);
    expect(all.pageInfo.hasNextPage).toBe(false);

    const forward: string[] = [];
    let after: string | null = null;
    for (let page = 0; page <= all.totalCount; page++) {
      const { hits, pageInfo, totalCount } = await search(gql, { query: 'encryption OR police', first: 1, after });
      expect(totalCount).toBe(all.totalCount);
      expect(pageInfo.hasPreviousPage).toBe(after !== null);
      forward.push(...hits.map(hitKey));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(forward).toEqual(all.hits.map(hitKey));

    const backward: string[] = [];
    let before: string | null = null;
    for (let page = 0; page <= all.totalCount; page++) {
      const { hits, pageInfo } = await search(gql, { query: 'encryption OR police', last: 1, before });
      expect(pageInfo.hasNextPage).toBe(before !== null);
      backward.unshift(...hits.map(hitKey));
      if (!pageInfo.hasPreviousPage) break;
      before = pageInfo.startCursor;
    }
    expect(backward).toEqual(all.hits.map(hitKey));
  });

  it('a page past the end is empty but still counts', async () => {
    const all = await search(gql, { query: 'backdoors' });
    const last = all.cursors.at(-1);
    const past = await search(gql, { query: 'backdoors', after: last });
    expect(past.hits).toEqual([]);
    expect(past.totalCount).toBe(3);
    expect(past.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });
});

describe('search input errors', () => {
  async function rejection(variables: Record<string, unknown>) {
    const result = await gql(SEARCH, variables);
    expect(result.status).toBe(200);
    expect(result.data?.search ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    return result.errors?.[0];
  }

  it.each([
    ['"electronic evidence', /unbalanced quotation mark/],
    ['-King', /only excludes/],
    ['-King -"back doors"', /only excludes/],
    ['', /empty/],
    ['%', /empty/],
    ['_', /empty/],
    ['\\', /empty/],
    ['police OR', /OR needs/],
  ])('rejects %j with BAD_USER_INPUT on "query"', async (query, message) => {
    const error = await rejection({ query });
    expect(error?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'query' });
    expect(error?.message).toMatch(message);
  });

  it('rejects an empty types list, naming it', async () => {
    const error = await rejection({ query: 'backdoors', types: [] });
    expect(error?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'types' });
  });

  it('rejects a cursor from another search or made by hand, and a page over 100', async () => {
    const other = await search(gql, { query: 'encryption' });
    const foreign = await rejection({ query: 'backdoors', after: other.cursors[0] });
    expect(foreign?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    const typed = await rejection({ query: 'encryption', types: ['ARTICLE'], after: other.cursors[0] });
    expect(typed?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    const forged = await rejection({ query: 'backdoors', before: btoa('search1:[1,2,3]') });
    expect(forged?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'before' });
    const big = await rejection({ query: 'backdoors', first: 101 });
    expect(big?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });

  it.each([
    "'; DROP TABLE articles; --",
    'backdoors %',
    'back_doors',
    'backdoors\\',
    '" OR 1=1 --"',
    'NEAR(backdoors encryption)',
    'body:backdoors',
    'backdoors\u0000',
  ])('is harmless: %j', async (query) => {
    const result = await gql(SEARCH, { query });
    expect(result.status).toBe(200);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const count = await gql('{ articles { totalCount } }');
    expect(count.data.articles.totalCount).toBe(1);
  });

  it('"backdoors %" and "backdoors\\\\" search backdoors: punctuation-only terms are ignored', async () => {
    for (const query of ['backdoors %', 'backdoors \\', 'backdoors _']) {
      expect((await search(gql, { query })).totalCount).toBe(3);
    }
  });
});

describe('the index follows writes (triggers)', () => {
  const QUERIES = ['backdoors', 'encryption', 'police OR Europol', 'decrypt*', '"public spaces"', 'million'];

  async function counts(db: Db) {
    const server = serverFor(db);
    const result: Record<string, number> = {};
    for (const query of QUERIES) result[query] = (await search(server, { query })).totalCount;
    return result;
  }

  async function indexRows(db: Db) {
    const [docs] = (await db.all(sql`SELECT count(*) AS n FROM search_fts_docs`)) as [{ n: number }];
    const [names] = (await db.all(sql`SELECT count(*) AS n FROM actor_name_fts_docs`)) as [{ n: number }];
    return { docs: docs.n, names: names.n };
  }

  it('seeding again changes no hit and no index row, and the indexes pass their integrity checks', async () => {
    const db = await seededDb();
    const before = await counts(db);
    const rows = await indexRows(db);
    // 1 article (headline, body), 5 quotes, 8 measures and 7 positions (2 fields each), 3 funding items (2).
    expect(rows.docs).toBe(2 + 5 + 8 * 2 + 7 * 2 + 3 * 2);
    await seed(db);
    await seed(db);
    expect(await counts(db)).toEqual(before);
    expect(await indexRows(db)).toEqual(rows);
    await db.run(sql`INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)`);
    await db.run(sql`INSERT INTO actor_name_fts (actor_name_fts, rank) VALUES ('integrity-check', 1)`);
  });

  it('an edited quote written through importArticles is found by its new words, not its old ones', async () => {
    const db = await seededDb();
    const server = serverFor(db);
    const old = await search(server, { query: '"changing their nature"', types: ['QUOTE'] });
    expect(old.hits.map((h) => h.node.text)).toEqual([
      'to make public spaces less vulnerable without completely changing their nature',
    ]);

    const base = `${SEEDS_FOLDER}/articles/${ARTICLE_SLUG}`;
    const json = JSON.parse(readFileSync(`${base}.json`, 'utf8'));
    const quote = json.quotes.find((q: any) => q.text.includes('changing their nature'));
    quote.text = 'to make e-evidence rules that police can use'; // an edit for the test only
    await importArticles(db, validateImport({ articles: [{ json, body: BODY }] }), {
      editor: 'test',
      operation: 'articleImport',
    });

    expect((await search(server, { query: '"changing their nature"', types: ['QUOTE'] })).totalCount).toBe(0);
    const found = await search(server, { query: 'e-evidence' });
    expect(found.hits).toHaveLength(1);
    expect(found.hits[0]?.node.text).toBe('to make e-evidence rules that police can use');
    expect(matchedTexts(found.hits[0] as Hit)).toEqual(['e-evidence']);
    // The other hits did not move: only the quote's document was rewritten.
    expect((await search(server, { query: 'backdoors' })).totalCount).toBe(3);
  });
});

describe('actorNameContains (trigram index)', () => {
  let db: Db;
  const matching = async (text: string) =>
    ((await db.select({ id: actors.id }).from(actors).where(actorNameContains(actors.id, text))) as { id: string }[])
      .map((a) => a.id)
      .sort();

  beforeAll(async () => {
    db = await seededDb();
  });

  it('"commiss" finds the European Commission, ignoring case', async () => {
    expect(await matching('commiss')).toEqual(['european-commission']);
    expect(await matching('COMMISSION')).toEqual(['european-commission']);
  });

  it('matches aliases too: "EU commission" is an alias of the European Commission, not its name', async () => {
    expect(await matching('EU commission')).toEqual(['european-commission']);
  });

  it('"eu" (two characters) uses the fallback and still finds substrings', async () => {
    const found = await matching('eu');
    expect(found).toContain('european-commission');
    expect(found).toContain('europol');
    expect(found).not.toContain('julian-king');
  });

  it('takes an apostrophe literally: "EU\'s" and "\'" find the alias "the EU\'s own counter-terrorism coordinator"', async () => {
    expect(await matching("EU's")).toEqual(['eu-counter-terrorism-coordinator']);
    expect(await matching("'")).toEqual(['eu-counter-terrorism-coordinator']);
  });

  it.each(['%', '%%%', '_', '___', '\\', '\\\\\\', '"', 'a"b"c', "'; DROP TABLE actors; --", 'NEAR(eur'])(
    'takes %j literally: no name holds it',
    async (text) => {
      expect(await matching(text)).toEqual([]);
      expect(await db.$count(actors)).toBeGreaterThan(10);
    },
  );

  async function plan(text: string): Promise<string[]> {
    const statement = sql`EXPLAIN QUERY PLAN SELECT ${actors.id} FROM ${actors} WHERE ${actorNameContains(actors.id, text)}`;
    return ((await db.all(statement)) as { detail: string }[]).map((r) => r.detail);
  }

  it('three or more characters: a virtual-table (trigram) search, no scan of actors', async () => {
    const details = await plan('commiss');
    expect(details.some((d) => /SCAN actor_name_fts VIRTUAL TABLE/.test(d))).toBe(true);
    expect(details.some((d) => /^SCAN actors\b/.test(d))).toBe(false);
  });

  it('fewer than three: a scan of names and aliases (the fallback)', async () => {
    const details = await plan('eu');
    expect(details.some((d) => /VIRTUAL TABLE/.test(d))).toBe(false);
    expect(details.some((d) => /^SCAN actor_aliases\b/.test(d))).toBe(true);
  });
});
