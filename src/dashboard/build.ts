/**
 * Builds the dashboard from its TypeScript sources and npm packages (Observable Plot) with
 * esbuild: one minified script and one stylesheet, named by their content's hash, and the HTML
 * pages. The output is a folder of static files laid out as Cloudflare Pages serves them
 * (`dashboard.html` at `/dashboard`, `embed/funding.html` at `/embed/funding`): the edge build
 * writes it into the Pages project, and the Node server builds it into dist/ when it is missing.
 * Node-only (file system, esbuild); nothing here enters the edge function.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { dashboardPage, EMBED_CHARTS, type EmbedChart, embedPage, notFoundPage } from './pages.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WEB = join(ROOT, 'src/dashboard/web');
/** The page's JavaScript budget, gzipped (issue 15). */
export const SCRIPT_BUDGET_GZIP_BYTES = 150 * 1024;

export interface DashboardBuild {
  dir: string;
  /** Every file written, relative to `dir`. */
  files: string[];
  scriptBytes: number;
  scriptGzipBytes: number;
  styleBytes: number;
}

export async function buildDashboard(outDir: string): Promise<DashboardBuild> {
  const result = await build({
    entryPoints: [join(WEB, 'main.ts'), join(WEB, 'dashboard.css')],
    bundle: true,
    minify: true,
    format: 'esm',
    // Browsers of the last few years; keeps the output free of down-levelling helpers.
    target: ['es2022', 'chrome100', 'firefox100', 'safari15'],
    outdir: 'out',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const script = result.outputFiles.find((file) => file.path.endsWith('.js'));
  const style = result.outputFiles.find((file) => file.path.endsWith('.css'));
  if (!script || !style) throw new Error('esbuild wrote no script or stylesheet for the dashboard');
  const assets = {
    script: `/dashboard/app.${hashOf(script.contents)}.js`,
    style: `/dashboard/app.${hashOf(style.contents)}.css`,
  };
  const files = new Map<string, string | Uint8Array>([
    [assets.script.slice(1), script.contents],
    [assets.style.slice(1), style.contents],
    ['dashboard.html', dashboardPage(assets)],
    ['404.html', notFoundPage(assets)],
  ]);
  for (const chart of Object.keys(EMBED_CHARTS) as EmbedChart[]) {
    files.set(`embed/${chart}.html`, embedPage(chart, assets));
  }
  for (const [name, contents] of files) {
    await mkdir(dirname(join(outDir, name)), { recursive: true });
    await writeFile(join(outDir, name), contents);
  }
  return {
    dir: outDir,
    files: [...files.keys()].sort(),
    scriptBytes: script.contents.length,
    scriptGzipBytes: gzipSync(script.contents, { level: 9 }).length,
    styleBytes: style.contents.length,
  };
}

/**
 * The build for these sources, in `dist/dashboard/<hash of the sources>/`: made when missing (the
 * first `npm start`, or after the sources changed), reused otherwise. Written to a temporary
 * folder and renamed, so servers starting side by side never see half a build.
 */
export async function ensureDashboard(
  distDir = join(ROOT, 'dist/dashboard'),
): Promise<{ dir: string; built?: DashboardBuild }> {
  const dir = join(distDir, sourceHash());
  if (existsSync(join(dir, 'dashboard.html'))) return { dir };
  const staging = `${dir}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const built = await buildDashboard(staging);
  try {
    await rename(staging, dir);
  } catch (error) {
    // Another process finished the same build first: theirs is identical.
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(join(dir, 'dashboard.html'))) throw error;
  }
  return { dir, built: { ...built, dir } };
}

/** What the build is made of: the dashboard's sources and the locked package versions. */
function sourceHash(): string {
  const hash = createHash('sha256');
  const add = (path: string, name: string) => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) add(join(path, entry), `${name}/${entry}`);
    } else {
      hash.update(name).update(readFileSync(path));
    }
  };
  add(join(ROOT, 'src/dashboard'), 'src/dashboard');
  add(join(ROOT, 'package-lock.json'), 'package-lock.json');
  return hash.digest('hex').slice(0, 16);
}

function hashOf(contents: Uint8Array): string {
  return createHash('sha256').update(contents).digest('hex').slice(0, 12);
}
