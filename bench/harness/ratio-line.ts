/**
 * The last line of a run, for machines (CI, scripts): the headline CPU ratios of issue 14 at the
 * largest dataset both operations were timed on, from the throughput runs —
 *   bench:quick ratios: depth3 Dossier/L=…, N+DL/Dossier=…, by-id Dossier/L=…
 * A ratio that could not be measured is `n/a`.
 */
import type { DatasetRun } from './dataset-run.ts';
import { find } from './results.ts';
import type { ProcessName } from './server-process.ts';

function cpu(run: DatasetRun, label: string, server: ProcessName): number | null {
  return find(run, label, server, 'saturation')?.serverCpuPerRequestMs ?? null;
}

function ratio(a: number | null, b: number | null): string {
  return a == null || b == null || b === 0 ? 'n/a' : (a / b).toFixed(2);
}

export function ratioLine(profileName: string, runs: DatasetRun[]): string {
  // The quick run measures 10k only; the full run's line reads 10k too, the size the targets name.
  const run = runs.find((r) => r.articles === 10_000) ?? runs.at(-1);
  const depth3 = (server: ProcessName) => (run ? cpu(run, 'nested-depth-3-20', server) : null);
  const byId = (server: ProcessName) => (run ? cpu(run, 'article-by-id', server) : null);
  return (
    `bench:${profileName} ratios: depth3 Dossier/L=${ratio(depth3('Dossier'), depth3('L'))}, ` +
    `N+DL/Dossier=${ratio(depth3('N+DL'), depth3('Dossier'))}, ` +
    `by-id Dossier/L=${ratio(byId('Dossier'), byId('L'))}`
  );
}
