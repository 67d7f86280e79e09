/**
 * Rate limits by cost, through HTTP on the seeded database: each answer is charged its computed
 * cost (a cached answer the cost cached with it), an empty budget gets 429 RATE_LIMITED with
 * Retry-After before anything runs, and every limited answer carries the RateLimit-* headers. A
 * client is its address: X-Forwarded-For counts only from a trusted proxy. The clock is the
 * test's, so the budget refills only when the test says.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { parseTrustedProxies } from '../src/server/rate-limit/client.ts';
import { createDossierYoga } from '../src/server/yoga.ts';
import { newApiKey, seededDb } from './helpers.ts';

/** README's example: 1 + 5 + 5 × 50 = 256 points. */
const QUOTES = '{ quotes(first: 5) { nodes { text evidence { exact } } } }';
const QUOTES_COST = 256;
const POINTS = 600;
const WINDOW_SECONDS = 60;

let db: Db;
beforeAll(async () => {
  db = await seededDb();
});

function limitedServer(trustProxy?: string) {
  let now = 0;
  const cacheLines: unknown[] = [];
  const yoga = createDossierYoga<{ peer?: string }>({
    getDb: () => db,
    responseCache: () => true,
    logger: () => ({
      enabled: () => true,
      log: (_level, fields) => {
        if (fields.msg === 'request') cacheLines.push(fields.cache);
      },
    }),
    rateLimit: {
      settings: () => ({
        points: POINTS,
        windowSeconds: WINDOW_SECONDS,
        trustedProxies: parseTrustedProxies(trustProxy),
      }),
      peer: ({ peer }) => peer,
      now: () => now,
    },
  });
  const send = (peer: string, path = '/graphql', init: RequestInit = {}) =>
    Promise.resolve(yoga.fetch(new Request(`http://test${path}`, init), { peer }));
  const query = (peer: string, text = QUOTES, headers: Record<string, string> = {}) =>
    send(peer, '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: text }),
    });
  return { send, query, cacheLines, advance: (ms: number) => (now += ms) };
}

const limits = (response: Response) => ({
  limit: response.headers.get('ratelimit-limit'),
  remaining: response.headers.get('ratelimit-remaining'),
  reset: response.headers.get('ratelimit-reset'),
  policy: response.headers.get('ratelimit-policy'),
});

describe('a budget charged by cost', () => {
  it('charges each answer its cost, a cached one too; then 429 RATE_LIMITED with Retry-After; refills with time', async () => {
    const server = limitedServer();
    const first = await server.query('203.0.113.1');
    expect(first.status).toBe(200);
    expect(((await first.json()) as any).extensions.cost).toEqual({ requested: QUOTES_COST, limit: 500_000 });
    // 600 points refill in 60 s: 10 per second, so the 256 spent take 26 s to come back.
    expect(limits(first)).toEqual({ limit: '600', remaining: '344', reset: '26', policy: '600;w=60' });

    const cached = await server.query('203.0.113.1');
    expect(server.cacheLines).toEqual(['miss', 'hit']);
    expect(limits(cached).remaining).toBe(String(POINTS - 2 * QUOTES_COST)); // 88: a hit costs what the answer cost

    // 88 points left: still let in, and charged in full (the budget goes 168 into debt).
    const overdraw = await server.query('203.0.113.1');
    expect(overdraw.status).toBe(200);
    expect(limits(overdraw)).toEqual({ limit: '600', remaining: '0', reset: '77', policy: '600;w=60' });

    const refused = await server.query('203.0.113.1');
    expect(refused.status).toBe(429);
    // 169 points to earn back before the budget holds one: 17 s.
    expect(refused.headers.get('retry-after')).toBe('17');
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(limits(refused)).toEqual({ limit: '600', remaining: '0', reset: '77', policy: '600;w=60' });
    expect(await refused.json()).toEqual({
      errors: [
        {
          message: "Rate limit exceeded: this client's budget of 600 points is spent. Try again in 17 s (Retry-After).",
          extensions: { code: 'RATE_LIMITED' },
        },
      ],
    });
    expect(server.cacheLines).toHaveLength(4); // the refusal ran nothing, not even the cache's probe
    expect(server.cacheLines[3]).toBeUndefined();

    // Other clients have their own budget.
    expect((await server.query('203.0.113.2')).status).toBe(200);
    // /live and /health are never limited.
    expect((await server.send('203.0.113.1', '/live')).status).toBe(200);
    expect((await server.send('203.0.113.1', '/health')).status).toBe(200);

    server.advance(17_000);
    const again = await server.query('203.0.113.1');
    expect(again.status).toBe(200);
  });

  it('a request refused before it runs costs 100 points; a 429 on /csv and /persisted/* is text or JSON with Retry-After', async () => {
    const server = limitedServer();
    const invalid = await server.query('198.51.100.1', '{ nope }');
    expect(invalid.status).toBe(200);
    expect(limits(invalid).remaining).toBe(String(POINTS - 100));
    const costly = await server.query(
      '198.51.100.1',
      '{ quotes(first: 100) { nodes { evidence { article { actorMentions(first: 100) { nodes { actor { name } } } } } } } }',
    );
    expect(((await costly.json()) as any).errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
    expect(limits(costly).remaining).toBe(String(POINTS - 200));

    await server.query('198.51.100.1');
    await server.query('198.51.100.1'); // 400 - 2 × 256: into debt
    const csv = await server.send('198.51.100.1', `/csv?query=${encodeURIComponent(QUOTES)}`);
    expect(csv.status).toBe(429);
    expect(csv.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(csv.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(await csv.text()).toMatch(/^Rate limit exceeded: this client's budget of 600 points is spent\./);
    const persisted = await server.send('198.51.100.1', '/persisted/funding-summary');
    expect(persisted.status).toBe(429);
    expect(persisted.headers.get('retry-after')).toBe(csv.headers.get('retry-after'));
    expect(((await persisted.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
  });
});

describe('who the client is', () => {
  it('ignores X-Forwarded-For without TRUST_PROXY: one peer is one client whatever it claims', async () => {
    const server = limitedServer();
    await server.query('192.0.2.10', QUOTES, { 'x-forwarded-for': '198.51.100.7' });
    const second = await server.query('192.0.2.10', QUOTES, { 'x-forwarded-for': '198.51.100.8' });
    expect(limits(second).remaining).toBe(String(POINTS - 2 * QUOTES_COST));
  });

  it('behind a trusted proxy, takes the right-most X-Forwarded-For entry that is not a proxy', async () => {
    const server = limitedServer('10.0.0.1, 10.0.0.2');
    // A client-chosen entry on the left is ignored: 198.51.100.9 is what the proxies saw.
    const a = await server.query('10.0.0.1', QUOTES, { 'x-forwarded-for': '6.6.6.6, 198.51.100.9, 10.0.0.2' });
    const b = await server.query('::ffff:10.0.0.1', QUOTES, { 'x-forwarded-for': '7.7.7.7, 198.51.100.9' });
    expect(limits(a).remaining).toBe(String(POINTS - QUOTES_COST));
    expect(limits(b).remaining).toBe(String(POINTS - 2 * QUOTES_COST)); // the same client
    const other = await server.query('10.0.0.1', QUOTES, { 'x-forwarded-for': '198.51.100.10' });
    expect(limits(other).remaining).toBe(String(POINTS - QUOTES_COST));
    // From a peer that is not a proxy, the header counts for nothing.
    const direct = await server.query('192.0.2.99', QUOTES, { 'x-forwarded-for': '198.51.100.9' });
    expect(limits(direct).remaining).toBe(String(POINTS - QUOTES_COST));
  });
});

describe('API keys', () => {
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  it('a verified key has its own bucket, wherever it comes from; a wrong key gets 401 and stays on its address', async () => {
    const server = limitedServer();
    const alice = await newApiKey(db, 'rate-alice', 'EDITOR');
    const bob = await newApiKey(db, 'rate-bob', 'EDITOR');

    // Two keys from one address: two buckets, and the address's own untouched.
    const a = await server.query('203.0.113.50', QUOTES, bearer(alice));
    expect(a.status).toBe(200);
    expect(limits(a).remaining).toBe(String(POINTS - QUOTES_COST));
    const b = await server.query('203.0.113.50', QUOTES, bearer(bob));
    expect(limits(b).remaining).toBe(String(POINTS - QUOTES_COST));
    const anonymous = await server.query('203.0.113.50');
    expect(limits(anonymous).remaining).toBe(String(POINTS - QUOTES_COST));

    // A well-formed key that is not one: 401, charged (100 points) to the address, no bucket of its own.
    const wrong = `${alice.slice(0, -1)}${alice.endsWith('A') ? 'B' : 'A'}`;
    const refused = await server.query('203.0.113.50', QUOTES, bearer(wrong));
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(limits(refused).remaining).toBe(String(POINTS - QUOTES_COST - 100));

    // Alice's bucket follows her key to another address: 600 - 2 × 256 = 88 left, then into debt.
    const elsewhere = await server.query('192.0.2.77', QUOTES, bearer(alice));
    expect(limits(elsewhere).remaining).toBe(String(POINTS - 2 * QUOTES_COST));
    expect((await server.query('192.0.2.77', QUOTES, bearer(alice))).status).toBe(200);
    const spent = await server.query('192.0.2.77', QUOTES, bearer(alice));
    expect(spent.status).toBe(429);
    expect(spent.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(((await spent.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
    // That address, without the key, and Bob still have their budgets.
    expect((await server.query('192.0.2.77')).status).toBe(200);
    expect((await server.query('203.0.113.50', QUOTES, bearer(bob))).status).toBe(200);
  });
});
