/**
 * The server's log, captured through the logger's sink (the database is real, never mocked):
 * one bounded JSON line per request and one per distinct error, identical errors folded into one
 * line with a count, the request ID in the X-Request-Id header and in masked errors, client
 * errors without a stack, and no secrets.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { createLogger, type LogLevel, MAX_LINE_BYTES, parseLogLevel, toLine } from '../src/server/log/logger.ts';
import { createDossierYoga } from '../src/server/yoga.ts';
import { newApiKey, seededDb } from './helpers.ts';

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const bytes = (line: string) => Buffer.byteLength(line);

function loggedServer(db: Db, level: LogLevel = 'info', options: { responseCache?: boolean } = {}) {
  const lines: string[] = [];
  const logger = createLogger(level, (line) => lines.push(line));
  const yoga = createDossierYoga({
    getDb: () => db,
    logger: () => logger,
    responseCache: () => options.responseCache ?? false,
    revisionCheckMs: () => 0,
  });
  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { response, body: (await response.json()) as any };
  };
  const records = () => lines.map((line) => JSON.parse(line));
  const stillAnswers = async () => {
    const health = await yoga.fetch('http://test/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  };
  return { yoga, lines, records, post, stillAnswers, reset: () => lines.splice(0) };
}

const quoteId = (key: string) => Buffer.from(`Quote:${key}`).toString('base64');
const NODES = 'query Many($ids: [ID!]!) { nodes(ids: $ids) { id ... on Quote { text evidence { exact } } } }';

describe('one identical error in 100 fields', () => {
  it('writes one error line with count 100 (≤ 4 KB, no parameters) and one request line', async () => {
    const db = await seededDb();
    // A broken database, for real: the table every quote's evidence comes from is gone.
    await db.run(sql`DROP TABLE evidence`);
    const server = loggedServer(db);
    const ids = Array.from({ length: 100 }, (_, i) => quoteId(`synthetic-missing-${i}`));
    const { response, body } = await server.post({ query: NODES, variables: { ids } });

    expect(response.status).toBe(200);
    expect(body.errors).toHaveLength(100);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(REQUEST_ID);
    for (const error of body.errors) {
      expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId });
    }

    expect(server.lines).toHaveLength(2);
    for (const line of server.lines) expect(bytes(line)).toBeLessThanOrEqual(MAX_LINE_BYTES);
    const [error, request] = server.records();
    expect(error).toMatchObject({
      level: 'error',
      msg: 'error',
      requestId,
      code: 'INTERNAL_SERVER_ERROR',
      class: 'DrizzleQueryError',
      message: 'Failed query',
      cause: expect.stringContaining('no such table: evidence'),
      path: 'nodes.0',
      count: 100,
    });
    expect(error.sql).toMatch(/^select /);
    expect(error.stack).toMatch(/^at /);
    // The parameters (here the 100 IDs' keys) stay out of the log.
    expect(server.lines[0]).not.toContain('synthetic-missing');
    expect(request).toMatchObject({
      level: 'info',
      msg: 'request',
      requestId,
      method: 'POST',
      route: '/graphql',
      operation: 'Many',
      status: 200,
      // The compiled lookup's statement failed, and graphql-js (which reports the errors) ran it again.
      sql: 2,
      errors: 100,
    });
    expect(request.durationMs).toEqual(expect.any(Number));
  });

  it('client errors: one info line with a count and no stack', async () => {
    const server = loggedServer(await seededDb());
    // IDs of a type that does not exist: each of the 100 fails alike.
    const ids = Array(100).fill(Buffer.from('Nope:x').toString('base64'));
    const { response, body } = await server.post({ query: NODES, variables: { ids } });
    expect(response.status).toBe(200);
    expect(body.errors).toHaveLength(100);
    expect(body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(server.records()).toEqual([
      {
        time: expect.any(String),
        level: 'info',
        msg: 'error',
        requestId: response.headers.get('x-request-id'),
        code: 'BAD_USER_INPUT',
        class: 'PothosSchemaError',
        message: 'Nope has not been implemented',
        path: 'nodes.0',
        count: 100,
      },
      expect.objectContaining({ msg: 'request', status: 200, errors: 100, sql: 0 }),
    ]);
    await server.stillAnswers();
  });
});

describe('the request that filled a disk', () => {
  it('nodes(ids:) with 32,767 IDs (0.6 MB) writes at most two lines of ≤ 4 KB', async () => {
    const server = loggedServer(await seededDb());
    const ids = Array.from({ length: 32_767 }, (_, i) => quoteId(String(i)));
    const { response, body } = await server.post({ query: NODES, variables: { ids } });
    expect(response.status).toBe(200);
    // Refused as too many IDs (at most 100) before any lookup: one error, one error line.
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toBe('ids: has 32,767 items; at most 100 are allowed.');
    const errorLines = server.records().filter((record) => record.msg === 'error');
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatchObject({ level: 'info', code: 'BAD_USER_INPUT', count: 1 });
    expect(server.lines).toHaveLength(2);
    for (const line of server.lines) expect(bytes(line)).toBeLessThanOrEqual(MAX_LINE_BYTES);
    await server.stillAnswers();
  }, 60_000);
});

describe('request lines', () => {
  let db: Db;
  beforeAll(async () => {
    db = await seededDb();
  });

  it('say cache miss then hit, with the statements each took', async () => {
    const server = loggedServer(db, 'info', { responseCache: true });
    const query = 'query TwoQuotes { quotes(first: 2) { totalCount nodes { text } } }';
    const first = await server.post({ query });
    const second = await server.post({ query });
    expect(first.response.headers.get('x-request-id')).not.toBe(second.response.headers.get('x-request-id'));
    const [miss, hit] = server.records();
    // The miss: the revision probe, the page, its totalCount. The hit: the probe only.
    expect(miss).toMatchObject({ route: '/graphql', operation: 'TwoQuotes', status: 200, cache: 'miss', sql: 3 });
    expect(hit).toMatchObject({ route: '/graphql', operation: 'TwoQuotes', status: 200, cache: 'hit', sql: 1 });
    expect(miss.requestId).toBe(first.response.headers.get('x-request-id'));
  });

  it('a CSV export is one line (its inner GraphQL request adds to it)', async () => {
    const server = loggedServer(db);
    const query = 'query Funding { fundingItems { nodes { purpose } } }';
    const response = await server.yoga.fetch(`http://test/csv?query=${encodeURIComponent(query)}`);
    expect(response.status).toBe(200);
    await response.text();
    expect(server.records()).toEqual([
      expect.objectContaining({ route: '/csv', operation: 'Funding', status: 200, sql: 1, errors: 0 }),
    ]);
    expect(server.records()[0].requestId).toBe(response.headers.get('x-request-id'));
  });

  it('/health and /live only at debug', async () => {
    const info = loggedServer(db, 'info');
    await info.stillAnswers();
    expect((await info.yoga.fetch('http://test/live')).status).toBe(200);
    expect(info.lines).toEqual([]);
    const debug = loggedServer(db, 'debug');
    await debug.stillAnswers();
    expect(debug.records()).toEqual([expect.objectContaining({ level: 'debug', route: '/health', status: 200 })]);
  });
});

describe('LOG_LEVEL', () => {
  it('error: nothing for a good request, the error line for a failing one; silent: nothing', async () => {
    const db = await seededDb();
    const errorsOnly = loggedServer(db, 'error');
    await errorsOnly.post({ query: '{ quotes(first: 1) { totalCount } }' });
    await errorsOnly.post({ query: '{ quotes(first: 1000) { totalCount } }' }); // a client error
    expect(errorsOnly.lines).toEqual([]);
    await db.run(sql`DROP TABLE quotes`);
    const { body } = await errorsOnly.post({ query: '{ quotes(first: 1) { totalCount } }' });
    expect(body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(errorsOnly.records().map((r) => [r.level, r.msg])).toEqual([['error', 'error']]);

    const silent = loggedServer(db, 'silent');
    await silent.post({ query: '{ quotes(first: 1) { totalCount } }' });
    expect(silent.lines).toEqual([]);
  });

  it('a value that is no level is refused, naming the variable', () => {
    expect(() => parseLogLevel('verbose')).toThrow(
      'LOG_LEVEL must be one of debug, info, warn, error, silent; got "verbose".',
    );
    expect(parseLogLevel(undefined)).toBe('info');
    expect(parseLogLevel(' WARN ')).toBe('warn');
  });
});

describe('what never reaches the log', () => {
  it('no Authorization header, cookie, token or variable', async () => {
    const db = await seededDb();
    const key = await newApiKey(db, 'logged-editor', 'EDITOR');
    const server = loggedServer(db);
    const { response } = await server.post(
      { query: 'query Q($s: String!) { search(query: $s) { totalCount } }', variables: { s: 'hunter2-password' } },
      { authorization: `Bearer ${key}`, cookie: 'session=c00kie-value', 'x-api-key': 'k3y-value' },
    );
    expect(response.status).toBe(200);
    const log = server.lines.join('\n');
    expect(server.lines).toHaveLength(1);
    for (const secret of [key.slice(4), 'c00kie', 'k3y-value', 'hunter2']) expect(log).not.toContain(secret);
    // A wrong key is refused (401), and is not logged either.
    const wrong = await server.post(
      { query: '{ quotes { totalCount } }' },
      { authorization: 'Bearer s3cr3t-token-value' },
    );
    expect(wrong.response.status).toBe(401);
    expect(server.lines.join('\n')).not.toContain('s3cr3t');
  });

  it('secrets inside error messages are masked, and a huge field is cut to fit 4 KB', () => {
    const jwt = 'eyJhbGciOiJFZERTQSJ9.eyJhIjoicnciLCJpYXQiOjF9.c2lnbmF0dXJl';
    const line = toLine({
      msg: 'error',
      message: `fetch https://user:pa55@db.example.invalid/?authToken=abc123 with Bearer ${jwt}: ${'x'.repeat(100_000)}`,
    });
    expect(bytes(line)).toBeLessThanOrEqual(MAX_LINE_BYTES);
    const record = JSON.parse(line);
    expect(record.truncated).toBe(true);
    expect(record.message).toMatch(
      /^fetch https:\/\/\*\*\*@db\.example\.invalid\/\?authToken=\[redacted\] with Bearer \[redacted\]: x+…$/,
    );
    for (const secret of ['pa55', 'abc123', jwt]) expect(line).not.toContain(secret);
  });
});
