/**
 * Runs the wrangler-built Pages bundle inside workerd through the Miniflare API, the way Pages
 * does: the function first, the static assets (GraphiQL) behind it through `env.ASSETS`.
 * Also finds the workerd process, whose CPU time the benchmark reads from /proc.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { Miniflare } from 'miniflare';
import { buildEdge, COMPATIBILITY_DATE, type EdgeBuild, ROOT } from '../../scripts/edge/build.ts';

/** Everything the bundle is made of: a change while the run goes on gets its own build. */
const BUILD_INPUTS = [
  'functions',
  'src',
  'scripts/edge/build.ts',
  'wrangler.toml',
  'package-lock.json',
  'tsconfig.json',
];
const LOCK_STALE_MS = 180_000;

/**
 * `npm run build:edge`'s build, made once per test run and shared by the test files (parallel
 * workers, children of one vitest process): the first takes a lock and builds, the others wait.
 * Keyed by that process and the inputs, so every run — CI's too — proves the build afresh.
 */
export async function sharedEdgeBuild(): Promise<EdgeBuild> {
  const hash = createHash('sha256');
  for (const input of BUILD_INPUTS) hashTree(hash, join(ROOT, input), input);
  const dir = join(tmpdir(), `dossier-edge-build-${process.ppid}-${hash.digest('hex').slice(0, 16)}`);
  const done = join(dir, 'build.json');
  const lock = `${dir}.lock`;
  const deadline = Date.now() + LOCK_STALE_MS;
  while (!existsSync(done)) {
    try {
      await mkdir(lock); // atomic: only one worker gets it
    } catch {
      const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > LOCK_STALE_MS) await rm(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Waited ${LOCK_STALE_MS} ms for another worker's edge build`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    const staging = `${dir}.staging-${process.pid}`;
    try {
      const build = await buildEdge(staging);
      await writeFile(join(staging, 'build.json'), JSON.stringify(build));
      await rm(dir, { recursive: true, force: true });
      await rename(staging, dir);
      await forgetOldBuilds(dir);
    } finally {
      await rm(staging, { recursive: true, force: true });
      await rm(lock, { recursive: true, force: true });
    }
  }
  const build = JSON.parse(await readFile(done, 'utf8')) as EdgeBuild;
  // The build was made in a staging folder: point at where it lives now.
  return { ...build, pagesDir: join(dir, 'pages'), scriptPath: join(dir, 'functions', 'index.js') };
}

/** Builds left in the temp folder by earlier runs (a concurrent run's are younger than this). */
async function forgetOldBuilds(current: string): Promise<void> {
  for (const entry of readdirSync(tmpdir())) {
    const path = join(tmpdir(), entry);
    if (!entry.startsWith('dossier-edge-build-') || path === current || entry.includes('.')) continue;
    if (Date.now() - statSync(path).mtimeMs > LOCK_STALE_MS) await rm(path, { recursive: true, force: true });
  }
}

function hashTree(hash: ReturnType<typeof createHash>, path: string, name: string): void {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) hashTree(hash, join(path, entry), `${name}/${entry}`);
  } else {
    hash.update(name).update(readFileSync(path));
  }
}

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
    // Quiet unless a test asks for the log (test/edge/hygiene.test.ts reads it).
    bindings: { LOG_LEVEL: 'silent', ...bindings },
    // Pages runs the function ahead of the assets; the function reaches them through ASSETS.
    assets: {
      directory: build.pagesDir,
      binding: 'ASSETS',
      routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true },
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
