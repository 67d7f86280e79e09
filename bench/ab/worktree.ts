/**
 * A git ref's tree for the A/B tools (`npm run bench:ab`, `npm run bench:edge:ab`): a git worktree
 * in data/ab/<commit> (gitignored), checked out once per commit. It finds this checkout's
 * node_modules by walking up, unless it has its own (`withOwnPackages`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function worktreeOf(gitRef: string): { commit: string; dir: string } {
  const commit = execFileSync('git', ['rev-parse', '--verify', `${gitRef}^{commit}`], { encoding: 'utf8' }).trim();
  const dir = `data/ab/${commit}`;
  if (!existsSync(dir)) {
    mkdirSync('data/ab', { recursive: true });
    execFileSync('git', ['worktree', 'add', '--detach', dir, commit], { stdio: 'ignore' });
  }
  return { commit, dir };
}

/**
 * Installs the tree's own packages (`npm ci`) when its lockfile differs from this checkout's, so
 * that a build there bundles the versions that commit pinned, not ours.
 */
export function withOwnPackages(dir: string): void {
  const lock = (root: string) => readFileSync(join(root, 'package-lock.json'), 'utf8');
  if (lock(dir) === lock('.') || existsSync(join(dir, 'node_modules'))) return;
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
}
