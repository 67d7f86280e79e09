/**
 * `npm run dev:edge`: the Pages project locally, as on Cloudflare but offline. Starts a `sqld`
 * (data kept in .wrangler/sqld between runs), migrates and seeds it over HTTP, writes the
 * GraphiQL asset, then runs `wrangler pages dev` (workerd, rebuilding functions/ on change)
 * against it and prints the URL. Ctrl-C stops both.
 * Env: DEV_EDGE_PORT (default 8788), SQLD_PORT (default: a free one).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildEdge, COMPATIBILITY_DATE, COMPATIBILITY_FLAGS, OFFLINE_ENV, ROOT } from './build.ts';
import { migrateAndSeed, startSqld } from './sqld.ts';

const port = Number(process.env.DEV_EDGE_PORT ?? 8788);
const sqldPort = process.env.SQLD_PORT ? Number(process.env.SQLD_PORT) : undefined;

console.log('Starting sqld (data in .wrangler/sqld)…');
const sqld = await startSqld({ dir: join(ROOT, '.wrangler/sqld'), port: sqldPort });
try {
  console.log(`sqld answers at ${sqld.url}; applying migrations and the seed over HTTP…`);
  await migrateAndSeed(sqld.url);
  console.log('Writing the GraphiQL asset and checking the functions build…');
  await buildEdge(undefined, { deployedWorker: false }); // wrangler compiles functions/ itself, on change too
} catch (error) {
  await sqld.stop();
  throw error;
}

const wrangler = spawn(
  process.execPath,
  [
    join(ROOT, 'node_modules/wrangler/bin/wrangler.js'),
    'pages',
    'dev',
    'dist/pages',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--compatibility-date',
    COMPATIBILITY_DATE,
    '--compatibility-flags',
    ...COMPATIBILITY_FLAGS,
    '--binding',
    `DATABASE_URL=${sqld.url}`,
  ],
  { cwd: ROOT, env: { ...process.env, ...OFFLINE_ENV }, stdio: ['inherit', 'pipe', 'inherit'] },
);
let announced = false;
wrangler.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (!announced && /Ready on http/.test(chunk.toString())) {
    announced = true;
    console.log(
      `\nDossier on workerd: http://127.0.0.1:${port}/graphql (GraphiQL in the browser), sqld at ${sqld.url}\n`,
    );
  }
});

const shutdown = async (code: number) => {
  wrangler.kill('SIGTERM');
  await sqld.stop();
  process.exit(code);
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => shutdown(0));
wrangler.once('exit', (code) => shutdown(code ?? 0));
