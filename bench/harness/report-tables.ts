/**
 * The report's tables, each from one run's measurements: per operation × server; the ratios
 * against N, N+DL and L; the growth of p50 with the dataset; the sweeps; the response cache.
 */
import type { DatasetRun } from './dataset-run.ts';
import { articles, count, ms, percent, ratio, table } from './format.ts';
import { all, find, PEERS } from './results.ts';

const cpu = (run: DatasetRun, label: string, server: (typeof PEERS)[number] | 'Dossier+cache') =>
  find(run, label, server, 'saturation')?.serverCpuPerRequestMs;
const p50 = (run: DatasetRun, label: string, server: (typeof PEERS)[number] | 'Dossier+cache') =>
  find(run, label, server, 'single')?.result.latency.p50;
const rps = (run: DatasetRun, label: string, server: (typeof PEERS)[number] | 'Dossier+cache') =>
  find(run, label, server, 'saturation')?.requestsPerSecond;

const mainLabels = (run: DatasetRun) => run.operations.filter((o) => o.group === 'operation').map((o) => o.label);

/** Statements per request, or "failed" for an operation that failed the identity check. */
const sql = (run: DatasetRun, label: string, server: (typeof PEERS)[number]) =>
  run.identityFailures?.[label] ? 'failed' : String(run.statements[label]?.[server] ?? '—');
const sqlAll = (run: DatasetRun, label: string) => PEERS.map((server) => sql(run, label, server)).join(' / ');

/** The same operation on each dataset (the deep page's label names its offset, which grows). */
export function acrossRuns(runs: DatasetRun[]): { name: string; labels: (string | undefined)[] }[] {
  const first = runs[0];
  if (!first) return [];
  return mainLabels(first).map((_, i) => {
    const labels = runs.map((run) => mainLabels(run)[i]);
    const distinct = [...new Set(labels)];
    return { name: distinct.length === 1 ? (distinct[0] as string) : distinct.join(' / '), labels };
  });
}

/** One row per operation and server. */
export function operationTable(run: DatasetRun, connections: number): string {
  const rows: string[][] = [];
  for (const label of mainLabels(run)) {
    for (const server of PEERS) {
      const sat = find(run, label, server, 'saturation');
      const one = find(run, label, server, 'single');
      const client = sat ? `${percent(sat.loaderCpuShare)}${sat.loaderCpuShare > 0.9 ? ' (client-bound)' : ''}` : '—';
      rows.push([
        label,
        server,
        ms(sat?.serverCpuPerRequestMs),
        count(sat?.requestsPerSecond),
        ms(one?.result.latency.p50),
        ms(one?.result.latency.p99),
        sql(run, label, server),
        client,
      ]);
    }
  }
  return table(
    [
      'operation',
      'server',
      'CPU ms/req',
      `req/s (${connections} conn)`,
      'p50 ms (1 conn)',
      'p99 ms (1 conn)',
      'SQL/req',
      'client CPU',
    ],
    rows,
    2,
  );
}

/** Dossier against the three others, from the same run. */
export function ratioTable(run: DatasetRun): string {
  const rows = mainLabels(run).map((label) => {
    return [
      label,
      ratio(cpu(run, label, 'N'), cpu(run, label, 'Dossier')),
      ratio(cpu(run, label, 'N+DL'), cpu(run, label, 'Dossier')),
      ratio(cpu(run, label, 'Dossier'), cpu(run, label, 'L')),
      ratio(rps(run, label, 'Dossier'), rps(run, label, 'L')),
      ratio(p50(run, label, 'Dossier'), p50(run, label, 'L')),
      sqlAll(run, label),
    ];
  });
  return table(
    [
      'operation',
      'CPU N ÷ Dossier',
      'CPU N+DL ÷ Dossier',
      'CPU Dossier ÷ L',
      'req/s Dossier ÷ L',
      'p50 Dossier ÷ L',
      'SQL Dossier / L / N / N+DL',
    ],
    rows,
  );
}

/** p50 at one connection on each dataset, per operation and server, and largest ÷ smallest. */
export function growthTable(runs: DatasetRun[]): string {
  if (runs.length < 2) return '(one dataset only)';
  const rows = acrossRuns(runs).map(({ name, labels }) => [
    name,
    ...PEERS.map((server) => {
      const values = runs.map((run, i) => (labels[i] ? p50(run, labels[i] as string, server) : undefined));
      return `${values.map(ms).join(' → ')} (${ratio(values.at(-1), values[0])})`;
    }),
  ]);
  const sizes = runs.map((r) => articles(r.articles)).join(' → ');
  return table(['operation', ...PEERS.map((s) => `${s} p50 ms ${sizes}`)], rows);
}

/** Statements per request on each dataset, per operation and server. */
export function statementsByDataset(runs: DatasetRun[]): string {
  const rows = acrossRuns(runs).map(({ name, labels }) => [
    name,
    ...PEERS.map((server) =>
      runs.map((run, i) => (labels[i] ? sql(run, labels[i] as string, server) : '—')).join(' / '),
    ),
  ]);
  const sizes = runs.map((run) => articles(run.articles)).join(' / ');
  return table(['operation', ...PEERS.map((s) => `${s} (${sizes})`)], rows);
}

/** CPU per request (and Dossier's p50) along a sweep; statements per server. */
export function sweepTable(run: DatasetRun, labels: { point: string; label: string }[], pointName: string): string {
  const rows = labels.map(({ point, label }) => {
    return [
      point,
      label,
      ...PEERS.map((server) => ms(cpu(run, label, server))),
      ms(p50(run, label, 'Dossier')),
      ms(p50(run, label, 'L')),
      ratio(cpu(run, label, 'N'), cpu(run, label, 'Dossier')),
      ratio(cpu(run, label, 'N+DL'), cpu(run, label, 'Dossier')),
      sqlAll(run, label),
    ];
  });
  return table(
    [
      pointName,
      'operation',
      ...PEERS.map((s) => `CPU ms/req ${s}`),
      'p50 ms Dossier',
      'p50 ms L',
      'CPU N ÷ Dossier',
      'CPU N+DL ÷ Dossier',
      'SQL Dossier / L / N / N+DL',
    ],
    rows,
    2,
  );
}

/** min–max of CPU per request over the rounds, when there were several. */
function spread(run: DatasetRun, label: string, server: 'Dossier' | 'Dossier+cache'): string {
  const values = all(run, label, server, 'saturation').map((m) => m.serverCpuPerRequestMs ?? Number.NaN);
  return values.length > 1 ? ` (${ms(Math.min(...values))}–${ms(Math.max(...values))})` : '';
}

/** Dossier with the response cache on (every request after the first a hit) against it off. */
export function cacheTable(run: DatasetRun, labels: string[]): string {
  const rows = labels.map((label) => [
    label,
    `${ms(cpu(run, label, 'Dossier'))}${spread(run, label, 'Dossier')}`,
    `${ms(cpu(run, label, 'Dossier+cache'))}${spread(run, label, 'Dossier+cache')}`,
    ratio(cpu(run, label, 'Dossier'), cpu(run, label, 'Dossier+cache')),
    `${count(rps(run, label, 'Dossier'))} / ${count(rps(run, label, 'Dossier+cache'))}`,
    `${ms(p50(run, label, 'Dossier'))} / ${ms(p50(run, label, 'Dossier+cache'))}`,
    `${run.statements[label]?.Dossier ?? '—'} / ${run.cacheHitStatements[label] ?? '—'}`,
  ]);
  return table(
    [
      'operation',
      'CPU ms/req miss (cache off)',
      'CPU ms/req hit',
      'miss ÷ hit',
      'req/s miss / hit',
      'p50 ms miss / hit',
      'SQL/req miss / hit',
    ],
    rows,
  );
}
