/**
 * Writes on the edge: the wrangler-built bundle in workerd against a real `sqld`. With
 * DATABASE_WRITE_TOKEN an editor's key imports an article and reviews a quote, with answers equal
 * to Node's byte for byte; a request without a key is refused (401); without the write token a
 * keyed mutation answers WRITES_DISABLED (503) while reads keep working. `articleIngest` answers
 * an editor NOT_AVAILABLE_ON_EDGE (501), the extractor is not in the bundle, and a caller without
 * a key 401 like every mutation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postInit } from '../../scripts/edge/requests.ts';
import { createEditorKey, migrateAndSeed, type Sqld, startSqld } from '../../scripts/edge/sqld.ts';
import { startWorkerd } from '../../scripts/edge/workerd.ts';
import { createApiKey } from '../../src/auth/manage.ts';
import { SEEDS_FOLDER } from '../../src/server/dataset-files.ts';
import { createDossierYoga } from '../../src/server/yoga.ts';
import { seededDb } from '../helpers.ts';
import { sharedEdgeBuild } from './shared-build.ts';

const EXAMPLE = join(SEEDS_FOLDER, '..', 'examples', 'editing');
const BASE = join(EXAMPLE, 'articles', '2020-01-15-example-walkthrough');
const IMPORT = {
  query: `mutation($input: ArticleImportInput!) { articleImport(input: $input) {
    written article { slug quotes { totalCount } }
    summary { articles { slug change facts { type added } } actorsAdded }
    userErrors { field code message } } }`,
  variables: {
    input: {
      article: JSON.parse(readFileSync(`${BASE}.json`, 'utf8')),
      body: readFileSync(`${BASE}.txt`, 'utf8'),
      actors: JSON.parse(readFileSync(join(EXAMPLE, 'actors.json'), 'utf8')),
    },
  },
};
const REVIEW = {
  query: `mutation { factReview(input: { id: "${Buffer.from('Quote:ada-example-quote').toString('base64')}", status: CONFIRMED }) {
    fact { ... on Quote { text reviewStatus } } userErrors { code } } }`,
};

let sqld: Sqld | undefined;
let writer: Miniflare | undefined;
let reader: Miniflare | undefined;
let key = '';
let bundle = '';

beforeAll(async () => {
  const build = await sharedEdgeBuild();
  bundle = readFileSync(build.scriptPath, 'utf8');
  sqld = await startSqld();
  await migrateAndSeed(sqld.url);
  key = await createEditorKey(sqld.url, 'edge-editor');
  // sqld here runs without auth, so any token opens it: the test is about which one the function uses.
  writer = await startWorkerd(build, { DATABASE_URL: sqld.url, DATABASE_WRITE_TOKEN: 'write-token-for-tests' });
  reader = await startWorkerd(build, { DATABASE_URL: sqld.url });
}, 180_000);

afterAll(async () => {
  await writer?.dispose();
  await reader?.dispose();
  await sqld?.stop();
});

const keyed = (body: object) => {
  const init = postInit(body);
  return { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${key}` } };
};

describe('mutations on the edge', () => {
  it('refuse a request without a key (401), even with writes enabled', async () => {
    const response = await (writer as Miniflare).dispatchFetch('http://localhost/graphql', postInit(REVIEW) as never);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answer WRITES_DISABLED (503) without DATABASE_WRITE_TOKEN; reads still work', async () => {
    const refused = await (reader as Miniflare).dispatchFetch('http://localhost/graphql', keyed(REVIEW) as never);
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('WRITES_DISABLED');
    const read = await (reader as Miniflare).dispatchFetch(
      'http://localhost/graphql',
      postInit({ query: '{ quotes { totalCount } }' }) as never,
    );
    expect(await read.json()).toEqual({
      data: { quotes: { totalCount: 5 } },
      extensions: { cost: { requested: 1, limit: 500_000 } },
    });
  });

  it('answer articleIngest with NOT_AVAILABLE_ON_EDGE (501) to an editor, after checking the key (401 without)', async () => {
    const ingest = {
      query: `mutation { articleIngest(input: { body: "The minister said so.", publishedOn: "2017-10-18" }) { written } }`,
    };
    const anonymous = await (writer as Miniflare).dispatchFetch('http://localhost/graphql', postInit(ingest) as never);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const response = await (writer as Miniflare).dispatchFetch('http://localhost/graphql', keyed(ingest) as never);
    expect(response.status).toBe(501);
    const body = (await response.json()) as any;
    expect(body.errors[0].extensions.code).toBe('NOT_AVAILABLE_ON_EDGE');
    expect(body.errors[0].message).toMatch(/not available on the edge function/);
    // The extractor's code is not in the bundle: neither its version string nor its lexicon.
    expect(bundle).toContain('articleIngest');
    expect(bundle).not.toContain('dossier-extract/');
  });

  it('import an article and review a quote, answering as Node does, byte for byte', async () => {
    const nodeDb = await seededDb();
    const nodeKey = await createApiKey(
      nodeDb,
      { name: 'edge-editor', role: 'EDITOR' },
      { editor: 'test', operation: 'apiKeyCreate' },
    );
    if (!nodeKey.ok) throw new Error(nodeKey.message);
    const node = createDossierYoga({ getDb: () => nodeDb, getWriteDb: () => nodeDb });
    const nodeInit = (body: object) => {
      const init = postInit(body);
      return {
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${nodeKey.value.key}` },
      };
    };
    for (const operation of [IMPORT, REVIEW]) {
      const edgeAnswer = await (writer as Miniflare).dispatchFetch(
        'http://localhost/graphql',
        keyed(operation) as never,
      );
      const nodeAnswer = await node.fetch('http://node/graphql', nodeInit(operation));
      expect(edgeAnswer.status).toBe(200);
      const text = await edgeAnswer.text();
      expect(text).toBe(await nodeAnswer.text());
      expect(text).not.toContain('"errors"');
    }
    const read = await (reader as Miniflare).dispatchFetch(
      'http://localhost/graphql',
      postInit({
        query: `{ history(subject: "${Buffer.from('Quote:ada-example-quote').toString('base64')}") { nodes { editor operation change } } }`,
      }) as never,
    );
    expect(((await read.json()) as any).data.history.nodes).toEqual([
      { editor: 'edge-editor', operation: 'factReview', change: 'REVIEWED' },
      { editor: 'edge-editor', operation: 'articleImport', change: 'CREATED' },
    ]);
  });
});
