/**
 * `npm run bench` / `npm run bench:quick`: the benchmark suite of issue 5. On each synthetic
 * dataset: the identity check and statement counts, then every operation on Dossier, L, N and
 * N+DL (each its own process on CPU 0) under autocannon (its own process on CPU 1), interleaved.
 * Writes data/bench-<timestamp>.json and .md; the full run appends the report to BENCHMARKS.md.
 * Exits non-zero only on real failures: an identity mismatch, a server that does not start, an
 * answer that is not a 200 without errors. No timing is asserted.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { type DatasetRun, runDataset } from './dataset-run.ts';
import { ensureDatasets } from './datasets.ts';
import { ms } from './format.ts';
import { LOADER_CPU, type Loader, startLoader } from './load-client.ts';
import { elapsedMs, log } from './log.ts';
import { describeMachine } from './machine.ts';
import type { Measurement } from './measure.ts';
import { endChildren } from './pinned.ts';
import { measurementCount, planFor } from './plan.ts';
import { FULL, QUICK, SEED } from './profile.ts';
import { ratioLine } from './ratio-line.ts';
import { markdownReport } from './report.ts';
import type { BenchResults } from './results.ts';
import { SERVER_CPU } from './server-process.ts';

// `--datasets 10000,…` narrows a run to some sizes, `--operations deep-page,…` to the operations
// whose labels start with one of those prefixes (to measure one target, or to try the harness);
// such a run writes its JSON and Markdown under data/ but leaves BENCHMARKS.md alone.
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    datasets: { type: 'string' },
    operations: { type: 'string' },
  },
});
const chosen = values.quick ? QUICK : FULL;
const sizes = values.datasets?.split(',').map(Number) ?? chosen.datasets;
const only = values.operations?.split(',').filter(Boolean);
const narrowed = values.datasets !== undefined || only !== undefined;
const profile = narrowed ? { ...chosen, datasets: sizes, appendReport: false } : chosen;
const command = `${process.env.npm_lifecycle_event ? `npm run ${process.env.npm_lifecycle_event}` : 'tsx bench/harness/main.ts'}${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;

function preflight(): void {
  if (spawnSync('taskset', ['-c', '0', 'true']).status !== 0) {
    throw new Error('taskset (util-linux) is needed to pin the server and the load generator to CPUs.');
  }
  if (availableParallelism() < 2)
    throw new Error('The benchmark needs two CPUs: one for the server, one for the client.');
}

function progressLine(m: Measurement, done: number, total: number): string {
  const r = m.result;
  const head = `(${done}/${total}) ${m.dataset} ${m.label}${m.round ? ` (round ${m.round + 1})` : ''} ${m.server} ${m.kind === 'single' ? '1 conn' : `${m.connections} conn`}:`;
  const body =
    m.kind === 'single'
      ? `p50 ${ms(r.latency.p50)} ms p99 ${ms(r.latency.p99)} ms (${r.completed} req)`
      : `${Math.round(m.requestsPerSecond)} req/s, CPU ${ms(m.serverCpuPerRequestMs)} ms/req, client CPU ${Math.round(m.loaderCpuShare * 100)}%`;
  return `${head} ${body}${m.failure ? `  FAILED: ${m.failure}` : ''}`;
}

// Interrupted, end the server and load-generator processes this run started, then go.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    endChildren();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

const startedAt = new Date();
const failures: string[] = [];
const runs: DatasetRun[] = [];
let loader: Loader | undefined;
try {
  preflight();
  const machine = describeMachine();
  log(`benchmark (${profile.name}): ${machine.nproc} CPUs, ${machine.cpuModel}, Node ${machine.node}`);
  const datasets = await ensureDatasets(profile.datasets, SEED);
  const plans = datasets.map((d) => planFor(d, profile, only));
  const total = plans.reduce((n, plan) => n + measurementCount(plan, profile), 0);
  log(`${total} measurements planned`);
  loader = await startLoader();
  let done = 0;
  for (const plan of plans) {
    try {
      const run = await runDataset(plan, profile, loader, (m) => {
        done++;
        log(progressLine(m, done, total));
        if (m.failure) failures.push(`${m.dataset} articles, ${m.label}, ${m.server}, ${m.kind}: ${m.failure}`);
      });
      for (const [label, problems] of Object.entries(run.identityFailures)) {
        failures.push(
          `${plan.dataset.articles} articles, ${label}: identity check failed (not timed): ${problems.join('; ')}`,
        );
      }
      runs.push(run);
    } catch (error) {
      // A server that does not start, or an answer over HTTP that is not right: this dataset is lost.
      failures.push(`${plan.dataset.articles} articles: ${error instanceof Error ? error.message : String(error)}`);
      log(`${plan.dataset.articles} articles: FAILED, going on with the next dataset`);
    }
  }
  const results: BenchResults = {
    profile: profile.name,
    command,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    totalS: elapsedMs() / 1000,
    machine,
    settings: {
      saturationConnections: profile.saturationConnections,
      saturationS: profile.saturationS,
      singleS: profile.singleS,
      initialWarmupS: profile.initialWarmupS,
      warmupS: profile.warmupS,
      serverCpu: SERVER_CPU,
      loaderCpu: LOADER_CPU,
      loadGenerator: 'autocannon 9.0.0',
      cacheRounds: profile.cacheRounds,
      targetRounds: profile.targetRounds,
      targetLabels: profile.targetLabels,
    },
    datasets: datasets.map(({ url: _url, ...rest }) => rest),
    runs,
    failures,
  };
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const base = `data/bench-${profile.name === 'quick' ? 'quick-' : ''}${stamp}`;
  writeFileSync(`${base}.json`, `${JSON.stringify(results, null, 2)}\n`);
  const report = markdownReport(results);
  writeFileSync(`${base}.md`, report);
  if (profile.appendReport) appendFileSync('BENCHMARKS.md', `\n${report}`);
  log(
    `wrote ${base}.json and ${base}.md${profile.appendReport ? '; appended the report to BENCHMARKS.md' : ''} in ${Math.round(results.totalS)} s`,
  );
} catch (error) {
  failures.push(error instanceof Error ? error.message : String(error));
} finally {
  await loader?.stop();
}
if (failures.length) log(`FAILED (${failures.length}):\n${failures.map((f) => `  - ${f}`).join('\n')}`);
// The last line, on stdout (progress goes to stderr), for machines to read.
console.log(ratioLine(profile.name, runs));
process.exit(failures.length ? 1 : 0);
