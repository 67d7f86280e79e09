/**
 * The production token split, in workerd against a real `sqld` with JWT auth: the function reads
 * with a read-only token (DATABASE_AUTH_TOKEN, `{ a: 'ro' }`) and writes an editor's mutation with
 * the full one (DATABASE_WRITE_TOKEN). The read token really cannot write: a function given it as
 * its write token is refused by the server, answers a clear error and writes nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postInit } from '../../scripts/edge/requests.ts';
import { createEditorKey, migrateAndSeed, type Sqld, sqldAuthKeys, startSqld } from '../../scripts/edge/sqld.ts';
import { startWorkerd } from '../../scripts/edge/workerd.ts';
import { sharedEdgeBuild } from './shared-build.ts';

const QUOTE_ID = Buffer.from('Quote:king-quote-public-spaces').toString('base64');
const review = (status: string) => ({
  query: `mutation { factReview(input: { id: "${QUOTE_ID}", status: ${status} }) {
    fact { ... on Quote { reviewStatus } } userErrors { code } } }`,
});
const READ_STATUS = { query: `{ node(id: "${QUOTE_ID}") { ... on Quote { reviewStatus } } }` };

let tempDir = '';
let sqld: Sqld | undefined;
let split: Miniflare | undefined;
let readOnly: Miniflare | undefined;
let key = '';

beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'dossier-token-split-'));
  const auth = sqldAuthKeys(join(tempDir, 'jwt.pem'));
  sqld = await startSqld({ dir: join(tempDir, 'sqld'), authKeyFile: auth.keyFile });
  await migrateAndSeed(sqld.url, auth.token('rw'));
  key = await createEditorKey(sqld.url, 'edge-editor', auth.token('rw'));
  const build = await sharedEdgeBuild();
  const database = { DATABASE_URL: sqld.url, DATABASE_AUTH_TOKEN: auth.token('ro') };
  split = await startWorkerd(build, { ...database, DATABASE_WRITE_TOKEN: auth.token('rw') });
  // A deploy mistake: the read-only token given as the write token too.
  readOnly = await startWorkerd(build, { ...database, DATABASE_WRITE_TOKEN: auth.token('ro') });
}, 180_000);

afterAll(async () => {
  await split?.dispose();
  await readOnly?.dispose();
  await sqld?.stop();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
});

async function send(worker: Miniflare | undefined, body: object, withKey = false) {
  const init = postInit(body);
  const headers = {
    ...(init.headers as Record<string, string>),
    ...(withKey ? { authorization: `Bearer ${key}` } : {}),
  };
  const response = await (worker as Miniflare).dispatchFetch('http://localhost/graphql', { ...init, headers } as never);
  return { status: response.status, body: (await response.json()) as any };
}

describe('a function with a read-only token and a write token', () => {
  it('reads with the read-only token', async () => {
    const read = await send(split, READ_STATUS);
    expect(read).toEqual({
      status: 200,
      body: { data: { node: { reviewStatus: 'UNREVIEWED' } }, extensions: expect.anything() },
    });
  });

  it("writes an editor's mutation with the write token", async () => {
    const written = await send(split, review('CONFIRMED'), true);
    expect(written.status).toBe(200);
    expect(written.body.errors).toBeUndefined();
    expect(written.body.data.factReview).toEqual({ fact: { reviewStatus: 'CONFIRMED' }, userErrors: [] });
    expect((await send(split, READ_STATUS)).body.data.node.reviewStatus).toBe('CONFIRMED');
  });

  it('cannot write with the read-only token: the server refuses, the answer says so, nothing is written', async () => {
    const before = (await send(split, READ_STATUS)).body.data.node.reviewStatus;
    const refused = await send(readOnly, review('REJECTED'), true);
    expect(refused.status).toBe(503);
    expect(refused.body.data).toBeNull();
    expect(refused.body.errors).toMatchObject([
      {
        message: 'The server is misconfigured and cannot use its database.',
        path: ['factReview'],
        extensions: { code: 'DATABASE_AUTH_FAILED' },
      },
    ]);
    expect((await send(split, READ_STATUS)).body.data.node.reviewStatus).toBe(before);
  });
});
