/**
 * The first request a fresh isolate answers, whatever it is, gets the answer any later request
 * gets — and the Node server's. Start-up work is kept small (BENCHMARKS.md, "Edge cold start,
 * 2026-11-30 evening"), so this checks that nothing a client can see depends on what an isolate
 * did before: an introspection query, an anonymous mutation, or a read as the very first request
 * of a new workerd with the response cache on, as deployed.
 */
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EdgeBuild } from '../../scripts/edge/build.ts';
import { postInit } from '../../scripts/edge/requests.ts';
import { migrateAndSeed, type Sqld, startSqld } from '../../scripts/edge/sqld.ts';
import { startWorkerd } from '../../scripts/edge/workerd.ts';
import { createDossierYoga } from '../../src/server/yoga.ts';
import { seededDb } from '../helpers.ts';
import { sharedEdgeBuild } from './shared-build.ts';

const INTROSPECTION = `{ __schema {
  queryType { name } mutationType { name fields { name args { name type { name kind ofType { name } } } } }
  types { name kind fields { name } inputFields { name } enumValues { name } }
} }`;
const ANONYMOUS_MUTATION = `mutation { factReview(input: { id: "${Buffer.from('Quote:x').toString('base64')}", status: CONFIRMED }) { userErrors { code } } }`;
const READ = '{ quotes(first: 1) { totalCount nodes { text speaker { name } } } }';

let build: EdgeBuild;
let sqld: Sqld | undefined;

beforeAll(async () => {
  build = await sharedEdgeBuild();
  sqld = await startSqld();
  await migrateAndSeed(sqld.url);
}, 120_000);

afterAll(async () => {
  await sqld?.stop();
});

/** Status and body of `query` sent as the first request of a new workerd, then again. */
async function firstAndSecond(query: string) {
  const mf: Miniflare = await startWorkerd(build, { DATABASE_URL: (sqld as Sqld).url });
  try {
    const send = async () => {
      const response = await mf.dispatchFetch('http://localhost/graphql', postInit({ query }) as never);
      return { status: response.status, etag: response.headers.get('etag'), body: await response.json() };
    };
    const first = await send();
    return { first, second: await send() };
  } finally {
    await mf.dispose();
  }
}

async function fromNode(query: string) {
  const db = await seededDb();
  const yoga = createDossierYoga({ getDb: () => db });
  const response = await yoga.fetch('http://test/graphql', postInit({ query }));
  return { status: response.status, body: await response.json() };
}

describe('the first request of a fresh isolate', () => {
  it('is answered an introspection query in full, mutations included, as later and as on Node', async () => {
    const { first, second } = await firstAndSecond(INTROSPECTION);
    expect(first.status).toBe(200);
    const schema = (first.body as any).data.__schema;
    expect(schema.queryType).toEqual({ name: 'Query' });
    expect(schema.mutationType.fields.map((f: { name: string }) => f.name)).toContain('articleImport');
    expect(schema.types.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(['ApiKey', 'ArticleImportInput', 'Quote']),
    );
    expect(first.etag).toBeNull(); // introspection is never cached
    expect(second.body).toEqual(first.body);
    expect(await fromNode(INTROSPECTION)).toEqual({ status: first.status, body: first.body });
  }, 60_000);

  it('refuses an anonymous mutation as later and as on Node (401 UNAUTHENTICATED)', async () => {
    const { first, second } = await firstAndSecond(ANONYMOUS_MUTATION);
    expect(first.status).toBe(401);
    expect((first.body as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(second).toEqual(first);
    const node = await fromNode(ANONYMOUS_MUTATION);
    expect(node.status).toBe(401);
    expect((node.body as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  }, 60_000);

  it('answers a read, then serves the same answer from the cache', async () => {
    const { first, second } = await firstAndSecond(READ);
    expect(first.status).toBe(200);
    expect((first.body as any).data.quotes).toEqual({
      totalCount: 5,
      nodes: [
        {
          text: expect.stringMatching(/^is far from clear that encryption is a key tool/),
          speaker: { name: 'Civil Liberties Union for Europe' },
        },
      ],
    });
    expect(first.etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(second).toEqual(first);
    expect(await fromNode(READ)).toEqual({ status: first.status, body: first.body });
  }, 60_000);
});
