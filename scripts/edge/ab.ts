/**
 * `npm run bench:edge:ab -- <git ref> [--runs N]`: the edge bundle's cold start as the working tree
 * builds it against the bundle <ref> builds, taking turns (scripts/edge/cold-start.ts), for a
 * change smaller than the noise between two `npm run bench:edge` runs (on this shared machine the
 * same bundle's cold start moved by a tenth between runs an hour apart). Each tree is built by its
 * own `npm run build:edge`; the ref's tree is a git worktree in data/ab/<commit> with its own
 * packages when its lockfile differs (bench/ab/worktree.ts). The first query needs the ref to
 * accept this tree's migrations (its schema check), so refs older than the newest migration stop.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { withOwnPackages, worktreeOf } from '../../bench/ab/worktree.ts';
import { kib, OFFLINE_ENV, ROOT } from './build.ts';
import { type ColdBundle, coldStarts } from './cold-start.ts';
import { migrateAndSeed, startSqld } from './sqld.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '9' } },
});
const [ref] = positionals;
if (!ref) {
  console.error('usage: npm run bench:edge:ab -- <git ref> [--runs N]');
  process.exit(2);
}
const runs = Number(values.runs);

/** The tree's own deployable bundle: dist/functions/index.js after its `npm run build:edge`. */
function buildIn(dir: string): string {
  execFileSync('npm', ['run', '-s', 'build:edge'], {
    cwd: dir,
    env: { ...process.env, ...OFFLINE_ENV },
    stdio: 'ignore',
  });
  return join(resolve(dir), 'dist/functions/index.js');
}

const { commit, dir } = worktreeOf(ref);
withOwnPackages(dir);
console.log(`Building both bundles (the working tree, and ${commit.slice(0, 7)} in ${dir})…`);
const bundles: ColdBundle[] = [
  { label: 'working tree', scriptPath: buildIn(ROOT) },
  { label: commit.slice(0, 7), scriptPath: buildIn(dir) },
];
const sqld = await startSqld();
try {
  await migrateAndSeed(sqld.url);
  const starts = await coldStarts(bundles, runs, { DATABASE_URL: sqld.url, LOG_LEVEL: 'silent' }, (round) =>
    console.log(`  round ${round}/${runs}`),
  );
  const fmt = (ms: number) => ms.toFixed(1);
  console.log(
    `\nCold start, workerd CPU over a one-line worker's, medians of ${runs} rounds taking turns (npm run bench:edge:ab -- ${ref} --runs ${runs}):\n`,
  );
  console.log('| bundle | raw | to the first answer (ms) | first query on top (ms) | each round (ms) |');
  console.log('|---|---:|---:|---:|---|');
  for (const bundle of bundles) {
    const start = starts.get(bundle.label);
    if (!start) continue;
    const rounds = start.cpuRuns.map((cpu) => cpu.toFixed(0)).join(' ');
    console.log(
      `| ${bundle.label} | ${kib(statSync(bundle.scriptPath).size)} | ${fmt(start.cpu)} | ${fmt(start.firstQueryCpu)} | ${rounds} |`,
    );
  }
  const [tree, base] = bundles.map((b) => starts.get(b.label));
  if (tree && base)
    console.log(`\nworking tree ÷ ${commit.slice(0, 7)}: ${(tree.cpu / base.cpu).toFixed(2)} to the first answer`);
} finally {
  await sqld.stop();
}
