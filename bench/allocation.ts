/**
 * `npm run bench:alloc -- [--operations label,…] [--articles N] [--seconds S] [--servers A,B]`:
 * bytes allocated per request, garbage included, by each server for each operation — what the
 * garbage collector has to deal with. Unlike CPU time it hardly moves with the machine's load, so
 * it shows a change of a few percent that `bench:ab` cannot (BENCHMARKS.md, "Rows as arrays for
 * drizzle"). Each server runs as the benchmark runs it (its own process on CPU 0, autocannon on
 * CPU 1, 8 connections), warmed, then sampled by V8's heap profiler (bench/harness/
 * serve-sampled.ts) over a fixed number of requests.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ensureDatasets } from './harness/datasets.ts';
import { httpSend } from './harness/http-send.ts';
import { startLoader } from './harness/load-client.ts';
import { log } from './harness/log.ts';
import { endChildren } from './harness/pinned.ts';
import { SEED } from './harness/profile.ts';
import { startScript } from './harness/server-process.ts';
import { benchmarkOperations } from './operations.ts';
import { SERVER_NAMES, type ServerName } from './servers.ts';

const { values } = parseArgs({
  options: {
    operations: { type: 'string', default: 'article-by-id,articles-with-quotes-20,nested-depth-3-20,deep-page-' },
    articles: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '5' },
    servers: { type: 'string', default: 'Dossier,L' },
  },
});
const CONNECTIONS = 8;
const WARM_S = 10;
const names = values.servers.split(',') as ServerName[];
for (const name of names) if (!SERVER_NAMES.includes(name)) throw new Error(`unknown server ${name}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    endChildren();
    process.exit(130);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The bytes the server wrote once told to stop sampling. */
async function allocatedBy(pid: number): Promise<number> {
  const file = `data/allocated-${pid}.txt`;
  rmSync(file, { force: true });
  process.kill(pid, 'SIGTTOU');
  for (let waited = 0; waited < 30_000; waited += 50) {
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8');
      if (text) {
        rmSync(file);
        return Number(text);
      }
    }
    await sleep(50);
  }
  throw new Error(`server ${pid} wrote no allocation total`);
}

const [dataset] = await ensureDatasets([Number(values.articles)], SEED);
if (!dataset) throw new Error('no dataset');
const prefixes = values.operations.split(',').filter(Boolean);
const operations = benchmarkOperations(dataset.params).filter((op) => prefixes.some((p) => op.label.startsWith(p)));
log(`bench:alloc: ${names.join(', ')} on ${dataset.articles} articles`);
const loader = await startLoader();
const lines: string[] = [];
try {
  for (const name of names) {
    const server = await startScript(name, 'bench/harness/serve-sampled.ts', [name, dataset.url, '0']);
    try {
      for (const op of operations) {
        const extra = op.prepare ? await op.prepare(httpSend(server.url)) : {};
        const body = JSON.stringify({
          operationName: op.operationName,
          query: op.query,
          variables: { ...op.variables, ...extra },
        });
        const warm = await loader.run({
          url: server.url,
          body,
          connections: CONNECTIONS,
          durationS: WARM_S,
          timeoutS: 120,
        });
        const amount = Math.max(CONNECTIONS, Math.round((warm.completed / warm.durationS) * Number(values.seconds)));
        process.kill(server.pid, 'SIGUSR2');
        await sleep(200);
        const r = await loader.run({ url: server.url, body, connections: CONNECTIONS, amount, timeoutS: 120 });
        if (r.non2xx || r.errors || r.completed !== amount)
          throw new Error(`${op.label} on ${name}: ${JSON.stringify(r)}`);
        const bytes = await allocatedBy(server.pid);
        const line = `${op.label} ${name}: ${(bytes / amount / 1024).toFixed(0)} KB allocated per request (${amount} requests)`;
        log(line);
        lines.push(line);
      }
    } finally {
      await server.stop();
    }
  }
} finally {
  await loader.stop();
}
console.log(`npm run bench:alloc -- ${process.argv.slice(2).join(' ')}\n${lines.join('\n')}`);
