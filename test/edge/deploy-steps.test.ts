/**
 * The deploy steps against a real `sqld`, as child processes: `npm run db:migrate` applies the
 * migrations and prints them, writing no data; `npm start` against a libSQL server migrates and
 * seeds nothing — it only checks the schema, and answers 503 SCHEMA_MISMATCH until the database
 * is migrated. A server refusing the token (sqld with JWT auth) is said in one line by the server
 * and every script, and answered 503 DATABASE_AUTH_FAILED — not SERVICE_UNAVAILABLE — on Node.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postInit } from '../../scripts/edge/requests.ts';
import { type Sqld, sqldAuthKeys, startSqld, untrustedSqldToken } from '../../scripts/edge/sqld.ts';
import { createDb } from '../../src/db/client.ts';
import { APP_VERSION, MIGRATION_FLOORS } from '../../src/db/compatibility.ts';
import { createLogger } from '../../src/server/log/logger.ts';
import { createDossierYoga } from '../../src/server/yoga.ts';
import { runScript } from '../run-script.ts';
import { startNodeServer } from './node-server.ts';

const TAGS = Object.keys(MIGRATION_FLOORS).sort();
const QUERY = postInit({ query: '{ quotes(first: 1) { totalCount } }' });
const closers: (() => unknown)[] = [];
let tempDir: string;

beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'dossier-deploy-'));
});
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await rm(tempDir, { recursive: true, force: true });
});

const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

async function sqldServer(name: string, authKeyFile?: string): Promise<Sqld> {
  const sqld = await startSqld({ dir: join(tempDir, name), authKeyFile });
  closers.push(() => sqld.stop());
  return sqld;
}

async function count(url: string, sql: string, authToken?: string): Promise<number> {
  const client = createClient({ url, authToken });
  try {
    return Number((await client.execute(sql)).rows[0]?.[0]);
  } finally {
    client.close();
  }
}

describe('migrations as a deploy step', () => {
  it('npm start against an unmigrated server: 503 SCHEMA_MISMATCH, nothing created; db:migrate fixes it, seeding stays explicit', async () => {
    const sqld = await sqldServer('plain');
    const tables = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";

    const early = await startNodeServer({ DATABASE_URL: sqld.url, LOG_LEVEL: 'silent' });
    closers.push(() => early.stop());
    expect(early.output()).toMatch(
      new RegExp(`The database at ${sqld.url} does not fit: the database lacks ${TAGS.length} migration\\(s\\)`),
    );
    const refused = await fetch(`${early.url}/graphql`, QUERY);
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('SCHEMA_MISMATCH');
    expect(await count(sqld.url, tables)).toBe(0); // neither migrated nor seeded
    await early.stop();

    const env = { DATABASE_URL: sqld.url };
    const first = await runScript('scripts/migrate.ts', env);
    expect(first.code).toBe(0);
    expect(lines(first.stdout)).toEqual([
      ...TAGS.map((tag) => `Applied ${tag} (compatible with Dossier ${MIGRATION_FLOORS[tag]} and later)`),
      `${sqld.url}: ${TAGS.length} migration(s) applied; its schema fits Dossier ${APP_VERSION}.`,
    ]);
    expect(lines((await runScript('scripts/migrate.ts', env)).stdout)).toEqual([
      `${sqld.url} is up to date: nothing to apply.`,
    ]);
    expect(await count(sqld.url, 'SELECT count(*) FROM articles')).toBe(0); // no sample data

    const server = await startNodeServer({ DATABASE_URL: sqld.url, LOG_LEVEL: 'silent' });
    closers.push(() => server.stop());
    const answer = await fetch(`${server.url}/graphql`, QUERY);
    expect(((await answer.json()) as any).data).toEqual({ quotes: { totalCount: 0 } });
    expect(await count(sqld.url, 'SELECT count(*) FROM articles')).toBe(0); // npm start did not seed it

    expect((await runScript('scripts/seed.ts', env)).code).toBe(0);
    expect(await count(sqld.url, 'SELECT count(*) FROM quotes')).toBe(5);
  }, 120_000);
});

describe('a server that refuses the token', () => {
  let secured: Sqld;
  let token: string;
  let wrongToken: string;

  beforeAll(async () => {
    const { keyFile, token: signed } = sqldAuthKeys(join(tempDir, 'jwt.pem'));
    secured = await sqldServer('secured', keyFile);
    token = signed();
    wrongToken = untrustedSqldToken();
    expect((await runScript('scripts/seed.ts', { DATABASE_URL: secured.url, DATABASE_AUTH_TOKEN: token })).code).toBe(
      0,
    );
  }, 60_000);

  it('npm start and every script say so in one line, naming the server and the status', async () => {
    const env = { DATABASE_URL: secured.url, DATABASE_AUTH_TOKEN: wrongToken, PORT: '0' };
    const what = `the libSQL server at ${secured.url} refused the token (HTTP 401): check DATABASE_AUTH_TOKEN`;
    const expected: Record<string, string> = {
      'src/server/main.ts': `Dossier could not start: ${what}`,
      'scripts/migrate.ts': `The migrations were not applied: ${what}`,
      'scripts/seed.ts': `Seeding did not start (the migrations failed): ${what}`,
      'scripts/export.ts': `Nothing was exported: ${what}`,
      'scripts/keys.ts': `The keys command failed: ${what}`,
    };
    const runs = await Promise.all(
      Object.keys(expected).map((script) =>
        runScript(script, env, script === 'scripts/export.ts' ? [join(tempDir, 'export')] : []).then(
          (r) => [script, r] as const,
        ),
      ),
    );
    for (const [script, result] of runs) {
      expect({ script, code: result.code, stderr: lines(result.stderr) }).toEqual({
        script,
        code: 1,
        stderr: [expected[script]],
      });
    }
  }, 120_000);

  it('a request on Node: 503 DATABASE_AUTH_FAILED without detail, logged as an error; the right token answers', async () => {
    const logged: Record<string, unknown>[] = [];
    const logger = createLogger('info', (line) => logged.push(JSON.parse(line)));
    const serve = (authToken: string) =>
      createDossierYoga({ getDb: () => createDb(createClient({ url: secured.url, authToken })), logger: () => logger });
    const wrong = await serve(wrongToken).fetch('http://localhost/graphql', QUERY);
    expect(wrong.status).toBe(503);
    const body = (await wrong.json()) as any;
    expect(body.errors).toEqual([
      {
        message: 'The server is misconfigured and cannot use its database.',
        locations: [{ line: 1, column: 22 }],
        path: ['quotes', 'totalCount'],
        extensions: { code: 'DATABASE_AUTH_FAILED', requestId: expect.any(String) },
      },
    ]);
    expect(logged.find((line) => line.msg === 'error')).toMatchObject({
      level: 'error',
      code: 'DATABASE_AUTH_FAILED',
      cause: expect.stringMatching(/401/),
    });
    const right = await serve(token).fetch('http://localhost/graphql', QUERY);
    expect(((await right.json()) as any).data).toEqual({ quotes: { totalCount: 5 } });
  });
});
