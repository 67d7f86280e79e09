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

export function planFor(dataset: BenchDataset, profile: Profile): Plan {
  const main = benchmarkOperations(dataset.params);
  const seen = new Set(main.map((op) => op.label));
  const sweeps: Operation[] = [];
  if (dataset.articles === profile.sweepDataset) {
    for (const op of sweepOperations()) {
      if (!seen.has(op.label)) sweeps.push(op);
      seen.add(op.label);
    }
  }
  const cached = new Set(dataset.articles === profile.sweepDataset ? profile.cacheLabels : []);
  return { dataset, main, sweeps, timed: [...main, ...(profile.timeSweeps ? sweeps : [])], cached };
}

export function measurementCount(plan: Plan, cacheRounds: number): number {
  const cachedExtra = (cacheRounds - 1) * 2;
  return plan.timed.reduce(
    (n, op) => n + 2 * (SERVER_NAMES.length + (plan.cached.has(op.label) ? 1 + cachedExtra : 0)),
    0,
  );
}
