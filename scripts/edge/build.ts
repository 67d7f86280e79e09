/**
 * `npm run build:edge`: the deployable Pages project, offline.
 * - dist/pages/graphql.html: GraphiQL, rendered now with the options Node uses, so the edge
 *   serves the same self-contained page as a static asset (it never enters the function bundle);
 * - dist/pages/dashboard.html, embed/*.html, dashboard/app.*: the dashboard (src/dashboard/build.ts),
 *   static assets like GraphiQL, and 404.html, which Pages answers for any other path;
 * - dist/pages/_routes.json: only the API's routes invoke the function;
 * - dist/functions/index.js: functions/ compiled and minified by `wrangler pages functions build
 *   --minify` (minified, the isolate parses a third of the bytes: see BENCHMARKS.md, Edge), and
 *   the same file as dist/pages/_worker.js, which `wrangler pages deploy --no-bundle` uploads as
 *   it is (Pages runs a `_worker.js` instead of compiling functions/ itself, unminified). Its raw
 *   and gzip sizes are printed (free plan: 3 MB gzip).
 * The tests and the benchmark run this same build.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { buildDashboard, type DashboardBuild } from '../../src/dashboard/build.ts';
import { EXAMPLE_OPERATIONS } from '../../src/server/example-operations.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The pinned wrangler ships workerd 1.20260426.1 (STACK.md); wrangler.toml says the same. */
export const COMPATIBILITY_DATE = '2026-04-26';
/** `request.signal` aborts when the client disconnects, so a request's work stops with it (wrangler.toml too). */
export const COMPATIBILITY_FLAGS = ['enable_request_signal'];
/** Keeps wrangler off the network (metrics, request.cf data). */
export const OFFLINE_ENV = { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };

/**
 * Which paths run the function (Pages reads `_routes.json` from the assets): the API's routes
 * only. A browser's GET /graphql still reaches the function, which hands it the GraphiQL asset.
 */
export const ROUTES = {
  version: 1,
  include: ['/graphql', '/csv', '/health', '/live', '/persisted/*'],
  exclude: [],
};

export interface EdgeBuild {
  pagesDir: string;
  scriptPath: string;
  rawBytes: number;
  gzipBytes: number;
  graphiqlBytes: number;
  dashboard: DashboardBuild;
}

export interface BuildOptions {
  /** Minify the bundle (true: what is deployed; false: only to compare, as bench:edge does). */
  minify?: boolean;
  /**
   * Write dist/pages/_worker.js, the deployed worker (true). `npm run dev:edge` leaves it out, so
   * that `wrangler pages dev` compiles functions/ itself and rebuilds it on change.
   */
  deployedWorker?: boolean;
}

export async function buildEdge(
  outDir = join(ROOT, 'dist'),
  { minify = true, deployedWorker = true }: BuildOptions = {},
): Promise<EdgeBuild> {
  const pagesDir = join(outDir, 'pages');
  const functionsDir = join(outDir, 'functions');
  // Only what this build writes: dist/dashboard (the Node server's build) stays.
  await rm(pagesDir, { recursive: true, force: true });
  await rm(functionsDir, { recursive: true, force: true });
  await mkdir(pagesDir, { recursive: true });

  // The options src/server/yoga.ts gives Yoga's GraphiQL; test/edge checks the pages match.
  const graphiql = renderGraphiQL({ title: 'Dossier', defaultQuery: EXAMPLE_OPERATIONS, shouldPersistHeaders: false });
  await writeFile(join(pagesDir, 'graphql.html'), graphiql);
  await writeFile(join(pagesDir, '_routes.json'), `${JSON.stringify(ROUTES, null, 2)}\n`);
  const dashboard = await buildDashboard(pagesDir);

  const wrangler = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');
  const args = ['pages', 'functions', 'build', 'functions', '--outdir', functionsDir, ...(minify ? ['--minify'] : [])];
  await promisify(execFile)(process.execPath, [wrangler, ...args, '--compatibility-date', COMPATIBILITY_DATE], {
    cwd: ROOT,
    env: { ...process.env, ...OFFLINE_ENV },
    timeout: 120_000,
  });
  const scriptPath = join(functionsDir, 'index.js');
  if (deployedWorker) await copyFile(scriptPath, join(pagesDir, '_worker.js'));
  const bundle = await readFile(scriptPath);
  return {
    pagesDir,
    scriptPath,
    rawBytes: bundle.length,
    gzipBytes: gzipSync(bundle).length,
    graphiqlBytes: Buffer.byteLength(graphiql),
    dashboard,
  };
}

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log('Building the Pages project into dist/ (wrangler, offline)…');
  const build = await buildEdge();
  console.log(`GraphiQL asset: ${build.pagesDir}/graphql.html (${kib(build.graphiqlBytes)}, served statically)`);
  const { dashboard } = build;
  console.log(
    `Dashboard: ${dashboard.files.length} files; script ${kib(dashboard.scriptBytes)} · gzip ${kib(dashboard.scriptGzipBytes)}`,
  );
  console.log(`Function bundle (minified): ${build.scriptPath}, deployed as ${build.pagesDir}/_worker.js`);
  console.log(`  raw ${kib(build.rawBytes)} · gzip ${kib(build.gzipBytes)} (goal <= 1024 KiB gzip)`);
}
