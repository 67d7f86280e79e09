/**
 * `npm run load [-- --db FILE]`: the Node server (`npm start`'s entry, rate limiting on,
 * TRUST_PROXY=127.0.0.1) on a 10k-article synthetic database (default data/synthetic-10000.db,
 * made by `npm run db:synth -- --articles 10000`), under autocannon for 55 s in two phases:
 * 10 s of legitimate traffic alone (warm-up), then 45 s of legitimate, heavy and hostile clients
 * together (traffic.ts), 57 connections in all, with `/live` probed 20 times a second throughout.
 * Prints, per kind of client, p50/p99 latency and answers by status; `/live` latency; the
 * server's event-loop delay (bench/load/loop-monitor.mjs) and RSS at start, after warm-up and at
 * the end. The goals (BENCHMARKS.md, not asserted): no 5xx and no 429 for legitimate clients,
 * `/live` p99 under 100 ms, RSS growth after warm-up at most 50 MB.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import { openClient } from '../../src/db/node-client.ts';
import { HOSTILE, heavy, LEGITIMATE, type Spec } from './traffic.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WARM_UP_S = 10;
/** Numbers the heavy operations, so that no two are the same (the cache would answer the second). */
let unique = 0;
const MIXED_S = 45;
const { values } = parseArgs({ options: { db: { type: 'string', default: 'data/synthetic-10000.db' } } });
const dbFile = values.db as string;
if (!existsSync(dbFile)) {
  console.error(`${dbFile} does not exist: make it with \`npm run db:synth -- --articles 10000\` (or pass --db FILE).`);
  process.exit(2);
}

const busiestActor = await (async () => {
  const client = openClient({ url: `file:${dbFile}` });
  try {
    const { rows } = await client.execute(
      'SELECT actor_id AS id FROM mentions GROUP BY actor_id ORDER BY count(*) DESC LIMIT 1',
    );
    return String(rows[0]?.id);
  } finally {
    client.close();
  }
})();

const server = await startServer();
// Whatever happens here, the server goes with this process.
process.once('exit', () => server.child.kill('SIGTERM'));
const progress = (line: string) => process.stderr.write(`${line}\n`);
try {
  const rssStart = rssMb(server.pid);
  progress(
    `server on ${server.url} (pid ${server.pid}), RSS ${rssStart} MB; warm-up ${WARM_UP_S} s of legitimate traffic…`,
  );
  const warmUp = await Promise.all([
    run('legitimate', server.url, LEGITIMATE, { connections: 40, rate: 2, duration: WARM_UP_S, base: '10.1' }),
    live(server.url, WARM_UP_S),
  ]);
  await loopDelay(server); // reset the event-loop histogram: report the mixed phase only
  const rssWarm = rssMb(server.pid);
  progress(`after warm-up RSS ${rssWarm} MB; ${MIXED_S} s of legitimate + heavy + hostile traffic…`);
  const [legit, heavyResult, hostile, liveResult] = await Promise.all([
    run('legitimate', server.url, LEGITIMATE, { connections: 40, rate: 2, duration: MIXED_S, base: '10.1' }),
    run('heavy', server.url, heavy(busiestActor), { connections: 4, rate: 0, duration: MIXED_S, base: '10.2' }),
    run('hostile', server.url, [...HOSTILE, ...heavy(busiestActor)], {
      connections: 12,
      rate: 0,
      duration: MIXED_S,
      base: '10.3',
      addresses: 2,
      forge: true,
    }),
    live(server.url, MIXED_S),
  ]);
  const loop = await loopDelay(server);
  const rssEnd = rssMb(server.pid);
  report({ warmUp: warmUp[0], legit, heavy: heavyResult, hostile, live: liveResult, loop, rssStart, rssWarm, rssEnd });
} finally {
  server.child.kill('SIGTERM');
}

interface RunOptions {
  connections: number;
  /** Requests per second per connection; 0: as fast as answered. */
  rate: number;
  duration: number;
  /** The first two octets of the clients' addresses: one address per connection… */
  base: string;
  /** …or this many addresses shared by all connections. */
  addresses?: number;
  /** Prepend an address the client chose to X-Forwarded-For (the server must ignore it). */
  forge?: boolean;
}

function run(label: string, url: string, specs: Spec[], options: RunOptions): Promise<Result & { label: string }> {
  let nextConnection = 0;
  const instance = autocannon({
    url,
    connections: options.connections,
    ...(options.rate ? { connectionRate: options.rate } : {}),
    duration: options.duration,
    timeout: 30,
    initialContext: {},
    requests: specs.map((spec) => ({
      method: spec.method,
      path: spec.path,
      body: spec.body,
      headers: (spec.body ? { 'content-type': 'application/json' } : {}) as Record<string, string>,
      setupRequest: (request, context) => {
        if (context.address === undefined) {
          const n = nextConnection++;
          const host = options.addresses ? (n % options.addresses) + 1 : n + 1;
          context.address = `${options.base}.${Math.floor(host / 250)}.${(host % 250) + 1}`;
        }
        const forwarded = options.forge ? `6.6.6.${unique % 250}, ${context.address}` : String(context.address);
        const body =
          spec.unique && spec.body
            ? JSON.stringify({
                query: `{ u${unique++}: __typename ${(JSON.parse(spec.body).query as string).slice(1)}`,
              })
            : request.body;
        return { ...request, body, headers: { ...request.headers, 'x-forwarded-for': forwarded } };
      },
    })),
  });
  return Promise.resolve(instance).then((result) => ({ ...result, label }));
}

function live(url: string, duration: number) {
  return new Promise<Result>((resolve) => {
    void Promise.resolve(
      autocannon({ url: `${url}/live`, connections: 1, connectionRate: 20, duration, timeout: 30 }),
    ).then(resolve);
  });
}

interface Server {
  url: string;
  pid: number;
  child: ChildProcess;
  loopLines: string[];
}

function startServer(): Promise<Server> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', './bench/load/loop-monitor.mjs', 'src/server/main.ts'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        DATABASE_URL: `file:${dbFile}`,
        TRUST_PROXY: '127.0.0.1',
        LOG_LEVEL: 'silent',
        RATE_LIMIT: 'on',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const loopLines: string[] = [];
  let output = '';
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.startsWith('LOOP ')) loopLines.push(line.slice(5));
      output += chunk;
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /at http:\/\/localhost:(\d+)\/graphql/.exec(output);
      if (match) resolve({ url: `http://127.0.0.1:${match[1]}`, pid: child.pid as number, child, loopLines });
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}):\n${output}`)));
  });
}

async function loopDelay(server: Server): Promise<{ p50: number; p99: number; max: number }> {
  const before = server.loopLines.length;
  server.child.kill('SIGUSR2');
  while (server.loopLines.length === before) await new Promise((resolve) => setTimeout(resolve, 20));
  return JSON.parse(server.loopLines[server.loopLines.length - 1] as string);
}

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return Math.round(kb / 1024);
}

function statuses(result: Result): string {
  const parts = Object.entries(result.statusCodeStats).map(([code, { count }]) => `${code}: ${count}`);
  if (result.errors) parts.push(`errors: ${result.errors}`);
  if (result.timeouts) parts.push(`timeouts: ${result.timeouts}`);
  return parts.join(', ');
}

function report(r: {
  warmUp: Result;
  legit: Result;
  heavy: Result;
  hostile: Result;
  live: Result;
  loop: { p50: number; p99: number; max: number };
  rssStart: number;
  rssWarm: number;
  rssEnd: number;
}) {
  const row = (label: string, x: Result) =>
    `| ${label} | ${x.requests.total} | ${x.latency.p50} | ${x.latency.p99} | ${statuses(x)} |`;
  const legit5xx = Object.entries(r.legit.statusCodeStats)
    .filter(([code]) => code.startsWith('5'))
    .reduce((n, [, { count }]) => n + count, 0);
  const legit429 = r.legit.statusCodeStats['429']?.count ?? 0;
  console.log(
    [
      `Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, load average ${loadavg()[0]?.toFixed(1)} at the end · Node ${process.version}`,
      '',
      '| clients | requests | p50 ms | p99 ms | answers |',
      '|---|---:|---:|---:|---|',
      row(`legitimate, warm-up (${WARM_UP_S} s)`, r.warmUp),
      row(`legitimate (${MIXED_S} s, mixed)`, r.legit),
      row('heavy (costliest admitted)', r.heavy),
      row('hostile', r.hostile),
      row('/live probe (mixed)', r.live),
      '',
      `Event-loop delay during the mixed phase: p50 ${r.loop.p50} ms, p99 ${r.loop.p99} ms, max ${r.loop.max} ms.`,
      `RSS: ${r.rssStart} MB at start, ${r.rssWarm} MB after warm-up, ${r.rssEnd} MB at the end (growth after warm-up ${r.rssEnd - r.rssWarm} MB).`,
      `Goals: legitimate 5xx ${legit5xx} (goal 0), legitimate 429 ${legit429} (goal 0), /live p99 ${r.live.latency.p99} ms (goal < 100), RSS growth ${r.rssEnd - r.rssWarm} MB (goal ≤ 50).`,
    ].join('\n'),
  );
}
