/**
 * The edge bundle for the tests: `npm run build:edge`'s build, made once per test run and shared
 * by the test files that run it in workerd.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEdge, type EdgeBuild, ROOT } from '../../scripts/edge/build.ts';

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
  const pagesDir = join(dir, 'pages');
  return {
    ...build,
    pagesDir,
    scriptPath: join(dir, 'functions', 'index.js'),
    dashboard: { ...build.dashboard, dir: pagesDir },
  };
}

/** Builds left in the temp folder by earlier runs, or by this run for other inputs; never a live run's. */
async function forgetOldBuilds(current: string): Promise<void> {
  for (const entry of readdirSync(tmpdir())) {
    const path = join(tmpdir(), entry);
    if (!entry.startsWith('dossier-edge-build-') || path === current || entry.includes('.')) continue;
    // Another test run still going (another checkout on this machine) may be serving its build.
    const owner = Number(entry.split('-')[3]);
    if (owner !== process.ppid && isAlive(owner)) continue;
    if (Date.now() - statSync(path).mtimeMs > LOCK_STALE_MS) await rm(path, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
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
