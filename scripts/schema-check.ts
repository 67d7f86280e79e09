/**
 * `npm run schema:check`: walks every committed version of schema.graphql, oldest first, then the
 * schema the code prints now, and fails when any step breaks a client (scripts/schema/breaking.ts)
 * in a way the version before had not deprecated. Every step is checked, not just the last, so a
 * later commit cannot launder an earlier break. It needs the full git history: a shallow clone
 * is refused with the command that completes it.
 */
import { execFileSync } from 'node:child_process';
import { printedSchema } from '../src/schema/printed.ts';
import { undeprecatedBreaks } from './schema/breaking.ts';

const FILE = 'schema.graphql';

function git(...args: string[]): string {
  return execFileSync('git', args, {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function fail(message: string): never {
  console.error(`schema:check: ${message}`);
  process.exit(1);
}

try {
  git('rev-parse', '--is-inside-work-tree');
} catch {
  fail(`it reads the history of ${FILE} from git: run it in a clone of the repository.`);
}
if (git('rev-parse', '--is-shallow-repository').trim() === 'true') {
  fail(
    'this clone is shallow, so earlier versions of the schema are missing. Run `git fetch --unshallow` ' +
      '(on GitHub Actions: actions/checkout with `fetch-depth: 0`) and try again.',
  );
}

const commits = git('log', '--format=%H %s', '--reverse', '--', FILE).trim().split('\n').filter(Boolean);
const versions = commits.map((line) => {
  const [sha = '', ...subject] = line.split(' ');
  return { label: `${sha.slice(0, 7)} (${subject.join(' ').slice(0, 60)})`, sdl: git('show', `${sha}:${FILE}`) };
});
const printed = printedSchema();
if (versions.at(-1)?.sdl !== printed) versions.push({ label: 'the schema the code prints now', sdl: printed });

let breaches = 0;
for (let i = 1; i < versions.length; i++) {
  const before = versions[i - 1] as (typeof versions)[number];
  const after = versions[i] as (typeof versions)[number];
  for (const breach of await undeprecatedBreaks(before.sdl, after.sdl)) {
    breaches++;
    console.error(`${before.label} → ${after.label}\n  ${breach.path}: ${breach.message}, not deprecated before`);
  }
}
if (breaches) {
  fail(
    `${breaches} breaking change(s) without a deprecation in the version before. Deprecate first ` +
      '(`deprecationReason`, with a removal date), release, and remove in a later version.',
  );
}
console.log(`schema:check: ${versions.length} versions of ${FILE}, every step compatible or deprecated first.`);
