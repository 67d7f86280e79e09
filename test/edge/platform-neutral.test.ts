/**
 * Everything of ours that the edge bundle imports stays platform-neutral: walking the relative
 * imports from functions/, no file reads `process.env`, imports a Node built-in, or is one of
 * the Node-only modules (the Node entry, migrations from disk, the seed loader). The bundle
 * running in workerd without `nodejs_compat` proves the rest; this names the culprit early.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NODE_ONLY = ['src/server/main.ts', 'src/server/open-db.ts', 'src/server/config.ts', 'src/db/migrate.ts'];

/** Our own files reachable from the functions, through relative imports (types included). */
function edgeModules(): Map<string, string> {
  const seen = new Map<string, string>();
  const queue = readdirSync(join(ROOT, 'functions'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(ROOT, 'functions', f));
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    const source = readFileSync(file, 'utf8');
    seen.set(file, source);
    for (const [, specifier = ''] of source.matchAll(/(?:from|import)\s*['"](\.[^'"]+)['"]/g)) {
      queue.push(resolve(dirname(file), specifier));
    }
  }
  return seen;
}

describe('the edge bundle imports only platform-neutral code of ours', () => {
  const modules = edgeModules();
  const names = [...modules.keys()].map((file) => relative(ROOT, file));

  it('reaches the shared server and schema, and none of the Node-only modules', () => {
    expect(names).toContain('src/server/edge.ts');
    expect(names).toContain('src/server/yoga.ts');
    expect(names).toContain('src/schema/index.ts');
    for (const nodeOnly of NODE_ONLY) expect(names).not.toContain(nodeOnly);
    expect(names.filter((name) => name.startsWith('seeds/'))).toEqual([]);
  });

  it('leaves out the extractor and what runs it: articleIngest answers NOT_AVAILABLE_ON_EDGE there', () => {
    expect(names).toContain('src/schema/mutations/article-ingest.ts');
    expect(names).toContain('src/ingest/ingester.ts');
    const extractor = names.filter(
      (name) =>
        name.startsWith('src/extract/') || name === 'src/ingest/ingest-article.ts' || name === 'src/ingest/drafts.ts',
    );
    expect(extractor).toEqual([]);
  });

  it.each(names)('%s: no process.env, no Node built-ins, the web libSQL client only', (name) => {
    // Code only: comments may well say "no process.env".
    const source = (modules.get(join(ROOT, name)) ?? '').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    expect(source).not.toMatch(/process\.env/);
    expect(source).not.toMatch(/from\s+['"](node:|fs['"]|fs\/|path['"])/);
    // `import type` from '@libsql/client' is erased; a value import would pull in native code.
    expect(source).not.toMatch(/^import\s+(?!type\b)[^;]*from\s+['"]@libsql\/client['"]/m);
  });
});
