/**
 * API keys and auth over HTTP: keys stored only as SHA-256, readers need no header, a bad key is
 * refused even on a read (401 + WWW-Authenticate), editors cannot do admin work (403), writes
 * only as JSON POST, browser requests with a key only from allowed origins, and keyed requests
 * never touch the shared response cache. Nothing is written when a request is refused.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/auth/keys.ts';
import { listApiKeys } from '../src/auth/manage.ts';
import type { Db } from '../src/db/client.ts';
import { createDossierYoga } from '../src/server/yoga.ts';
import { newApiKey, seededDb, serverFor } from './helpers.ts';

let db: Db;
let admin: string;
let editor: string;
let yoga: ReturnType<typeof createDossierYoga>;

const CREATE =
  'mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { key apiKey { name role } userErrors { field code message } } }';

beforeAll(async () => {
  db = await seededDb();
  admin = await newApiKey(db, 'test-admin', 'ADMIN');
  editor = await newApiKey(db, 'test-editor', 'EDITOR');
  yoga = createDossierYoga({
    getDb: () => db,
    getWriteDb: () => db,
    responseCache: () => true,
    editorOrigins: () => ['https://newsroom.example'],
  });
});

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await yoga.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { response, json: (await response.json()) as any };
}

async function keyCount(): Promise<number> {
  const [{ n }] = (await db.all(sql`SELECT count(*) AS n FROM api_keys`)) as [{ n: number }];
  return n;
}

describe('keys', () => {
  it('are dsk_ plus 256 random bits, and only their SHA-256 is stored', async () => {
    expect(admin).toMatch(/^dsk_[A-Za-z0-9_-]{43}$/);
    expect(admin).not.toBe(editor);
    const rows = (await db.all(sql`SELECT name, sha256 FROM api_keys ORDER BY name`)) as {
      name: string;
      sha256: string;
    }[];
    expect(rows).toEqual([
      { name: 'test-admin', sha256: await sha256Hex(admin) },
      { name: 'test-editor', sha256: await sha256Hex(editor) },
    ]);
    const stored =
      JSON.stringify(await db.all(sql`SELECT * FROM api_keys`)) +
      JSON.stringify(await db.all(sql`SELECT * FROM history`));
    expect(stored).not.toContain(admin.slice(4));
  });

  it('an admin creates a key over GraphQL; the key is in that answer only, the name in history', async () => {
    const { response, json } = await post(
      { query: CREATE, variables: { input: { name: 'newsroom-bot', role: 'EDITOR' } } },
      { authorization: `Bearer ${admin}` },
    );
    expect(response.status).toBe(200);
    expect(json.data.apiKeyCreate.userErrors).toEqual([]);
    expect(json.data.apiKeyCreate.apiKey).toEqual({ name: 'newsroom-bot', role: 'EDITOR' });
    const key = json.data.apiKeyCreate.key as string;
    expect(key).toMatch(/^dsk_/);
    const history = (await db.all(
      sql`SELECT editor, operation, change, after FROM history WHERE subject_type = 'ApiKey' AND subject_key = 'newsroom-bot'`,
    )) as unknown[];
    expect(history).toEqual([
      {
        editor: 'test-admin',
        operation: 'apiKeyCreate',
        change: 'CREATED',
        after: '{"name":"newsroom-bot","role":"EDITOR"}',
      },
    ]);
    // The new key reads, and a second key of the same name is refused with the field named.
    const me = await serverFor(db, { key })('{ articles { totalCount } }');
    expect(me.data.articles.totalCount).toBe(1);
    const again = await post(
      { query: CREATE, variables: { input: { name: 'newsroom-bot', role: 'ADMIN' } } },
      { authorization: `Bearer ${admin}` },
    );
    expect(again.json.data.apiKeyCreate.userErrors).toEqual([
      { field: ['input', 'name'], code: 'TAKEN', message: 'A key named "newsroom-bot" exists already.' },
    ]);
  });

  it('a revoked key is refused from the next request on', async () => {
    const key = await newApiKey(db, 'short-lived', 'EDITOR');
    expect((await serverFor(db, { key })('{ articles { totalCount } }')).status).toBe(200);
    const revoke = await post(
      {
        query:
          'mutation { apiKeyRevoke(input: { name: "short-lived" }) { apiKey { name revokedAt } userErrors { code } } }',
      },
      { authorization: `Bearer ${admin}` },
    );
    expect(revoke.json.data.apiKeyRevoke.userErrors).toEqual([]);
    expect(revoke.json.data.apiKeyRevoke.apiKey.revokedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const after = await serverFor(db, { key })('{ articles { totalCount } }');
    expect(after.status).toBe(401);
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const listed = (await listApiKeys(db)).find((k) => k.name === 'short-lived');
    expect(listed?.revokedAt).not.toBeNull();
    expect(listed?.lastUsedAt).not.toBeNull(); // it was used once, before the revocation
  });
});

describe('refusals', () => {
  it('a mutation without a key: 401 UNAUTHENTICATED with WWW-Authenticate: Bearer, nothing written', async () => {
    const before = await keyCount();
    const { response, json } = await post({ query: CREATE, variables: { input: { name: 'sneaky', role: 'ADMIN' } } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(json.data?.apiKeyCreate ?? null).toBeNull();
    expect(await keyCount()).toBe(before);
  });

  it('a wrong, malformed or non-Bearer key gets 401 even on a read, and the key is never echoed', async () => {
    const wrong = `dsk_${'A'.repeat(43)}`;
    for (const authorization of [`Bearer ${wrong}`, 'Bearer not-a-key', `Basic ${btoa('a:b')}`, `Bearer ${admin}x`]) {
      const { response, json } = await post({ query: '{ articles { totalCount } }' }, { authorization });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(json.data).toBeUndefined();
      expect(JSON.stringify(json)).not.toContain(authorization.split(' ')[1]);
    }
  });

  it('an editor calling an admin mutation: 403 FORBIDDEN, nothing written', async () => {
    const before = await keyCount();
    const { response, json } = await post(
      { query: CREATE, variables: { input: { name: 'escalated', role: 'ADMIN' } } },
      { authorization: `Bearer ${editor}` },
    );
    expect(response.status).toBe(403);
    expect(json.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(await keyCount()).toBe(before);
  });

  it('refuses mutations over GET and form or multipart posts before they run', async () => {
    const before = await keyCount();
    const query = 'mutation { apiKeyRevoke(input: { name: "test-editor" }) { userErrors { code } } }';
    const get = await yoga.fetch(`http://test/graphql?query=${encodeURIComponent(query)}`, {
      headers: { authorization: `Bearer ${admin}`, accept: 'application/json' },
    });
    expect(get.status).toBe(405);
    const form = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${admin}` },
      body: new URLSearchParams({ query }).toString(),
    });
    expect(form.status).toBe(415);
    expect((await form.json()).errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const multipart = new FormData();
    multipart.set('operations', JSON.stringify({ query }));
    const parts = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: multipart,
    });
    expect(parts.status).toBe(415);
    const text = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query }),
    });
    expect(text.status).toBe(415);
    expect((await listApiKeys(db)).find((k) => k.name === 'test-editor')?.revokedAt).toBeNull();
    expect(await keyCount()).toBe(before);
  });

  it('accepts a key from a browser only on its own origin or EDITOR_ORIGINS; reads stay open to any origin', async () => {
    const read = { query: '{ articles { totalCount } }' };
    const auth = { authorization: `Bearer ${editor}` };
    expect((await post(read, { ...auth, origin: 'https://evil.example' })).response.status).toBe(403);
    expect((await post(read, { ...auth, origin: 'https://newsroom.example' })).response.status).toBe(200);
    expect((await post(read, { ...auth, origin: 'http://test' })).response.status).toBe(200);
    expect((await post(read, { origin: 'https://evil.example' })).response.status).toBe(200);
  });

  it('never answers a keyed request from the shared cache, nor stores it there', async () => {
    const query = { query: '{ quotes(first: 1) { totalCount } }' };
    const anonymous = await post(query);
    expect(anonymous.response.headers.get('etag')).toBeTruthy();
    const keyed = await post(query, { authorization: `Bearer ${editor}` });
    expect(keyed.response.status).toBe(200);
    expect(keyed.response.headers.get('etag')).toBeNull();
    // A wrong key is refused even though the same query sits in the cache.
    const wrong = await post(query, { authorization: `Bearer dsk_${'B'.repeat(43)}` });
    expect(wrong.response.status).toBe(401);
  });
});
