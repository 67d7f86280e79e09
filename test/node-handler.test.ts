/**
 * The Node handler (src/server/node-handler.ts) over a real socket: a POST whose Content-Length
 * fits the 1 MB limit is read whole before Yoga sees it, and must be answered exactly as before —
 * the data, the headers every answer gets, the request ID in the header, in masked errors and in
 * the log line, the 413 for a declared body over the limit, a compressed body decompressed; and
 * a client that goes away stops its request's statements, as Yoga's own Node adapter would.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../src/db/client.ts';
import { migrateDb } from '../src/db/migrate.ts';
import { openWorkerClient, workerStats } from '../src/db/worker/worker-client.ts';
import { MAX_BODY_BYTES } from '../src/server/http-hygiene.ts';
import { createLogger } from '../src/server/log/logger.ts';
import { nodeHandler } from '../src/server/node-handler.ts';
import { seedDb } from '../src/server/seed.ts';
import { createDossierYoga } from '../src/server/yoga.ts';
import { ARTICLE_SLUG, SLOW_STATEMENT, seededDb } from './helpers.ts';

const QUERY = `query Article($slug: String!) { article(slug: $slug) { headline publishedOn topics } }`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let server: Server;
let port: number;
const lines: string[] = [];
const records = () => lines.map((line) => JSON.parse(line));

beforeAll(async () => {
  const db = await seededDb();
  const logger = createLogger('info', (line) => lines.push(line));
  server = createServer(nodeHandler(createDossierYoga({ getDb: () => db, logger: () => logger })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A POST /graphql whose body goes out in the given pieces, one event-loop turn apart. */
function post(pieces: Buffer[], headers: Record<string, string> = {}): Promise<Reply> {
  const length = pieces.reduce((n, piece) => n + piece.length, 0);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(length), ...headers },
      },
      (res) => readReply(res).then(resolve, reject),
    );
    req.on('error', reject);
    const send = (i: number) => {
      if (i === pieces.length) return void req.end();
      req.write(pieces[i]);
      setTimeout(() => send(i + 1), 5);
    };
    send(0);
  });
}

/** The whole answer to a request. */
function readReply(res: IncomingMessage): Promise<Reply> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () =>
      resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
    );
  });
}

const body = (query: string, variables?: unknown) => Buffer.from(JSON.stringify({ query, variables }), 'utf8');

function expectEveryAnswersHeaders(reply: Reply): string {
  expect(reply.headers['x-content-type-options']).toBe('nosniff');
  const requestId = String(reply.headers['x-request-id']);
  expect(requestId).toMatch(UUID);
  return requestId;
}

describe('POST /graphql through the Node handler', () => {
  it('reads a body sent in pieces whole, and answers it with the headers and the log line of any request', async () => {
    lines.splice(0);
    const whole = body(QUERY, { slug: ARTICLE_SLUG });
    const reply = await post([whole.subarray(0, 20), whole.subarray(20, 50), whole.subarray(50)]);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.headers.vary).toBe('Accept');
    const requestId = expectEveryAnswersHeaders(reply);
    expect(JSON.parse(reply.text)).toEqual({
      data: {
        article: {
          headline: 'European Commission plans to give police greater powers to decrypt messages',
          publishedOn: '2017-10-18',
          topics: ['counter-terrorism', 'data-sharing', 'e-evidence', 'encryption', 'law-enforcement', 'public-spaces'],
        },
      },
      extensions: { cost: { requested: 1, limit: 500_000 } },
    });
    expect(records()).toEqual([
      expect.objectContaining({
        msg: 'request',
        requestId,
        method: 'POST',
        route: '/graphql',
        operation: 'Article',
        status: 200,
        errors: 0,
      }),
    ]);
    expect(records()[0].sql).toBeGreaterThan(0);
  });

  it('keeps the request ID on a syntax error, in the header and the log line', async () => {
    lines.splice(0);
    const reply = await post([body('{ article(slug: "x") { headline }')]);
    const requestId = expectEveryAnswersHeaders(reply);
    expect(reply.headers['cache-control']).toBe('no-store');
    const answer = JSON.parse(reply.text);
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(records().at(-1)).toEqual(expect.objectContaining({ msg: 'request', requestId, errors: 1 }));
  });

  it('answers 413 to a declared body over 1 MB, before reading it, and then the next request', async () => {
    const big = body(QUERY, { slug: ARTICLE_SLUG, pad: 'x'.repeat(MAX_BODY_BYTES) });
    const reply = await post([big]);
    expect(reply.status).toBe(413);
    expectEveryAnswersHeaders(reply);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(reply.text).errors[0].extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
    const next = await post([body(QUERY, { slug: ARTICLE_SLUG })]);
    expect(JSON.parse(next.text).data.article.publishedOn).toBe('2017-10-18');
  });

  it('serves a body just under the limit', async () => {
    const padding = 'x'.repeat(MAX_BODY_BYTES - 200);
    // An extra variable the operation does not declare: read with the body, never used.
    const near = body(QUERY, { slug: ARTICLE_SLUG, pad: padding });
    expect(near.length).toBeLessThanOrEqual(MAX_BODY_BYTES);
    const reply = await post([near]);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text).data.article.publishedOn).toBe('2017-10-18');
  });

  it('carries on when a client goes away mid-upload, and logs nothing for it', async () => {
    lines.splice(0);
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': '1000' },
      });
      req.on('error', () => resolve());
      req.write('{"query":"{ article');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const next = await post([body(QUERY, { slug: ARTICLE_SLUG })]);
    expect(JSON.parse(next.text).data.article.publishedOn).toBe('2017-10-18');
    expect(records()).toEqual([expect.objectContaining({ msg: 'request', status: 200, errors: 0 })]);
  });

  it('decompresses a gzip body (it goes to Yoga as a stream)', async () => {
    const reply = await post([gzipSync(body(QUERY, { slug: ARTICLE_SLUG }))], { 'content-encoding': 'gzip' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text).data.article.headline).toBe(
      'European Commission plans to give police greater powers to decrypt messages',
    );
  });
});

describe('a request that makes no URL', () => {
  it('is answered 400, naming the problem and nothing of the server, GET and POST alike', async () => {
    const notAUrl = {
      errors: [{ message: 'The request line and Host header do not make a URL.', extensions: { code: 'BAD_REQUEST' } }],
    };
    const read = await post([body('{ __typename }')], { host: 'not a host' });
    expect([read.status, JSON.parse(read.text)]).toEqual([400, notAUrl]);
    expect(read.headers['cache-control']).toBe('no-store');
    const get = await new Promise<Reply>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: '/graphql?query=%7B__typename%7D', headers: { host: 'not a host' } },
        (res) => readReply(res).then(resolve, reject),
      );
      req.on('error', reject);
      req.end();
    });
    expect([get.status, JSON.parse(get.text)]).toEqual([400, notAUrl]);
    const next = await post([body(QUERY, { slug: ARTICLE_SLUG })]);
    expect(JSON.parse(next.text).data.article.publishedOn).toBe('2017-10-18');
  });
});

describe('a request the Node handler read whole', () => {
  it('stops its statements when the client closes the connection before the answer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dossier-node-handler-'));
    // One thread: a slow statement there makes the request's own statement wait in the queue.
    const client = await openWorkerClient({ url: `file:${join(dir, 'dossier.db')}` }, 1);
    const db = createDb(client);
    await migrateDb(db);
    await seedDb(db);
    const stats = workerStats(client);
    if (!stats) throw new Error('the worker client reports no stats');
    const slowServer = createServer(nodeHandler(createDossierYoga({ getDb: () => db })));
    await new Promise<void>((resolve) => slowServer.listen(0, '127.0.0.1', resolve));
    try {
      const slow = client.execute(SLOW_STATEMENT);
      const text = body('{ quotes(first: 1) { totalCount } }');
      const req = httpRequest({
        host: '127.0.0.1',
        port: (slowServer.address() as { port: number }).port,
        path: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(text.length) },
      });
      req.on('error', () => {});
      req.end(text);
      while (stats.queued === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      req.destroy();
      // The request's statement leaves the queue as soon as its connection is closed...
      const until = Date.now() + 1000;
      while (stats.queued > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(stats.queued).toBe(0);
      await slow;
      const before = stats.answered;
      await client.execute('SELECT 1');
      // ...and never runs: only the probe did, after the slow statement.
      expect(stats.answered).toBe(before + 1);
    } finally {
      await new Promise<void>((resolve) => slowServer.close(() => resolve()));
      client.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
