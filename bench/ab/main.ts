/**
 * `npm run bench:ab -- <git ref> [--operations label,…] [--rounds N] [--articles N] [--seconds S]`:
 * Dossier as the working tree has it against Dossier at <ref>, for a change too small to see
 * through the noise between two full runs. Both run as the benchmark runs Dossier (bench/peers/
 * serve.ts, each its own process on CPU 0), with L beside them as the yardstick, and autocannon on
 * CPU 1. Every round measures each of the three in turn, the order reversed every other round, so
 * the machine's noise falls on all alike; the figures are CPU per request from /proc, medians over
 * the rounds, and the working tree's ratio to <ref> round by round.
 *
 * The ref's tree is a git worktree in data/ab/<commit> (worktree.ts), which finds this checkout's
 * node_modules by walking up; its bench/peers/serve.ts must take the same arguments as this one's.
 * Both Dossiers must answer every operation with the same body, or the run stops.
 */
import { parseArgs } from 'node:util';
import { cpuMs } from '../harness/cpu.ts';
import { ensureDatasets } from '../harness/datasets.ts';
import { httpSend } from '../harness/http-send.ts';
import { startLoader } from '../harness/load-client.ts';
import { percentile } from '../harness/load-protocol.ts';
import { log } from '../harness/log.ts';
import { endChildren } from '../harness/pinned.ts';
import { SEED } from '../harness/profile.ts';
import { startScript } from '../harness/server-process.ts';
import { benchmarkOperations, type Operation } from '../operations.ts';
import { worktreeOf } from './worktree.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    operations: { type: 'string', default: 'article-by-id,articles-with-quotes-20,nested-depth-3-20,deep-page-0' },
    rounds: { type: 'string', default: '8' },
    articles: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '1.5' },
  },
});
const [ref] = positionals;
if (!ref) {
  console.error(
    'usage: npm run bench:ab -- <git ref> [--operations label,…] [--rounds N] [--articles N] [--seconds S]',
  );
  process.exit(2);
}
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const CONNECTIONS = 8;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    endChildren();
    process.exit(130);
  });
}

async function bodyFor(server: { url: string }, op: Operation): Promise<string> {
  const extra = op.prepare ? await op.prepare(httpSend(server.url)) : {};
  return JSON.stringify({ operationName: op.operationName, query: op.query, variables: { ...op.variables, ...extra } });
}

async function answer(url: string, body: string): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  const { errors } = JSON.parse(text) as { errors?: unknown };
  if (response.status !== 200 || errors) throw new Error(`HTTP ${response.status}: ${text.slice(0, 300)}`);
  return text;
}

/** The median round (nearest rank, the lower of two middles, as the report's cells). */
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

const { commit, dir } = worktreeOf(ref);
const [dataset] = await ensureDatasets([Number(values.articles)], SEED);
if (!dataset) throw new Error('no dataset');
const prefixes = values.operations.split(',').filter(Boolean);
const operations = benchmarkOperations(dataset.params).filter((op) => prefixes.some((p) => op.label.startsWith(p)));
log(`bench:ab: working tree vs ${ref} (${commit.slice(0, 7)}) on ${dataset.articles} articles, ${rounds} rounds`);

const loader = await startLoader();
const servers = {
  tree: await startScript('tree', 'bench/peers/serve.ts', ['Dossier', dataset.url, '0']),
  ref: await startScript('ref', `${dir}/bench/peers/serve.ts`, ['Dossier', dataset.url, '0']),
  L: await startScript('L', 'bench/peers/serve.ts', ['L', dataset.url, '0']),
};
const names = Object.keys(servers) as (keyof typeof servers)[];
const lines: string[] = [];
try {
  for (const op of operations) {
    const bodies = new Map<string, string>();
    for (const name of names) bodies.set(name, await bodyFor(servers[name], op));
    const [tree, atRef] = await Promise.all(
      (['tree', 'ref'] as const).map((name) => answer(servers[name].url, bodies.get(name) as string)),
    );
    if (tree !== atRef) throw new Error(`${op.label}: the working tree and ${ref} answer differently`);
    // Warm: V8 needs thousands of requests before a server runs at its steady speed.
    const rates = new Map<string, number>();
    for (const name of names) {
      const r = await loader.run({
        url: servers[name].url,
        body: bodies.get(name) as string,
        connections: CONNECTIONS,
        durationS: 2,
        timeoutS: 120,
      });
      rates.set(name, r.completed / r.durationS);
    }
    const cpu: Record<string, number[]> = { tree: [], ref: [], L: [] };
    for (let round = 0; round < rounds; round++) {
      for (const name of round % 2 ? [...names].reverse() : names) {
        const amount = Math.max(CONNECTIONS, Math.round((rates.get(name) as number) * seconds));
        const before = cpuMs(servers[name].pid);
        const r = await loader.run({
          url: servers[name].url,
          body: bodies.get(name) as string,
          connections: CONNECTIONS,
          amount,
          timeoutS: 120,
        });
        if (r.non2xx || r.errors || r.completed !== amount)
          throw new Error(`${op.label} on ${name}: ${JSON.stringify(r)}`);
        cpu[name]?.push((cpuMs(servers[name].pid) - before) / amount);
      }
    }
    const [t, f, l] = [median(cpu.tree ?? []), median(cpu.ref ?? []), median(cpu.L ?? [])];
    const perRound = (cpu.tree ?? []).map((x, i) => (x / (cpu.ref?.[i] ?? Number.NaN)).toFixed(2)).join(' ');
    const line = `${op.label}: CPU ms/req tree ${t.toFixed(2)}, ${ref} ${f.toFixed(2)}, L ${l.toFixed(2)} | tree ÷ ref ${(t / f).toFixed(2)} (rounds: ${perRound}) | ÷ L: tree ${(t / l).toFixed(2)}, ref ${(f / l).toFixed(2)}`;
    log(line);
    lines.push(line);
  }
} finally {
  for (const server of Object.values(servers)) await server.stop();
  await loader.stop();
}
console.log(`npm run bench:ab -- ${process.argv.slice(2).join(' ')} (ref ${commit.slice(0, 7)})\n${lines.join('\n')}`);
