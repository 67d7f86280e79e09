/**
 * DATABASE_WRITE_URL, in workerd against two real `sqld` servers: mutations write to the write
 * server, and an editor's request reads there too, so a mutation's payload shows its own write
 * (what a read replica behind DATABASE_URL may not have yet); anonymous reads stay on
 * DATABASE_URL. Two independent servers, not a primary and its replica, so where each statement
 * went is certain rather than a matter of replication timing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postInit } from '../../scripts/edge/requests.ts';
import { createEditorKey, migrateAndSeed, type Sqld, startSqld } from '../../scripts/edge/sqld.ts';
import { startWorkerd } from '../../scripts/edge/workerd.ts';
import { sharedEdgeBuild } from './shared-build.ts';

const QUOTE_KEY = 'king-quote-public-spaces';
const QUOTE_ID = Buffer.from(`Quote:${QUOTE_KEY}`).toString('base64');
const REVIEW = {
  query: `mutation { factReview(input: { id: "${QUOTE_ID}", status: CONFIRMED }) {
    fact { ... on Quote { reviewStatus } } userErrors { code } } }`,
};
const READ_STATUS = { query: `{ node(id: "${QUOTE_ID}") { ... on Quote { reviewStatus } } }` };

let tempDir = '';
const servers: Sqld[] = [];
const workers: Miniflare[] = [];
let readServer: Sqld;
let writeServer: Sqld;
let key = '';

beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'dossier-write-url-'));
  for (const name of ['read', 'write']) {
    const server = await startSqld({ dir: join(tempDir, name) });
    servers.push(server);
    await migrateAndSeed(server.url);
  }
  [readServer, writeServer] = servers as [Sqld, Sqld];
  // Keys are verified where the function reads.
  key = await createEditorKey(readServer.url, 'edge-editor');
}, 120_000);

afterAll(async () => {
  for (const worker of workers) await worker.dispose();
  for (const server of servers) await server.stop();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
});

async function functionWith(bindings: Record<string, string>) {
  const worker = await startWorkerd(await sharedEdgeBuild(), bindings);
  workers.push(worker);
  return async (body: object, withKey = false) => {
    const init = postInit(body);
    const headers = {
      ...(init.headers as Record<string, string>),
      ...(withKey ? { authorization: `Bearer ${key}` } : {}),
    };
    const response = await worker.dispatchFetch('http://localhost/graphql', { ...init, headers } as never);
    return { status: response.status, body: (await response.json()) as any };
  };
}

async function storedStatus(server: Sqld): Promise<unknown> {
  const client = createClient({ url: server.url });
  const { rows } = await client.execute({ sql: 'SELECT review_status FROM quotes WHERE id = ?', args: [QUOTE_KEY] });
  client.close();
  return rows[0]?.review_status;
}

describe('a function with DATABASE_WRITE_URL', () => {
  it("writes there, answers the mutation's payload from there, and leaves anonymous reads on DATABASE_URL", async () => {
    const send = await functionWith({
      DATABASE_URL: readServer.url,
      DATABASE_WRITE_URL: writeServer.url,
      DATABASE_WRITE_TOKEN: 'write-token-for-tests',
    });
    const written = await send(REVIEW, true);
    expect(written.status).toBe(200);
    expect(written.body.errors).toBeUndefined();
    expect(written.body.data.factReview).toEqual({ fact: { reviewStatus: 'CONFIRMED' }, userErrors: [] });
    expect(await storedStatus(writeServer)).toBe('CONFIRMED');
    expect(await storedStatus(readServer)).toBe('UNREVIEWED');
    // The editor reads their write; an anonymous reader sees DATABASE_URL's copy.
    expect((await send(READ_STATUS, true)).body.data.node.reviewStatus).toBe('CONFIRMED');
    expect((await send(READ_STATUS)).body.data.node.reviewStatus).toBe('UNREVIEWED');
  });

  it('names DATABASE_WRITE_URL when it is not a libSQL server URL, and writes nothing', async () => {
    const send = await functionWith({
      DATABASE_URL: readServer.url,
      DATABASE_WRITE_URL: 'file:local.db',
      DATABASE_WRITE_TOKEN: 'write-token-for-tests',
    });
    const refused = await send(REVIEW, true);
    expect(refused.status).toBe(503);
    expect(refused.body.errors[0].message).toBe(
      'DATABASE_WRITE_URL must be a libsql://, https:// or http:// URL on the edge; got "file:…".',
    );
    expect(await storedStatus(readServer)).toBe('UNREVIEWED');
    // Reads do not need the write connection.
    expect((await send(READ_STATUS)).body.data.node.reviewStatus).toBe('UNREVIEWED');
  });
});
