/**
 * README's table of error codes is complete and true: every code raised in `src/` is in it, and
 * each code provoked here through HTTP comes with the status the table gives it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDossierYoga } from '../src/server/yoga.ts';
import { emptyDb, seededDb } from './helpers.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Status {
  /** The first HTTP status in its row ("200 (400 with …)" → 200). */
  status: number;
  /** With `Accept: application/graphql-response+json`: the status in "(400 with Accept: …)", else the same. */
  graphqlResponse: number;
}

/** code → the statuses its row gives. */
function readmeTable(): Map<string, Status> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Errors\n'));
  const table = new Map<string, Status>();
  const rows =
    /^\| `([A-Z][A-Z0-9_]+)` \| (\d{3})\b(?: \((\d{3}) with `Accept: application\/graphql-response\+json`\))?/gm;
  for (const match of section.matchAll(rows)) {
    const status = Number(match[2]);
    table.set(match[1] as string, { status, graphqlResponse: match[3] ? Number(match[3]) : status });
  }
  return table;
}

/** Every `code: 'X'` (or `code ?? 'X'`) in the TypeScript under src/. */
function codesRaisedInSrc(): Set<string> {
  const codes = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.ts')) {
        for (const match of readFileSync(path, 'utf8').matchAll(/\bcode\b\s*(?::|\?\?)\s*['"]([A-Z][A-Z0-9_]+)['"]/g)) {
          codes.add(match[1] as string);
        }
      }
    }
  };
  walk(join(ROOT, 'src'));
  return codes;
}

describe('the error-code table in README', () => {
  it('lists every code raised in src/', () => {
    const table = readmeTable();
    const raised = [...codesRaisedInSrc()];
    expect(raised).toEqual(expect.arrayContaining(['BAD_USER_INPUT', 'INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE']));
    expect(raised.filter((code) => !table.has(code))).toEqual([]);
  });

  it('lists every userError code of the write path with HTTP 200', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const source = readFileSync(join(ROOT, 'src', 'ingest', 'validate.ts'), 'utf8');
    const union = /export type ProblemCode =([^;]+);/.exec(source)?.[1] ?? '';
    const codes = [...union.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1] as string);
    expect(codes).toEqual(expect.arrayContaining(['SPAN_MISMATCH', 'EVIDENCE_NO_LONGER_MATCHES']));
    expect(codes.filter((code) => !readme.includes(`| \`${code}\` | 200 |`))).toEqual([]);
  });

  describe('gives the status a client really gets', () => {
    let yoga: ReturnType<typeof createDossierYoga>;
    let broken: ReturnType<typeof createDossierYoga>;
    let yogaDb: Awaited<ReturnType<typeof seededDb>>;
    beforeAll(async () => {
      const db = await seededDb();
      yogaDb = db;
      yoga = createDossierYoga({ getDb: () => db });
      const gone = await emptyDb();
      await gone.run(sql`DROP TABLE quotes`);
      broken = createDossierYoga({ getDb: () => gone });
    });

    const post = (server: () => ReturnType<typeof createDossierYoga>, body: string) => (accept?: string) =>
      server().fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) },
        body,
      });
    const query = (text: string) => JSON.stringify({ query: text });
    // 100 quotes × 50 evidence spans × their article's 100 mentions and actors: over 1,000,000 objects.
    const costly =
      '{ quotes(first: 100) { nodes { evidence { article { actorMentions(first: 100) { nodes { actor { name } } } } } } } }';

    it.each([
      ['BAD_USER_INPUT', post(() => yoga, query('{ quotes(first: 1000) { totalCount } }'))],
      ['GRAPHQL_PARSE_FAILED', post(() => yoga, query('{ quotes'))],
      ['GRAPHQL_VALIDATION_FAILED', post(() => yoga, query('{ nope }'))],
      ['QUERY_TOO_COSTLY', post(() => yoga, query(costly))],
      ['BAD_REQUEST', post(() => yoga, '{"query": ')],
      [
        'REQUEST_ENTITY_TOO_LARGE',
        post(() => yoga, JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(1 << 20) })),
      ],
      ['INTERNAL_SERVER_ERROR', post(() => broken, query('{ quotes(first: 1) { totalCount } }'))],
      [
        'RATE_LIMITED',
        async (accept?: string) => {
          // A budget of one point, on a clock that never moves: a second request is always refused.
          const limited = createDossierYoga({
            getDb: () => yogaDb,
            rateLimit: {
              settings: () => ({ points: 1, windowSeconds: 60, trustedProxies: new Set() }),
              peer: () => '192.0.2.1',
              now: () => 0,
            },
          });
          await limited.fetch('http://test/graphql?query=%7B__typename%7D');
          return post(() => limited, query('{ __typename }'))(accept);
        },
      ],
      [
        'SERVICE_UNAVAILABLE',
        () =>
          createDossierYoga({ getDb: () => Promise.reject(new TypeError('fetch failed')) }).fetch('http://test/health'),
      ],
    ])('%s', async (code, send) => {
      const expected = readmeTable().get(code);
      expect(expected).toBeDefined();
      for (const [accept, status] of [
        [undefined, expected?.status],
        ['application/graphql-response+json', expected?.graphqlResponse],
      ] as const) {
        const response = await send(accept);
        expect(response.status, accept).toBe(status);
        if (code !== 'SERVICE_UNAVAILABLE') {
          expect(((await response.json()) as any).errors[0].extensions.code).toBe(code);
        }
      }
      expect((await yoga.fetch('http://test/health')).status).toBe(200);
    });
  });
});
