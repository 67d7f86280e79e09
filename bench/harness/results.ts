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
  };
  datasets: Omit<BenchDataset, 'url'>[];
  runs: DatasetRun[];
  failures: string[];
}

export const PEERS = ['Dossier', 'L', 'N', 'N+DL'] as const;

/** The measurement of one label on one server of one kind, if taken. */
export function find(
  run: DatasetRun,
  label: string,
  server: ProcessName,
  kind: Measurement['kind'],
): Measurement | undefined {
  return run.measurements.find((m) => m.label === label && m.server === server && m.kind === kind);
}
