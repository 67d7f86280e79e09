/**
 * What runs on one dataset: the benchmark operations, the sweeps (on the sweep dataset only),
 * which of them are timed and which also run against the cached Dossier.
 */
import { benchmarkOperations, type Operation, sweepOperations } from '../operations.ts';
import { SERVER_NAMES } from '../servers.ts';
import type { BenchDataset } from './datasets.ts';
import type { Kind } from './measure.ts';
import type { Profile } from './profile.ts';
import type { ProcessName } from './server-process.ts';

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

/** One server's part in one round of an operation: the kinds of measurement it gets. */
export interface Turn {
  name: ProcessName;
  kinds: Kind[];
}

const BOTH: Kind[] = ['saturation', 'single'];

/** The servers whose CPU the targets compare (N has none), measured again in the extra rounds. */
const TARGET_SERVERS: ProcessName[] = ['Dossier', 'L', 'N+DL'];

/**
 * Who is measured in each round of one operation. Round 0: every server, both kinds. The
 * operations named by issue 14's targets run `targetRounds` rounds of throughput on Dossier, L and
 * N+DL, so each ratio is of medians and one noisy burst on this shared machine does not decide it;
 * the cached operations run `cacheRounds` rounds of Dossier with the cache off and on.
 */
export function roundsOf(op: Operation, plan: Plan, profile: Profile, names: readonly ProcessName[]): Turn[][] {
  const cached = plan.cached.has(op.label);
  const target = profile.targetLabels.some((prefix) => op.label.startsWith(prefix));
  const here = names.filter((name) => name !== 'Dossier+cache' || cached);
  const count = Math.max(cached ? profile.cacheRounds : 1, target ? profile.targetRounds : 1);
  const rounds: Turn[][] = [here.map((name) => ({ name, kinds: BOTH }))];
  for (let round = 1; round < count; round++) {
    const turns: Turn[] = [];
    for (const name of here) {
      const cacheTurn = cached && round < profile.cacheRounds && (name === 'Dossier' || name === 'Dossier+cache');
      if (cacheTurn) turns.push({ name, kinds: BOTH });
      else if (target && round < profile.targetRounds && TARGET_SERVERS.includes(name))
        turns.push({ name, kinds: ['saturation'] });
    }
    rounds.push(turns);
  }
  return rounds;
}

export function measurementCount(plan: Plan, profile: Profile): number {
  const names = [...SERVER_NAMES, 'Dossier+cache' as const];
  return plan.timed.reduce(
    (n, op) =>
      n + roundsOf(op, plan, profile, names).reduce((k, turns) => k + turns.reduce((j, t) => j + t.kinds.length, 0), 0),
    0,
  );
}
