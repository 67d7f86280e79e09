/**
 * Runs the wrangler-built Pages bundle inside workerd through the Miniflare API, the way Pages
 * does: the function first, the static assets (GraphiQL) behind it through `env.ASSETS`.
 * Also finds the workerd process, whose CPU time the benchmark reads from /proc.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { Miniflare } from 'miniflare';
import { COMPATIBILITY_DATE, COMPATIBILITY_FLAGS, type EdgeBuild } from './build.ts';

export type EdgeBindings = Record<string, string>;

export async function startWorkerd(
  build: EdgeBuild,
  bindings: EdgeBindings,
  /** Receives workerd's stdout and stderr (what the function writes with `console`). */
  handleRuntimeStdio?: (stdout: Readable, stderr: Readable) => void,
): Promise<Miniflare> {
  const mf = new Miniflare({
    handleRuntimeStdio,
    scriptPath: build.scriptPath,
    modules: true,
    // Module names are paths relative to this root; the bundle may live outside the cwd.
    modulesRoot: dirname(build.scriptPath),
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags: COMPATIBILITY_FLAGS,
    // Quiet unless a test asks for the log (test/edge/hygiene.test.ts reads it); the data
    // revision read on every request, so a test sees any write at once (the benchmark passes the
    // production default).
    bindings: { LOG_LEVEL: 'silent', REVISION_CHECK_MS: '0', ...bindings },
    // Pages runs the function ahead of the assets; the function reaches them through ASSETS.
    assets: {
      directory: build.pagesDir,
      binding: 'ASSETS',
      routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true },
      // Pages answers a path with no asset with the project's 404.html (the build writes one).
      assetConfig: { not_found_handling: '404-page' },
    },
    cf: false,
  });
  await mf.ready;
  return mf;
}

/** The workerd processes this Node process started (Miniflare spawns one per instance). */
export function workerdPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may hold spaces, so split after the last ')'.
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (comm === 'workerd' && ppid === process.pid) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** CPU time of all threads of a process in nanoseconds (schedstat: ns precision, not 10 ms ticks). */
export function cpuNanos(pid: number): number {
  let total = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended while we looked
    }
  }
  return total;
}
