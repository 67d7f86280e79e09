/**
 * Cold starts of edge bundles, taking turns: spawn workerd (through Miniflare) → the first answer
 * of /live, then the CPU of the first query on top (README example 1: what start-up deferred to
 * it, and first-run compilation). Each round starts a one-line worker and then every bundle, so
 * process start-up cancels out and the machine's noise falls on every bundle alike; the figures are
 * medians over the rounds, minus the one-line worker's. Used by `npm run bench:edge` and
 * `npm run bench:edge:ab`.
 */
import { dirname } from 'node:path';
import { Miniflare } from 'miniflare';
import { COMPATIBILITY_DATE, COMPATIBILITY_FLAGS } from './build.ts';
import { postInit, readmeQueries } from './requests.ts';
import { cpuNanos, workerdPids } from './workerd.ts';

export interface ColdBundle {
  label: string;
  scriptPath: string;
}

/** One bundle's cold start, in ms: CPU and wall time to the first answer, and the first query's CPU. */
export interface ColdStart {
  cpu: number;
  wall: number;
  firstQueryCpu: number;
  /** CPU to the first answer in each round, over the one-line worker's median. */
  cpuRuns: number[];
  bundleWall: number;
  emptyWall: number;
}

interface Run {
  wall: number;
  cpu: number;
  firstQueryCpu: number;
}

const EMPTY_WORKER = 'export default { fetch: () => new Response(null) }';

export async function coldStarts(
  bundles: ColdBundle[],
  runs: number,
  bindings: Record<string, string>,
  onRound?: (round: number) => void,
): Promise<Map<string, ColdStart>> {
  const measured = new Map<string, Run[]>([['', []], ...bundles.map((b) => [b.label, []] as [string, Run[]])]);
  // The same options for all (no assets: /live never reaches them), so only the script differs.
  const common = {
    modules: true,
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags: COMPATIBILITY_FLAGS,
    cf: false,
    bindings,
  };
  const query = readmeQueries()[0]?.query;
  for (let round = 0; round < runs; round++) {
    // Every other round in reverse, so no bundle always follows the same one.
    const order = round % 2 ? [...bundles].reverse() : bundles;
    for (const bundle of [undefined, ...order]) {
      const started = performance.now();
      const mf = bundle
        ? new Miniflare({ ...common, scriptPath: bundle.scriptPath, modulesRoot: dirname(bundle.scriptPath) })
        : new Miniflare({ ...common, script: EMPTY_WORKER });
      try {
        await (await mf.dispatchFetch('http://localhost/live')).arrayBuffer();
        const wall = performance.now() - started;
        const [pid] = workerdPids();
        const cpu = pid ? cpuNanos(pid) / 1e6 : Number.NaN;
        // The first query, on top: the one-line worker answers it too (with nothing).
        const answer = await (await mf.dispatchFetch('http://localhost/graphql', postInit({ query }) as never)).text();
        if (bundle && !answer.includes('"data"'))
          throw new Error(`${bundle.label}, first query: ${answer.slice(0, 300)}`);
        const firstQueryCpu = (pid ? cpuNanos(pid) / 1e6 : Number.NaN) - cpu;
        measured.get(bundle?.label ?? '')?.push({ wall, cpu, firstQueryCpu });
      } finally {
        await mf.dispose();
      }
    }
    onRound?.(round + 1);
  }
  const empty = measured.get('') ?? [];
  const emptyOf = (key: keyof Run) => median(empty.map((r) => r[key]));
  const results = new Map<string, ColdStart>();
  for (const { label } of bundles) {
    const own = measured.get(label) ?? [];
    const of = (key: keyof Run) => median(own.map((r) => r[key]));
    results.set(label, {
      cpu: of('cpu') - emptyOf('cpu'),
      wall: of('wall') - emptyOf('wall'),
      firstQueryCpu: of('firstQueryCpu') - emptyOf('firstQueryCpu'),
      cpuRuns: own.map((r) => r.cpu - emptyOf('cpu')),
      bundleWall: of('wall'),
      emptyWall: emptyOf('wall'),
    });
  }
  return results;
}

/** The median (nearest rank, the lower of two middles). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length / 2) - 1)] ?? Number.NaN;
}
