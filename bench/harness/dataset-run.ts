/**
 * Everything measured on one dataset: the identity step, then each operation on every server
 * process, interleaved — per operation and round (plan.ts `roundsOf`), the throughput run on each
 * server in turn, then the latency run on each in turn, starting from a different server each
 * time — so a burst of machine noise lands on all servers alike rather than on one.
 */
import type { IdentityRow } from '../identity.ts';
import { SERVER_NAMES } from '../servers.ts';
import type { PreparedRequest } from './http-send.ts';
import { cacheHitStatements, identityStep } from './identity-step.ts';
import type { Loader } from './load-client.ts';
import { log } from './log.ts';
import { type Measurement, measure } from './measure.ts';
import { type Plan, roundsOf } from './plan.ts';
import type { Profile } from './profile.ts';
import { type ProcessName, type ServerProcess, startServer } from './server-process.ts';
import { sized, validateAndWarm } from './warm-up.ts';

export interface DatasetRun {
  articles: number;
  /** Operation labels in report order, and which group each belongs to. */
  operations: { label: string; group: 'operation' | 'sweep'; timed: boolean }[];
  /** Statements per request and server, from the identity step. */
  statements: Record<string, IdentityRow['statements']>;
  /** Servers whose answer text is not byte for byte Dossier's (same data). */
  otherBytes: Record<string, string[]>;
  cacheHitStatements: Record<string, number>;
  /** Operations that failed the identity check (not timed), with why. */
  identityFailures: Record<string, string[]>;
  measurements: Measurement[];
}

const rotate = <T>(list: readonly T[], by: number): T[] => list.map((_, i) => list[(i + by) % list.length] as T);

export async function runDataset(
  plan: Plan,
  profile: Profile,
  loader: Loader,
  onMeasurement: (m: Measurement) => void,
): Promise<DatasetRun> {
  const { dataset, main, sweeps } = plan;
  const all = [...main, ...sweeps];
  log(`${dataset.articles} articles: identity check of ${all.length} operations on Dossier, L, N, N+DL`);
  const identity = await identityStep(dataset.url, all);
  const cachedOps = all.filter((op) => plan.cached.has(op.label) && !identity.problems.has(op.label));
  const hits = await cacheHitStatements(dataset.url, cachedOps, identity.rows);
  const failures = new Map([...identity.problems, ...hits.problems]);
  for (const [label, problems] of failures)
    log(`${dataset.articles} articles: ${label} FAILED the identity check: ${problems.join('; ')}`);
  log(
    `${dataset.articles} articles: identical data from all four servers for ${all.length - identity.problems.size} of ${all.length} operations`,
  );
  // An operation that failed is not timed on any server; the run fails at the end.
  const timed = plan.timed.filter((op) => !identity.problems.has(op.label));
  const cached = new Set([...plan.cached].filter((label) => !failures.has(label)));
  const checked: Plan = { ...plan, timed, cached };

  const names: ProcessName[] = [...SERVER_NAMES, ...(cached.size ? (['Dossier+cache'] as const) : [])];
  const servers = new Map<ProcessName, ServerProcess>();
  const measurements: Measurement[] = [];
  try {
    // All at once (each compiles its TypeScript on start); stop those that did start on a failure.
    const started = await Promise.allSettled(names.map((name) => startServer(name, dataset.url)));
    for (const s of started) if (s.status === 'fulfilled') servers.set(s.value.name, s.value);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    log(
      `${dataset.articles} articles: servers up on CPU 0 (${[...servers.values()].map((s) => `${s.name} pid ${s.pid}`).join(', ')})`,
    );
    const { requests, warmOn } = await validateAndWarm(checked, names, servers, identity.rows, loader, profile);
    log(`${dataset.articles} articles: every answer validated over HTTP, every server warmed`);
    for (const [i, op] of timed.entries()) {
      const rates = await warmOn(op);
      for (const [round, turns] of roundsOf(op, checked, profile, names).entries()) {
        const saturationRate = new Map<ProcessName, number>();
        for (const kind of ['saturation', 'single'] as const) {
          for (const { name } of rotate(turns, i + round).filter((turn) => turn.kinds.includes(kind))) {
            const server = servers.get(name) as ServerProcess;
            const request = requests.get(op.label)?.get(name) as PreparedRequest;
            const spec = sized(kind, profile, rates.get(name) ?? 0, saturationRate.get(name) ?? 0);
            const meta = { dataset: dataset.articles, label: op.label, round };
            const m = await measure(loader, server, request, spec, meta);
            if (kind === 'saturation') saturationRate.set(name, m.requestsPerSecond);
            measurements.push(m);
            onMeasurement(m);
          }
        }
      }
    }
  } finally {
    for (const server of servers.values()) await server.stop();
  }
  const sweepLabels = new Set(sweeps.map((op) => op.label));
  const timedLabels = new Set(timed.map((op) => op.label));
  return {
    articles: dataset.articles,
    operations: all.map((op) => ({
      label: op.label,
      group: sweepLabels.has(op.label) ? 'sweep' : 'operation',
      timed: timedLabels.has(op.label),
    })),
    statements: Object.fromEntries([...identity.rows].map(([label, row]) => [label, row.statements])),
    otherBytes: Object.fromEntries([...identity.rows].map(([label, row]) => [label, row.otherBytes])),
    cacheHitStatements: Object.fromEntries(hits.counts),
    identityFailures: Object.fromEntries(failures),
    measurements,
  };
}
