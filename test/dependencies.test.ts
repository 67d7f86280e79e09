/**
 * Dependencies run one way. The app (`src/`, and `functions/` over it) imports nothing from the
 * seed data, scripts, benchmarks or tests; scripts and benchmarks import nothing from the tests;
 * and no module imports itself through others (a cycle makes load order matter and every file in
 * it harder to change alone). Imports are read from the source text: static, re-exports, type-only
 * and dynamic `import('…')` alike.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FOLDERS = ['src', 'functions', 'seeds', 'scripts', 'bench', 'test'];

/** Who may not import whom: [importer folder, forbidden folders]. */
const FORBIDDEN: [string, string[]][] = [
  ['src/', ['seeds/', 'scripts/', 'bench/', 'test/', 'functions/']],
  ['functions/', ['seeds/', 'scripts/', 'bench/', 'test/']],
  ['scripts/', ['test/']],
  ['bench/', ['test/']],
];

/** Known violations, each to be deleted when its fix lands. Nothing may be added here. */
const KNOWN_EXCEPTIONS = new Set<string>();

type Graph = Map<string, string[]>;

function sourceFiles(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(ROOT, folder))) {
    const path = join(folder, entry);
    if (statSync(join(ROOT, path)).isDirectory()) files.push(...sourceFiles(path));
    else if (/\.(ts|mts|js|mjs)$/.test(entry) && !entry.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The repository-relative files a module imports (packages and node: built-ins left out). */
function importsOf(file: string, text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? match[3] ?? '';
    if (specifier.startsWith('.')) found.push(normalize(join(dirname(file), specifier)));
  }
  return found;
}

function repositoryGraph(): Graph {
  const graph: Graph = new Map();
  for (const folder of FOLDERS) {
    for (const file of sourceFiles(folder)) graph.set(file, importsOf(file, readFileSync(join(ROOT, file), 'utf8')));
  }
  return graph;
}

function forbiddenImports(graph: Graph): string[] {
  const found: string[] = [];
  for (const [file, imports] of graph) {
    for (const [from, banned] of FORBIDDEN) {
      if (!file.startsWith(from)) continue;
      for (const target of imports) if (banned.some((b) => target.startsWith(b))) found.push(`${file} -> ${target}`);
    }
  }
  return found;
}

/** Every cycle's modules, each listed once as a path that returns to its start. */
function cycles(graph: Graph): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next) && graph.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return found;
}

describe('import directions', () => {
  const graph = repositoryGraph();

  it('reads the imports of the whole repository', () => {
    expect(graph.get('src/server/yoga.ts')).toContain('src/schema/index.ts');
    expect(graph.get('functions/[[path]].ts')).toEqual(['src/server/edge.ts']);
    expect(graph.size).toBeGreaterThan(150);
  });

  it('src/ and functions/ import no seeds, scripts, benchmarks or tests; scripts and benchmarks no tests', () => {
    const violations = forbiddenImports(graph);
    expect(violations.filter((v) => !KNOWN_EXCEPTIONS.has(v))).toEqual([]);
    // An exception whose violation is gone must go too, so the list cannot hide a new one later.
    expect([...KNOWN_EXCEPTIONS].filter((e) => !violations.includes(e))).toEqual([]);
  });

  it('has no import cycles', () => {
    expect(cycles(graph).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  it('would catch a forbidden direction and a cycle (the checks themselves)', () => {
    const bad: Graph = new Map([
      ['src/a.ts', ['src/b.ts', 'test/helpers.ts']],
      ['src/b.ts', ['src/c.ts']],
      ['src/c.ts', ['src/a.ts']],
      ['bench/x.ts', ['test/fixtures/y.ts', 'src/a.ts']],
    ]);
    expect(forbiddenImports(bad)).toEqual(['src/a.ts -> test/helpers.ts', 'bench/x.ts -> test/fixtures/y.ts']);
    expect(cycles(bad)).toEqual([['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/a.ts']]);
    const text = "import type { P } from './plan.ts';\nexport { q } from '../q.ts';\nconst m = await import('./m.ts');";
    expect(importsOf('bench/harness/w.ts', text)).toEqual([
      'bench/harness/plan.ts',
      'bench/q.ts',
      'bench/harness/m.ts',
    ]);
  });
});
