/**
 * The two runs: `npm run bench` (all three dataset sizes, sweeps timed, seconds per
 * measurement) and `npm run bench:quick` (10k only, about a second per measurement, the sweeps
 * checked for identity and statements but not timed) — a smoke test for CI.
 */

export interface Profile {
  name: 'full' | 'quick';
  /** Articles per synthetic dataset, smallest first. */
  datasets: number[];
  /** The dataset whose runs also cover the sweeps and the response cache. */
  sweepDataset: number;
  /** Time the sweep points (identity and statements are always checked). */
  timeSweeps: boolean;
  /** Labels of the operations measured with the response cache on (hit) and off (miss). */
  cacheLabels: string[];
  /**
   * Rounds of Dossier with the cache off and on, for the cached operations (the other servers
   * run one): the cache table and those cells show the median, since one round of a sub-ms
   * request on a shared machine can be off by 2x.
   */
  cacheRounds: number;
  /** Label prefixes of the operations issue 14's targets name (ratios of Dossier to L and N+DL). */
  targetLabels: string[];
  /**
   * Throughput rounds of Dossier, L and N+DL for those operations: each cell is the median, as one
   * round of a few seconds on a shared machine moved a ratio by a fifth between runs.
   */
  targetRounds: number;
  /** Connections of the throughput run; the latency run uses one. */
  saturationConnections: number;
  saturationS: number;
  singleS: number;
  /**
   * Untimed load on each server, at the throughput run's connections: `initialWarmupS` on the
   * first operation before any timing, then `warmupS` on each operation just before its rounds.
   * V8 needs thousands of requests (seconds) before a server reaches its steady speed; measured
   * cold, Dossier looked ~2x slower. From a cold start, Dossier's by-id settled after 6–9 s of
   * load (3-second runs: 2.40, 1.29, 0.98, 0.92 ms…), and after 3 s of first warm-up the quick
   * run of 2026-12-01 13:03 still timed it falling (2.73, 2.08, 1.31 ms): hence 10 s. Switching
   * operations costs some of it again: on the 1k dataset, Dossier's by-id took 1.17–1.26 ms per
   * request after the other operations had run, 0.83–0.99 ms after by-id alone (3-second runs,
   * scratch measurement; BENCHMARKS.md, 2026-12-01 midday).
   */
  initialWarmupS: number;
  warmupS: number;
  /** Appends the Markdown report to BENCHMARKS.md (the quick run writes it under data/ only). */
  appendReport: boolean;
}

/**
 * The page sweep's target compares its end points, 10 and 100 items ('…-10' also names '…-100'):
 * with one round each, a point's single burst decided it (the 20:15 run of 2026-12-01).
 */
const TARGET_LABELS = [
  'article-by-id',
  'articles-with-quotes-20',
  'nested-depth-3-20',
  'filtered-count',
  'deep-page-',
  'articles-with-quotes-10',
  'nested-depth-3-10',
];

export const FULL: Profile = {
  name: 'full',
  datasets: [1_000, 10_000, 100_000],
  sweepDataset: 10_000,
  timeSweeps: true,
  cacheLabels: ['article-by-id', 'nested-depth-3-20', 'funding-dashboard'],
  cacheRounds: 3,
  targetLabels: TARGET_LABELS,
  targetRounds: 3,
  saturationConnections: 8,
  saturationS: 3,
  singleS: 2,
  initialWarmupS: 10,
  warmupS: 3,
  appendReport: true,
};

export const QUICK: Profile = {
  name: 'quick',
  datasets: [10_000],
  sweepDataset: 10_000,
  timeSweeps: false,
  cacheLabels: ['article-by-id', 'funding-dashboard'],
  cacheRounds: 1,
  targetLabels: TARGET_LABELS,
  targetRounds: 3,
  saturationConnections: 8,
  saturationS: 1,
  singleS: 0.5,
  initialWarmupS: 10,
  warmupS: 2,
  appendReport: false,
};

/** A seed of the generator's own, so every run measures the same data. */
export const SEED = 'dossier';
