/**
 * What runs on one dataset: the benchmark operations, the sweeps (on the sweep dataset only),
 * which of them are timed and which also run against the cached Dossier.
 */
import { benchmarkOperations, type Operation, sweepOperations } from '../operations.ts';
import { SERVER_NAMES } from '../servers.ts';
import type { BenchDataset } from './datasets.ts';
import type { Profile } from './profile.ts';

export interface Plan {
  dataset: BenchDataset;
  main: Operation[];
  sweeps: Operation[];
  timed: Operation[];
  cached: Set<string>;
}

/**
 * `only`: label prefixes (`--operations deep-page,article-by-id`) to narrow a run to some
 * operations; the sweeps then run only where a prefix names them too.
 */
export function planFor(dataset: BenchDataset, profile: Profile, only?: string[]): Plan {
  const chosen = (op: Operation) => !only || only.some((prefix) => op.label.startsWith(prefix));
  const main = benchmarkOperations(dataset.params).filter(chosen);
  const seen = new Set(main.map((op) => op.label));
  const sweeps: Operation[] = [];
  if (dataset.articles === profile.sweepDataset) {
    for (const op of sweepOperations().filter(chosen)) {
      if (!seen.has(op.label)) sweeps.push(op);
      seen.add(op.label);
    }
  }
  const labels = new Set([...main, ...sweeps].map((op) => op.label));
  const cached = new Set(
    dataset.articles === profile.sweepDataset ? profile.cacheLabels.filter((label) => labels.has(label)) : [],
  );
  return { dataset, main, sweeps, timed: [...main, ...(profile.timeSweeps ? sweeps : [])], cached };
}

export function measurementCount(plan: Plan, cacheRounds: number): number {
  const cachedExtra = (cacheRounds - 1) * 2;
  return plan.timed.reduce(
    (n, op) => n + 2 * (SERVER_NAMES.length + (plan.cached.has(op.label) ? 1 + cachedExtra : 0)),
    0,
  );
}
