/** The JSON a run writes to data/bench-<timestamp>.json, and the report is built from. */

import type { DatasetRun } from './dataset-run.ts';
import type { BenchDataset } from './datasets.ts';
import type { Machine } from './machine.ts';
import type { Measurement } from './measure.ts';
import type { ProcessName } from './server-process.ts';

export interface BenchResults {
  profile: 'full' | 'quick';
  command: string;
  startedAt: string;
  finishedAt: string;
  totalS: number;
  machine: Machine;
  settings: {
    saturationConnections: number;
    saturationS: number;
    singleS: number;
    initialWarmupS: number;
    warmupS: number;
    serverCpu: number;
    loaderCpu: number;
    loadGenerator: string;
    cacheRounds: number;
    /** Rounds of throughput on Dossier, L and N+DL for the operations the targets name. */
    targetRounds?: number;
    targetLabels?: string[];
  };
  datasets: Omit<BenchDataset, 'url'>[];
  runs: DatasetRun[];
  failures: string[];
}

export const PEERS = ['Dossier', 'L', 'N', 'N+DL'] as const;

/** Every measurement of one label on one server of one kind (one per round). */
export function all(run: DatasetRun, label: string, server: ProcessName, kind: Measurement['kind']): Measurement[] {
  return run.measurements.filter((m) => m.label === label && m.server === server && m.kind === kind);
}

/**
 * The measurement of one label on one server of one kind; with several rounds, the median one
 * by the kind's metric (CPU per request for throughput runs, p50 for latency runs).
 */
export function find(
  run: DatasetRun,
  label: string,
  server: ProcessName,
  kind: Measurement['kind'],
): Measurement | undefined {
  const metric = (m: Measurement) =>
    (kind === 'saturation' ? m.serverCpuPerRequestMs : m.result.latency.p50) ?? Number.POSITIVE_INFINITY;
  const sorted = all(run, label, server, kind).sort((a, b) => metric(a) - metric(b));
  return sorted[Math.floor((sorted.length - 1) / 2)];
}
