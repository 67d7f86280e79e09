/** The Markdown section a run appends to BENCHMARKS.md ("Benchmark suite — <date>"). */
import { DEPTHS, PAGE_SIZES } from '../operations.ts';
import { articles, count, table } from './format.ts';
import {
  cacheTable,
  growthTable,
  operationTable,
  ratioTable,
  statementsByDataset,
  sweepTable,
} from './report-tables.ts';
import type { BenchResults } from './results.ts';

function header(r: BenchResults): string {
  const m = r.machine;
  const s = r.settings;
  const date = r.startedAt.slice(0, 16).replace('T', ' ');
  return [
    `## Benchmark suite — ${date} UTC`,
    '',
    `Command: \`${r.command}\` · machine: ${m.nproc} CPUs (\`nproc\`), ${m.cpuModel}, ${m.memoryGiB} GiB · Node ${m.node} · Linux ${m.kernel} · load average at start ${m.loadAverageAtStart.join(' ')} · run took ${Math.round(r.totalS / 60)} min`,
    '',
    `How: each server is its own process pinned to CPU ${s.serverCpu} (\`taskset\`), the load generator (${s.loadGenerator}, through its API, its own process) pinned to CPU ${s.loaderCpu}, loopback only. Before timing, Dossier, L, N and N+DL returned identical data for every operation and sweep point (bench/identity.ts, in process), every server process's answer over HTTP was checked again (200, no \`errors\`, same data), then every server was warmed untimed at ${s.saturationConnections} connections, ${s.initialWarmupS} s on the first operation, and again ${s.warmupS} s on each operation just before its runs (cold, V8 needs thousands of requests to reach a server's steady speed, and some of that again after answering other operations). Per operation the servers take turns — the throughput runs, then the latency runs, starting from a different server each operation — so noise on the machine falls on all of them alike. Each run is a fixed number of requests meant to last about ${s.saturationS} s (throughput; sized from the rate reached while warming) or ${s.singleS} s (latency; sized from the throughput run), at least one per connection, so nothing is in flight when it ends.`,
    '',
    `- **CPU ms/req** (the primary metric): the server process's utime + stime (/proc/<pid>/stat, 10 ms ticks) over the throughput run at ${s.saturationConnections} connections ÷ the requests it completed.`,
    "- **req/s**: that run's throughput (requests completed ÷ wall time).",
    "- **p50 / p99**: the run at one connection; latencies from autocannon's per-response event (its histogram keeps whole milliseconds), every response compared byte for byte with the validated answer.",
    "- **SQL/req**: statements per request, counted below each server's libSQL client (bench/count-statements.ts).",
    "- **client CPU**: the load generator's CPU ÷ wall time during the throughput run; near 100% the client, not the server, was the limit.",
    ...(s.targetRounds && s.targetRounds > 1 && s.targetLabels
      ? [
          `- **Rounds**: the operations the targets name (${s.targetLabels.map((l) => `\`${l}\``).join(', ')}) run ${s.targetRounds} throughput rounds of Dossier, L and N+DL; each cell is the median round, so each ratio is of medians.`,
        ]
      : []),
  ].join('\n');
}

function datasetsTable(r: BenchResults): string {
  const rows = r.datasets.map((d) => [
    articles(d.articles),
    `${(d.bytes / 2 ** 20).toFixed(0)} MiB`,
    d.generated
      ? `generated, ${(d.generationMs / 1000).toFixed(0)} s`
      : `reused (generated in ${(d.generationMs / 1000).toFixed(0)} s)`,
    `${d.params.rareTerm} (${d.markers.find((m) => m.word === d.params.rareTerm)?.articles}), ${d.params.frequentTerm} (${d.markers.find((m) => m.word === d.params.frequentTerm)?.articles})`,
    count(d.params.deepOffset),
    String(d.params.year),
  ]);
  return table(
    ['articles', 'file', 'dataset', 'search rare / frequent (articles)', 'deep page after', 'time-series year'],
    rows,
  );
}

export function markdownReport(r: BenchResults): string {
  const parts = [header(r), '', '### Datasets', '', datasetsTable(r)];
  for (const run of r.runs) {
    parts.push('', `### ${articles(run.articles)} articles`, '', operationTable(run, r.settings.saturationConnections));
    for (const [label, problems] of Object.entries(run.identityFailures ?? {})) {
      parts.push(
        '',
        `Not timed: **${label}** failed the identity check — ${problems.map((p) => p.slice(0, 240)).join('; ')}`,
      );
    }
    parts.push('', `Ratios, ${articles(run.articles)} articles (same run):`, '', ratioTable(run));
  }
  parts.push('', '### SQL statements per request by dataset size', '', statementsByDataset(r.runs));
  parts.push('', '### Growth of p50 (one connection) with the dataset', '', growthTable(r.runs));
  const sweepRun = r.runs.find((run) => run.operations.some((o) => o.group === 'sweep'));
  if (sweepRun) {
    const timed = sweepRun.operations.some((o) => o.group === 'sweep' && o.timed);
    const note = timed
      ? ''
      : ' (this profile checks the sweep points for identity and statements; it does not time them)';
    const pages = PAGE_SIZES.flatMap((n) => [
      { point: String(n), label: `articles-with-quotes-${n}` },
      { point: String(n), label: `nested-depth-3-${n}` },
    ]);
    const depths = DEPTHS.map((d) => ({ point: String(d), label: `nested-depth-${d}-20` }));
    parts.push('', `### Sweep: page size, ${articles(sweepRun.articles)} articles${note}`, '');
    parts.push(sweepTable(sweepRun, pages, 'page size'));
    parts.push(
      '',
      `### Sweep: nesting depth (levels below the root list, page 20), ${articles(sweepRun.articles)} articles${note}`,
      '',
    );
    parts.push(sweepTable(sweepRun, depths, 'depth'));
  }
  const cacheRun = r.runs.find((run) => Object.keys(run.cacheHitStatements).length);
  if (cacheRun) {
    parts.push('', `### Response cache, ${articles(cacheRun.articles)} articles: hit vs miss`, '');
    parts.push(
      `Dossier with \`responseCache\` on answering the same request over and over (a hit after the first), against Dossier with the cache off (every request a miss), interleaved with the others; ${r.settings.cacheRounds} rounds of both, median (min–max of CPU ms/req).`,
      '',
      cacheTable(cacheRun, Object.keys(cacheRun.cacheHitStatements)),
    );
  }
  if (r.failures.length) parts.push('', '### Failures', '', ...r.failures.map((f) => `- ${f}`));
  return `${parts.join('\n')}\n`;
}
